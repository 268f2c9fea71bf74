// What the page draws with many teams: the CSV keeps every team, the page only
// what its charts and tables show.
import { describe, expect, it } from 'vitest'
import { forPage, MAX_DEFICIT_TEAMS, MAX_DIRECTION_TEAMS, MAX_HEATMAP_ROWS, MAX_TEAM_LINES, pivot } from '~/domain/dashboard/page'
import type { Dashboard, DashboardTeam, DirectionalRow, HeatmapRow } from '~/domain/dashboard/types'
import { ALL_TEAMS } from '~/domain/indicators'
import { DEFAULT_DEFICIT_THRESHOLDS } from '~/domain/scoring'

const teamsOf = (count: number): DashboardTeam[] =>
  Array.from({ length: count }, (_, i) => ({ id: `t-${i}`, name: `Team ${String(i).padStart(3, '0')}` }))

function heatRow(team: { id: string; name: string }, respectIndex: number | null): HeatmapRow {
  return {
    teamId: team.id,
    teamName: team.name,
    closedOn: null,
    n: null,
    respectIndex,
    dimensions: {} as HeatmapRow['dimensions'],
    status: 'unknown',
  }
}

function gapRow(teamId: string, gap: number | null): DirectionalRow {
  return {
    teamId,
    teamName: teamId,
    closedOn: null,
    direction: 'product_to_engineering',
    label: '',
    dimension: '',
    overall: null,
    splitVisible: gap !== null,
    comparison: null,
    selfLabel: '',
    otherLabel: '',
    selfView: null,
    otherView: null,
    gap,
  }
}

/** A dashboard of `teams` whose Respect Index is given by `index(i)`, with one point and row per team. */
function dashboardOf(
  teams: DashboardTeam[],
  index: (i: number) => number | null,
  gap: (i: number) => number | null = () => null,
): Dashboard {
  const every = <T>(row: (t: DashboardTeam | { id: string; name: string }, i: number) => T) => [
    row({ id: ALL_TEAMS, name: 'All' }, -1),
    ...teams.map((t, i) => row(t, i)),
  ]
  const summary = {
    features: 0,
    missed: 0,
    handoff: 0,
    collaboration: 0,
    medianSpecWords: null,
    shareDifferentWithoutUpset: null,
    shareEngineeringBeforeSpec: null,
    shareCollaboration: null,
  }
  return {
    filters: { from: '2026-01-01', to: '2026-01-31', teamIds: [], discipline: null, period: 'month' },
    teams,
    ledTeams: teams,
    periods: ['2026-01'],
    k: 5,
    thresholds: DEFAULT_DEFICIT_THRESHOLDS,
    today: '2026-01-31',
    respect: {
      rounds: teams.length,
      points: every((t, i) => ({
        period: '2026-01',
        teamId: t.id,
        teamName: t.name,
        closedOn: null,
        respectIndex: i < 0 ? 70 : index(i),
        n: null,
      })),
      participation: every((t) => ({
        period: '2026-01',
        teamId: t.id,
        teamName: t.name,
        closedOn: null,
        responded: null,
        eligible: null,
        rate: null,
      })),
      directional: every((t, i) => gapRow(t.id, i < 0 ? 1 : gap(i))),
    },
    heatmap: { overall: heatRow({ id: ALL_TEAMS, name: 'All' }, 70), rows: teams.map((t, i) => heatRow(t, index(i))) },
    failures: { autopsies: 0, stages: [], byQuarter: [], factors: [] },
    indicators: {
      fromMonth: '2026-01-01',
      toMonth: '2026-01-01',
      points: every((t) => ({ period: '2026-01', teamId: t.id, teamName: t.name, ...summary })),
      totals: every((t) => ({ period: null, teamId: t.id, teamName: t.name, ...summary })),
    },
    rolling: {
      windowMonths: 3,
      minFeatures: 5,
      points: every((t) => ({
        window: '2026-01',
        firstMonth: '2025-11',
        label: 'Nov 2025–Jan 2026',
        short: 'Jan ’26',
        teamId: t.id,
        teamName: t.name,
        lowSample: true,
        ...summary,
      })),
    },
    factorsOverTime: { period: 'month', series: [], rows: [] },
    scatter: { points: [], leftOut: [], reading: { r: null, teams: 0, text: '' } },
    respectFirst: { judged: 0, teams: [] },
    actionEffects: [],
  }
}

