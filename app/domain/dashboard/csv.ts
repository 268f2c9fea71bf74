// The dashboard's tables for its CSV downloads, one per `section` of
// /dashboard.csv. Built from the same dashboard the page draws, so a value
// hidden on the page is an empty cell here, with the reason beside it.
import { SUPPRESSED_MESSAGE } from '~/domain/anonymity'
import { STAGE_BAR_SERIES } from '~/domain/indicators'
import { DIMENSIONS } from '~/domain/instrument'
import { csvColumns, percent, type CsvRow, type CsvTable } from '~/domain/csv-table'
import { indicatorColumns, indicatorValues, TREND_CSV_SECTIONS, trendCsvTable, type TrendCsvSection } from './csv-trends'
import type { Dashboard } from './types'

/** The CSV tables, by the `section` parameter of /dashboard.csv. */
export const CSV_SECTIONS = [
  'respect-index',
  'participation',
  'directional',
  'heatmap',
  'stages',
  'stages-by-quarter',
  'factors',
  'indicators',
  'respect-vs-failure',
  'respect-first',
  ...TREND_CSV_SECTIONS,
] as const
export type CsvSection = (typeof CSV_SECTIONS)[number]

export function isCsvSection(value: unknown): value is CsvSection {
  return typeof value === 'string' && CSV_SECTIONS.some((s) => s === value)
}

const isTrendSection = (s: CsvSection): s is TrendCsvSection => TREND_CSV_SECTIONS.some((t) => t === s)

const hiddenNote = (hidden: boolean) => (hidden ? SUPPRESSED_MESSAGE : '')
const STATUS = { deficit: 'respect deficit', healthy: 'healthy', unknown: 'not enough responses' } as const

