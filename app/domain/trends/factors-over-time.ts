// Contributing factors over time: how often each factor was named in the
// published autopsies of features shipped in each quarter, from the same monthly rollups the
// dashboard's totals come from. The most named factors get a series of their
// own; the rest are added up as "Other factors", so a chart stays readable.
import type { AutopsyMonthTotal } from '~/domain/dashboard/sections/failures'
import { factorLabel } from '~/domain/factors'
import { periodKey, periodsBetween, type Period } from '~/domain/indicators'
import { periodLabel } from '~/domain/format'

export const TOP_FACTORS = 5
export const OTHER_FACTORS = 'other'

export type FactorSeries = { key: string; label: string; total: number }

export type FactorPeriodRow = {
  period: string
  label: string
  short: string
  /** factor mentions in the period, all factors */
  mentions: number
  /** published autopsies with an origin stage, of features shipped in the period (the rollups' month) */
  autopsies: number
  /** by FactorSeries key, zeros included */
  counts: Record<string, number>
}

export type FactorsOverTime = { period: Period; series: FactorSeries[]; rows: FactorPeriodRow[] }

const labelOf = (key: string) => (key.startsWith('custom:') ? key.slice('custom:'.length) : factorLabel(key))

/** `from` and `to` are days (YYYY-MM-DD); every period between them gets a row, empty ones as zeros. */
export function factorsOverTime(
  months: readonly AutopsyMonthTotal[],
  range: { from: string; to: string },
  { period = 'quarter', top = TOP_FACTORS }: { period?: Period; top?: number } = {},
): FactorsOverTime {
  const totals = new Map<string, number>()
  for (const row of months) if (row.kind === 'factor') totals.set(row.key, (totals.get(row.key) ?? 0) + row.count)
  const ranked = [...totals]
    .map(([key, total]) => ({ key, label: labelOf(key), total }))
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label))
  const named = ranked.slice(0, top)
  const rest = ranked.slice(top)
  const series: FactorSeries[] = rest.length
    ? [...named, { key: OTHER_FACTORS, label: 'Other factors', total: rest.reduce((s, f) => s + f.total, 0) }]
    : named
  const seriesOf = new Map(named.map((f) => [f.key, f.key]))
  const rows = new Map(
    periodsBetween(range.from, range.to, period).map((key): [string, FactorPeriodRow] => [
      key,
      { period: key, ...periodLabel(key), mentions: 0, autopsies: 0, counts: Object.fromEntries(series.map((s) => [s.key, 0])) },
    ]),
  )
  for (const row of months) {
    const target = rows.get(periodKey(row.month, period))
    if (!target) continue
    if (row.kind === 'stage') {
      target.autopsies += row.count
      continue
    }
    target.mentions += row.count
    target.counts[seriesOf.get(row.key) ?? OTHER_FACTORS] += row.count
  }
  return { period, series, rows: [...rows.values()] }
}
