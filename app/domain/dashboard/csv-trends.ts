// The dashboard's trend tables for /dashboard.csv: rolling indicators with the
// number of features behind each window, factors over time, and the measured
// effect of respect actions against process actions. Built from the same
// dashboard the page draws (see ./csv).
import { csvColumns, percent, type CsvTable } from '~/domain/csv-table'
import { INDICATORS, type IndicatorSummary } from '~/domain/indicators'
import { LOW_SAMPLE_LABEL } from '~/domain/trends/rolling-indicators'
import type { Dashboard } from './types'

export const TREND_CSV_SECTIONS = ['rolling-indicators', 'factors-over-time', 'action-effects'] as const
export type TrendCsvSection = (typeof TREND_CSV_SECTIONS)[number]

/** The four leading indicators as columns, each header saying which way is good. */
export const indicatorColumns = (): [string, string][] =>
  INDICATORS.map((i): [string, string] => [
    i.key,
    `${i.label}${i.key === 'medianSpecWords' ? '' : ' (%)'} (${i.goodDirection === 'up' ? 'should rise' : 'should fall'})`,
  ])

/** The four leading indicators of a point, shares as percentages. */
export const indicatorValues = (p: IndicatorSummary) => ({
  medianSpecWords: p.medianSpecWords,
  shareDifferentWithoutUpset: percent(p.shareDifferentWithoutUpset),
  shareEngineeringBeforeSpec: percent(p.shareEngineeringBeforeSpec),
  shareCollaboration: percent(p.shareCollaboration),
})

export function trendCsvTable(d: Dashboard, section: TrendCsvSection): CsvTable {
  switch (section) {
    case 'rolling-indicators':
      return {
        columns: csvColumns([
          ['firstMonth', 'Window from'],
          ['window', 'Window to'],
          ['team', 'Team'],
          ['features', 'Features shipped in the window'],
          ...indicatorColumns(),
          ['note', 'Note'],
        ]),
        rows: d.rolling.points.map((p) => ({
          firstMonth: p.firstMonth,
          window: p.window,
          team: p.teamName,
          features: p.features,
          ...indicatorValues(p),
          note: p.lowSample ? `Rests on ${LOW_SAMPLE_LABEL}` : '',
        })),
      }
    case 'factors-over-time':
      return {
        columns: csvColumns([
          ['period', 'Period'],
          ['autopsies', 'Published autopsies'],
          ...d.factorsOverTime.series.map((s): [string, string] => [s.key, s.label]),
        ]),
        rows: d.factorsOverTime.rows.map((r) => ({ period: r.label, autopsies: r.autopsies, ...r.counts })),
      }
    case 'action-effects':
      return {
        columns: csvColumns([
          ['kind', 'Kind of action'],
          ['actions', 'Actions'],
          ['measured', 'Measured'],
          ['rose', 'Rose beyond the usual movement'],
          ['withinNoise', 'Within the usual movement'],
          ['fell', 'Fell beyond the usual movement'],
          ['notEnoughData', 'Not enough rounds yet'],
          ['meanChange', 'Mean change (points)'],
          ['teams', 'Teams measured'],
          ['note', 'Note'],
        ]),
        rows: d.actionEffects.map((t) => ({
          kind: t.kind === 'respect' ? 'Respect' : 'Process',
          actions: t.rose + t.fell + t.withinNoise + t.notEnoughData,
          measured: t.measured,
          rose: t.rose,
          withinNoise: t.withinNoise,
          fell: t.fell,
          notEnoughData: t.notEnoughData,
          meanChange: t.meanChange,
          teams: t.teams,
          note: t.meanChange === null && t.measured > 0 ? 'No mean for actions measured on a single team' : '',
        })),
      }
  }
}
