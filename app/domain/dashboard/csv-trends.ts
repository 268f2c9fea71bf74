// The dashboard's trend tables for /dashboard.csv: rolling indicators with the
// number of features behind each window, factors over time, and the measured
// effect of respect actions against process actions. Built from the same
// dashboard the page draws (see ./csv).
import { INDICATORS } from '~/domain/indicators'
import { LOW_SAMPLE_LABEL } from '~/domain/trends/rolling-indicators'
import type { Dashboard } from './types'

export const TREND_CSV_SECTIONS = ['rolling-indicators', 'factors-over-time', 'action-effects'] as const
export type TrendCsvSection = (typeof TREND_CSV_SECTIONS)[number]

type CsvRow = Record<string, string | number | null>
type CsvTable = { columns: { key: string; header: string }[]; rows: CsvRow[] }

const cols = (pairs: [string, string][]): CsvTable['columns'] => pairs.map(([key, header]) => ({ key, header }))
const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10)

export function trendCsvTable(d: Dashboard, section: TrendCsvSection): CsvTable {
  switch (section) {
    case 'rolling-indicators':
      return {
        columns: cols([
          ['firstMonth', 'Window from'],
          ['window', 'Window to'],
          ['team', 'Team'],
          ['features', 'Features shipped in the window'],
          ...INDICATORS.map((i): [string, string] => [
            i.key,
            `${i.label}${i.key === 'medianSpecWords' ? '' : ' (%)'} (${i.goodDirection === 'up' ? 'should rise' : 'should fall'})`,
          ]),
          ['note', 'Note'],
        ]),
        rows: d.rolling.points.map((p) => ({
          firstMonth: p.firstMonth,
          window: p.window,
          team: p.teamName,
          features: p.features,
          medianSpecWords: p.medianSpecWords,
          shareDifferentWithoutUpset: pct(p.shareDifferentWithoutUpset),
          shareEngineeringBeforeSpec: pct(p.shareEngineeringBeforeSpec),
          shareCollaboration: pct(p.shareCollaboration),
          note: p.lowSample ? `Rests on ${LOW_SAMPLE_LABEL}` : '',
        })),
      }
    case 'factors-over-time':
      return {
        columns: cols([
          ['period', 'Period'],
          ['autopsies', 'Published autopsies'],
          ...d.factorsOverTime.series.map((s): [string, string] => [s.key, s.label]),
        ]),
        rows: d.factorsOverTime.rows.map((r) => ({ period: r.label, autopsies: r.autopsies, ...r.counts })),
      }
    case 'action-effects':
      return {
        columns: cols([
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
