import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, startBuiltServer, type BuiltServer } from '../support/built-server'
import { onboard, postForm } from '../support/http'

// Requests an attacker (or a careless client) can send, against the built server.

const METRICS_TOKEN = 'metrics-token-for-the-test-0123456789'
let server: BuiltServer
let cookie: string

beforeAll(async () => {
  server = await startBuiltServer({ env: { METRICS_TOKEN } })
  cookie = await onboard(server.url)
})
afterAll(async () => {
  await server?.kill()
})

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(new URL(path, server.url), { redirect: 'manual', headers: { cookie, ...headers }, signal: AbortSignal.timeout(20_000) })

async function teamNames() {
  const res = await get('/teams?_data=routes/teams._index')
  const data = (await res.json()) as { teams: { name: string }[] }
  return data.teams.map((t) => t.name)
}

describe('the JSON API over HTTP', () => {
  /** A personal token of the owner's, made through the account page as a browser would. */
  async function makeToken(scopes: string[]) {
    const fields = new URLSearchParams({ intent: 'create', name: 'Server test', expiresIn: '30' })
    for (const scope of scopes) fields.append('scopes', scope)
    const res = await fetch(new URL('/account/tokens?_data=routes/account_.tokens', server.url), {
      method: 'POST',
      headers: { Origin: server.url, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: fields.toString(),
    })
    expect(res.status).toBe(200)
    return ((await res.json()) as { created: { token: string } }).created.token
  }
  const api = (path: string, init: RequestInit = {}) =>
    fetch(new URL(path, server.url), { redirect: 'manual', ...init, signal: AbortSignal.timeout(20_000) })

  it('takes a bearer POST with a JSON body and no Origin (a script is no browser), answering in its own format', async () => {
    const token = await makeToken(['teams:read', 'features:write'])
    const post = await api('/api/v1/features', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'No team' }),
    })
    expect(post.status).toBe(422)
    expect(await post.json()).toEqual({
      error: { code: 'invalid', message: 'Say which team the feature belongs to.', fields: { teamId: ['teamId is required'] } },
    })
    const teams = await api('/api/v1/teams', { headers: { Authorization: `Bearer ${token}` } })
    expect(teams.status).toBe(200)
    expect(teams.headers.get('cache-control')).toBe('no-store')
  })

  it('refuses a session cookie under /api, from any origin, with a 401', async () => {
    for (const origin of [server.url, 'https://evil.example']) {
      expect((await api('/api/v1/teams', { headers: { Cookie: cookie, Origin: origin } })).status).toBe(401)
      const post = await api('/api/v1/features', {
        method: 'POST',
        headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'teamId=x&name=Forged+API',
      })
      expect(post.status).toBe(401)
      expect(((await post.json()) as { error: { code: string } }).error.code).toBe('unauthorized')
    }
  })

  it('still refuses an API body over the size limit', async () => {
    const res = await api('/api/v1/features', {
      method: 'POST',
      headers: { Authorization: `Bearer ${await makeToken(['features:write'])}`, 'Content-Type': 'application/json' },
      body: 'x'.repeat(2 * 1024 * 1024),
    })
    expect(res.status).toBe(413)
  })
})

