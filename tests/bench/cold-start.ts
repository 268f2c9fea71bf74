// How long the built server takes to serve on a data dir, and how much memory it
// needs on the way: spawns `node <buildDir>/index.js` on its own port with the
// embedded database under `dataDir` (empty: a first start; used: a restart),
// times the first 200 from /healthz and from / (which follows redirects to
// onboarding or login), and reads the process's peak RSS (VmHWM). The server is
// stopped before the figures are returned. Nothing here asserts a figure.
//
//   npx tsx tests/bench/cold-start.ts [runs] [buildDir…]   cold and warm starts (default ./build)
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export type ColdStart = { msToHealthy: number; msToHome: number; peakRssMb: number }

const TIMEOUT_MS = 120_000

export async function measureColdStart({ buildDir, dataDir }: { buildDir: string; dataDir: string }): Promise<ColdStart> {
  const { msToHealthy, msToHome, peakRssMb } = await measure(buildDir, dataDir)
  return { msToHealthy, msToHome, peakRssMb }
}

/** Also the process's CPU time up to its first page: on a busy machine a steadier figure than wall time. */
async function measure(buildDir: string, dataDir: string): Promise<ColdStart & { cpuMs: number }> {
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
    const { peakRssMb, cpuMs } = usage(child.pid ?? 0)
    return { msToHealthy: Math.round(msToHealthy), msToHome: Math.round(msToHome), peakRssMb, cpuMs }
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

/** The process's peak resident set so far in MB, and its CPU time (Linux). */
function usage(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN)
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // utime and stime, fields 14 and 15, in clock ticks (100 per second); the name in field 2 may hold spaces.
  const [utime, stime] = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .slice(11, 13)
    .map(Number)
  return { peakRssMb: Math.round(kb / 1024), cpuMs: (utime + stime) * 10 }
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

/** `[runs] [buildDir…]`: cold then warm starts, alternating between the builds so that each sees the same machine. */
async function main() {
  const runs = Number(process.argv[2] ?? 3)
  const builds = process.argv.length > 3 ? process.argv.slice(3).map((b) => path.resolve(b)) : [path.resolve('build')]
  type Run = ColdStart & { cpuMs: number }
  const results = new Map(builds.map((b) => [b, { cold: [] as Run[], warm: [] as Run[] }]))
  for (let i = 0; i < runs; i++) {
    for (const buildDir of builds) {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-cold-'))
      try {
        results.get(buildDir)?.cold.push(await measure(buildDir, dataDir))
        results.get(buildDir)?.warm.push(await measure(buildDir, dataDir))
      } finally {
        rmSync(dataDir, { recursive: true, force: true })
      }
    }
  }
  for (const [buildDir, byKind] of results) {
    for (const [kind, list] of Object.entries(byKind)) {
      const row = (key: keyof Run) => `${key} ${median(list.map((r) => r[key]))} (${list.map((r) => r[key]).join(', ')})`
      console.log(`${buildDir} ${kind}: ${(['msToHealthy', 'msToHome', 'peakRssMb', 'cpuMs'] as const).map(row).join('; ')}`)
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main()
