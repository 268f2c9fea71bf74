// The dashboard's sections from loaded rows, without a database: which round
// each view reads, what is hidden, and how the rows add up.
import { describe, expect, it } from 'vitest'
import { currentState, roundsByTeam, type TeamRound } from '~/domain/dashboard/rounds'
import { whereFeaturesFail } from '~/domain/dashboard/sections/failures'
import { leadingIndicators, type TeamFeatureMonth } from '~/domain/dashboard/sections/leading-indicators'
import { respectFirst, teamsInDeficit, type OpenAction } from '~/domain/dashboard/sections/respect-first'
import { respectOverTime } from '~/domain/dashboard/sections/respect-over-time'
import { respectAgainstFailure } from '~/domain/dashboard/sections/respect-vs-failure'
import { directionalViews, heatmap } from '~/domain/dashboard/sections/standing'
import { ALL_TEAMS_NAME, type DashboardTeam, type ScoreSettings } from '~/domain/dashboard/types'
import type { Discipline } from '~/domain/disciplines'
import { ALL_TEAMS } from '~/domain/indicators'
import { DIMENSION_KEYS } from '~/domain/instrument'
import type { RollupCell } from '~/domain/rollup-scores'
import { DEFAULT_DEFICIT_THRESHOLDS } from '~/domain/scoring'

const SETTINGS: ScoreSettings = { anonymity: { k: 5, commentK: 5 }, thresholds: { ...DEFAULT_DEFICIT_THRESHOLDS } }
const A: DashboardTeam = { id: 'team-a', name: 'Atlas' }
const B: DashboardTeam = { id: 'team-b', name: 'Beacon' }

/** Cells where each of `responses` people of `discipline` scored `mean` (1–7) on every dimension. */
function cells(teamId: string, discipline: Discipline, responses: number, mean: number): RollupCell[] {
  return DIMENSION_KEYS.map((dimension) => ({
    teamId,
    discipline,
    dimension,
    responses,
    scoreSum: mean * responses,
    scored: responses,
    k: 5,
  }))
}

let next = 0
function round(team: DashboardTeam, closedOn: string, eligible: number, parts: [Discipline, number, number][]): TeamRound {
  return {
    roundId: `round-${++next}`,
    teamId: team.id,
    closedAt: Date.parse(`${closedOn}T12:00:00Z`),
    closedOn,
    eligible,
    cells: parts.flatMap(([discipline, n, mean]) => cells(team.id, discipline, n, mean)),
  }
}

/** A Respect Index of 1–7 means: (mean − 1) / 6 × 100. */
const index = (mean: number) => ((mean - 1) / 6) * 100

