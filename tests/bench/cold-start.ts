// How long the built server takes to serve on a data dir, and how much memory it
// needs on the way: spawns `node <buildDir>/index.js` on its own port with the
// embedded database under `dataDir` (empty: a first start; used: a restart),
// times the first 200 from /healthz and from / (which follows redirects to
// onboarding or login), and reads the process's peak RSS (VmHWM). The server is
// stopped before the figures are returned. Nothing here asserts a figure.
//
//   npx tsx tests/bench/cold-start.ts [runs]   cold and warm starts of ./build
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export type ColdStart = { msToHealthy: number; msToHome: number; peakRssMb: number }

const TIMEOUT_MS = 120_000

export async function measureColdStart({ buildDir, dataDir }: { buildDir: string; dataDir: string }): Promise<ColdStart> {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  // A production start as `npm start` does it: no DATABASE_URL, no SESSION_SECRET
  // (the first start generates one in the data dir).
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SESSION_COOKIE_SECURE: 'false',
  }
  const started = performance.now()
  // The build resolves db/migrations from its working directory: the checkout.
  const child = spawn(process.execPath, [path.join(buildDir, 'index.js')], {
    cwd: path.dirname(path.resolve(buildDir)),
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    const msToHealthy = (await firstOk(`${base}/healthz`, child, started)) - started
    const msToHome = (await firstOk(`${base}/`, child, started)) - started
    const peakRssMb = peakRss(child.pid ?? 0)
    return { msToHealthy: Math.round(msToHealthy), msToHome: Math.round(msToHome), peakRssMb }
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${stderr.slice(-2000)}`)
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
}

async function firstOk(url: string, child: { exitCode: number | null; signalCode: string | null }, since: number) {
  while (performance.now() - since < TIMEOUT_MS) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (code ${child.exitCode})`)
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) })
      await res.arrayBuffer()
      if (res.status === 200) return performance.now()
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`${url} gave no 200 within ${TIMEOUT_MS} ms`)
}

/** The process's peak resident set so far, in MB (Linux). */
function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN)
  return Math.round(kb / 1024)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))))
    })
  })
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function main() {
  const runs = Number(process.argv[2] ?? 3)
  const buildDir = path.resolve('build')
  const results: Record<'cold' | 'warm', ColdStart[]> = { cold: [], warm: [] }
  for (let i = 0; i < runs; i++) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-cold-'))
    try {
      results.cold.push(await measureColdStart({ buildDir, dataDir }))
      results.warm.push(await measureColdStart({ buildDir, dataDir }))
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
  for (const [kind, list] of Object.entries(results)) {
    const row = (key: keyof ColdStart) => `${key} median ${median(list.map((r) => r[key]))} (${list.map((r) => r[key]).join(', ')})`
    console.log(`${kind}: ${row('msToHealthy')}; ${row('msToHome')}; ${row('peakRssMb')}`)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main()