describe('cross-site request forgery', () => {
  it('refuses an action called through ?_data= from another origin, with JSON and nothing written', async () => {
    const res = await postForm(
      server.url,
      '/teams?index&_data=routes/teams._index',
      { name: 'Forged' },
      { cookie, headers: { Origin: 'https://evil.example' } },
    )
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toContain('application/json')
    expect(JSON.parse(res.text)).toHaveProperty('error')
    expect(await teamNames()).not.toContain('Forged')
  })

  it('refuses a page POST from another origin with a plain 403 page, not a 500', async () => {
    const res = await postForm(server.url, '/teams?index', { name: 'Forged page' }, { cookie, headers: { Origin: 'http://127.0.0.1:1' } })
    expect(res.status).toBe(403)
    expect(res.text).toContain('Not allowed')
    expect(await teamNames()).not.toContain('Forged page')
  })

  it('refuses sign-in from another site (login CSRF): no session cookie is set', async () => {
    const res = await postForm(
      server.url,
      '/login',
      { email: 'ann@example.com', password: 'correct-horse-battery' },
      { headers: { Origin: 'https://evil.example' } },
    )
    expect(res.status).toBe(403)
    expect(res.headers.getSetCookie()).toEqual([])
  })

  it.each([
    ['no Origin and no Sec-Fetch-Site', {}, 403],
    ['Origin: null (a sandboxed frame)', { Origin: 'null' }, 403],
    ['Sec-Fetch-Site: cross-site without Origin', { 'Sec-Fetch-Site': 'cross-site' }, 403],
    ['Sec-Fetch-Site: same-site without Origin (a sibling subdomain)', { 'Sec-Fetch-Site': 'same-site' }, 403],
    ['Sec-Fetch-Site: same-origin without Origin', { 'Sec-Fetch-Site': 'same-origin' }, 401],
    ['Sec-Fetch-Site: none (typed by the user) without Origin', { 'Sec-Fetch-Site': 'none' }, 401],
  ])('%s → %i', async (_label, headers, status) => {
    const res = await fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: 'email=ann%40example.com&password=a-wrong-password',
    })
    expect(res.status).toBe(status)
  })

  it('accepts the same action from our own origin', async () => {
    const res = await postForm(server.url, '/teams?index', { name: 'Platform' }, { cookie })
    expect(res.status).toBe(302)
    expect(await teamNames()).toContain('Platform')
  })
})

describe('request bodies', () => {
  const post = (headers: Record<string, string>, body: BodyInit) =>
    fetch(`${server.url}/teams?index`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: server.url, cookie, ...headers },
      body,
      duplex: 'half',
    } as RequestInit)

  it('answers 413 to a body declared over 1 MB, before reading it', async () => {
    const res = await post({ 'Content-Type': 'application/x-www-form-urlencoded' }, 'name=' + 'x'.repeat(1024 * 1024 + 10))
    expect(res.status).toBe(413)
  })

  it('answers 413 to a chunked body that grows past 1 MB', async () => {
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 3 * 1024 * 1024) return controller.close()
        sent += 64 * 1024
        controller.enqueue(new Uint8Array(64 * 1024).fill(120))
      },
    })
    const res = await post({ 'Content-Type': 'application/x-www-form-urlencoded' }, stream).catch((error: unknown) => error)
    // The server answers 413 and closes; a client still sending may see the reset instead.
    if (res instanceof Response) expect(res.status).toBe(413)
    else expect(String(res)).toMatch(/fetch failed|socket|reset/i)
    expect((await get('/livez')).status).toBe(200)
  })

  it.each([
    ['application/json', '{"name":"x"}'],
    ['text/plain', 'name=x'],
    ['application/xml', '<name>x</name>'],
  ])('answers 415 to %s', async (type, body) => {
    const res = await post({ 'Content-Type': type }, body)
    expect(res.status).toBe(415)
  })

  it('answers 400 to a multipart body that cannot be parsed, and accepts a well-formed one', async () => {
    const bad = await post({ 'Content-Type': 'multipart/form-data; boundary=zzz' }, 'not multipart at all')
    expect(bad.status).toBe(400)
    const form = new FormData()
    form.set('name', 'Growth')
    const good = await fetch(`${server.url}/teams?index`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: server.url, cookie },
      body: form,
    })
    expect(good.status).toBe(302)
  })
})

function expectSecurityHeaders(res: Response) {
  const csp = res.headers.get('content-security-policy') ?? ''
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
  expect(csp).toContain("frame-ancestors 'none'")
  expect(res.headers.get('x-frame-options')).toBe('DENY')
  expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  expect(res.headers.get('referrer-policy')).toBe('same-origin')
  expect(res.headers.get('permissions-policy')).toContain('camera=()')
  expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin')
  expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  // Plain http here: no HSTS.
  expect(res.headers.get('strict-transport-security')).toBeNull()
}

