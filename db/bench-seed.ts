// `npm run bench:seed -- --teams 500 --years 3 --seed 1 --intake 400`: a
// company-scale workspace for benchmarks, demos and capacity planning. Raw rows
// are built in memory a batch of teams at a time and written with COPY, with
// the pulse rollups each closed round leaves; the feature log's rollups are
// computed from its rows by db/rebuild-derived.ts in the same transaction.
// tests/integration/bench-seed.test.ts holds every derived row to what
// db:rebuild-derived computes from the raw rows.
// Needs an empty database; on PGlite, run it while the app is stopped.
import { randomUUID } from 'node:crypto'
import { and, asc, eq, isNull } from 'drizzle-orm'
import { rebuildLogRollups } from './rebuild-derived'
import { settings, surveyItems, users, workspaces } from './schema'
import { inTransaction, openBulk, row, type BulkConnection } from './seed/bench/bulk'
import { generateFeatures } from './seed/bench/features'
import { deferIndexesAndKeys } from './seed/bench/deferred'
import { BENCH_ADMIN, BENCH_LEADERS, BENCH_PASSWORD, parseOptions, type BenchOptions } from './seed/bench/options'
import { duration, progressBar } from './seed/bench/progress'
import { generatePulse, teamMood, type Member } from './seed/bench/pulse'
import { copyTables, emptyTables, type Tables } from './seed/bench/tables'
import { planIntake, planPeople, planShape, STREAM, streamSeed, type TeamShape } from './seed/bench/teams'
import { rng } from './seed/random'
import { occurrence, type Window } from '~/domain/cadence'
import type { RoundItemRow } from '~/domain/round-results'
import { DEFAULT_DEFICIT_THRESHOLDS } from '~/domain/scoring'
import { ensureBuiltInTemplate } from '~/models/pulse/template.server'
import { hashPassword } from '~/utils/password.server'

const DAY = 86_400_000
const TIME_ZONE = 'UTC'
const OPEN_WINDOW_DAYS = 7

export type BenchSummary = {
  teams: number
  people: number
  rounds: number
  responses: number
  answers: number
  features: number
  autopsies: number
  seconds: number
}

/** The history's first Monday, `years` before `until`. */
function historyStart(untilMs: number, years: number) {
  const start = new Date(untilMs - Math.round(years * 365.25) * DAY)
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7))
  return start.toISOString().slice(0, 10)
}

async function setUp(conn: BulkConnection, startDate: string, passwordHash: string) {
  const { db } = conn
  const created = new Date(Date.parse(`${startDate}T00:00:00Z`) - DAY)
  return inTransaction(conn, async () => {
    await db.insert(settings).values({ key: 'onboarded', value: created.toISOString() }).onConflictDoNothing()
    const [workspace] = await db.insert(workspaces).values({ name: 'Bench Company', timeZone: TIME_ZONE, createdAt: created }).returning()
    const [admin] = await db
      .insert(users)
      .values({ workspaceId: workspace.id, email: BENCH_ADMIN, name: 'Bench Admin', passwordHash, isAdmin: true, createdAt: created })
      .returning()
    const leaders = await db
      .insert(users)
      .values(BENCH_LEADERS.map((l) => ({ workspaceId: workspace.id, email: l.email, name: l.name, passwordHash, createdAt: created })))
      .returning()
    const templateId = await ensureBuiltInTemplate(workspace.id, db)
    const items = await db
      .select()
      .from(surveyItems)
      .where(and(eq(surveyItems.templateId, templateId), isNull(surveyItems.retiredAt)))
      .orderBy(asc(surveyItems.position))
    return { workspace, admin, leaders: leaders.map((l, i) => ({ id: l.id, teams: BENCH_LEADERS[i].teams })), templateId, items }
  })
}

export type Plan = {
  options: BenchOptions
  workspaceId: string
  adminId: string
  leaders: { id: string; teams: number }[]
  templateId: string
  items: RoundItemRow[]
  k: number
  commentK: number
  passwordHash: string
  startDate: string
  untilMs: number
  windows: Window[]
  open: Window
  shapes: TeamShape[]
  intake: Map<number, number>
  firstPerson: number[]
  firstIntake: number[]
}

type Base = Pick<Plan, 'workspaceId' | 'adminId' | 'leaders' | 'templateId' | 'items' | 'k' | 'commentK' | 'passwordHash'>

