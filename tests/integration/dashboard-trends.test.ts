// The dashboard's readable trends: leading indicators over rolling three-month
// windows with the features behind each, contributing factors over time, and
// the measured effect of respect actions against process actions, on the page
// and in its CSVs.
import { describe, expect, it } from 'vitest'
import { ALL_TEAMS } from '~/domain/indicators'
import { addPlanAction } from '~/models/plans/actions.server'
import { openPlan } from '~/models/plans/plans.server'
import { getTeamTrend, getTeamTrends } from '~/models/pulse/results.server'
import { loader as csvLoader } from '~/routes/dashboard[.]csv'
import { loader } from '~/routes/dashboard'
import { autopsyMonth, featureMonth, teamWithHistory } from '../dashboard-factories'
import { addMember, createMember, createTeam, createWorkspace, request, settle } from '../factories'

const RANGE = 'from=2026-01-01&to=2026-06-30'

async function page(user: { id: string }, query = RANGE) {
  const res = await settle(async () => loader({ request: await request(`/dashboard?${query}`, { user }), params: {}, context: {} }))
  expect(res.status).toBe(200)
  return (await res.json()).dashboard
}

async function csvLines(user: { id: string }, section: string) {
  const res = await settle(async () =>
    csvLoader({ request: await request(`/dashboard.csv?section=${section}&${RANGE}`, { user }), params: {}, context: {} }),
  )
  expect(res.status).toBe(200)
  return (await res.text())
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
}

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n * 14, 12))

describe('rolling indicators and factors over time', () => {
  it('draws three-month windows with their feature counts, greys thin ones, and puts every team in the CSV', async () => {
    const ws = await createWorkspace()
    const [a, b] = [await createTeam(ws.id, 'Atlas'), await createTeam(ws.id, 'Beacon')]
    const leader = await createMember(a, 'leader', 'product')
    await addMember(b, leader, 'leader', 'product')
    // December counts in January's window (Nov–Jan) though it is before the range.
    await featureMonth(a, '2025-12-01', { features: 4 })
    await featureMonth(a, '2026-01-01', { features: 1, missed: 1, collaboration: 0, handoff: 1 })
    await featureMonth(b, '2026-03-01', { features: 2 })
    await autopsyMonth(a, '2026-02-01', { stages: { spec: 1 }, factors: { spec_as_handoff: 1 } })
    await autopsyMonth(b, '2026-05-01', { stages: { discovery: 1 }, factors: { spec_as_handoff: 1, respect_deficit: 1 } })

    const d = await page(leader)
    const windows = d.rolling.points
    expect(windows.every((p: { teamId: string }) => p.teamId === ALL_TEAMS)).toBe(true)
    expect(windows.map((p: { window: string; features: number; lowSample: boolean }) => [p.window, p.features, p.lowSample])).toEqual([
      ['2026-01', 5, false],
      ['2026-02', 5, false],
      ['2026-03', 3, true],
      ['2026-04', 2, true],
      ['2026-05', 2, true],
      ['2026-06', 0, true],
    ])
    // The per-period indicators still count only features shipped inside the range.
    expect(d.indicators.totals[0].features).toBe(3)

    const rolling = await csvLines(leader, 'rolling-indicators')
    expect(rolling[0]).toContain('Features shipped in the window')
    expect(rolling.filter((l) => l.includes(',Atlas,'))).toHaveLength(6)
    expect(rolling.find((l) => l.startsWith('2025-11,2026-01,Atlas,'))).toMatch(/^2025-11,2026-01,Atlas,5,/)
    expect(rolling.find((l) => l.startsWith('2026-04,2026-06,Beacon,'))).toContain('Rests on fewer than 5 features')

    expect(d.factorsOverTime.series.map((s: { label: string; total: number }) => [s.label, s.total])).toEqual([
      ['Spec as handoff', 2],
      ['Respect deficit', 1],
    ])
    const factors = await csvLines(leader, 'factors-over-time')
    expect(factors[0]).toBe('Period,Published autopsies,Spec as handoff,Respect deficit')
    expect(factors).toContain('Feb 2026,1,1,0')
    expect(factors).toContain('May 2026,1,1,1')
  })
})

describe('did it work: respect actions against process actions', () => {
  it('tallies measured effects across the leader’s teams and moves when an action is added', async () => {
    const ws = await createWorkspace()
    const a = await teamWithHistory(ws, 5.5)
    const b = await teamWithHistory(ws, 5.4)
    const leader = await createMember(a.team, 'leader', 'product')
    await addMember(b.team, leader, 'leader', 'product')
    const query = 'from=2026-01-01&to=2026-04-30'

    const before = await page(leader, query)
    expect(before.actionEffects.map((t: { kind: string; measured: number }) => [t.kind, t.measured])).toEqual([
      ['respect', 0],
      ['process', 0],
    ])

    for (const { team, rounds } of [a, b]) {
      const facilitator = await createMember(team, 'facilitator', 'product')
      const plan = await openPlan({ workspaceId: ws.id, teamId: team.id, roundId: rounds[4].id, userId: facilitator.id })
      await addPlanAction(
        {
          workspaceId: ws.id,
          teamId: team.id,
          planId: plan.id,
          actor: { id: facilitator.id, facilitates: true },
          at: new Date(day(4).getTime() + 86_400_000),
        },
        {
          kind: 'respect',
          title: 'An engineer joins the next three user calls',
          targetDimension: 'early_involvement',
          practiceKey: null,
          ownerId: facilitator.id,
          dueOn: '2026-12-31',
        },
      )
    }

    // No rollup moved, yet the new actions are counted: effects are keyed by the actions too.
    const after = await page(leader, query)
    const [respect, process] = after.actionEffects
    expect(respect).toMatchObject({ kind: 'respect', measured: 2, rose: 2, teams: 2 })
    expect(respect.meanChange).toBeGreaterThan(1)
    expect(process).toMatchObject({ kind: 'process', measured: 0 })

    const lines = await csvLines(leader, 'action-effects')
    expect(lines[0]).toContain('Rose beyond the usual movement')
    expect(lines[1]).toMatch(/^Respect,2,2,2,0,0,0,/)
  })
})

describe('trends of many teams at once', () => {
  it('gives each team what getTeamTrend gives it alone, newest rounds up to the limit, oldest first', async () => {
    const ws = await createWorkspace()
    const a = await teamWithHistory(ws, 5.5)
    const b = await teamWithHistory(ws, 4.2)
    const empty = await createTeam(ws.id)
    const options = { limit: 3, viewerId: null, audience: 'leaders' as const }
    const together = await getTeamTrends(ws.id, [a.team.id, b.team.id, empty.id], options)
    for (const { team, rounds } of [a, b]) {
      const alone = await getTeamTrend(ws.id, team.id, options)
      expect(together.get(team.id)).toEqual(alone)
      expect(alone.map((p) => p.roundId)).toEqual(rounds.slice(-3).map((r) => r.id))
    }
    expect(together.get(empty.id)).toEqual([])
  })
})