describe('response headers', () => {
  it('a signed-in page: every script carries this response’s nonce, and nothing is cached', async () => {
    const res = await get('/teams')
    expect(res.status).toBe(200)
    expectSecurityHeaders(res)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1]
    const html = await res.text()
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
    const again = await get('/teams')
    expect(again.headers.get('content-security-policy')).not.toBe(res.headers.get('content-security-policy'))
  })

  it.each([
    ['loader JSON (?_data=)', '/teams?_data=routes/teams._index'],
    ['a resource route (CSV)', '/dashboard.csv?section=respect'],
    ['readiness', '/healthz'],
    ['a 404 page', '/no-such-page'],
  ])('%s has the same headers and is not cached', async (_label, path) => {
    const res = await get(path)
    expect(res.status).toBeLessThan(500)
    expectSecurityHeaders(res)
    expect(res.headers.get('cache-control')).toContain('no-store')
  })

  it('fingerprinted assets are cached for a year, other public files for an hour', async () => {
    const html = await (await get('/login', { cookie: '' })).text()
    const asset = /src="(\/build\/[^"]+\.js)"/.exec(html)?.[1] ?? /href="(\/build\/[^"]+\.css)"/.exec(html)?.[1]
    expect(asset).toBeTruthy()
    const built = await get(asset ?? '')
    expect(built.status).toBe(200)
    expect(built.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const favicon = await get('/favicon.svg')
    expect(favicon.headers.get('cache-control')).toBe('public, max-age=3600')
    expect((await get('/build/missing-file.js')).status).toBe(404)
  })
})

describe('logs and metrics', () => {
  it('log the route id, never the secret in the path, the query string or the cookie', async () => {
    const res = await get('/join/secret-invite-token-0123456789?next=secret-query-value')
    const requestId = res.headers.get('x-request-id')
    await new Promise((r) => setTimeout(r, 300))
    const line = server.logs().find((l) => l.requestId === requestId && l.msg === 'request')
    expect(line).toMatchObject({ method: 'GET', route: 'routes/join.$token', status: res.status })
    expect(typeof line?.ms).toBe('number')
    const output = server.output()
    expect(output).not.toContain('secret-invite-token')
    expect(output).not.toContain('secret-query-value')
    expect(output).not.toContain(cookie.split('=')[1]?.slice(0, 20) ?? 'no-cookie')
    expect(output).not.toContain('correct-horse-battery')
  })

  it('serve Prometheus metrics only with the bearer token', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404)
    expect((await fetch(`${server.url}/metrics`, { headers: { Authorization: 'Bearer wrong-token-of-the-same-size-xxxx' } })).status).toBe(
      404,
    )
    const res = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).toMatch(/tandem_http_request_duration_seconds_count\{route="routes\/teams._index",method="GET",status_class="2xx"\} \d+/)
    expect(text).toMatch(/tandem_db_queries_total\{driver="pglite"\} \d+/)
    expect(text).toMatch(/tandem_mail_queue_depth \d+/)
    expect(text).toMatch(/tandem_scheduler_tick_duration_seconds_count \d+/)
    expect(text).toMatch(/tandem_scheduler_tick_lag_seconds \d/)
    expect(text).toContain('tandem_db_up 1')
    expect(text).not.toContain('secret-invite-token')
  })
})

describe('behind a proxy (TRUST_PROXY=true)', () => {
  it('sends HSTS when the proxy says the request came over HTTPS; metrics only on METRICS_PORT', async () => {
    const metricsPort = await freePort()
    const proxied = await startBuiltServer({ env: { TRUST_PROXY: 'true', METRICS_PORT: String(metricsPort) } })
    try {
      const https = await fetch(`${proxied.url}/login`, { redirect: 'manual', headers: { 'X-Forwarded-Proto': 'https' } })
      expect(https.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
      const http = await fetch(`${proxied.url}/login`, { redirect: 'manual' })
      expect(http.headers.get('strict-transport-security')).toBeNull()
      expect((await fetch(`${proxied.url}/metrics`)).status).toBe(404)
      // The separate metrics port serves them without a token, and nothing else.
      const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`)
      expect(metrics.status).toBe(200)
      expect(await metrics.text()).toContain('tandem_http_request_duration_seconds')
      expect((await fetch(`http://127.0.0.1:${metricsPort}/teams`)).status).toBe(404)
    } finally {
      await proxied.kill()
    }
  })
})
