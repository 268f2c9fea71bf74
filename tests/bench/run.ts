// `npm run bench`: the built app served as in production (node build/index.js,
// NODE_ENV=production) on a copy of a generated company on PostgreSQL, measured
// over HTTP beside its floors; then the PGlite server's start. Results go to
// tests/bench/results/<date>.json and a Markdown table on stdout. Exits 1 when
// a phase fails (an error, or an acknowledged answer that is not stored once).
// See README "Performance" and docs/decisions/014-the-bench.md.
import { execFileSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { freePort, startBuiltServer, type BuiltServer } from '../support/built-server'
import { copyTemplate, ensureTemplate, readFixture, root, storedFor, type Intake } from './database'
import { startBareServer } from './floors'
import { signIn } from './http'
import { appIntake, bareIntake, BENCH_PASSWORD, finish, rawIntake, signInAll, verifyStored } from './intake'
import { afterWritesPhase, answerPageWeight, dashboardPhase, pagesPhase, pgliteStart } from './phases'
import { markdown, writeResults, type Results } from './report'
import { machineLoad, rssSampler } from './stats'

const { values: flags } = parseArgs({
  options: {
    teams: { type: 'string', default: '500' },
    years: { type: 'string', default: '3' },
    quick: { type: 'boolean', default: false },
    'pg-only': { type: 'boolean', default: false },
    'pglite-only': { type: 'boolean', default: false },
    'db-prefix': { type: 'string', default: 'tandem_bench_' },
    // Only some of the PostgreSQL phases: "dashboard" (with the pages after it) or "intake".
    only: { type: 'string' },
  },
  strict: true,
})
const quick = flags.quick
const teams = quick ? 20 : Number(flags.teams)
const years = quick ? 0.25 : Number(flags.years)
const prefix = flags['db-prefix']
const only = flags.only
if (
  !Number.isInteger(teams) ||
  teams < 1 ||
  !(years > 0) ||
  !/^[a-z_][a-z0-9_]*$/.test(prefix) ||
  (only !== undefined && only !== 'dashboard' && only !== 'intake')
) {
  console.error(
    'Usage: npm run bench -- [--teams 500] [--years 3] [--quick] [--pg-only | --pglite-only] [--only dashboard|intake] [--db-prefix tandem_bench_]',
  )
  process.exit(2)
}
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
// Each intake phase: `clients` at once, each answering as `perClient` distinct members in turn.
const intakePlan = quick
  ? [
      { clients: 10, perClient: 2 },
      { clients: 20, perClient: 2 },
    ]
  : [
      { clients: 50, perClient: 6 },
      { clients: 200, perClient: 3 },
    ]
// App and raw floor each answer as their own members.
// Members who answer first, untimed, so that the timed phases meet a server
// that has run the answer path before, as any server in use has.
const warmUpMembers = quick ? 10 : 50
const intakeMembers = warmUpMembers + intakePlan.reduce((sum, p) => sum + 2 * p.clients * p.perClient, 0)
const sampling = quick ? { min: 2, max: 5, budgetMs: 200 } : { min: 5, max: 30, budgetMs: 3_000 }
const bareSeconds = quick ? 1 : 3
const today = new Date().toISOString().slice(0, 10)

const failures: string[] = []
const fail = (what: string) => failures.push(what)
const log = (line: string) => process.stderr.write(`${line}\n`)
const started = performance.now()

function commit() {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()
  } catch {
    return 'unknown'
  }
}

const before = machineLoad()
const results: Results = {
  date: today,
  machine: {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadBefore: [before.load1, before.load5],
    loadAfter: [],
  },
  node: process.versions.node,
  commit: commit(),
  args: { teams, years, quick, intakeMembers, intake: intakePlan, pgOnly: flags['pg-only'], pgliteOnly: flags['pglite-only'], only },
  seconds: 0,
  failures,
}