describe('respect over time', () => {
  const rounds = [
    round(A, '2026-01-20', 12, [
      ['product', 5, 7],
      ['engineering', 5, 7],
    ]),
    // Two rounds in February: the later one is the month's.
    round(A, '2026-02-03', 12, [
      ['product', 5, 6],
      ['engineering', 5, 6],
    ]),
    round(A, '2026-02-24', 12, [
      ['product', 5, 4],
      ['engineering', 5, 4],
    ]),
    // Beacon's January round is below the threshold.
    round(B, '2026-01-15', 6, [
      ['product', 2, 1],
      ['engineering', 1, 1],
    ]),
  ]
  const periods = ['2026-01', '2026-02', '2026-03']
  const byTeam = roundsByTeam(rounds, [A.id, B.id], 'month')

  it('reads each team’s latest round of a period, skips periods without rounds, and leaves a hidden team out of the total', () => {
    const { points } = respectOverTime([A, B], periods, byTeam, null, SETTINGS)
    const at = (period: string, teamId: string) => points.find((p) => p.period === period && p.teamId === teamId)
    expect(points.map((p) => `${p.period} ${p.teamName}`)).toEqual([
      `2026-01 ${ALL_TEAMS_NAME}`,
      '2026-01 Atlas',
      '2026-01 Beacon',
      `2026-02 ${ALL_TEAMS_NAME}`,
      '2026-02 Atlas',
    ])
    expect(at('2026-02', A.id)).toMatchObject({ closedOn: '2026-02-24', n: 10 })
    expect(at('2026-02', A.id)?.respectIndex).toBeCloseTo(index(4), 1)
    expect(at('2026-01', B.id)).toMatchObject({ closedOn: '2026-01-15', respectIndex: null, n: null })
    // The total of January is Atlas alone: Beacon's three answers must not move it.
    expect(at('2026-01', ALL_TEAMS)).toMatchObject({ closedOn: null, n: 10 })
    expect(at('2026-01', ALL_TEAMS)?.respectIndex).toBeCloseTo(index(7), 1)
  })

  it('counts participation only where the team’s result is shown', () => {
    const { participation } = respectOverTime([A, B], periods, byTeam, null, SETTINGS)
    const january = participation.filter((p) => p.period === '2026-01')
    expect(january).toEqual([
      { period: '2026-01', teamId: ALL_TEAMS, teamName: ALL_TEAMS_NAME, closedOn: null, responded: 10, eligible: 12, rate: 10 / 12 },
      { period: '2026-01', teamId: A.id, teamName: 'Atlas', closedOn: '2026-01-20', responded: 10, eligible: 12, rate: 10 / 12 },
      { period: '2026-01', teamId: B.id, teamName: 'Beacon', closedOn: '2026-01-15', responded: null, eligible: null, rate: null },
    ])
  })

  it('with a discipline filter, scores that discipline’s answers but still counts participation by the whole team', () => {
    const mixed = [
      round(A, '2026-03-10', 10, [
        ['product', 6, 7],
        ['engineering', 3, 1],
      ]),
    ]
    const { points, participation } = respectOverTime([A], ['2026-03'], roundsByTeam(mixed, [A.id], 'month'), 'engineering', SETTINGS)
    // Three engineers are below the threshold: no engineering number.
    expect(points.find((p) => p.teamId === A.id)).toMatchObject({ respectIndex: null, n: null })
    expect(participation.find((p) => p.teamId === A.id)).toMatchObject({ responded: 9, eligible: 10 })
  })

  it('never reports more than everyone taking part', () => {
    const over = [
      round(A, '2026-03-10', 8, [
        ['product', 5, 6],
        ['engineering', 5, 6],
      ]),
    ]
    const { participation } = respectOverTime([A], ['2026-03'], roundsByTeam(over, [A.id], 'month'), null, SETTINGS)
    expect(participation.map((p) => p.rate)).toEqual([1, 1])
  })
})

describe('where each team stands', () => {
  const rounds = [
    round(A, '2026-01-10', 12, [
      ['product', 6, 6],
      ['engineering', 6, 6],
    ]),
    round(A, '2026-02-10', 12, [
      ['product', 3, 6],
      ['engineering', 7, 3],
    ]),
    // The newest round is below the threshold, so the current state looks further back.
    round(A, '2026-03-10', 12, [
      ['product', 2, 7],
      ['engineering', 2, 7],
    ]),
  ]
  const byTeam = roundsByTeam(rounds, [A.id], 'month')

  it('reads the newest round whose result can be shown', () => {
    const state = currentState([A], byTeam, null, SETTINGS)
    expect(state.whole.get(A.id)?.closedOn).toBe('2026-02-10')
    expect(state.shown.get(A.id)).toBe(state.whole.get(A.id))
    expect(heatmap([A], state).rows[0]).toMatchObject({ teamName: 'Atlas', closedOn: '2026-02-10', n: 10 })
  })

  it('with a discipline filter, the heatmap reads the newest round where that discipline can be shown; the directional views keep the whole team', () => {
    const state = currentState([A], byTeam, 'product', SETTINGS)
    expect(state.whole.get(A.id)?.closedOn).toBe('2026-02-10')
    expect(state.shown.get(A.id)?.closedOn).toBe('2026-01-10')
    const map = heatmap([A], state)
    expect(map.rows[0]).toMatchObject({ closedOn: '2026-01-10', n: 6 })
    expect(map.rows[0].respectIndex).toBeCloseTo(index(6), 1)
    expect(map.overall).toMatchObject({ teamId: ALL_TEAMS, teamName: ALL_TEAMS_NAME, closedOn: null })
    const directional = directionalViews([A], state)
    expect(new Set(directional.map((d) => d.teamId))).toEqual(new Set([ALL_TEAMS, A.id]))
    expect(directional.filter((d) => d.teamId === A.id).every((d) => d.closedOn === '2026-02-10')).toBe(true)
  })

  it('has no current state for a team whose every round is hidden', () => {
    const hidden = roundsByTeam([round(B, '2026-03-01', 6, [['product', 4, 6]])], [B.id], 'month')
    const state = currentState([B], hidden, null, SETTINGS)
    expect(state.whole.get(B.id)).toBeNull()
    expect(heatmap([B], state).rows[0]).toMatchObject({ closedOn: null, n: null, respectIndex: null, status: 'unknown' })
  })
})

