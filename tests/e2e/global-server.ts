import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'

const SERVE_CLI = 'node_modules/@remix-run/serve/dist/cli.js'
const READY_TIMEOUT_MS = 60_000

/**
 * Starts the built app once for the e2e project: remix-serve on a free port,
 * a fresh embedded database in a temp DATA_DIR, production mode.
 * `npm run test:e2e` builds first; running vitest directly expects ./build.
 */
export default async function setup(project: TestProject) {
  const root = project.config.root
  const build = path.join(root, 'build/index.js')
  if (!existsSync(build)) throw new Error('No build/index.js: run `npm run build` first (or use `npm run test:e2e`).')

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-'))
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`

  const logDir = path.join(root, 'test-results')
  mkdirSync(logDir, { recursive: true })
  const logFile = path.join(logDir, 'e2e-server.log')
  const log = openSync(logFile, 'w')

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATA_DIR: dataDir,
    // Plain http on localhost: a Secure cookie would be dropped by nothing in
    // chromium, but being explicit keeps the harness independent of that rule.
    SESSION_COOKIE_SECURE: 'false',
    SCHEDULER_INTERVAL_SECONDS: '2',
    APP_URL: baseUrl,
  }
  // Always a fresh PGlite, even when the caller's shell points at PostgreSQL.
  delete env.DATABASE_URL
  delete env.SESSION_SECRET
  delete env.SMTP_URL
  delete env.VITEST
  delete env.VITEST_POOL_ID
  delete env.VITEST_WORKER_ID

  const server = spawn(process.execPath, [SERVE_CLI, './build/index.js'], {
    cwd: root,
    env,
    stdio: ['ignore', log, log],
  })
  closeSync(log)

  const stop = () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  }

  try {
    await waitForHealth(server, `${baseUrl}/healthz`)
  } catch (error) {
    stop()
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n')
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- server log (${logFile}) ---\n${tail}`)
  }

  project.provide('baseUrl', baseUrl)

  return async () => {
    // remix-serve waits out its 5 s abort timer on SIGTERM; nothing here needs a graceful exit.
    const exited = new Promise<void>((resolve) => {
      if (server.exitCode !== null || server.signalCode !== null) resolve()
      else server.once('exit', () => resolve())
    })
    server.kill('SIGKILL')
    await exited
    rmSync(dataDir, { recursive: true, force: true })
  }
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
      throw new Error(`remix-serve exited before it was healthy (code ${server.exitCode}, signal ${server.signalCode})`)
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
  }
}