/** Everything about the run that is the same for every team. Pure. */
export function makePlan(options: BenchOptions, base: Base): Plan {
  const untilMs = Date.parse(`${options.until}T00:00:00Z`)
  const startDate = historyStart(untilMs, options.years)
  const shapes = Array.from({ length: options.teams }, (_, i) => planShape(options.seed, i))
  const intake = planIntake(shapes, options.intake)
  const schedule = { cadence: 'weekly' as const, windowDays: 3, startDate }
  const windows: Window[] = []
  for (let i = 0; ; i++) {
    const w = occurrence(schedule, i, TIME_ZONE)
    if (w.closesAt.getTime() > untilMs) break
    windows.push(w)
  }
  const firstPerson: number[] = []
  const firstIntake: number[] = []
  let people = 1
  let members = 1
  shapes.forEach((shape, i) => {
    firstPerson.push(people)
    firstIntake.push(members)
    people += shape.size
    members += intake.get(i) ?? 0
  })
  return {
    ...base,
    options,
    startDate,
    untilMs,
    windows,
    // Opened by hand at the end of the history, for a week: the intake members' round to answer.
    open: { opensAt: new Date(untilMs), closesAt: new Date(untilMs + OPEN_WINDOW_DAYS * DAY) },
    shapes,
    intake,
    firstPerson,
    firstIntake,
  }
}

/** Team i's rows, appended to `out`. Depends only on the plan and i. */
export function generateTeam(plan: Plan, i: number, out: Tables) {
  const { options, workspaceId, startDate } = plan
  const shape = plan.shapes[i]
  const startMs = Date.parse(`${startDate}T00:00:00Z`)
  const at = new Date(startMs)
  const teamId = randomUUID()
  const programId = randomUUID()
  const people = planPeople(
    shape,
    plan.firstPerson[i],
    plan.firstIntake[i],
    plan.intake.get(i) ?? 0,
    rng(streamSeed(options.seed, i, STREAM.people)),
  )
  const members: Member[] = people.map((p) => ({ ...p, id: randomUUID() }))
  out.teams.push(row([teamId, workspaceId, shape.name, new Date(startMs - DAY)]))
  // Everyone joined when the history starts, added by the admin, as the team's change log shows.
  const join = (userId: string, discipline: string, role: string) => {
    out.memberships.push(row([randomUUID(), workspaceId, teamId, userId, discipline, role, at]))
    out.membership_events.push(row([randomUUID(), workspaceId, teamId, userId, plan.adminId, 'joined', null, `${discipline}/${role}`, at]))
  }
  for (const m of members) {
    out.users.push(row([m.id, workspaceId, m.email, m.name, plan.passwordHash, false, at]))
    join(m.id, m.discipline, m.role)
  }
  for (const leader of plan.leaders) if (i < leader.teams) join(leader.id, 'product', 'leader')
  out.pulse_programs.push(row([programId, workspaceId, teamId, plan.templateId, 'weekly', 3, startDate, true, at]))

  const pulseRandom = rng(streamSeed(options.seed, i, STREAM.pulse))
  const mood = teamMood(pulseRandom)
  const open = members.some((m) => m.intake) ? plan.open : null
  const pulse = generatePulse(
    {
      workspaceId,
      templateId: plan.templateId,
      timeZone: TIME_ZONE,
      items: plan.items,
      windows: plan.windows,
      open,
      k: plan.k,
      commentK: plan.commentK,
    },
    { id: teamId, name: shape.name, programId, members, mood },
    pulseRandom,
    out,
  )
  const facilitator = members.find((m) => m.role === 'facilitator') ?? members[0]
  // Teams that involve engineering early in their pulses also do so in their feature log.
  const collaboration = 1 / (1 + Math.exp(-(mood.base.early_involvement - 4.4) * 1.5))
  const log = generateFeatures(
    {
      workspaceId,
      items: plan.items,
      settings: { k: plan.k, commentK: plan.commentK },
      thresholds: DEFAULT_DEFICIT_THRESHOLDS,
      closed: pulse.closed,
      endMs: plan.untilMs,
    },
    { id: teamId, members, facilitator, collaboration, start: startDate, end: options.until },
    rng(streamSeed(options.seed, i, STREAM.features)),
    out,
  )
  return { id: teamId, people: members.length, ...pulse.counts, ...log }
}

