import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { root, startBuiltServer, type BuiltServer } from '../support/built-server'
import { onboard, postForm, slowPost } from '../support/http'

const started: BuiltServer[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.kill()))
})

async function start(options?: Parameters<typeof startBuiltServer>[0]) {
  const server = await startBuiltServer(options)
  started.push(server)
  return server
}

describe('shutdown', () => {
  it('on SIGTERM finishes the request in flight, refuses new ones and exits within 10 s', async () => {
    const server = await start()
    const body = new URLSearchParams({ email: 'nobody@example.com', password: 'wrong-password-here' }).toString()
    let signalled!: () => void
    const signalSent = new Promise<void>((r) => (signalled = r))
    const inFlight = slowPost(server.url, '/login', body, {
      parts: 6,
      gapMs: 400,
      onStarted: () => {
        server.child.kill('SIGTERM')
        signalled()
      },
    })
    await signalSent
    const sentAt = Date.now()
    // Give the server a moment to close its listener, then try a new connection.
    await new Promise((r) => setTimeout(r, 300))
    await expect(fetch(`${server.url}/livez`, { signal: AbortSignal.timeout(3_000) })).rejects.toThrow()
    const answer = await inFlight
    // A real answer from the login action (no workspace yet: onboarding), not a cut connection.
    expect([302, 401]).toContain(answer.status)
    const exit = await server.exited
    expect(exit.code).toBe(0)
    expect(exit.at - sentAt).toBeLessThan(10_000)
    const messages = server.logs().map((l) => l.msg)
    expect(messages).toContain('shutting down')
    expect(messages.at(-1)).toBe('stopped')
  })

  it('on SIGINT stops at once when idle, keep-alive connections included', async () => {
    const server = await start()
    await fetch(`${server.url}/livez`) // leaves an idle keep-alive connection open
    const result = await server.stop('SIGINT')
    expect(result.code).toBe(0)
    expect(result.ms).toBeLessThan(3_000)
  })
})

describe('one process per embedded database', () => {
  it('refuses a second server on the same DATA_DIR, naming the first one, which keeps serving', async () => {
    const first = await start()
    const second = await startBuiltServer({ dataDir: first.dataDir, wait: 'none' })
    started.push(second)
    const exit = await second.exited
    expect(exit.code).toBe(1)
    const message = second.output().trim()
    expect(message.split('\n')).toHaveLength(1)
    expect(message).toContain(`pid ${first.pid}`)
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200)
  })

  it('db:migrate and seed:demo refuse too, while the server runs', async () => {
    const server = await start()
    const env = { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '' }
    for (const script of ['db/migrate.ts', 'db/seed-demo.ts']) {
      const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', script], { cwd: root, env, encoding: 'utf8' })
      expect(run.status, script).not.toBe(0)
      expect(run.stderr.trim(), script).toContain(`pid ${server.pid}`)
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  it('takes over the lock of a process that died, and keeps the data', async () => {
    const first = await start()
    const cookie = await onboard(first.url)
    expect(cookie).toContain('__tandem=')
    await first.kill() // SIGKILL: no chance to remove the lock
    expect(existsSync(path.join(first.dataDir, 'pglite.lock'))).toBe(true)
    const second = await start({ dataDir: first.dataDir })
    // The workspace made before the crash is there: the login page, not onboarding.
    const login = await fetch(`${second.url}/login`, { redirect: 'manual' })
    expect(login.status).toBe(200)
    const signIn = await postForm(second.url, '/login', { email: 'ann@example.com', password: 'correct-horse-battery' })
    expect(signIn.status).toBe(302)
  })
})
