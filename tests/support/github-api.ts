// A small GitHub REST API on a random loopback port, for import tests: the
// issues list with Link-header pagination (pull requests mixed in, as GitHub
// does), each issue's comments and events, and GitHub's own failures (401
// for a bad token, 404 for a repository it does not show, 403 with
// x-ratelimit-* headers once the rate limit is used up). It serves two issues
// a page whatever per_page asks, so pagination is exercised with few issues.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type FakeIssue = {
  number: number
  title: string
  body?: string
  user: string
  created_at: string
  closed_at?: string | null
  state_reason?: 'completed' | 'not_planned' | null
  pull_request?: boolean
  comments?: { user: string; created_at: string }[]
  assigned?: { assignee: string; created_at: string }[]
}

export type FakeGithub = {
  url: string
  token: string
  /** 'ok', 'rate-limited' (403 with x-ratelimit-remaining 0), or 'down' (connections are dropped) */
  mode: 'ok' | 'rate-limited' | 'down'
  /** every path requested, in order */
  requests: string[]
  /** the Authorization headers seen */
  authorizations: Set<string>
  close(): Promise<void>
}

const PAGE = 2
export const RATE_RESET = Date.UTC(2026, 2, 2, 14, 30) / 1000

export async function startGithub(repos: Record<string, FakeIssue[]>, token = 'ghp_test_token_0123456789'): Promise<FakeGithub> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const fake: FakeGithub = { url, token, mode: 'ok', requests: [], authorizations: new Set(), close: async () => {} }
  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers })
    res.end(JSON.stringify(body))
  }
  server.on('request', (req, res) => {
    const at = new URL(req.url ?? '/', url)
    fake.requests.push(`${at.pathname}${at.search}`)
    fake.authorizations.add(req.headers.authorization ?? '')
    if (fake.mode === 'down') return req.socket.destroy()
    if (fake.mode === 'rate-limited') {
      return send(
        res,
        403,
        {
          message: 'API rate limit exceeded for user ID 1.',
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        },
        { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(RATE_RESET) },
      )
    }
    if (req.headers.authorization !== `Bearer ${fake.token}`) {
      return send(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' })
    }
    const match = /^\/repos\/([^/]+\/[^/]+)\/issues(?:\/(\d+)\/(comments|events))?$/.exec(at.pathname)
    const issues = match ? repos[match[1]] : undefined
    if (!match || !issues) return send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })
    const [, repo, number, part] = match
    const user = (login: string) => ({ login, id: login.length, type: 'User' })
    if (!number) {
      const page = Number(at.searchParams.get('page') ?? '1')
      const slice = issues.slice((page - 1) * PAGE, page * PAGE)
      const last = Math.max(1, Math.ceil(issues.length / PAGE))
      const link = (p: number, rel: string) => `<${url}/repos/${repo}/issues?state=all&per_page=100&page=${p}>; rel="${rel}"`
      const links = [page < last ? link(page + 1, 'next') : null, link(last, 'last')].filter(Boolean).join(', ')
      return send(
        res,
        200,
        slice.map((i) => ({
          number: i.number,
          title: i.title,
          body: i.body ?? null,
          html_url: `https://github.com/${repo}/${i.pull_request ? 'pull' : 'issues'}/${i.number}`,
          state: i.closed_at ? 'closed' : 'open',
          state_reason: i.closed_at ? (i.state_reason ?? 'completed') : null,
          created_at: i.created_at,
          closed_at: i.closed_at ?? null,
          comments: i.comments?.length ?? 0,
          user: user(i.user),
          ...(i.pull_request ? { pull_request: { url: `${url}/repos/${repo}/pulls/${i.number}` } } : {}),
        })),
        { Link: links },
      )
    }
    const issue = issues.find((i) => i.number === Number(number))
    if (!issue) return send(res, 404, { message: 'Not Found' })
    if (part === 'comments') {
      return send(
        res,
        200,
        (issue.comments ?? []).map((c, n) => ({ id: n + 1, body: 'Looks doable.', created_at: c.created_at, user: user(c.user) })),
      )
    }
    return send(res, 200, [
      { id: 1, event: 'labeled', created_at: issue.created_at, actor: user(issue.user) },
      ...(issue.assigned ?? []).map((a, n) => ({
        id: n + 2,
        event: 'assigned',
        created_at: a.created_at,
        actor: user(issue.user),
        assignee: user(a.assignee),
      })),
    ])
  })
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return fake
}
