// The read phases: the dashboard (HTML, loader JSON, every CSV) beside its SQL
// floor, the team pulse and autopsy pages, the answer page's weight, and the
// PGlite server's cold and warm start.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type postgres from 'postgres'
import { startBuiltServer } from '../support/built-server'
import { dashboardFloor } from './floors'
import { getOk, gzipBytes, request } from './http'
import { hwmMb, repeat, round1, rssSampler, timing, type Timing } from './stats'

export type Measured = { path: string; timing: Timing; bytes: number; gzip: number }
export type DashboardRow = {
  leader: string
  teams: number
  range: string
  html: Measured
  json: Measured
  csv: Measured[]
  floor: { timing: Timing; bytes: number }
}

export type Sampling = { min: number; max: number; budgetMs: number }

async function measure(base: string, pathname: string, cookie: string, sampling: Sampling): Promise<Measured> {
  const { timing, last } = await repeat(async () => {
    const reply = await getOk(base, pathname, cookie)
    return { ms: reply.ms, value: reply }
  }, sampling)
  return { path: pathname, timing, bytes: last.body.length, gzip: gzipBytes(last) }
}

/** The two ranges of the issue: the default twelve months, and three years to today. */
export function ranges(today: string) {
  const d = new Date(`${today}T00:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() - 3)
  d.setUTCDate(d.getUTCDate() + 1)
  return [
    { label: '12 months', query: '', from: null as string | null, to: today },
    { label: '3 years', query: `from=${d.toISOString().slice(0, 10)}&to=${today}`, from: d.toISOString().slice(0, 10), to: today },
  ]
}

const CSV_LINK = /href="(\/dashboard\.csv\?[^"]+)"/g

export async function dashboardPhase(
  base: string,
  db: postgres.Sql,
  leaders: { email: string; label: string; teams: number; cookie: string }[],
  today: string,
  sampling: Sampling,
  log: (line: string) => void,
) {
  const rows: DashboardRow[] = []
  for (const leader of leaders) {
    for (const range of ranges(today)) {
      const page = `/dashboard${range.query ? `?${range.query}` : ''}`
      const html = await measure(base, page, leader.cookie, sampling)
      const json = await measure(base, `${page}${range.query ? '&' : '?'}_data=routes/dashboard`, leader.cookie, sampling)
      const first = await getOk(base, page, leader.cookie)
      const links = [...new Set([...first.body.toString().matchAll(CSV_LINK)].map((m) => m[1].replaceAll('&amp;', '&')))]
      if (!links.length) throw new Error(`the dashboard of ${leader.email} links no CSV`)
      const csv: Measured[] = []
      for (const link of links) csv.push(await measure(base, link, leader.cookie, { ...sampling, min: Math.min(3, sampling.min) }))
      // The floor's range is the page's own: the twelve months it shows by default start on the first of a month.
      const from = range.from ?? defaultFrom(today)
      const floor = await repeat(async () => {
        const started = performance.now()
        const bytes = await dashboardFloor(db, leader.email, from, range.to)
        return { ms: performance.now() - started, value: bytes }
      }, sampling)
      rows.push({
        leader: leader.label,
        teams: leader.teams,
        range: range.label,
        html,
        json,
        csv,
        floor: { timing: floor.timing, bytes: floor.last },
      })
      log(
        `  dashboard ${leader.label} (${leader.teams} teams), ${range.label}: HTML p50 ${html.timing.p50} ms, JSON p50 ${json.timing.p50} ms, ` +
          `${csv.length} CSVs, SQL floor p50 ${floor.timing.p50} ms`,
      )
    }
  }
  return rows
}

/** As the filters' default: the twelve calendar months up to and including today's. */
function defaultFrom(today: string) {
  const [y, m] = today.split('-').map(Number)
  return new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10)
}

export async function pagesPhase(
  base: string,
  cookie: string,
  page: { teamId: string; autopsyId: string } | undefined,
  sampling: Sampling,
) {
  if (!page) throw new Error('no published autopsy in a team of bench-leader-10: the generated data has changed shape')
  return {
    teamPulse: await measure(base, `/teams/${page.teamId}/pulse`, cookie, sampling),
    autopsy: await measure(base, `/teams/${page.teamId}/autopsies/${page.autopsyId}`, cookie, sampling),
  }
}

/** The answer page as a member first sees it: its size and how many scripts it loads. */
export async function answerPageWeight(base: string, roundId: string, cookie: string) {
  const reply = await getOk(base, `/pulse/${roundId}`, cookie)
  const html = reply.body.toString()
  return { html, bytes: reply.body.length, gzip: gzipBytes(reply), scripts: (html.match(/<script\b/g) ?? []).length }
}

async function untilHealthy(url: string, child: { exitCode: number | null }, timeoutMs = 120_000) {
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before it was healthy`)
    const ok = await request(url, '/healthz', { timeoutMs: 5_000 }).then(
      (r) => r.status === 200,
      () => false,
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`${url} not healthy within ${timeoutMs} ms`)
}

/**
 * `node build/index.js` on PGlite: from spawning it on an empty DATA_DIR to
 * /healthz 200, and again on the same, now initialised, DATA_DIR; the peak
 * resident memory of each start and of its first seconds.
 */
export async function pgliteStart() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-pglite-'))
  const env = { DATABASE_URL: undefined, SCHEDULER_INTERVAL_SECONDS: '30' }
  const once = async () => {
    const started = performance.now()
    const server = await startBuiltServer({ env, dataDir, wait: 'none' })
    const rss = rssSampler(server.pid)
    try {
      await untilHealthy(server.url, server.child)
      const seconds = round1((performance.now() - started) / 1000)
      // The first sign-in page after start, as a person arriving would load it.
      await request(server.url, '/login')
      const peak = Math.max(rss.peak(), hwmMb(server.pid))
      return { seconds, peakRssMb: peak }
    } finally {
      rss.stop()
      await server.stop()
    }
  }
  try {
    const cold = await once()
    const warm = await once()
    return { cold, warm }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

export type AfterWrite = { write: string; timing: Timing }

/**
 * The dashboard's first load after a write it is computed from, as a leader
 * meets it when someone has just logged a feature or a round has just closed:
 * each sample rewrites one rollup row (the triggers move the same counters as
 * the app's own writes) and times the next page load.
 */
export async function afterWritesPhase(base: string, db: postgres.Sql, cookie: string, samples: number) {
  const writes = [
    {
      write: 'a feature logged',
      touch: () => db`update feature_rollups set features = features where ctid = (select ctid from feature_rollups limit 1)`,
    },
    {
      write: 'a round closed',
      touch: () => db`update pulse_rollups set responses = responses where ctid = (select ctid from pulse_rollups limit 1)`,
    },
  ]
  const out: AfterWrite[] = []
  await getOk(base, '/dashboard', cookie)
  for (const { write, touch } of writes) {
    const ms: number[] = []
    for (let i = 0; i < samples; i++) {
      await touch()
      ms.push((await getOk(base, '/dashboard', cookie)).ms)
    }
    out.push({ write, timing: timing(ms) })
  }
  return out
}
