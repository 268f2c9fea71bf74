import type { LineRow, LineSeries } from '~/components/charts/dashboard-line-chart'
import { MAX_TEAM_LINES } from '~/components/charts/dashboard-line-chart'
import { periodLabel } from '~/domain/format'
import { ALL_TEAMS } from '~/domain/indicators'
import type { Dashboard, DashboardTeam, DirectionalRow, HeatmapRow } from '~/models/trends.server'


export const ALL_KEY = 'all'

/**
 * Long rows (period × team) as one chart row per period with a column per
 * line: the overall line, then up to MAX_TEAM_LINES teams. Team ids are not
 * used as keys, so nothing in a data key needs escaping.
 */
export function pivot<P extends { period: string | null; teamId: string }>(
  periods: readonly string[],
  points: readonly P[],
  teams: readonly DashboardTeam[],
  value: (point: P) => number | null,
  overallId: string
): { rows: LineRow[]; series: LineSeries[]; capped: boolean } {
  const drawn = teams.slice(0, MAX_TEAM_LINES)
  const column = new Map<string, string>([
    [overallId, ALL_KEY],
    ...drawn.map((t, i): [string, string] => [t.id, `t${i}`]),
  ])
  const byPeriod = new Map<string, LineRow>()
  for (const key of periods) {
    const row: LineRow = { ...periodLabel(key) }
    for (const c of column.values()) row[c] = null
    byPeriod.set(key, row)
  }
  for (const p of points) {
    const c = column.get(p.teamId)
    const row = p.period === null ? undefined : byPeriod.get(p.period)
    if (c && row) row[c] = value(p)
  }
  const rows = [...byPeriod.values()]
  const empty = (key: string) => rows.every((r) => r[key] === null)
  return {
    rows,
    series: [
      { key: ALL_KEY, name: 'All selected teams', overall: true, empty: empty(ALL_KEY) },
      ...drawn.map((t, i) => ({ key: `t${i}`, name: t.name, empty: empty(`t${i}`) })),
    ],
    capped: teams.length > MAX_TEAM_LINES,
  }
}

/** Beyond this many teams the heatmap draws the weakest; the CSV has every team. */
export const MAX_HEATMAP_ROWS = 30
/** Beyond this many teams the directional views draw the widest gaps; the CSV has every team. */
export const MAX_DIRECTION_TEAMS = 12

/** The dashboard as the page draws it: with many teams, only what the charts and their tables show. */
export type PageDashboard = Dashboard & {
  /** the teams that get a line of their own */
  focus: DashboardTeam[]
}

/**
 * The teams with lines of their own: all of them up to MAX_TEAM_LINES, else
 * those with the lowest Respect Index that can be shown (the ones to look at
 * first), then by name.
 */
export function focusTeams(d: Dashboard): DashboardTeam[] {
  if (d.teams.length <= MAX_TEAM_LINES) return d.teams
  const index = new Map(d.heatmap.rows.map((r) => [r.teamId, r.respectIndex]))
  const ranked = [...d.teams].sort((a, b) => (index.get(a.id) ?? Infinity) - (index.get(b.id) ?? Infinity))
  const picked = new Set(ranked.slice(0, MAX_TEAM_LINES).map((t) => t.id))
  return d.teams.filter((t) => picked.has(t.id))
}

function weakest(rows: HeatmapRow[]): HeatmapRow[] {
  if (rows.length <= MAX_HEATMAP_ROWS) return rows
  return rows
    .filter((r) => r.respectIndex !== null)
    .sort((a, b) => (a.respectIndex ?? 0) - (b.respectIndex ?? 0))
    .slice(0, MAX_HEATMAP_ROWS)
}

function widestGaps(rows: DirectionalRow[]): DirectionalRow[] {
  const teams = new Set(rows.filter((r) => r.teamId !== ALL_TEAMS).map((r) => r.teamId))
  if (teams.size <= MAX_DIRECTION_TEAMS) return rows
  const widest = new Map<string, number>()
  for (const r of rows)
    if (r.gap !== null && r.teamId !== ALL_TEAMS)
      widest.set(r.teamId, Math.max(widest.get(r.teamId) ?? 0, Math.abs(r.gap)))
  const keep = new Set(
    [...widest]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_DIRECTION_TEAMS)
      .map(([id]) => id)
  )
  return rows.filter((r) => r.teamId === ALL_TEAMS || keep.has(r.teamId))
}

/**
 * Trims the dashboard to what the page shows, so hundreds of teams do not
 * mean megabytes of loader data: the line charts and their tables keep the
 * overall rows and the focus teams. The CSV downloads read the full model output.
 */
export function forPage(d: Dashboard): PageDashboard {
  const focus = focusTeams(d)
  if (focus.length === d.teams.length && d.heatmap.rows.length <= MAX_HEATMAP_ROWS) {
    return { ...d, focus, respect: { ...d.respect, directional: widestGaps(d.respect.directional) } }
  }
  const shown = new Set([ALL_TEAMS, ...focus.map((t) => t.id)])
  const keep = <T extends { teamId: string }>(rows: T[]) => rows.filter((r) => shown.has(r.teamId))
  return {
    ...d,
    focus,
    respect: {
      ...d.respect,
      points: keep(d.respect.points),
      participation: keep(d.respect.participation),
      directional: widestGaps(d.respect.directional),
    },
    heatmap: { ...d.heatmap, rows: weakest(d.heatmap.rows) },
    indicators: { ...d.indicators, points: keep(d.indicators.points), totals: keep(d.indicators.totals) },
  }
}
