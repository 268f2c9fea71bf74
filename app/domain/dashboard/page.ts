// What the page draws of the dashboard: with many teams, only what its charts
// and their tables show (the CSV downloads have every team), and the long
// rows pivoted into one chart row per period.
import { periodLabel } from '~/domain/format'
import { ALL_TEAMS } from '~/domain/indicators'
import { ALL_TEAMS_NAME, type Dashboard, type DashboardTeam, type DirectionalRow, type HeatmapRow } from './types'

/** Teams beyond this many get no line of their own (the table still has them). */
export const MAX_TEAM_LINES = 8
/** Beyond this many teams the heatmap draws the weakest; the CSV has every team. */
export const MAX_HEATMAP_ROWS = 30
/** Beyond this many teams the directional views draw the widest gaps; the CSV has every team. */
export const MAX_DIRECTION_TEAMS = 12

/** The data key of the overall line in a pivoted row. */
export const ALL_KEY = 'all'

export type LineRow = { label: string; short: string } & Record<string, string | number | null>
/** `empty`: no value of the series can be shown in the range (hidden or missing), so it draws nothing. */
export type LineSeries = { key: string; name: string; overall?: boolean; empty?: boolean }

/** Beyond this many teams in deficit the page lists those with the lowest Respect Index; the CSV has every team. */
export const MAX_DEFICIT_TEAMS = 20

/**
 * The dashboard as the page draws it: with many teams, only what the charts
 * and their tables show. The team lists stay out (the filter form has them
 * once); their count is enough for the page's sentences.
 */
export type PageDashboard = Omit<Dashboard, 'teams' | 'ledTeams' | 'respectFirst' | 'scatter'> & {
  /** how many teams are in view */
  teamCount: number
  /** the teams that get a line of their own */
  focus: DashboardTeam[]
  /** `total`: how many teams are in deficit, of which `teams` lists at most MAX_DEFICIT_TEAMS */
  respectFirst: Dashboard['respectFirst'] & { total: number }
  /**
   * `dots`: every plotted team, with only what the chart draws; `table` the
   * MAX_HEATMAP_ROWS of them with the lowest Respect Index, and `leftOut` at
   * most as many of the teams not plotted, of `leftOutTotal`.
   */
  scatter: Omit<Dashboard['scatter'], 'points'> & { dots: ScatterDot[]; table: Dashboard['scatter']['points']; leftOutTotal: number }
}

/** A team on the scatter chart: its name, Respect Index and misses per 10 shipped (to two decimals, finer than a pixel). */
export type ScatterDot = { teamName: string; respectIndex: number; ratePer10: number }

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
  overallId: string,
): { rows: LineRow[]; series: LineSeries[]; capped: boolean } {
  const drawn = teams.slice(0, MAX_TEAM_LINES)
  const column = new Map<string, string>([[overallId, ALL_KEY], ...drawn.map((t, i): [string, string] => [t.id, `t${i}`])])
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
      { key: ALL_KEY, name: ALL_TEAMS_NAME, overall: true, empty: empty(ALL_KEY) },
      ...drawn.map((t, i) => ({ key: `t${i}`, name: t.name, empty: empty(`t${i}`) })),
    ],
    capped: teams.length > MAX_TEAM_LINES,
  }
}

/**
 * The teams with lines of their own: all of them up to MAX_TEAM_LINES, else
 * those with the lowest Respect Index that can be shown (the ones to look at
 * first), then by name.
 */
export function focusTeams(d: Pick<Dashboard, 'teams' | 'heatmap'>): DashboardTeam[] {
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
    if (r.gap !== null && r.teamId !== ALL_TEAMS) widest.set(r.teamId, Math.max(widest.get(r.teamId) ?? 0, Math.abs(r.gap)))
  const keep = new Set(
    [...widest]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_DIRECTION_TEAMS)
      .map(([id]) => id),
  )
  return rows.filter((r) => r.teamId === ALL_TEAMS || keep.has(r.teamId))
}

/** `total`: how many teams are in deficit, when `r` already lists only some of them. */
function worstInDeficit(r: Dashboard['respectFirst'], total = r.teams.length): PageDashboard['respectFirst'] {
  if (r.teams.length <= MAX_DEFICIT_TEAMS) return { ...r, total }
  const teams = [...r.teams].sort((a, b) => (a.respectIndex ?? Infinity) - (b.respectIndex ?? Infinity)).slice(0, MAX_DEFICIT_TEAMS)
  return { ...r, teams, total }
}

function scatterForPage({ points, ...s }: Dashboard['scatter']): PageDashboard['scatter'] {
  const table =
    points.length <= MAX_HEATMAP_ROWS ? points : [...points].sort((a, b) => a.respectIndex - b.respectIndex).slice(0, MAX_HEATMAP_ROWS)
  const dots = points.map((p) => ({ teamName: p.teamName, respectIndex: p.respectIndex, ratePer10: Math.round(p.ratePer10 * 100) / 100 }))
  return { ...s, dots, table, leftOut: s.leftOut.slice(0, MAX_HEATMAP_ROWS), leftOutTotal: s.leftOut.length }
}

/** The part of the dashboard computed from rollups alone: the same for every request under one version. */
type CoreDashboard = Omit<Dashboard, 'ledTeams' | 'respectFirst' | 'actionEffects'>
export type PageCore = Omit<PageDashboard, 'respectFirst' | 'actionEffects'>

/**
 * Trims the dashboard to what the page shows, so hundreds of teams do not
 * mean megabytes of loader data: the line charts and their tables keep the
 * overall rows and the focus teams. The CSV downloads read the full dashboard.
 */
export function forPage(d: Dashboard): PageDashboard {
  const { ledTeams: _ledTeams, respectFirst: _respectFirst, actionEffects: _actionEffects, ...core } = d
  return pageWith(pageCore(core), d)
}

/**
 * The per-request part (open actions, measured effects) added to a trimmed
 * core. `deficitTotal`: how many teams are in deficit, when `d.respectFirst`
 * was built for only the MAX_DEFICIT_TEAMS the page lists.
 */
export function pageWith(core: PageCore, d: Pick<Dashboard, 'respectFirst' | 'actionEffects'>, deficitTotal?: number): PageDashboard {
  return { ...core, respectFirst: worstInDeficit(d.respectFirst, deficitTotal), actionEffects: d.actionEffects }
}

/**
 * The trimmed core, which depends only on what the dashboard cache keys: it is
 * kept beside the computed dashboard, as filtering tens of thousands of rows
 * down to the focus teams on every page load was a tenth of its server time.
 */
export function pageCore(d: CoreDashboard): PageCore {
  const focus = focusTeams(d)
  const { teams, ...rest } = d
  const common = {
    teamCount: teams.length,
    focus,
    scatter: scatterForPage(d.scatter),
    // The page draws the overall windows; the CSV has every team's.
    rolling: { ...d.rolling, points: d.rolling.points.filter((p) => p.teamId === ALL_TEAMS) },
  }
  if (focus.length === teams.length && d.heatmap.rows.length <= MAX_HEATMAP_ROWS) {
    return { ...rest, ...common, respect: { ...d.respect, directional: widestGaps(d.respect.directional) } }
  }
  const shown = new Set([ALL_TEAMS, ...focus.map((t) => t.id)])
  const keep = <T extends { teamId: string }>(rows: T[]) => rows.filter((r) => shown.has(r.teamId))
  return {
    ...rest,
    ...common,
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
