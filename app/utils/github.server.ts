// Reading a repository's issues from the GitHub REST API for a feature-log
// import. The token is used for the requests of one import and kept nowhere.
// Every failure becomes a GithubError with a message for the person who
// asked; nothing here throws anything else.
import { z } from 'zod'
import type { GithubIssue } from '~/domain/github-import'
import { getEnv } from './env.server'

/** The most issues one import reads (three pages): the per-issue calls grow with it. */
export const MAX_GITHUB_ISSUES = 300
const DETAIL_CONCURRENCY = 6
const TIMEOUT_MS = 15_000

export class GithubError extends Error {}

const User = z.object({ login: z.string() }).nullable().optional()
const IssueJson = z.object({
  number: z.number(),
  title: z.string(),
  body: z.string().nullable().optional(),
  html_url: z.string(),
  created_at: z.string(),
  closed_at: z.string().nullable(),
  state: z.string(),
  state_reason: z.string().nullable().optional(),
  comments: z.number().optional(),
  user: User,
  pull_request: z.unknown().optional(),
})
const CommentJson = z.object({ created_at: z.string(), user: User })
const EventJson = z.object({ event: z.string(), created_at: z.string(), assignee: User })

type Call = { token: string; base: string }

function failure(status: number, headers: Headers, what: string): GithubError {
  if (status === 401)
    return new GithubError('GitHub refused the token (401). Check it was copied whole and has not expired or been revoked.')
  if ((status === 403 || status === 429) && (headers.get('x-ratelimit-remaining') === '0' || status === 429)) {
    const reset = Number(headers.get('x-ratelimit-reset'))
    const when = Number.isFinite(reset) && reset > 0 ? ` It resets at ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC.` : ''
    return new GithubError(`GitHub’s rate limit for this token is used up (${status}).${when} Try again then.`)
  }
  if (status === 403)
    return new GithubError('GitHub refused this token access to the repository (403). Give the token read access to its issues.')
  if (status === 404)
    return new GithubError(`GitHub has no ${what} that this token can see (404). Check the name, and that the token may read it.`)
  return new GithubError(`GitHub answered ${status} for ${what}. Try again in a few minutes.`)
}

async function get(call: Call, path: string, what: string): Promise<{ body: unknown; next: string | null }> {
  // The token goes to the configured API and nowhere else, whatever a Link header says.
  if (/^https?:/i.test(path) && !path.startsWith(`${call.base}/`)) throw new GithubError(`GitHub pointed to a page outside ${call.base}.`)
  let res: Response
  try {
    res = await fetch(path.startsWith('http') ? path : `${call.base}${path}`, {
      headers: {
        Accept: 'application/vnd.github+json',
        Authorization: `Bearer ${call.token}`,
        'X-GitHub-Api-Version': '2022-11-28',
        'User-Agent': 'Tandem feature import',
      },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch {
    throw new GithubError(`GitHub could not be reached at ${call.base}. Check the network and try again.`)
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => {})
    throw failure(res.status, res.headers, what)
  }
  let body: unknown
  try {
    body = await res.json()
  } catch {
    throw new GithubError(`GitHub sent something other than JSON for ${what}.`)
  }
  return { body, next: nextLink(res.headers.get('link')) }
}

/** The rel="next" address of a Link header, if any. */
export function nextLink(header: string | null): string | null {
  for (const part of header?.split(',') ?? []) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part)
    if (match) return match[1]
  }
  return null
}

function list<T>(schema: z.ZodType<T>, body: unknown, what: string): T[] {
  const parsed = z.array(schema).safeParse(body)
  if (!parsed.success) throw new GithubError(`GitHub’s answer for ${what} was not what Tandem expected.`)
  return parsed.data
}

async function details(call: Call, repo: string, issue: z.infer<typeof IssueJson>): Promise<GithubIssue['touches']> {
  const touches: GithubIssue['touches'] = []
  if (issue.user) touches.push({ at: issue.created_at, how: 'opened the issue', login: issue.user.login })
  // The first page of each is enough: both come oldest first, and only the earliest touch counts.
  if ((issue.comments ?? 1) > 0) {
    const { body } = await get(call, `/repos/${repo}/issues/${issue.number}/comments?per_page=100`, `the comments of #${issue.number}`)
    for (const c of list(CommentJson, body, 'comments'))
      if (c.user) touches.push({ at: c.created_at, how: 'commented', login: c.user.login })
  }
  const { body } = await get(call, `/repos/${repo}/issues/${issue.number}/events?per_page=100`, `the events of #${issue.number}`)
  for (const e of list(EventJson, body, 'events')) {
    if (e.event === 'assigned' && e.assignee) touches.push({ at: e.created_at, how: 'was assigned', login: e.assignee.login })
  }
  // Only each person's first touch can decide the stage (the earliest by an engineer): keeping just those keeps the
  // carried preview well under the 1 MB form limit.
  const first = new Map<string, GithubIssue['touches'][number]>()
  for (const t of touches.sort((x, y) => x.at.localeCompare(y.at))) if (!first.has(t.login)) first.set(t.login, t)
  return [...first.values()].slice(0, 50)
}

/**
 * The repository's issues (pull requests left out), newest first as GitHub
 * lists them, with who touched each issue and when. Only closed-as-completed
 * issues are read in detail: the others cannot be imported.
 */
export async function fetchRepositoryIssues({ token, repo }: { token: string; repo: string }) {
  const call = { token, base: getEnv().GITHUB_API_URL.replace(/\/+$/, '') }
  const raw: z.infer<typeof IssueJson>[] = []
  let next: string | null = `/repos/${repo}/issues?state=all&per_page=100`
  let truncated = false
  while (next) {
    const page = await get(call, next, `repository ${repo}`)
    for (const issue of list(IssueJson, page.body, 'issues')) if (!issue.pull_request) raw.push(issue)
    next = page.next
    if (raw.length >= MAX_GITHUB_ISSUES && next) {
      truncated = true
      break
    }
  }
  const issues: GithubIssue[] = raw.slice(0, MAX_GITHUB_ISSUES).map((issue) => ({
    number: issue.number,
    title: issue.title.slice(0, 1000),
    body: (issue.body ?? '').slice(0, 500),
    url: issue.html_url.slice(0, 500),
    createdAt: issue.created_at,
    closedAt: issue.state === 'closed' ? issue.closed_at : null,
    closedAs: issue.state !== 'closed' ? 'open' : issue.state_reason === 'not_planned' ? 'not_planned' : 'completed',
    touches: [],
  }))
  const byNumber = new Map(raw.map((r) => [r.number, r]))
  const queue = issues.filter((i) => i.closedAs === 'completed')
  const worker = async () => {
    for (let issue = queue.shift(); issue; issue = queue.shift()) {
      const source = byNumber.get(issue.number)
      if (source) issue.touches = await details(call, repo, source)
    }
  }
  await Promise.all(Array.from({ length: DETAIL_CONCURRENCY }, worker))
  return { issues, truncated }
}
