import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBuiltServer, type BuiltServer } from '../support/built-server'
import { onboard, postForm } from '../support/http'
import { createScratchDatabase, databaseUrl } from '../support/postgres'
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy'

// PostgreSQL "restarts" between the app and the database: a proxy resets every
// connection and refuses new ones, then lets them through again.

let db: Awaited<ReturnType<typeof createScratchDatabase>>
let proxy: TcpProxy
let server: BuiltServer
let cookie: string

beforeAll(async () => {
  db = await createScratchDatabase()
  proxy = await startTcpProxy({ host: db.host, port: db.port })
  server = await startBuiltServer({ env: { DATABASE_URL: databaseUrl(db.name, { host: '127.0.0.1', port: proxy.port }) } })
  cookie = await onboard(server.url)
})

afterAll(async () => {
  if (server && server.child.exitCode !== null) console.log(server.output().slice(-6000))
  await server?.kill()
  await proxy?.close()
  await db?.drop()
})

async function timed(path: string, init: RequestInit = {}) {
  const started = Date.now()
  const res = await fetch(`${server.url}${path}`, { redirect: 'manual', ...init, signal: AbortSignal.timeout(20_000) })
  const text = await res.text()
  return { status: res.status, text, ms: Date.now() - started }
}

const page = () => timed('/teams', { headers: { cookie } })

async function waitForRecovery() {
  const started = Date.now()
  for (;;) {
    const res = await page()
    if (res.status === 200) return Date.now() - started
    expect(res.status).toBe(503)
    if (Date.now() - started > 20_000) throw new Error('not back within 20 s')
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('a PostgreSQL outage', () => {
  it('answers 503 within 5 s while the database is away, and serves again by itself once it is back', async () => {
    expect((await page()).status).toBe(200)
    proxy.cut()
    const during = [await page(), await timed('/healthz'), await page()]
    for (const res of during) {
      expect(res.status).toBe(503)
      expect(res.ms).toBeLessThan(5_000)
    }
    expect(during[0].text).toContain('Tandem is unavailable')
    expect(JSON.parse(during[1].text)).toMatchObject({ database: 'down' })
    // Liveness is about the process, not the database.
    expect((await timed('/livez')).status).toBe(200)
    // A write during the outage is refused the same way, never half-done.
    const write = await postForm(server.url, '/teams?index', { intent: 'create', name: 'During outage' }, { cookie })
    expect(write.status).toBe(503)

    await new Promise((r) => setTimeout(r, 2_000))
    proxy.restore()
    const recoveryMs = await waitForRecovery()
    expect(recoveryMs).toBeLessThan(15_000)
    expect((await timed('/healthz')).status).toBe(200)
    const after = await timed('/teams', { headers: { cookie } })
    expect(after.text).not.toContain('During outage')
  })

  it('survives repeated restarts under concurrent requests (the driver used to crash the process)', async () => {
    let stop = false
    const statuses = new Map<number, number>()
    const workers = Array.from({ length: 12 }, async (_, i) => {
      while (!stop) {
        const res =
          i % 3 === 0
            ? await postForm(server.url, '/teams?index', { intent: 'create', name: `Team ${Math.random()}` }, { cookie }).catch(() => ({
                status: -1,
              }))
            : await page().catch(() => ({ status: -1 }))
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
      }
    })
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 400))
      proxy.cut()
      await new Promise((r) => setTimeout(r, 300))
      proxy.restore()
    }
    await waitForRecovery()
    stop = true
    await Promise.all(workers)
    expect(server.child.exitCode).toBeNull()
    // Only answers a user can act on: pages, redirects after a write, and 503s. No 500, no cut connection.
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([200]))
    for (const status of statuses.keys()) expect([200, 302, 303, 503]).toContain(status)
    expect(server.output()).not.toMatch(/TypeError|uncaught/i)
  })
})