async function onPostgres() {
  const company = { teams, years, intake: intakeMembers, until: today }
  const template = await ensureTemplate(adminUrl, prefix, company, log)
  const copy = await copyTemplate(adminUrl, prefix, template.name)
  log(`Copied the template to ${copy.name} in ${copy.seconds.toFixed(1)} s.`)
  const db = postgres(copy.url, { max: 2, onnotice: () => {} })
  let server: BuiltServer | undefined
  try {
    const fixture = await readFixture(db)
    if (fixture.intake.length < intakeMembers)
      throw new Error(`the copy has ${fixture.intake.length} members to answer, not ${intakeMembers}`)
    server = await startBuiltServer({
      env: {
        DATABASE_URL: copy.url,
        SESSION_SECRET: 'bench-session-secret-that-is-long-enough-for-production',
        SCHEDULER_INTERVAL_SECONDS: '30',
      },
    })
    const base = server.url
    const rss = rssSampler(server.pid)
    const peakRssMb: Record<string, number> = { 'after start': rss.peak() }
    const pg: NonNullable<Results['postgres']> = {
      template: template.name,
      templateSeconds: Math.round(template.seededSeconds),
      copySeconds: Math.round(copy.seconds * 10) / 10,
      dashboard: [],
      intake: [],
      peakRssMb,
    }
    results.postgres = pg
    const phase = async (name: string, run: () => Promise<void>) => {
      rss.reset()
      log(`${name}…`)
      try {
        await run()
      } catch (error) {
        fail(`${name}: ${error instanceof Error ? error.message : String(error)}`)
      }
      peakRssMb[name] = rss.peak()
    }

    const leaderRows = await db<{ email: string; teams: number }[]>`
      select u.email, count(*)::int as teams from users u join memberships m on m.user_id = u.id and m.role = 'leader'
      where u.email in ('bench-leader-10@tandem.bench', 'bench-leader-100@tandem.bench', 'bench-leader-all@tandem.bench')
      group by u.email order by teams, u.email`
    // A leader whose team count another already covers (all of 20 teams, in --quick) is measured once.
    const leaders = leaderRows.filter((l, i) => i === 0 || l.teams !== leaderRows[i - 1].teams)
    const cookies = new Map<string, string>()
    for (const l of leaders) cookies.set(l.email, await signIn(base, l.email, BENCH_PASSWORD))

    if (only !== 'intake') await dashboardPhases()
    if (only !== 'dashboard') await intakePhases()
    rss.stop()

    async function dashboardPhases() {
      await phase('dashboard', async () => {
        const list = leaders.map((l) => ({ ...l, label: l.email.split('@')[0], cookie: cookies.get(l.email) ?? '' }))
        pg.dashboard = await dashboardPhase(base, db, list, today, sampling, log)
      })
      await phase('dashboard after a write', async () => {
        const all = leaders[leaders.length - 1]
        pg.afterWrite = {
          leader: all.email.split('@')[0],
          teams: all.teams,
          rows: await afterWritesPhase(base, db, cookies.get(all.email) ?? '', quick ? 2 : 5),
        }
      })
      await phase('team pulse and autopsy pages', async () => {
        pg.pages = await pagesPhase(base, cookies.get(leaders[0].email) ?? '', fixture.page, sampling)
      })
    }

    async function intakePhases() {
      let members: Intake[] = [...fixture.intake]
      const take = (n: number) => {
        const out = members.slice(0, n)
        members = members.slice(n)
        return out
      }
      await phase('intake warm-up', async () => {
        const warmUp = take(warmUpMembers)
        const signed = await signInAll(base, warmUp)
        const run = await appIntake(base, warmUp, signed.cookies, warmUpMembers, () => {})
        if (run.acked.length !== warmUp.length) fail(`intake warm-up: ${warmUp.length - run.acked.length} answers not acknowledged`)
      })
      let answerPageHtml = ''
      for (const { clients, perClient } of intakePlan) {
        await phase(`intake, ${clients} clients`, async () => {
          const appMembers = take(clients * perClient)
          const rawMembers = take(clients * perClient)
          const signed = await signInAll(base, appMembers)
          if (!answerPageHtml) {
            const weight = await answerPageWeight(base, appMembers[0].roundId, signed.cookies[0])
            answerPageHtml = weight.html
            pg.answerPage = { bytes: weight.bytes, gzip: weight.gzip, scripts: weight.scripts }
          }
          const items = fixture.itemsByRound.get(appMembers[0].roundId)?.length ?? 0
          const label = `intake at ${clients} clients`
          const beforeApp = await storedFor(db, appMembers)
          const app = await appIntake(base, appMembers, signed.cookies, clients, fail)
          const appStored = await verifyStored(db, appMembers, app.acked, beforeApp, items, label, fail)
          const beforeRaw = await storedFor(db, rawMembers)
          const raw = await rawIntake(copy.url, rawMembers, fixture.itemsByRound, clients)
          const rawStored = await verifyStored(db, rawMembers, raw.acked, beforeRaw, items, `raw floor at ${clients} clients`, fail)
          const bare = await startBareServer(await freePort(), answerPageHtml)
          try {
            const bareResult = await bareIntake(bare.url, answerPageHtml, clients, bareSeconds)
            pg.intake.push({
              app: finish(app.result, app.acked.length, { ...appStored, signIn: signed.timing, pages: app.pages }),
              raw: finish(raw.result, raw.acked.length, rawStored),
              bare: bareResult,
            })
            if (bareResult.errors) fail(`bare HTTP at ${clients} clients: ${bareResult.errors} errors`)
          } finally {
            await bare.stop()
          }
          log(
            `  ${app.acked.length} answers in ${app.result.seconds.toFixed(1)} s; raw floor ${raw.acked.length} in ${raw.result.seconds.toFixed(1)} s`,
          )
        })
      }
    }
  } finally {
    await server?.kill()
    await db.end()
    await copy.drop()
  }
}

try {
  if (!flags['pglite-only']) await onPostgres()
} catch (error) {
  fail(`PostgreSQL: ${error instanceof Error ? error.message : String(error)}`)
}
if (!flags['pg-only']) {
  log('PGlite cold and warm start…')
  try {
    results.pglite = await pgliteStart()
  } catch (error) {
    fail(`PGlite start: ${error instanceof Error ? error.message : String(error)}`)
  }
}

const after = machineLoad()
results.machine.loadAfter = [after.load1, after.load5]
results.seconds = Math.round((performance.now() - started) / 1000)
// A smaller company than the default gets its own file, so it never replaces the day's full run.
const suffix = `${quick ? '-quick' : teams === 500 && years === 3 ? '' : `-t${teams}-y${years}`}${only ? `-${only}` : ''}`
const file = await writeResults(path.join(root, 'tests/bench/results'), results, suffix)
console.log(markdown(results))
log(`\nResults written to ${path.relative(root, file)}.`)
if (failures.length) {
  log(`Bench failed:\n- ${failures.join('\n- ')}`)
  process.exit(1)
}
