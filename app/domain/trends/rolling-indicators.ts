// Leading indicators over rolling windows of months. A share over one or two
// features swings between 0% and 100%, so each point covers three months and
// carries how many features it rests on; a window with fewer than
// MIN_WINDOW_FEATURES is flagged, and charts grey it out and say so.
import type { TeamFeatureMonth } from '~/domain/dashboard/sections/leading-indicators'
import { ALL_TEAMS, periodsBetween, summarizeFeatureMonths, type IndicatorSummary } from '~/domain/indicators'
import { periodLabel } from '~/domain/format'

export const ROLLING_MONTHS = 3
export const MIN_WINDOW_FEATURES = 5
export const LOW_SAMPLE_LABEL = `fewer than ${MIN_WINDOW_FEATURES} features`

export type RollingPoint = {
  /** the window's last month, 'YYYY-MM' */
  window: string
  /** the window's first month, 'YYYY-MM' */
  firstMonth: string
  /** 'Jan–Mar 2026' */
  label: string
  /** 'Mar ’26' (the window's last month) */
  short: string
  teamId: string
  teamName: string
  /** fewer than MIN_WINDOW_FEATURES features: shown greyed and labelled, never hidden */
  lowSample: boolean
} & IndicatorSummary

export type RollingIndicators = {
  windowMonths: number
  minFeatures: number
  /** per window, oldest first: the overall row, then a row per team */
  points: RollingPoint[]
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number)
  const index = y * 12 + (m - 1) + by
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/**
 * The first day of the month a rolling window ending in `fromMonth` starts in:
 * load feature months from here so that the first window of the range is whole.
 */
export function rollingLoadStart(fromMonth: string, windowMonths = ROLLING_MONTHS): string {
  return `${shiftMonth(fromMonth.slice(0, 7), -(windowMonths - 1))}-01`
}

function windowLabel(first: string, last: string): string {
  const [fy, fm] = first.split('-').map(Number)
  const [ly, lm] = last.split('-').map(Number)
  const from = fy === ly ? MONTHS[fm - 1] : `${MONTHS[fm - 1]} ${fy}`
  return `${from}–${MONTHS[lm - 1]} ${ly}`
}

/**
 * One point per month from `fromMonth` to `toMonth` (YYYY-MM-DD, first of the
 * month), each summarising the `windowMonths` months ending there: the overall
 * row of the given teams first, then one row per team. Rows before `fromMonth`
 * count only inside windows (load them from rollingLoadStart).
 */
export function rollingIndicators(
  teams: readonly { id: string; name: string }[],
  months: readonly TeamFeatureMonth[],
  range: { fromMonth: string; toMonth: string; overallName?: string },
  { windowMonths = ROLLING_MONTHS, minFeatures = MIN_WINDOW_FEATURES } = {},
): RollingIndicators {
  if (!Number.isInteger(windowMonths) || windowMonths < 1)
    throw new RangeError(`Window must be a whole number of months, got ${windowMonths}`)
  const byMonth = new Map<string, TeamFeatureMonth[]>()
  for (const row of months) {
    const key = row.month.slice(0, 7)
    const list = byMonth.get(key)
    if (list) list.push(row)
    else byMonth.set(key, [row])
  }
  const points: RollingPoint[] = []
  for (const last of periodsBetween(range.fromMonth, range.toMonth, 'month')) {
    const first = shiftMonth(last, -(windowMonths - 1))
    const rows: TeamFeatureMonth[] = []
    for (let i = windowMonths - 1; i >= 0; i--) rows.push(...(byMonth.get(shiftMonth(last, -i)) ?? []))
    const base = { window: last, firstMonth: first, label: windowLabel(first, last), short: periodLabel(last).short }
    const point = (teamId: string, teamName: string, summary: IndicatorSummary): RollingPoint => ({
      ...base,
      teamId,
      teamName,
      lowSample: summary.features < minFeatures,
      ...summary,
    })
    points.push(point(ALL_TEAMS, range.overallName ?? 'All selected teams', summarizeFeatureMonths(rows)))
    // Grouped once per window: filtering the window's rows for each team was quadratic in teams.
    const byTeam = new Map<string, TeamFeatureMonth[]>()
    for (const row of rows) {
      const list = byTeam.get(row.teamId)
      if (list) list.push(row)
      else byTeam.set(row.teamId, [row])
    }
    for (const team of teams) points.push(point(team.id, team.name, summarizeFeatureMonths(byTeam.get(team.id) ?? [])))
  }
  return { windowMonths, minFeatures, points }
}