export async function benchSeed(conn: BulkConnection, options: BenchOptions, { progress = true } = {}): Promise<BenchSummary> {
  const started = performance.now()
  const { db } = conn
  const [existing] = await db.select({ id: workspaces.id }).from(workspaces).limit(1)
  if (existing) {
    throw new Error(
      'This database already holds a workspace. bench:seed needs an empty one: point DATABASE_URL at a new database, or use a fresh DATA_DIR.',
    )
  }
  const untilMs = Date.parse(`${options.until}T00:00:00Z`)
  const startDate = historyStart(untilMs, options.years)
  // Checked before anything is written: too many intake members for these teams.
  planIntake(
    Array.from({ length: options.teams }, (_, i) => planShape(options.seed, i)),
    options.intake,
  )
  const passwordHash = await hashPassword(BENCH_PASSWORD)
  const base = await setUp(conn, startDate, passwordHash)
  const plan = makePlan(options, {
    workspaceId: base.workspace.id,
    adminId: base.admin.id,
    leaders: base.leaders,
    templateId: base.templateId,
    items: base.items,
    k: base.workspace.anonymityK,
    commentK: base.workspace.commentK,
    passwordHash,
  })

  const totals = { teams: 0, people: 0, rounds: 0, responses: 0, answers: 0, features: 0, autopsies: 0 }
  const bar = progress ? progressBar('Generating', options.teams) : null
  const deferred = await deferIndexesAndKeys(conn)
  try {
    for (let from = 0; from < options.teams; from += options.batch) {
      const out = emptyTables()
      const teamIds: string[] = []
      for (let i = from; i < Math.min(options.teams, from + options.batch); i++) {
        const made = generateTeam(plan, i, out)
        teamIds.push(made.id)
        totals.people += made.people
        totals.rounds += made.rounds
        totals.responses += made.responses
        totals.answers += made.answers
        totals.features += made.features
        totals.autopsies += made.autopsies
      }
      // One transaction per batch: its raw rows, with the rollups each closed round leaves (see writeRollup),
      // then the feature log's rollups computed from its rows.
      await inTransaction(conn, async () => {
        await copyTables(conn, out)
        // Statistics once the first rows exist, so the rollup queries get sensible plans; later batches scale them by table size.
        if (from === 0) await conn.exec('analyze features, autopsies, autopsy_factors')
        await rebuildLogRollups(db, { workspaceId: plan.workspaceId, teamIds })
      })
      totals.teams += teamIds.length
      bar?.update(totals.teams, `teams, ${(totals.answers / 1e6).toFixed(2)}M answers`)
    }
  } catch (error) {
    // Leave the schema whole even when the data is not.
    await deferred.restore().catch(() => {})
    throw error
  }
  bar?.finish('teams; building indexes and checking foreign keys')
  await deferred.restore()
  // Fresh statistics, as autovacuum (or the app's periodic ANALYZE on PGlite) would leave them.
  await conn.exec('analyze')
  const seconds = (performance.now() - started) / 1000
  if (progress) process.stderr.write(`Indexes, foreign keys and statistics done; ${totals.teams} teams in ${duration(seconds)}\n`)
  return { ...totals, seconds: Math.round(seconds * 10) / 10 }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')
if (isMain) {
  const started = performance.now()
  let conn: BulkConnection | undefined
  try {
    const options = parseOptions(process.argv.slice(2))
    conn = await openBulk()
    const summary = await benchSeed(conn, options)
    // Seconds for the whole command, opening and migrating the database included.
    const seconds = Math.round((performance.now() - started) / 100) / 10
    const rate = (n: number) => Math.round(n / seconds).toLocaleString('en')
    console.error(
      `${conn.driver}: ${summary.people} people; ${rate(summary.answers)} answers/s, ${rate(summary.responses + summary.answers)} responses and answers/s`,
    )
    console.error(
      `Sign-ins (password ${BENCH_PASSWORD}): ${BENCH_ADMIN}, ${BENCH_LEADERS.map((l) => l.email).join(', ')}${options.intake ? `, bench-member-1…${options.intake}@tandem.bench` : ''}`,
    )
    console.log(
      JSON.stringify({
        teams: summary.teams,
        rounds: summary.rounds,
        responses: summary.responses,
        answers: summary.answers,
        features: summary.features,
        autopsies: summary.autopsies,
        seconds,
      }),
    )
  } catch (error) {
    process.stderr.write('\n')
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  } finally {
    await conn?.close()
  }
}
