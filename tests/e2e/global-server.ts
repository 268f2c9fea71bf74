import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'

const READY_TIMEOUT_MS = 60_000

/**
 * Starts the built server twice for the e2e project, each on a free port with its
 * own embedded database in a temp DATA_DIR, in production mode:
 * - `baseUrl`: an empty install, for the onboarding journey;
 * - `demoUrl`: an install filled by `npm run seed:demo`, for journeys that need
 *   history (an open pulse, teams with members, a year of rounds).
 * `npm run test:e2e` builds first; running vitest directly expects ./build.
 */
export default async function setup(project: TestProject) {
  const root = project.config.root
  const build = path.join(root, 'build/index.js')
  if (!existsSync(build)) throw new Error('No build/index.js: run `npm run build` first (or use `npm run test:e2e`).')
  // E2E_BASE_PORT pins the two servers to that port and the next one (for hosts that hand out port ranges); otherwise free ports.
  const base = process.env.E2E_BASE_PORT ? Number(process.env.E2E_BASE_PORT) : null
  const [fresh, demo] = await Promise.all([
    startServer(root, 'fresh', false, base),
    startServer(root, 'demo', true, base === null ? null : base + 1),
  ])
  project.provide('baseUrl', fresh.url)
  project.provide('demoUrl', demo.url)
  return async () => {
    await Promise.all([fresh.stop(), demo.stop()])
  }
}

async function startServer(root: string, name: string, seed: boolean, fixedPort: number | null) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `tandem-e2e-${name}-`))
  const port = fixedPort ?? (await freePort())
  const url = `http://127.0.0.1:${port}`
  const logDir = path.join(root, 'test-results')
  mkdirSync(logDir, { recursive: true })
  const logFile = path.join(logDir, `e2e-server-${name}.log`)

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATA_DIR: dataDir,
    // Plain http on localhost: a Secure cookie would be dropped by nothing in
    // chromium, but being explicit keeps the harness independent of that rule.
    SESSION_COOKIE_SECURE: 'false',
    SCHEDULER_INTERVAL_SECONDS: '2',
    APP_URL: url,
  }
  // Always a fresh PGlite, even when the caller's shell points at PostgreSQL.
  delete env.DATABASE_URL
  delete env.SESSION_SECRET
  delete env.SMTP_URL
  delete env.VITEST
  delete env.VITEST_POOL_ID
  delete env.VITEST_WORKER_ID

  if (seed) {
    // PGlite is single-process: seed first, then start the server on the same folder.
    const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'db/seed-demo.ts'], { cwd: root, env, encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`seed:demo failed:\n${result.stdout}\n${result.stderr}`)
  }

  const log = openSync(logFile, 'w')
  // The production server itself: build/index.js is app/server/index.ts with the app compiled in.
  const server = spawn(process.execPath, ['build/index.js'], { cwd: root, env, stdio: ['ignore', log, log] })
  closeSync(log)

  const stop = async () => {
    // A graceful stop, as in production; SIGKILL only if it hangs.
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()))
      server.kill('SIGTERM')
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dataDir, { recursive: true, force: true })
  }

  try {
    await waitForHealth(server, `${url}/healthz`)
  } catch (error) {
    await stop()
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n')
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- server log (${logFile}) ---\n${tail}`)
  }
  return { url, stop }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => (port ? resolve(port) : reject(new Error('Could not find a free port'))))
    })
  })
}

async function waitForHealth(server: ChildProcess, url: string) {
  const deadline = Date.now() + READY_TIMEOUT_MS
  let last = 'no response'
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`the server exited before it was healthy (code ${server.exitCode}, signal ${server.signalCode})`)
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) })
      if (res.status === 200) return
      last = `status ${res.status}`
    } catch (error) {
      last = error instanceof Error ? error.message : String(error)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url} was not healthy within ${READY_TIMEOUT_MS / 1000} s (last: ${last})`)
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    demoUrl: string
  }
}
