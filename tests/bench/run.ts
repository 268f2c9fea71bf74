// `npm run bench`: how the trend read paths scale with history. It builds a
// workspace of TEAMS teams with YEARS years of biweekly rounds directly as
// rollup rows (what closed rounds leave behind), then times the loaders that
// read them. Figures go to stdout; nothing here runs in `npm test`.
import { performance } from 'node:perf_hooks'
import { sql } from 'drizzle-orm'
import { connectPglite, connectPostgres, useConnection, type Connection } from '../../db/client.server'
import { featureRollups, pulseRollups, rounds, surveyTemplates, teams, users, workspaces } from '../../db/schema'
import { DISCIPLINES } from '~/domain/disciplines'
import { DIMENSION_KEYS } from '~/domain/instrument'
import { leaderSnapshot } from '~/models/snapshots.server'
import { defaultRange } from '~/domain/dashboard/filters'
import { getDashboard } from '~/models/dashboard/dashboard.server'

const TEAMS = Number(process.env.BENCH_TEAMS ?? 300)
const YEARS = Number(process.env.BENCH_YEARS ?? 3)
const RUNS = Number(process.env.BENCH_RUNS ?? 10)

async function connect(): Promise<Connection> {
  const url = process.env.DATABASE_URL
  if (!url) return connectPglite()
  // A throwaway database so the bench never touches real data.
  const admin = await connectPostgres(url, { migrate: false, max: 1 })
  const name = `tandem_bench_${process.pid}`
  await admin.db.execute(sql.raw(`create database ${name}`))
  const u = new URL(url)
  u.pathname = `/${name}`
  const conn = await connectPostgres(u.toString())
  return {
    ...conn,
    close: async () => {
      await conn.close()
      await admin.db.execute(sql.raw(`drop database ${name} with (force)`))
      await admin.close()
    },
  }
}

async function time(label: string, fn: () => Promise<unknown>) {
  await fn() // warm
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    await fn()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(1)
  console.log(`${label.padEnd(46)} median ${p(0.5).padStart(8)} ms   p90 ${p(0.9).padStart(8)} ms`)
}

const conn = await connect()
useConnection(conn)
const db = conn.db
const started = performance.now()
const [ws] = await db.insert(workspaces).values({ name: 'Bench' }).returning()
const [template] = await db.insert(surveyTemplates).values({ workspaceId: ws.id, name: 'Bench' }).returning()
const [admin] = await db
  .insert(users)
  .values({ workspaceId: ws.id, email: 'bench@example.com', name: 'Bench', passwordHash: 'x', isAdmin: true })
  .returning()
const teamRows = await db
  .insert(teams)
  .values(Array.from({ length: TEAMS }, (_, i) => ({ workspaceId: ws.id, name: `Team ${i + 1}` })))
  .returning()
const roundsPerTeam = YEARS * 26
const now = Date.now()
let cellRows = 0
for (const team of teamRows) {
  const roundValues = Array.from({ length: roundsPerTeam }, (_, r) => {
    const opensAt = new Date(now - (roundsPerTeam - r) * 14 * 86_400_000)
    return {
      workspaceId: ws.id,
      teamId: team.id,
      templateId: template.id,
      status: 'closed' as const,
      opensAt,
      closesAt: new Date(opensAt.getTime() + 3 * 86_400_000),
      closedAt: new Date(opensAt.getTime() + 3 * 86_400_000),
      eligibleCount: 12,
    }
  })
  const made = await db.insert(rounds).values(roundValues).returning({ id: rounds.id, closedAt: rounds.closedAt })
  const cells = made.flatMap((round) =>
    DISCIPLINES.flatMap((discipline, d) =>
      DIMENSION_KEYS.map((dimension, k) => {
        const responses = [4, 5, 1, 0][d]
        return {
          workspaceId: ws.id,
          teamId: team.id,
          roundId: round.id,
          closedAt: round.closedAt ?? new Date(),
          discipline,
          dimension,
          responses,
          scoreSum: responses * (4 + ((k + d) % 3)),
          scored: responses,
        }
      }).filter((c) => c.responses > 0),
    ),
  )
  for (let i = 0; i < cells.length; i += 2000) await db.insert(pulseRollups).values(cells.slice(i, i + 2000))
  cellRows += cells.length
  const months = Array.from({ length: YEARS * 12 }, (_, m) => {
    const d = new Date(now - m * 30 * 86_400_000)
    return {
      workspaceId: ws.id,
      teamId: team.id,
      month: `${d.toISOString().slice(0, 7)}-01`,
      features: 3,
      missed: m % 4 === 0 ? 1 : 0,
      differentWithoutUpset: 1,
      engineeringBeforeSpec: 2,
      handoff: 1,
      collaboration: 2,
      specWords: [300, 800, 1500],
    }
  })
  await db.insert(featureRollups).values(months).onConflictDoNothing()
}
// As after autovacuum on PostgreSQL, or the app's periodic ANALYZE on PGlite.
await db.execute(sql`analyze`)
console.log(
  `Built ${TEAMS} teams × ${roundsPerTeam} rounds (${cellRows} rollup cells) on ${conn.driver} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
)

const allTeams = teamRows.map((t) => t.id)
await time(`leaderSnapshot, ${TEAMS} teams`, () => leaderSnapshot({ workspaceId: ws.id, teamIds: allTeams, viewerId: null }))
await time('leaderSnapshot, 10 teams', () => leaderSnapshot({ workspaceId: ws.id, teamIds: allTeams.slice(0, 10), viewerId: null }))
const viewer = { id: admin.id, workspaceId: ws.id, isAdmin: true }
const today = new Date().toISOString().slice(0, 10)
const year = defaultRange(today)
await time(`dashboard, ${TEAMS} teams, 12 months by month`, () =>
  getDashboard({ viewer, filters: { ...year, teamIds: [], discipline: null, period: 'month' } }),
)
await time(`dashboard, ${TEAMS} teams, 12 months, engineering`, () =>
  getDashboard({ viewer, filters: { ...year, teamIds: [], discipline: 'engineering', period: 'month' } }),
)
const threeYears = { from: new Date(Date.now() - 1090 * 86_400_000).toISOString().slice(0, 10), to: today }
await time(`dashboard, ${TEAMS} teams, 3 years by quarter`, () =>
  getDashboard({ viewer, filters: { ...threeYears, teamIds: [], discipline: null, period: 'quarter' } }),
)
await time('dashboard, 10 teams, 12 months by month', () =>
  getDashboard({ viewer, filters: { ...year, teamIds: allTeams.slice(0, 10), discipline: null, period: 'month' } }),
)
await conn.close()