describe('where features fail', () => {
  it('adds up stages over the range and by quarter, with empty quarters, and ranks factors', () => {
    const failures = whereFeaturesFail(
      [
        { month: '2026-02-01', kind: 'stage', key: 'spec', count: 2 },
        { month: '2026-05-01', kind: 'stage', key: 'spec', count: 1 },
        { month: '2026-05-01', kind: 'stage', key: 'handoff', count: 3 },
        // A stage the app no longer knows counts nowhere.
        { month: '2026-05-01', kind: 'stage', key: 'retired-stage', count: 9 },
        { month: '2026-02-01', kind: 'factor', key: 'spec_as_handoff', count: 2 },
        { month: '2026-05-01', kind: 'factor', key: 'custom:Legal review came late', count: 2 },
        { month: '2026-05-01', kind: 'factor', key: 'how_fast_framing', count: 3 },
      ],
      '2026-01-01',
      '2026-08-15',
    )
    expect(failures.autopsies).toBe(6)
    expect(failures.stages.filter((s) => s.count > 0)).toEqual([
      { key: 'spec', label: '4. Spec writing', count: 3 },
      { key: 'handoff', label: '5. Handoff', count: 3 },
    ])
    expect(failures.byQuarter.map((q) => [q.period, q.stage4, q.stage5])).toEqual([
      ['2026-Q1', 2, 0],
      ['2026-Q2', 1, 3],
      ['2026-Q3', 0, 0],
    ])
    expect(failures.factors.map((f) => [f.label, f.count])).toEqual([
      ['“How fast” framing', 3],
      ['Legal review came late', 2],
      ['Spec as handoff', 2],
    ])
  })
})

function month(teamId: string, m: string, features: number, missed: number, beforeSpec = 0): TeamFeatureMonth {
  return {
    teamId,
    month: m,
    features,
    missed,
    differentWithoutUpset: 0,
    engineeringBeforeSpec: beforeSpec,
    handoff: features - beforeSpec,
    collaboration: beforeSpec,
    specWords: [],
  }
}

describe('leading indicators', () => {
  const months = [month(A.id, '2026-01-01', 4, 1, 2), month(A.id, '2026-03-01', 2, 0, 2), month(B.id, '2026-03-01', 6, 3, 0)]
  const range = { periods: ['2026-01', '2026-02', '2026-03'], period: 'month' as const, fromMonth: '2026-01-01', toMonth: '2026-03-01' }

  it('has the overall row in every period and a team’s row only where it shipped', () => {
    const { points } = leadingIndicators([A, B], months, range)
    expect(points.map((p) => `${p.period} ${p.teamId} ${p.features}`)).toEqual([
      `2026-01 ${ALL_TEAMS} 4`,
      `2026-01 ${A.id} 4`,
      `2026-02 ${ALL_TEAMS} 0`,
      `2026-03 ${ALL_TEAMS} 8`,
      `2026-03 ${A.id} 2`,
      `2026-03 ${B.id} 6`,
    ])
    expect(points[3].shareEngineeringBeforeSpec).toBeCloseTo(2 / 8, 5)
  })

  it('totals the range, overall first, then every selected team in order', () => {
    const { totals, fromMonth, toMonth } = leadingIndicators([B, A], months, range)
    expect(totals.map((t) => [t.teamId, t.period, t.features, t.missed])).toEqual([
      [ALL_TEAMS, null, 12, 4],
      [B.id, null, 6, 3],
      [A.id, null, 6, 1],
    ])
    expect([fromMonth, toMonth]).toEqual(['2026-01-01', '2026-03-01'])
  })
})

