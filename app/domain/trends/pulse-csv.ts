// A team's pulse page as CSV, one table per `section` of
// /teams/:teamId/pulse.csv. Built from the same public results and trend the
// page reads, so a value hidden on the page is an empty cell here, with the
// reason in the Note column.
import { SUPPRESSED_MESSAGE } from '~/domain/anonymity'
import { DIMENSIONS } from '~/domain/instrument'
import type { PublicRoundResults, TrendPoint } from '~/domain/public-results'
import { gapRows } from './gap-over-time'
import { csvColumns, type CsvRow, type CsvTable } from '~/domain/csv-table'

export const PULSE_CSV_SECTIONS = ['dimensions', 'directional', 'items', 'generative', 'trend', 'gaps'] as const
export type PulseCsvSection = (typeof PULSE_CSV_SECTIONS)[number]

export const PULSE_CSV_LABELS: Record<PulseCsvSection, string> = {
  dimensions: 'Respect Index and dimensions (this round)',
  directional: 'How each side sees it (this round)',
  items: 'Answers per statement (this round)',
  generative: 'Generative culture (this round, when asked)',
  trend: 'Trend across rounds',
  gaps: 'Self vs other view over time',
}

export function isPulseCsvSection(value: unknown): value is PulseCsvSection {
  return typeof value === 'string' && PULSE_CSV_SECTIONS.some((s) => s === value)
}

/** The reason a round's numbers are empty: the page's own message. */
function roundNote(results: PublicRoundResults): string {
  return results.visible ? '' : (results.message ?? SUPPRESSED_MESSAGE)
}

export type PulsePageTables = { results: PublicRoundResults | null; trend: readonly TrendPoint[] }

