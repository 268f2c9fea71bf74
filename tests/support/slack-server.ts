// The Slack Web API methods Tandem calls, and a Microsoft Teams workflow
// webhook, on a random loopback port. Speaks Slack's protocol: POST with a
// Bearer token, form-encoded or JSON arguments, HTTP 200 with { ok, error }
// for refusals, HTTP 429 with Retry-After when rate limited. It can be taken
// down and brought back on the same port, to play an outage.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type Call = { path: string; auth: string | null; args: Record<string, unknown> }
export type Posted = { channel: string; text: string }

export type ChatServer = {
  /** base URL for SLACK_API_URL */
  slackUrl: string
  /** a Teams workflow webhook URL on this server */
  teamsUrl: string
  token: string
  /** Slack accounts by email */
  users: Map<string, string>
  channels: Map<string, { name: string; isMember: boolean; isArchived?: boolean }>
  calls: Call[]
  posted: Posted[]
  teamsPosts: unknown[]
  /** the next `times` requests get HTTP 429 with this Retry-After */
  rateLimit(times: number, retryAfterSeconds: number): void
  /** the next `times` requests (to Slack, to the webhook, or either) get this HTTP status, such as 503 */
  failWith(times: number, status: number, only?: 'slack' | 'teams'): void
  down(): Promise<void>
  up(): Promise<void>
  close(): Promise<void>
}

function readArgs(raw: string, type: string | undefined): Record<string, unknown> {
  if (type?.startsWith('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {}
  return Object.fromEntries(new URLSearchParams(raw))
}

export async function startChatServer(): Promise<ChatServer> {
  const token = 'xoxb-1111-2222-testtoken'
  const users = new Map<string, string>()
  const channels = new Map<string, { name: string; isMember: boolean; isArchived?: boolean }>()
  const calls: Call[] = []
  const posted: Posted[] = []
  const teamsPosts: unknown[] = []
  let limited = { times: 0, retryAfter: 1 }
  let failing: { times: number; status: number; only?: 'slack' | 'teams' } = { times: 0, status: 503 }

  const slack = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://acme.slack.com/', team: 'Acme Slack', team_id: 'T0001', user: 'tandem', user_id: 'UBOT' }
      case 'users.lookupByEmail': {
        const id = users.get(String(args.email ?? ''))
        return id ? { ok: true, user: { id, name: String(args.email).split('@')[0] } } : { ok: false, error: 'users_not_found' }
      }
      case 'conversations.info': {
        const c = channels.get(String(args.channel ?? ''))
        if (!c) return { ok: false, error: 'channel_not_found' }
        return {
          ok: true,
          channel: { id: args.channel, name: c.name, is_channel: true, is_member: c.isMember, is_archived: Boolean(c.isArchived) },
        }
      }
      case 'chat.postMessage': {
        const channel = String(args.channel ?? '')
        const text = String(args.text ?? '')
        if (!text) return { ok: false, error: 'no_text' }
        const c = channels.get(channel)
        if (c && !c.isMember) return { ok: false, error: 'not_in_channel' }
        if (!c && ![...users.values()].includes(channel)) return { ok: false, error: 'channel_not_found' }
        posted.push({ channel, text })
        return { ok: true, channel, ts: `${Date.now()}.000100` }
      }
      default:
        return { ok: false, error: 'unknown_method' }
    }
  }

  const server = http.createServer((req, res) => {
    let raw = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (raw += chunk))
    req.on('end', () => {
      const path = req.url ?? '/'
      const args = readArgs(raw, req.headers['content-type'])
      calls.push({ path, auth: req.headers.authorization ?? null, args })
      if (limited.times > 0) {
        limited.times--
        res.writeHead(429, { 'Retry-After': String(limited.retryAfter), 'Content-Type': 'application/json' })
        return res.end(JSON.stringify({ ok: false, error: 'ratelimited' }))
      }
      const target = path.startsWith('/teams/') ? 'teams' : 'slack'
      if (failing.times > 0 && (!failing.only || failing.only === target)) {
        failing.times--
        res.writeHead(failing.status, { 'Content-Type': 'text/plain' })
        return res.end('failing on purpose')
      }
      if (path.startsWith('/teams/')) {
        teamsPosts.push(args)
        res.writeHead(202)
        return res.end()
      }
      const method = path.replace(/^\/api\//, '')
      const answer = req.headers.authorization === `Bearer ${token}` ? slack(method, args) : { ok: false, error: 'invalid_auth' }
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify(answer))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`

  return {
    slackUrl: `${origin}/api`,
    teamsUrl: `${origin}/teams/workflows/abc123/triggers/manual?sig=secret-signature-7890`,
    token,
    users,
    channels,
    calls,
    posted,
    teamsPosts,
    rateLimit: (times, retryAfter) => (limited = { times, retryAfter }),
    failWith: (times, status, only) => (failing = { times, status, only }),
    down: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
    up: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
