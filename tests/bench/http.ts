// The bench's HTTP client: node:http with keep-alive, so it can count the bytes
// on the wire (gzip) as well as the page's own size, and time to the last byte.
// Signs in the way a browser does: POST /login from the app's own origin.
import http from 'node:http'
import { gunzipSync, gzipSync } from 'node:zlib'

export type Reply = {
  status: number
  ms: number
  /** The body, decompressed. */
  body: Buffer
  /** Bytes on the wire: gzip when the server compressed it, else the body. */
  wire: number
  gzipped: boolean
  location: string | null
  cookies: string[]
}

export function agentFor(connections: number) {
  return new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections })
}

const defaultAgent = agentFor(8)

export function request(
  base: string,
  path: string,
  {
    method = 'GET',
    cookie,
    form,
    agent = defaultAgent,
    timeoutMs = 60_000,
  }: {
    method?: string
    cookie?: string
    form?: URLSearchParams
    agent?: http.Agent
    timeoutMs?: number
  } = {},
): Promise<Reply> {
  const body = form ? Buffer.from(form.toString()) : null
  const headers: http.OutgoingHttpHeaders = { 'accept-encoding': 'gzip', accept: 'text/html,*/*' }
  if (cookie) headers.cookie = cookie
  if (body) {
    // The server refuses a POST whose Origin is not its own.
    headers.origin = base
    headers['content-type'] = 'application/x-www-form-urlencoded'
    headers['content-length'] = body.length
  }
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { method, headers, agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('error', reject)
      res.on('end', () => {
        const raw = Buffer.concat(chunks)
        const gzipped = res.headers['content-encoding'] === 'gzip'
        resolve({
          status: res.statusCode ?? 0,
          ms: performance.now() - started,
          body: gzipped ? gunzipSync(raw) : raw,
          wire: raw.length,
          gzipped,
          location: res.headers.location ?? null,
          cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]),
        })
      })
    })
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in ${timeoutMs} ms`)))
    req.on('error', reject)
    req.end(body ?? undefined)
  })
}

/** Size gzip-compressed: what the server sent, or what a compressing server would send. */
export function gzipBytes(reply: Reply) {
  return reply.gzipped ? reply.wire : gzipSync(reply.body).length
}

/** Signs in as `email` and returns the session cookie; throws when the server says no. */
export async function signIn(base: string, email: string, password: string, agent?: http.Agent) {
  const form = new URLSearchParams({ email, password, redirectTo: '/' })
  const reply = await request(base, '/login', { method: 'POST', form, agent })
  if (reply.status !== 302 && reply.status !== 303)
    throw new Error(`sign-in as ${email}: status ${reply.status}: ${reply.body.toString().slice(0, 200)}`)
  const cookie = reply.cookies.join('; ')
  if (!cookie) throw new Error(`sign-in as ${email}: no session cookie`)
  return cookie
}

/** A GET that must answer 200; its status otherwise becomes the error. */
export async function getOk(base: string, path: string, cookie: string, agent?: http.Agent) {
  const reply = await request(base, path, { cookie, agent })
  if (reply.status !== 200) throw new Error(`GET ${path}: status ${reply.status}: ${reply.body.toString().slice(0, 200)}`)
  return reply
}

const ITEM_FIELD = /name="(item-[0-9a-f-]{36})"/g

/** The answer form's fields, read from the page as a browser would, filled with answers 1–7. */
export function fillAnswerForm(html: string, n: number) {
  const items = [...new Set([...html.matchAll(ITEM_FIELD)].map((m) => m[1]))]
  const form = new URLSearchParams()
  for (const [i, name] of items.entries()) form.set(name, String(((i + n) % 7) + 1))
  if (n % 3 === 0) form.set('comment', 'We agreed on the problem before anyone wrote a spec.')
  return { form, items: items.length }
}

/** Runs `task` over `items` with at most `limit` at a time. */
export async function inParallel<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>) {
  const results: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++
        results[i] = await task(items[i], i)
      }
    }),
  )
  return results
}
