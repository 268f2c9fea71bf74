// The run's results as JSON (tests/bench/results/<date>.json) and as the
// Markdown tables the README's Performance section quotes.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { format, resolveConfig } from 'prettier'
import type { IntakeResult } from './intake'
import type { AfterWrite, DashboardRow, Measured } from './phases'
import type { Timing } from './stats'

export type Results = {
  date: string
  machine: { cores: number; cpu: string; memoryGb: number; loadBefore: number[]; loadAfter: number[] }
  node: string
  commit: string
  args: Record<string, unknown>
  seconds: number
  postgres?: {
    template: string
    templateSeconds: number
    copySeconds: number
    dashboard: DashboardRow[]
    /** the all-teams leader's default dashboard, first load after each kind of write */
    afterWrite?: { leader: string; teams: number; rows: AfterWrite[] }
    pages?: { teamPulse: Measured; autopsy: Measured }
    answerPage?: { bytes: number; gzip: number; scripts: number }
    intake: { app: IntakeResult; raw: IntakeResult; bare: IntakeResult }[]
    peakRssMb: Record<string, number>
  }
  pglite?: { cold: { seconds: number; peakRssMb: number }; warm: { seconds: number; peakRssMb: number } }
  failures: string[]
}

/** `<date><suffix>.json`; a --quick run (CI's) writes `<date>-quick.json`, which git ignores. */
export async function writeResults(dir: string, results: Results, suffix: string) {
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${results.date}${suffix}.json`)
  // As `npm run format` would leave it, so a committed result passes the format check.
  writeFileSync(file, await format(JSON.stringify(results), { ...(await resolveConfig(file)), parser: 'json', filepath: file }))
  return file
}

const kb = (bytes: number) => (bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(2)} MB` : `${(bytes / 1000).toFixed(1)} KB`)
const ms = (x: number) => `${x.toLocaleString('en', { maximumFractionDigits: x < 10 ? 1 : 0 })} ms`
const pp = (t: Timing) => `${ms(t.p50)} / ${ms(t.p95)}`

function table(head: string[], rows: string[][]) {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')
}

function dashboardTable(rows: DashboardRow[]) {
  const out: string[][] = []
  for (const r of rows) {
    const what = `${r.teams} teams, ${r.range}`
    out.push([`HTML, ${what}`, pp(r.html.timing), kb(r.html.bytes), kb(r.html.gzip), `${r.html.timing.n}`, ms(r.floor.timing.p50)])
    out.push([`JSON, ${what}`, pp(r.json.timing), kb(r.json.bytes), kb(r.json.gzip), `${r.json.timing.n}`, ''])
    const slowest = [...r.csv].sort((a, b) => b.timing.p95 - a.timing.p95)[0]
    const p50s = r.csv.map((c) => c.timing.p50)
    out.push([
      `${r.csv.length} CSVs, ${what}`,
      `${ms(Math.min(...p50s))}–${ms(Math.max(...p50s))} / ${ms(slowest.timing.p95)}`,
      kb(r.csv.reduce((s, c) => s + c.bytes, 0)),
      kb(r.csv.reduce((s, c) => s + c.gzip, 0)),
      `${Math.min(...r.csv.map((c) => c.timing.n))}+ each`,
      '',
    ])
  }
  return table(['Dashboard', 'p50 / p95', 'bytes', 'gzip', 'samples', 'SQL floor p50'], out)
}

function intakeTable(rows: { app: IntakeResult; raw: IntakeResult; bare: IntakeResult }[]) {
  return table(
    [
      'Intake',
      'answers/s',
      'POST p50 / p95 / p99',
      'raw postgres.js/s',
      'app ÷ raw',
      'answer pages/s (GET p50 / p99)',
      'page and answer/s',
      'bare HTTP/s',
      'acknowledged / stored',
    ],
    rows.map(({ app, raw, bare }) => [
      `${app.clients} clients, ${app.answers} answers`,
      `${app.perSecond}`,
      app.post ? `${ms(app.post.p50)} / ${ms(app.post.p95)} / ${ms(app.post.p99)}` : '',
      `${raw.perSecond}`,
      raw.perSecond ? (app.perSecond / raw.perSecond).toFixed(2) : '',
      app.pages && app.get ? `${app.pages.perSecond} (${ms(app.get.p50)} / ${ms(app.get.p99)})` : '',
      app.pages ? `${app.pages.visitsPerSecond}` : '',
      `${bare.perSecond}`,
      `${app.acknowledged} / ${app.stored ?? '?'}${app.duplicates ? `, ${app.duplicates} duplicates` : ''}`,
    ]),
  )
}

export function markdown(r: Results) {
  const parts = [
    `Tandem bench, ${r.date}, commit ${r.commit.slice(0, 7)}, Node ${r.node}, ${r.machine.cores} cores (${r.machine.cpu}), ` +
      `load ${r.machine.loadBefore.join('/')} before, ${r.machine.loadAfter.join('/')} after; ${JSON.stringify(r.args)}; ${r.seconds} s in all.`,
  ]
  const pg = r.postgres
  if (pg) {
    parts.push(`### PostgreSQL (template ${pg.template}: made in ${pg.templateSeconds} s, copied in ${pg.copySeconds} s)`)
    // A run of the intake phases alone (--only intake) has no dashboard to show.
    if (pg.dashboard.length) parts.push(dashboardTable(pg.dashboard))
    if (pg.afterWrite) {
      const { teams, rows } = pg.afterWrite
      parts.push(
        table(
          [`Dashboard HTML, ${teams} teams, 12 months: first load after`, 'p50 / max', 'samples'],
          rows.map((r) => [r.write, `${ms(r.timing.p50)} / ${ms(r.timing.max)}`, `${r.timing.n}`]),
        ),
      )
    }
    const others: string[][] = []
    if (pg.pages) {
      others.push(['Team pulse page', pp(pg.pages.teamPulse.timing), kb(pg.pages.teamPulse.bytes), kb(pg.pages.teamPulse.gzip)])
      others.push(['Autopsy page', pp(pg.pages.autopsy.timing), kb(pg.pages.autopsy.bytes), kb(pg.pages.autopsy.gzip)])
    }
    if (pg.answerPage) others.push(['Answer page', `${pg.answerPage.scripts} scripts`, kb(pg.answerPage.bytes), kb(pg.answerPage.gzip)])
    if (others.length) parts.push(table(['Page', 'p50 / p95', 'bytes', 'gzip'], others))
    parts.push(intakeTable(pg.intake))
    parts.push(
      table(
        ['Server peak RSS', 'MB'],
        Object.entries(pg.peakRssMb).map(([phase, mb]) => [phase, `${mb}`]),
      ),
    )
  }
  if (r.pglite) {
    parts.push('### PGlite')
    parts.push(
      table(
        ['Start', 'to /healthz 200', 'peak RSS'],
        [
          ['Cold (empty DATA_DIR)', `${r.pglite.cold.seconds} s`, `${r.pglite.cold.peakRssMb} MB`],
          ['Warm (same DATA_DIR again)', `${r.pglite.warm.seconds} s`, `${r.pglite.warm.peakRssMb} MB`],
        ],
      ),
    )
  }
  if (r.failures.length) parts.push(`**Failed:**\n${r.failures.map((f) => `- ${f}`).join('\n')}`)
  return parts.join('\n\n')
}