describe('respect against failure', () => {
  it('plots teams with a Respect Index and enough features, and says why the others are left out', () => {
    const C: DashboardTeam = { id: 'team-c', name: 'Comet' }
    const rounds = [
      round(A, '2026-03-01', 10, [
        ['product', 5, 6],
        ['engineering', 5, 6],
      ]),
      round(B, '2026-03-01', 10, [
        ['product', 5, 5],
        ['engineering', 5, 5],
      ]),
      round(C, '2026-03-01', 10, [['product', 2, 5]]),
    ]
    const teams = [A, B, C]
    const state = currentState(
      teams,
      roundsByTeam(
        rounds,
        teams.map((t) => t.id),
        'month',
      ),
      null,
      SETTINGS,
    )
    const { totals } = leadingIndicators(
      teams,
      [month(A.id, '2026-03-01', 10, 2), month(B.id, '2026-03-01', 1, 1), month(C.id, '2026-03-01', 8, 4)],
      {
        periods: ['2026-03'],
        period: 'month',
        fromMonth: '2026-03-01',
        toMonth: '2026-03-01',
      },
    )
    const scatter = respectAgainstFailure(teams, state, totals)
    expect(scatter.points.map((p) => [p.teamName, p.shipped, p.missed, p.ratePer10])).toEqual([['Atlas', 10, 2, 2]])
    expect(scatter.leftOut).toEqual([
      { teamId: B.id, teamName: 'Beacon', reason: '1 shipped feature; a rate needs at least 5' },
      { teamId: C.id, teamName: 'Comet', reason: 'No Respect Index that can be shown in this range' },
    ])
    expect(scatter.reading.teams).toBe(1)
  })
})

describe('respect first', () => {
  const rounds = [
    // Atlas feels disrespected (a Respect Index of 33), Beacon is healthy, Comet cannot be judged.
    round(A, '2026-03-01', 10, [
      ['product', 5, 3],
      ['engineering', 5, 3],
    ]),
    round(B, '2026-03-01', 10, [
      ['product', 5, 6],
      ['engineering', 5, 6],
    ]),
  ]
  const C: DashboardTeam = { id: 'team-c', name: 'Comet' }
  const teams = [A, B, C]
  const state = currentState(
    teams,
    roundsByTeam(
      rounds,
      teams.map((t) => t.id),
      'month',
    ),
    null,
    SETTINGS,
  )
  const action = (
    teamId: string,
    kind: OpenAction['kind'],
    title: string,
    dueOn: string,
    status: OpenAction['status'] = 'open',
  ): OpenAction => ({
    id: `action-${title}`,
    teamId,
    kind,
    title,
    dueOn,
    status,
    ownerName: null,
    autopsyId: 'autopsy-1',
    featureName: 'Export v2',
  })

  it('lists the teams in deficit with their open process actions, and counts their respect actions', () => {
    expect(teamsInDeficit(teams, state)).toEqual([A])
    const first = respectFirst(
      teams,
      state,
      [
        action(A.id, 'process', 'Add a QA checklist', '2026-03-10'),
        action(A.id, 'process', 'Template for specs', '2026-04-01', 'in_progress'),
        action(A.id, 'respect', 'Engineers join user calls', '2026-03-20'),
        action(B.id, 'process', 'Someone else’s action', '2026-03-01'),
      ],
      '2026-03-15',
    )
    expect(first.judged).toBe(2)
    expect(first.teams).toHaveLength(1)
    const [atlas] = first.teams
    expect(atlas).toMatchObject({ teamId: A.id, teamName: 'Atlas', closedOn: '2026-03-01', openRespectActions: 1 })
    expect(atlas.reasons.length).toBeGreaterThan(0)
    expect(atlas.processActions.map((a) => [a.title, a.status, a.overdue, a.href])).toEqual([
      ['Add a QA checklist', 'open', true, `/teams/${A.id}/autopsies/autopsy-1`],
      ['Template for specs', 'in_progress', false, `/teams/${A.id}/autopsies/autopsy-1`],
    ])
  })
})