/** One section's table: its columns, in order, and a row per line of the file. */
export function csvTable(d: Dashboard, section: CsvSection): CsvTable {
  if (isTrendSection(section)) return trendCsvTable(d, section)
  switch (section) {
    case 'respect-index':
      return {
        columns: csvColumns([
          ['period', 'Period'],
          ['team', 'Team'],
          ['closedOn', 'Round closed'],
          ['respectIndex', 'Respect Index'],
          ['n', 'Responses'],
          ['note', 'Note'],
        ]),
        rows: d.respect.points.map((p) => ({
          period: p.period,
          team: p.teamName,
          closedOn: p.closedOn,
          respectIndex: p.respectIndex,
          n: p.n,
          note: hiddenNote(p.respectIndex === null),
        })),
      }
    case 'participation':
      return {
        columns: csvColumns([
          ['period', 'Period'],
          ['team', 'Team'],
          ['closedOn', 'Round closed'],
          ['responded', 'Responded'],
          ['eligible', 'Eligible'],
          ['rate', 'Participation (%)'],
          ['note', 'Note'],
        ]),
        rows: d.respect.participation.map((p) => ({
          period: p.period,
          team: p.teamName,
          closedOn: p.closedOn,
          responded: p.responded,
          eligible: p.eligible,
          rate: percent(p.rate),
          note: hiddenNote(p.rate === null),
        })),
      }
    case 'directional':
      return {
        columns: csvColumns([
          ['team', 'Team'],
          ['direction', 'Direction'],
          ['dimension', 'Dimension'],
          ['closedOn', 'Round closed'],
          ['overall', 'Everyone'],
          ['selfSide', 'Self side'],
          ['selfView', 'Self-view'],
          ['otherSide', 'Other side'],
          ['otherView', 'Other side’s view'],
          ['gap', 'Gap (points)'],
          ['note', 'Note'],
        ]),
        rows: d.respect.directional.map((r) => ({
          team: r.teamName,
          direction: r.label,
          dimension: r.dimension,
          closedOn: r.closedOn,
          overall: r.overall,
          selfSide: r.splitVisible ? r.selfLabel : null,
          selfView: r.selfView,
          otherSide: r.splitVisible ? r.otherLabel : null,
          otherView: r.otherView,
          gap: r.gap,
          note: hiddenNote(r.gap === null),
        })),
      }
    case 'heatmap':
      return {
        columns: csvColumns([
          ['team', 'Team'],
          ['closedOn', 'Round closed'],
          ['respectIndex', 'Respect Index'],
          ...DIMENSIONS.map((dim): [string, string] => [dim.key, dim.label]),
          ['status', 'Status'],
          ['note', 'Note'],
        ]),
        rows: [d.heatmap.overall, ...d.heatmap.rows].map((r) => ({
          team: r.teamName,
          closedOn: r.closedOn,
          respectIndex: r.respectIndex,
          ...r.dimensions,
          status: STATUS[r.status],
          note: hiddenNote(r.respectIndex === null),
        })),
      }
    case 'stages':
      return {
        columns: csvColumns([
          ['stage', 'Failure-origin stage'],
          ['count', 'Autopsies'],
        ]),
        rows: d.failures.stages.map((s) => ({ stage: s.label, count: s.count })),
      }
    case 'stages-by-quarter':
      return {
        columns: csvColumns([['period', 'Quarter'], ...STAGE_BAR_SERIES.map((s): [string, string] => [s.dataKey, s.label])]),
        rows: d.failures.byQuarter.map((q) => ({ ...q })),
      }
    case 'factors':
      return {
        columns: csvColumns([
          ['factor', 'Contributing factor'],
          ['count', 'Autopsies'],
        ]),
        rows: d.failures.factors.map((f) => ({ factor: f.label, count: f.count })),
      }
    case 'indicators':
      return {
        columns: csvColumns([
          ['period', 'Period'],
          ['team', 'Team'],
          ['features', 'Features shipped'],
          ...indicatorColumns(),
          ['handoff', 'Handoff'],
          ['collaboration', 'Collaboration'],
          ['missed', '“Not what we asked for”'],
        ]),
        rows: d.indicators.points.map((p) => ({
          period: p.period,
          team: p.teamName,
          features: p.features,
          ...indicatorValues(p),
          handoff: p.handoff,
          collaboration: p.collaboration,
          missed: p.missed,
        })),
      }
    case 'respect-vs-failure':
      return {
        columns: csvColumns([
          ['team', 'Team'],
          ['respectIndex', 'Respect Index'],
          ['shipped', 'Shipped'],
          ['missed', '“Not what we asked for”'],
          ['rate', 'Per 10 shipped'],
          ['note', 'Note'],
        ]),
        rows: [
          ...d.scatter.points.map((p) => ({
            team: p.teamName,
            respectIndex: p.respectIndex,
            shipped: p.shipped,
            missed: p.missed,
            rate: Math.round(p.ratePer10 * 100) / 100,
            note: '',
          })),
          ...d.scatter.leftOut.map((t) => ({
            team: t.teamName,
            respectIndex: null,
            shipped: null,
            missed: null,
            rate: null,
            note: `Not plotted: ${t.reason}`,
          })),
        ],
      }
    case 'respect-first':
      return {
        columns: csvColumns([
          ['team', 'Team'],
          ['respectIndex', 'Respect Index'],
          ['closedOn', 'Round closed'],
          ['reasons', 'Why in deficit'],
          ['openRespect', 'Open respect actions'],
          ['action', 'Open process action'],
          ['dueOn', 'Due'],
          ['status', 'Status'],
          ['overdue', 'Overdue'],
          ['owner', 'Owner'],
          ['feature', 'Feature'],
        ]),
        rows: d.respectFirst.teams.flatMap((t): CsvRow[] => {
          const team = {
            team: t.teamName,
            respectIndex: t.respectIndex,
            closedOn: t.closedOn,
            reasons: t.reasons.join('; '),
            openRespect: t.openRespectActions,
          }
          if (!t.processActions.length)
            return [{ ...team, action: null, dueOn: null, status: null, overdue: null, owner: null, feature: null }]
          return t.processActions.map((a) => ({
            ...team,
            action: a.title,
            dueOn: a.dueOn,
            status: a.status.replace('_', ' '),
            overdue: a.overdue ? 'yes' : 'no',
            owner: a.ownerName,
            feature: a.featureName,
          }))
        }),
      }
  }
}
