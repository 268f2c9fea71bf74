// The computed dashboard is cached under a version the database keeps: every
// write the dashboard is computed from moves it in the same transaction, so a
// change is seen at once however many app instances share the database.
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { rebuildDerived } from '../../db/rebuild-derived'
import { actions, rounds } from '../../db/schema'
import { ALL_TEAMS } from '~/domain/indicators'
import { dashboardVersions, versionedCache } from '~/models/dashboard/cache.server'
import { getDashboard } from '~/models/dashboard/dashboard.server'
import { refreshRoundRollup } from '~/models/rollups.server'
import type { DashboardFilters } from '~/domain/dashboard/filters'
import { autopsyWithActions, cells, featureMonth, rolledUpRound, templateFor } from '../dashboard-factories'
import { addMember, createMember, createTeam, createWorkspace } from '../factories'

const FILTERS: DashboardFilters = { from: '2026-01-01', to: '2026-06-30', teamIds: [], discipline: null, period: 'month' }

async function leaderOfTwo() {
  const ws = await createWorkspace()
  const teams = [await createTeam(ws.id, 'Alpha'), await createTeam(ws.id, 'Beta')]
  const leader = await createMember(teams[0], 'leader', 'product')
  await addMember(teams[1], leader, 'leader', 'product')
  const viewer = { id: leader.id, workspaceId: ws.id, isAdmin: false }
  return { ws, teams, viewer }
}

const overallIn = async (viewer: { id: string; workspaceId: string; isAdmin: boolean }, period: string) =>
  (await getDashboard({ viewer, filters: FILTERS })).respect.points.find((p) => p.period === period && p.teamId === ALL_TEAMS)