describe('the page’s share of the dashboard', () => {
  it('keeps every team while they fit on the charts', () => {
    const d = dashboardOf(teamsOf(MAX_TEAM_LINES), (i) => 50 + i)
    const page = forPage(d)
    expect(page.focus).toEqual(d.teams)
    expect(page.respect.points).toEqual(d.respect.points)
    // The rolling windows are drawn for all selected teams together; each team's are in the CSV.
    expect(page.rolling.points.map((p) => p.teamId)).toEqual([ALL_TEAMS])
    expect(page.heatmap).toEqual(d.heatmap)
  })

  it('with more teams, draws the ones with the lowest Respect Index (the ones to look at first), in name order', () => {
    // Team i has index 90 − i, except two teams whose index is hidden: they are looked at last.
    const teams = teamsOf(20)
    const page = forPage(dashboardOf(teams, (i) => (i === 19 || i === 18 ? null : 90 - i)))
    expect(page.focus.map((t) => t.id)).toEqual(['t-10', 't-11', 't-12', 't-13', 't-14', 't-15', 't-16', 't-17'])
    const kept = new Set([ALL_TEAMS, ...page.focus.map((t) => t.id)])
    for (const rows of [page.respect.points, page.respect.participation, page.indicators.points, page.indicators.totals]) {
      expect(new Set(rows.map((r) => r.teamId))).toEqual(kept)
    }
  })

  it('draws the weakest teams on a long heatmap, leaving out the hidden ones', () => {
    const count = MAX_HEATMAP_ROWS + 10
    const page = forPage(dashboardOf(teamsOf(count), (i) => (i % 5 === 0 ? null : i)))
    expect(page.heatmap.rows).toHaveLength(MAX_HEATMAP_ROWS)
    expect(page.heatmap.rows.every((r) => r.respectIndex !== null)).toBe(true)
    expect(page.heatmap.rows[0].respectIndex).toBe(1)
    expect(page.heatmap.overall.teamId).toBe(ALL_TEAMS)
  })

  it('draws the widest perception gaps when there are many teams, and always the overall rows', () => {
    const count = MAX_DIRECTION_TEAMS + 3
    const page = forPage(
      dashboardOf(
        teamsOf(count),
        () => 50,
        (i) => (i === 0 ? null : i % 2 ? -i : i),
      ),
    )
    const teams = new Set(page.respect.directional.map((r) => r.teamId))
    expect(teams.has(ALL_TEAMS)).toBe(true)
    expect(teams.size).toBe(MAX_DIRECTION_TEAMS + 1)
    // Gaps count by size whichever way they point; the team without one and the two narrowest go.
    for (const gone of ['t-0', 't-1', 't-2']) expect(teams.has(gone)).toBe(false)
  })
})

describe('pivot', () => {
  it('turns period × team rows into one chart row per period, with a column per drawn line', () => {
    const teams = teamsOf(MAX_TEAM_LINES + 1)
    const points = [
      { period: '2026-01', teamId: ALL_TEAMS, v: 70 },
      { period: '2026-01', teamId: 't-0', v: 60 },
      { period: '2026-02', teamId: 't-1', v: 40 },
      { period: '2026-02', teamId: `t-${MAX_TEAM_LINES}`, v: 10 },
      { period: null, teamId: 't-0', v: 99 },
    ]
    const { rows, series, capped } = pivot(['2026-01', '2026-02'], points, teams, (p) => p.v, ALL_TEAMS)
    expect(capped).toBe(true)
    expect(series).toHaveLength(MAX_TEAM_LINES + 1)
    expect(series[0]).toMatchObject({ key: 'all', overall: true, empty: false })
    expect(series.find((s) => s.key === 't2')).toMatchObject({ name: 'Team 002', empty: true })
    expect(rows[0]).toMatchObject({ all: 70, t0: 60, t1: null })
    expect(rows[1]).toMatchObject({ all: null, t0: null, t1: 40 })
    // The ninth team has no column; a total without a period goes nowhere.
    expect(Object.keys(rows[1])).not.toContain(`t${MAX_TEAM_LINES}`)
  })
})

describe('the page at company scale', () => {
  it('sends no team list, a count, the weakest teams in deficit and a short scatter table, and every dot', () => {
    const count = 200
    const teams = teamsOf(count)
    const d = dashboardOf(teams, (i) => 30 + (i % 50))
    const deficit = teams.map((t, i) => ({
      teamId: t.id,
      teamName: t.name,
      closedOn: null,
      respectIndex: 30 + (i % 50),
      reasons: ['low'],
      processActions: [],
      openRespectActions: 0,
    }))
    const dots = teams.map((t, i) => ({ teamId: t.id, teamName: t.name, respectIndex: 30 + (i % 50), shipped: 5, missed: 1, ratePer10: 2 }))
    const page = forPage({
      ...d,
      respectFirst: { judged: count, teams: deficit },
      scatter: {
        points: dots,
        leftOut: deficit.map((t) => ({ teamId: t.teamId, teamName: t.teamName, reason: 'few' })),
        reading: d.scatter.reading,
      },
    })
    expect(page).not.toHaveProperty('teams')
    expect(page).not.toHaveProperty('ledTeams')
    expect(page.teamCount).toBe(count)
    expect(page.respectFirst.total).toBe(count)
    expect(page.respectFirst.teams).toHaveLength(MAX_DEFICIT_TEAMS)
    const lowest = (n: number) =>
      Math.max(
        ...deficit
          .map((t) => t.respectIndex)
          .sort((a, b) => a - b)
          .slice(0, n),
      )
    expect(Math.max(...page.respectFirst.teams.map((t) => t.respectIndex ?? Infinity))).toBe(lowest(MAX_DEFICIT_TEAMS))
    expect(page.scatter.dots).toHaveLength(count)
    expect(page.scatter.dots[0]).toEqual({ teamName: teams[0].name, respectIndex: 30, ratePer10: 2 })
    expect(page.scatter.table).toHaveLength(MAX_HEATMAP_ROWS)
    expect(Math.max(...page.scatter.table.map((p) => p.respectIndex))).toBe(lowest(MAX_HEATMAP_ROWS))
    expect(page.scatter.leftOut).toHaveLength(MAX_HEATMAP_ROWS)
    expect(page.scatter.leftOutTotal).toBe(count)
  })
})
