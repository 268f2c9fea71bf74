import { readFileSync } from 'node:fs'
import { asc, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { benchSeed, type BenchSummary } from '../../db/bench-seed'
import { connectPglite, getConnection, getDb, useConnection } from '../../db/client.server'
import { rebuildDerived, rowsOf } from '../../db/rebuild-derived'
import { openBulk, pgliteBulk, type BulkConnection } from '../../db/seed/bench/bulk'
import { BENCH_ADMIN, BENCH_LEADERS, BENCH_PASSWORD, benchMemberEmail, parseOptions } from '../../db/seed/bench/options'
import { autopsyRollups, featureRollups, memberships, pulseRollups, users } from '../../db/schema'
import { getPulseForAnswer, listPendingPulses, submitResponse } from '~/models/pulse/answering.server'
import { verifyLogin } from '~/models/user.server'

const INTAKE = 8
let bulk: BulkConnection
let restore: () => Promise<void>
let summary: BenchSummary
let indexesBefore: string[]

/** Every index and constraint definition of the schema, to see the load set none aside for good. */
async function indexes() {
  const rows = await bulk.query<{ def: string }>(`
    select pg_get_indexdef(indexrelid) as def from pg_index x join pg_class c on c.oid = x.indrelid where c.relnamespace = current_schema()::regnamespace
    union all
    select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint where connamespace = current_schema()::regnamespace
    order by 1`)
  return rows.map((r) => r.def)
}

// The generator needs one session of its own: a second connection to this
// file's PostgreSQL database, or (PGlite) a fresh copy of the migrated template
// that the app's models then read too.
beforeAll(async () => {
  const url = process.env.TEST_DATABASE_URL
  if (url) {
    bulk = await openBulk({ url })
    restore = () => bulk.close()
  } else {
    const file = inject('pgliteTemplate')
    if (!file) throw new Error('No PGlite template')
    const original = await getConnection()
    const conn = await connectPglite({ loadDataDir: new Blob([readFileSync(file)]), migrate: false })
    useConnection(conn)
    bulk = pgliteBulk(conn)
    restore = async () => {
      useConnection(original)
      await bulk.close()
    }
  }
  indexesBefore = await indexes()
  const options = parseOptions(['--teams', '3', '--years', String(2 / 12), '--seed', '7', '--intake', String(INTAKE), '--batch', '2'])
  summary = await benchSeed(bulk, options, { progress: false })
}, 120_000)

afterAll(async () => {
  await restore?.()
})

async function count(query: ReturnType<typeof sql>) {
  const db = await getDb()
  return Number(rowsOf<{ n: number | string }>(await db.execute(query))[0].n)
}

describe('bench:seed at a tiny size', () => {
  it('writes the company it reports, with every round as the app leaves it', async () => {
    expect(summary.teams).toBe(3)
    expect(summary.rounds).toBe(await count(sql`select count(*) as n from rounds`))
    expect(summary.responses).toBe(await count(sql`select count(*) as n from responses`))
    expect(summary.answers).toBe(await count(sql`select count(*) as n from answers`))
    expect(summary.features).toBe(await count(sql`select count(*) as n from features`))
    expect(summary.autopsies).toBe(await count(sql`select count(*) as n from autopsies where stage = 'published'`))
    expect(summary.autopsies).toBe(await count(sql`select count(*) as n from autopsies`))
    // About nine weekly rounds in two months, per team, plus one open round per team with intake members.
    expect(summary.rounds).toBeGreaterThanOrEqual(3 * 8)
    // Every item answered, a participation for every response, eligible = roster.
    expect(summary.answers).toBe(summary.responses * 14)
    // A participation for every response; a closed round below its threshold keeps its participations but no response.
    expect(
      await count(sql`select count(*) as n from rounds ro where exists (select 1 from responses r where r.round_id = ro.id)
        and (select count(*) from responses r where r.round_id = ro.id) <> (select count(*) from participations p where p.round_id = ro.id)`),
    ).toBe(0)
    expect(
      await count(sql`select count(*) as n from rounds ro where ro.status = 'closed' and (select count(*) from participations p where p.round_id = ro.id) < 5
      and exists (select 1 from responses r where r.round_id = ro.id)`),
    ).toBe(0)
    expect(
      await count(
        sql`select count(*) as n from rounds r where eligible_count <> (select count(*) from round_roster rr where rr.round_id = r.id)`,
      ),
    ).toBe(0)
    expect(
      await count(sql`select count(*) as n from rounds r where (select count(*) from round_items ri where ri.round_id = r.id) <> 14`),
    ).toBe(0)
    expect(await count(sql`select count(*) as n from rounds where status = 'closed' and (anonymity_k <> 5 or comment_k <> 7)`)).toBe(0)
    // A response counts under its author's roster discipline: per round and discipline, never more responses than people.
    expect(
      await count(sql`select count(*) as n from (
        select r.round_id, r.discipline, count(*) as c from responses r where r.discipline <> 'rest' group by 1, 2
      ) x where c > (select count(*) from round_roster rr where rr.round_id = x.round_id and rr.discipline = x.discipline)`),
    ).toBe(0)
    // As closing leaves it: no group in a closed round smaller than its threshold.
    expect(
      await count(sql`select count(*) as n from (
        select r.round_id, r.discipline, count(*) as c, ro.anonymity_k as k from responses r join rounds ro on ro.id = r.round_id
        where ro.status = 'closed' group by 1, 2, 4
      ) x where c < k`),
    ).toBe(0)
    // Everyone on a team joined it, as its change log shows.
    expect(await count(sql`select count(*) as n from membership_events where kind = 'joined'`)).toBe(
      await count(sql`select count(*) as n from memberships`),
    )
    // The rule in ~/domain/classification, and autopsies with their parts.
    expect(
      await count(
        sql`select count(*) as n from features where classification = 'handoff' and engineering_joined_stage in ('discovery', 'framing', 'ideation', 'spec')`,
      ),
    ).toBe(0)
    expect(
      await count(sql`select count(*) as n from autopsies a where (select count(*) from autopsy_stages s where s.autopsy_id = a.id) <> 9`),
    ).toBe(0)
    expect(
      await count(sql`select count(*) as n from autopsies a where not exists (select 1 from autopsy_factors f where f.autopsy_id = a.id)`),
    ).toBe(0)
    expect(
      await count(
        sql`select count(*) as n from autopsies a where gate_state is null or published_at is null or failure_origin_stage is null`,
      ),
    ).toBe(0)
  })

  it('ends with every index and constraint the migrations made', async () => {
    expect(indexesBefore.some((d) => d.includes('answers_response_id_item_id_pk'))).toBe(true)
    expect(await indexes()).toEqual(indexesBefore)
  })

  it('leaves derived tables equal to a rebuild from its raw rows', async () => {
    const db = await getDb()
    const snapshot = async () => ({
      pulse: await db
        .select()
        .from(pulseRollups)
        .orderBy(asc(pulseRollups.roundId), asc(pulseRollups.discipline), asc(pulseRollups.dimension)),
      features: await db.select().from(featureRollups).orderBy(asc(featureRollups.teamId), asc(featureRollups.month)),
      autopsies: await db
        .select()
        .from(autopsyRollups)
        .orderBy(asc(autopsyRollups.teamId), asc(autopsyRollups.month), asc(autopsyRollups.kind), asc(autopsyRollups.key)),
    })
    const generated = await snapshot()
    // Each closed round that kept answers has its cells; the open rounds have none yet.
    expect(new Set(generated.pulse.map((c) => c.roundId)).size).toBe(
      await count(
        sql`select count(*) as n from rounds ro where status = 'closed' and exists (select 1 from responses r where r.round_id = ro.id)`,
      ),
    )
    expect(generated.features.reduce((n, m) => n + m.features, 0)).toBe(summary.features)
    await db.execute(sql`delete from pulse_rollups`)
    await db.execute(sql`delete from feature_rollups`)
    await db.execute(sql`delete from autopsy_rollups`)
    await rebuildDerived(db, { progress: false })
    expect(await snapshot()).toEqual(generated)
  })

  it('gives the bench sign-ins, and each intake member exactly one open round to answer', async () => {
    for (const email of [BENCH_ADMIN, ...BENCH_LEADERS.map((l) => l.email), benchMemberEmail(1), benchMemberEmail(INTAKE)]) {
      expect(await verifyLogin(email, BENCH_PASSWORD), email).not.toBeNull()
    }
    expect(await verifyLogin(BENCH_ADMIN, 'wrong password')).toBeNull()
    expect(await verifyLogin(benchMemberEmail(INTAKE + 1), BENCH_PASSWORD)).toBeNull()
    expect((await verifyLogin(BENCH_ADMIN, BENCH_PASSWORD))?.isAdmin).toBe(true)

    const db = await getDb()
    const led = await db
      .select({ email: users.email, n: sql<number>`count(*)::int` })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.role, 'leader'))
      .groupBy(users.email)
    expect(Object.fromEntries(led.map((l) => [l.email, l.n]))).toEqual(Object.fromEntries(BENCH_LEADERS.map((l) => [l.email, 3])))

    const rounds = new Map<string, number>()
    for (let n = 1; n <= INTAKE; n++) {
      const [user] = await db
        .select()
        .from(users)
        .where(eq(users.email, benchMemberEmail(n)))
      const viewer = { id: user.id, workspaceId: user.workspaceId }
      const pending = await listPendingPulses(viewer)
      expect(pending, benchMemberEmail(n)).toHaveLength(1)
      rounds.set(pending[0].roundId, (rounds.get(pending[0].roundId) ?? 0) + 1)
      const pulse = await getPulseForAnswer(viewer, pending[0].roundId)
      expect(pulse?.items).toHaveLength(14)
      expect(pulse?.answered).toBe(false)
    }
    // Spread over open rounds, several to a round.
    expect([...rounds.values()].every((n) => n >= 2)).toBe(true)
    expect(await count(sql`select count(*) as n from rounds where status = 'open'`)).toBe(rounds.size)

    // And the round really takes an answer.
    const [first] = await db
      .select()
      .from(users)
      .where(eq(users.email, benchMemberEmail(1)))
    const viewer = { id: first.id, workspaceId: first.workspaceId }
    const [pending] = await listPendingPulses(viewer)
    const pulse = await getPulseForAnswer(viewer, pending.roundId)
    const answers = Object.fromEntries(pulse!.items.map((item) => [item.id, 5]))
    expect(await submitResponse(viewer, pending.roundId, { answers, comment: null })).toBe('recorded')
    expect(await listPendingPulses(viewer)).toHaveLength(0)
  })

  it('refuses a database that already holds a workspace', async () => {
    const options = parseOptions(['--teams', '1', '--years', '0.1'])
    await expect(benchSeed(bulk, options, { progress: false })).rejects.toThrow(/already holds a workspace/)
  })
})