describe('dashboard version', () => {
  it('moves with every rollup write, in the writing transaction, and only for that workspace', async () => {
    const { ws, teams } = await leaderOfTwo()
    const other = await createWorkspace()
    const before = BigInt((await dashboardVersions(ws.id)).rollups)
    const otherBefore = (await dashboardVersions(other.id)).rollups
    const round = await rolledUpRound(teams[0], { closedAt: '2026-03-10T12:00:00Z', cells: cells(6, 6) })
    const afterRound = BigInt((await dashboardVersions(ws.id)).rollups)
    expect(afterRound).toBeGreaterThan(before)
    await featureMonth(teams[0], '2026-03-01', { features: 4 })
    expect(BigInt((await dashboardVersions(ws.id)).rollups)).toBeGreaterThan(afterRound)
    expect((await dashboardVersions(other.id)).rollups).toBe(otherBefore)

    // A write that is rolled back leaves the version where it was.
    const db = await getDb()
    const mid = (await dashboardVersions(ws.id)).rollups
    await expect(
      db.transaction(async (tx) => {
        await refreshRoundRollup(round.id, tx)
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect((await dashboardVersions(ws.id)).rollups).toBe(mid)
  })

  it('moves when a round closes, even with no answers, but not for a reminder', async () => {
    const { ws, teams } = await leaderOfTwo()
    const round = await rolledUpRound(teams[0], { closedAt: '2026-03-10T12:00:00Z', cells: [] })
    const db = await getDb()
    const v1 = (await dashboardVersions(ws.id)).rollups
    await db.execute(sql`update rounds set reminder_sent_at = now() where id = ${round.id}`)
    expect((await dashboardVersions(ws.id)).rollups).toBe(v1)
    await db.execute(sql`update rounds set eligible_count = eligible_count + 1 where id = ${round.id}`)
    expect(BigInt((await dashboardVersions(ws.id)).rollups)).toBeGreaterThan(BigInt(v1))
    const v2 = (await dashboardVersions(ws.id)).rollups
    await db.delete(rounds).where(sql`${rounds.id} = ${round.id}`)
    expect(BigInt((await dashboardVersions(ws.id)).rollups)).toBeGreaterThan(BigInt(v2))
  })

  it('stays put while a round is scheduled, opened or counted before it closes: the dashboard reads closed rounds only', async () => {
    const { ws, teams } = await leaderOfTwo()
    const db = await getDb()
    const v1 = (await dashboardVersions(ws.id)).rollups
    const [round] = await db
      .insert(rounds)
      .values({
        workspaceId: ws.id,
        teamId: teams[0].id,
        templateId: await templateFor(ws.id),
        status: 'scheduled',
        opensAt: new Date('2026-03-02T09:00:00Z'),
        closesAt: new Date('2026-03-09T09:00:00Z'),
      })
      .returning()
    await db.execute(sql`update rounds set status = 'open', opened_at = now(), eligible_count = 9 where id = ${round.id}`)
    await db.execute(sql`update rounds set eligible_count = 10 where id = ${round.id}`)
    expect((await dashboardVersions(ws.id)).rollups).toBe(v1)
    await db.execute(sql`update rounds set status = 'closed', closed_at = now() where id = ${round.id}`)
    const v2 = (await dashboardVersions(ws.id)).rollups
    expect(BigInt(v2)).toBeGreaterThan(BigInt(v1))
    // A round removed before it closed was never on the dashboard either.
    const [other] = await db
      .insert(rounds)
      .values({
        workspaceId: ws.id,
        teamId: teams[1].id,
        templateId: await templateFor(ws.id),
        status: 'scheduled',
        opensAt: new Date('2026-04-06T09:00:00Z'),
        closesAt: new Date('2026-04-13T09:00:00Z'),
      })
      .returning()
    await db.delete(rounds).where(sql`${rounds.id} = ${other.id}`)
    expect((await dashboardVersions(ws.id)).rollups).toBe(v2)
  })

  it('keeps a second counter for actions: it moves with every added, changed or removed action, and the rollups’ does not', async () => {
    const { ws, teams } = await leaderOfTwo()
    const other = await createWorkspace()
    const start = await dashboardVersions(ws.id)
    const otherStart = await dashboardVersions(other.id)
    await autopsyWithActions(teams[0], { actions: [{ kind: 'process', title: 'Add a launch checklist', dueOn: '2026-06-01' }] })
    const added = await dashboardVersions(ws.id)
    expect(BigInt(added.actions)).toBeGreaterThan(BigInt(start.actions))
    const db = await getDb()
    await db
      .update(actions)
      .set({ status: 'done' })
      .where(sql`${actions.workspaceId} = ${ws.id}`)
    const changed = await dashboardVersions(ws.id)
    expect(BigInt(changed.actions)).toBeGreaterThan(BigInt(added.actions))
    await db.delete(actions).where(sql`${actions.workspaceId} = ${ws.id}`)
    const removed = await dashboardVersions(ws.id)
    expect(BigInt(removed.actions)).toBeGreaterThan(BigInt(changed.actions))
    // Actions move no rollup: the computed dashboard stays cached.
    expect(removed.rollups).toBe(added.rollups)
    expect(await dashboardVersions(other.id)).toEqual(otherStart)
  })

  it('moves when the derived rows are rebuilt', async () => {
    const { ws, teams } = await leaderOfTwo()
    await rolledUpRound(teams[0], { closedAt: '2026-03-10T12:00:00Z', cells: cells(6, 6) })
    const before = BigInt((await dashboardVersions(ws.id)).rollups)
    await rebuildDerived(await getDb(), { progress: false })
    expect(BigInt((await dashboardVersions(ws.id)).rollups)).toBeGreaterThan(before)
  })
})

describe('dashboard cache', () => {
  it('serves the cached result until a rollup changes, then the new numbers, for a write from any connection', async () => {
    const { teams, viewer } = await leaderOfTwo()
    await rolledUpRound(teams[0], { closedAt: '2026-03-10T12:00:00Z', cells: cells(6, 6) })
    const first = await getDashboard({ viewer, filters: FILTERS })
    // The same computed sections, not a recomputation.
    expect((await getDashboard({ viewer, filters: FILTERS })).respect).toBe(first.respect)
    expect(first.respect.points.find((p) => p.period === '2026-04' && p.teamId === ALL_TEAMS)).toBeUndefined()

    // Rows written as another app instance would write them: plain SQL, no call into this process.
    await rolledUpRound(teams[1], { closedAt: '2026-04-10T12:00:00Z', cells: cells(7, 4) })
    const april = await overallIn(viewer, '2026-04')
    expect(april?.n).toBe(7)
    expect(april?.respectIndex).not.toBeNull()
  })

  it('recomputes only the part whose rows changed: a feature logged keeps the pulse results, a round closed keeps the feature log', async () => {
    const { ws, teams, viewer } = await leaderOfTwo()
    await rolledUpRound(teams[0], { closedAt: '2026-03-10T12:00:00Z', cells: cells(6, 6) })
    await featureMonth(teams[0], '2026-03-01', { features: 4 })
    const first = await getDashboard({ viewer, filters: FILTERS })
    const before = await dashboardVersions(ws.id)

    await featureMonth(teams[1], '2026-04-01', { features: 3 })
    const afterFeature = await dashboardVersions(ws.id)
    expect(afterFeature.pulse).toBe(before.pulse)
    expect(BigInt(afterFeature.features)).toBeGreaterThan(BigInt(before.features))
    const second = await getDashboard({ viewer, filters: FILTERS })
    expect(second.respect).toBe(first.respect)
    expect(second.indicators).not.toBe(first.indicators)
    expect(second.indicators.totals.find((t) => t.teamId === ALL_TEAMS)?.features).toBe(7)

    await rolledUpRound(teams[1], { closedAt: '2026-04-10T12:00:00Z', cells: cells(7, 4) })
    const afterRound = await dashboardVersions(ws.id)
    expect(afterRound.features).toBe(afterFeature.features)
    const third = await getDashboard({ viewer, filters: FILTERS })
    expect(third.indicators).toBe(second.indicators)
    expect(third.respect).not.toBe(second.respect)
    expect(third.respect.points.find((p) => p.period === '2026-04' && p.teamId === ALL_TEAMS)?.n).toBe(7)
  })

  it('keeps one result per viewer: another leader of the same teams gets their own', async () => {
    const { ws, teams, viewer } = await leaderOfTwo()
    await rolledUpRound(teams[0], { closedAt: '2026-03-10T12:00:00Z', cells: cells(6, 6) })
    const second = await createMember(teams[0], 'leader', 'engineering')
    await addMember(teams[1], second, 'leader', 'engineering')
    const mine = await getDashboard({ viewer, filters: FILTERS })
    const theirs = await getDashboard({ viewer: { id: second.id, workspaceId: ws.id, isAdmin: false }, filters: FILTERS })
    expect(theirs.ledTeams).toEqual(mine.ledTeams)
    expect(theirs.heatmap).toEqual(mine.heatmap)
    expect(theirs.respect).not.toBe(mine.respect)
  })
})

describe('versionedCache', () => {
  it('shares one computation per key and version, serves a newer result for an older version, and forgets failures', async () => {
    const cache = versionedCache<number>(2)
    let runs = 0
    const compute = (value: number) => async () => {
      runs++
      return value
    }
    const [a, b] = await Promise.all([cache.get('k', '1', compute(1)), cache.get('k', '1', compute(99))])
    expect([a, b, runs]).toEqual([1, 1, 1])
    expect(await cache.get('k', '2', compute(2))).toBe(2)
    expect(await cache.get('k', '1', compute(99))).toBe(2)
    await expect(cache.get('bad', '1', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await cache.get('bad', '1', compute(3))).toBe(3)
    // At most two entries: the oldest goes first.
    await cache.get('x', '1', compute(4))
    expect(await cache.get('k', '2', compute(5))).toBe(5)
  })
})