export function pulseCsvTable({ results, trend }: PulsePageTables, section: PulseCsvSection): CsvTable {
  const closedOn = results?.round.closedOn ?? null
  switch (section) {
    case 'dimensions':
      return {
        columns: csvColumns([
          ['closedOn', 'Round closed'],
          ['measure', 'Measure'],
          ['score', 'Score (0–100)'],
          ['mean', 'Average answer (1–7)'],
          ['n', 'Responses'],
          ['note', 'Note'],
        ]),
        rows: results
          ? [
              {
                closedOn,
                measure: 'Respect Index',
                score: results.respectIndex,
                mean: null,
                n: results.n,
                note: results.respectIndex === null ? roundNote(results) || SUPPRESSED_MESSAGE : '',
              },
              ...results.dimensions.map((d) => ({
                closedOn,
                measure: d.label,
                score: d.score,
                mean: d.mean,
                n: results.n,
                note: d.score === null ? roundNote(results) || SUPPRESSED_MESSAGE : '',
              })),
            ]
          : [],
      }
    case 'directional':
      return {
        columns: csvColumns([
          ['closedOn', 'Round closed'],
          ['direction', 'Direction'],
          ['dimension', 'Dimension'],
          ['overall', 'Everyone’s score'],
          ['selfLabel', 'Self'],
          ['selfView', 'Self-view'],
          ['otherLabel', 'Other side'],
          ['otherView', 'Other side’s view'],
          ['gap', 'Gap (points)'],
          ['note', 'Note'],
        ]),
        rows: (results?.directional ?? []).map((d) => ({
          closedOn,
          direction: d.label,
          dimension: d.dimensionLabel,
          overall: d.overall,
          selfLabel: d.splitVisible ? d.selfView.label : '',
          selfView: d.selfView.score,
          otherLabel: d.splitVisible ? d.otherView.label : '',
          otherView: d.otherView.score,
          gap: d.gap,
          note: results && !results.visible ? roundNote(results) : d.splitVisible ? (d.note ?? '') : (d.note ?? SUPPRESSED_MESSAGE),
        })),
      }
    case 'items':
      return {
        columns: csvColumns([
          ['closedOn', 'Round closed'],
          ['position', '#'],
          ['statement', 'Statement'],
          ['dimension', 'Dimension'],
          ['reverseScored', 'Reverse-scored'],
          ['answer', 'Answer'],
          ['people', 'People'],
          ['note', 'Note'],
        ]),
        rows: (results?.items ?? []).flatMap((item, i): CsvRow[] => {
          const base = {
            closedOn,
            position: i + 1,
            statement: item.wording,
            dimension: item.dimensionLabel,
            reverseScored: item.reverseScored ? 'yes' : 'no',
          }
          const d = item.distribution
          if (!d) return [{ ...base, answer: null, people: null, note: results ? roundNote(results) || SUPPRESSED_MESSAGE : '' }]
          const note = d.kind === 'bands' ? 'Grouped into bands: too few people for exact counts' : ''
          return d.kind === 'exact'
            ? d.counts.map((c) => ({ ...base, answer: `${c.value} ${c.label}`, people: c.count, note }))
            : d.counts.map((c) => ({ ...base, answer: c.label, people: c.count, note }))
        }),
      }
    case 'generative': {
      const culture = results?.generativeCulture ?? null
      const note = culture && culture.score === null && results ? roundNote(results) || SUPPRESSED_MESSAGE : ''
      return {
        columns: csvColumns([
          ['closedOn', 'Round closed'],
          ['aspect', 'Aspect'],
          ['statement', 'Statement'],
          ['answer', 'Answer'],
          ['people', 'People'],
          ['mean', 'Average answer (1–7)'],
          ['score', 'Score (0–100)'],
          ['n', 'Responses'],
          ['note', 'Note'],
        ]),
        rows: culture
          ? [
              {
                closedOn,
                aspect: 'All six aspects',
                statement: '',
                answer: null,
                people: null,
                mean: culture.mean,
                score: culture.score,
                n: culture.n,
                note,
              },
              ...culture.items.flatMap((item): CsvRow[] => {
                const base = { closedOn, aspect: item.aspect, statement: item.wording, mean: null, score: null, n: null }
                const d = item.distribution
                if (!d) return [{ ...base, answer: null, people: null, note: note || SUPPRESSED_MESSAGE }]
                return d.kind === 'exact'
                  ? d.counts.map((c) => ({ ...base, answer: `${c.value} ${c.label}`, people: c.count, note: '' }))
                  : d.counts.map((c) => ({
                      ...base,
                      answer: c.label,
                      people: c.count,
                      note: 'Grouped into bands: too few people for exact counts',
                    }))
              }),
            ]
          : [],
      }
    }
    case 'trend':
      return {
        columns: csvColumns([
          ['closedOn', 'Round closed'],
          ['n', 'Responses'],
          ['respectIndex', 'Respect Index'],
          ...DIMENSIONS.map((d): [string, string] => [d.key, d.label]),
          ['note', 'Note'],
        ]),
        rows: trend.map((p) => ({
          closedOn: p.closedOn,
          n: p.n,
          respectIndex: p.respectIndex,
          ...p.dimensions,
          note: p.visible ? '' : SUPPRESSED_MESSAGE,
        })),
      }
    case 'gaps':
      return {
        columns: csvColumns([
          ['closedOn', 'Round closed'],
          ['direction', 'Direction'],
          ['selfLabel', 'Self'],
          ['selfView', 'Self-view'],
          ['otherLabel', 'Other side'],
          ['otherView', 'Other side’s view'],
          ['gap', 'Gap (points)'],
          ['note', 'Note'],
        ]),
        rows: gapRows(trend).map((r) => ({
          closedOn: r.closedOn,
          direction: r.directionLabel,
          selfLabel: r.gap === null ? '' : r.selfLabel,
          selfView: r.selfView,
          otherLabel: r.gap === null ? '' : r.otherLabel,
          otherView: r.otherView,
          gap: r.gap,
          note: r.note ?? '',
        })),
      }
  }
}
