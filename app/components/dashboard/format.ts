import type { LineRow, LineSeries } from '~/components/charts/dashboard-line-chart'
import { MAX_TEAM_LINES } from '~/components/charts/dashboard-line-chart'
import type { DashboardTeam } from '~/models/trends.server'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** '2026-03' → 'Mar 2026', '2026-Q1' → 'Q1 2026'; the short form drops the century. */
export function periodLabel(key: string): { label: string; short: string } {
  const q = /^(\d{4})-Q([1-4])$/.exec(key)
  if (q) return { label: `Q${q[2]} ${q[1]}`, short: `Q${q[2]} ’${q[1].slice(2)}` }
  const m = /^(\d{4})-(\d{2})$/.exec(key)
  if (m) return { label: `${MONTHS[Number(m[2]) - 1]} ${m[1]}`, short: `${MONTHS[Number(m[2]) - 1]} ’${m[1].slice(2)}` }
  return { label: key, short: key }
}

/** A 0..1 share as a whole percent; '—' for none. */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`
}

export function formatNumber(value: number | null, digits = 0): string {
  if (value === null) return '—'
  return digits ? value.toFixed(digits) : Math.round(value).toLocaleString('en')
}

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
