import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'

export const root = path.resolve(import.meta.dirname, '../..')
const BUILD = path.join(root, 'build/index.js')

let nextInRange = 0

/**
 * A free TCP port: from TEST_PORTS (e.g. 3100-3199) when set, so that test
 * servers stay inside a range reserved for them, otherwise one the OS picks.
 */
export async function freePort(): Promise<number> {
  const range = process.env.TEST_PORTS?.match(/^(\d+)-(\d+)$/)
  if (!range) return listenOn(0)
  const [low, high] = [Number(range[1]), Number(range[2])]
  for (let i = 0; i <= high - low; i++) {
    const port = low + ((nextInRange++ + process.pid) % (high - low + 1))
    try {
      return await listenOn(port)
    } catch {
      // taken: try the next one
    }
  }
  throw new Error(`No free port in ${process.env.TEST_PORTS}`)
}

function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(port, '127.0.0.1', () => {
      const address = srv.address()
      const chosen = typeof address === 'object' && address ? address.port : 0
      srv.close(() => (chosen ? resolve(chosen) : reject(new Error('no port'))))
    })
  })
}

function requireBuild() {
  if (!existsSync(BUILD)) throw new Error('No build/index.js: run `npm run build` first (npm run test:server does).')
}

export type BuiltServer = Awaited<ReturnType<typeof startBuiltServer>>

/**
 * Starts `node build/index.js` as production does, on its own port and (unless
 * DATABASE_URL is given) its own embedded database, and waits until /healthz
 * answers 200. `stop` sends a signal and reports how the process ended.
 */
export async function startBuiltServer(
  options: { env?: Record<string, string | undefined>; dataDir?: string; wait?: 'healthy' | 'none'; nodeArgs?: string[] } = {},
) {
  requireBuild()
  const port = await freePort()
  const ownDataDir = !options.dataDir && !options.env?.DATABASE_URL
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'tandem-server-'))
  const url = `http://127.0.0.1:${port}`
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SESSION_COOKIE_SECURE: 'false',
    SESSION_SECRET: 'a-test-secret-that-is-long-enough-for-the-schema',
    SCHEDULER_INTERVAL_SECONDS: '1',
    ...options.env,
  }
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k]
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BUILD], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  )

  const server = {
    url,
    port,
    dataDir,
    child,
    pid: child.pid ?? 0,
    exited,
    output: () => output,
    /** Log records the server wrote as JSON lines. */
    logs: () =>
      output
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    /** Sends `signal` and waits for the exit; `ms` is the time from signal to exit. */
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      const sent = Date.now()
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      const result = await exited
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true })
      return { ...result, ms: result.at - sent }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
  if (options.wait !== 'none') {
    try {
      await waitForHealthy(child, url)
    } catch (error) {
      await server.kill()
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- server output ---\n${output.slice(-4000)}`)
    }
  }
  return server
}

async function waitForHealthy(child: ChildProcess, url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  let last = 'no answer'
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited (code ${child.exitCode}, signal ${child.signalCode})`)
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) })
      if (res.status === 200) return
      last = `status ${res.status}`
    } catch (error) {
      last = error instanceof Error ? error.message : String(error)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${url} not healthy within ${timeoutMs} ms (last: ${last})`)
}
