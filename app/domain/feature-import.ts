// Importing a feature log from an issue tracker: which tracker an export came
// from, which of its columns mean what, and its dates. Pure, unit-tested.
import type { ParsedCsv } from './csv-parse'
import { isCalendarDay } from './calendar'
import { formatDay } from './format'

export const IMPORT_SOURCES = ['jira', 'linear', 'github'] as const
export type ImportSource = (typeof IMPORT_SOURCES)[number]
export const CSV_SOURCES = ['jira', 'linear'] as const
export type CsvSource = (typeof CSV_SOURCES)[number]

export const SOURCE_LABELS: Readonly<Record<ImportSource, string>> = { jira: 'Jira', linear: 'Linear', github: 'GitHub' }

/** The largest CSV export read (1 MB): a few thousand issues. */
export const MAX_CSV_BYTES = 1_000_000
export const CSV_TOO_LARGE =
  'Tandem reads CSV exports of up to 1 MB. Export fewer issues (filter by resolution date, say) and import them in parts.'
/** The most rows one import creates, so one transaction stays short. */
export const MAX_IMPORT_ROWS = 1000

/** The Tandem fields a CSV column can fill, in the order the mapping form shows them. */
export const CSV_FIELDS = ['key', 'title', 'created', 'resolved', 'link', 'description', 'engineeringJoined'] as const
export type CsvField = (typeof CSV_FIELDS)[number]
export const REQUIRED_FIELDS: readonly CsvField[] = ['key', 'title', 'created', 'resolved']

export const CSV_FIELD_LABELS: Readonly<Record<CsvField, string>> = {
  key: 'Issue key (for links and duplicates)',
  title: 'Feature name',
  created: 'Ticket created (work began)',
  resolved: 'Resolved (shipped)',
  link: 'Link to the issue',
  description: 'Description (the user problem)',
  engineeringJoined: 'Engineering first involved (date)',
}

/** Column = header name as it appears in the file, or '' for "not in this file". */
export type ColumnMapping = Record<CsvField, string>

// The headers each tracker's own CSV export writes, first match wins.
const HEADERS: Readonly<Record<CsvSource, Record<CsvField, readonly string[]>>> = {
  jira: {
    key: ['Issue key'],
    title: ['Summary'],
    created: ['Created'],
    resolved: ['Resolved', 'Resolution date'],
    link: [],
    description: ['Description'],
    engineeringJoined: [],
  },
  linear: {
    key: ['ID'],
    title: ['Title'],
    created: ['Created'],
    resolved: ['Completed'],
    link: ['URL', 'Url'],
    description: ['Description'],
    engineeringJoined: [],
  },
}

const norm = (h: string) => h.trim().toLowerCase()
const has = (headers: readonly string[], name: string) => headers.some((h) => norm(h) === norm(name))

/** The tracker whose export has these headers, or null for a file from elsewhere. */
export function recognizeSource(headers: readonly string[]): CsvSource | null {
  if (has(headers, 'Issue key') && has(headers, 'Summary')) return 'jira'
  if (has(headers, 'ID') && has(headers, 'Title') && (has(headers, 'Completed') || has(headers, 'Created'))) return 'linear'
  return null
}

/** The mapping pre-filled for a recognised export (empty for anything else). */
export function defaultMapping(source: CsvSource | null, headers: readonly string[]): ColumnMapping {
  const mapping = Object.fromEntries(CSV_FIELDS.map((f) => [f, ''])) as ColumnMapping
  if (!source) return mapping
  for (const field of CSV_FIELDS) {
    const name = HEADERS[source][field].find((n) => has(headers, n))
    mapping[field] = name ? (headers.find((h) => norm(h) === norm(name)) ?? '') : ''
  }
  return mapping
}

/** A mapping's problems: required fields left unmapped, or columns the file does not have. */
export function mappingProblems(mapping: ColumnMapping, headers: readonly string[]): string[] {
  const problems: string[] = []
  for (const field of CSV_FIELDS) {
    const column = mapping[field]
    if (!column && REQUIRED_FIELDS.includes(field)) problems.push(`Choose the column for “${CSV_FIELD_LABELS[field]}”.`)
    if (column && !headers.includes(column)) problems.push(`The file has no column “${column}”.`)
  }
  return problems
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i
// Jira's default export format: 12/Mar/24 3:45 PM
const JIRA = /^(\d{1,2})\/([a-z]{3})\/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i

/**
 * A tracker's date or date-time as an ISO timestamp (UTC when the text names
 * no zone), or null when it cannot be read. ISO 8601 (Linear, GitHub, Jira
 * with ISO settings) and Jira's "12/Mar/24 3:45 PM".
 */
export function parseSourceDate(text: string): string | null {
  const value = text.trim()
  const iso = ISO.exec(value)
  if (iso) {
    const [, day, time, zone] = iso
    const offset =
      !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 3 ? `${zone}:00` : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')
    return valid(new Date(`${day}T${time ?? '00:00'}${offset}`), day)
  }
  const jira = JIRA.exec(value)
  if (jira) {
    const [, d, mon, y, h, min, s, meridiem] = jira
    const month = MONTHS.indexOf(mon.toLowerCase())
    if (month < 0) return null
    const year = y.length === 2 ? 2000 + Number(y) : Number(y)
    let hour = Number(h ?? 0)
    if (meridiem) {
      if (hour < 1 || hour > 12) return null
      hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0)
    }
    const date = new Date(Date.UTC(year, month, Number(d), hour, Number(min ?? 0), Number(s ?? 0)))
    return valid(date, `${year}-${String(month + 1).padStart(2, '0')}-${String(Number(d)).padStart(2, '0')}`)
  }
  return null
}

// Rejects impossible days (31 Feb) rather than letting Date roll them over.
// Years outside the calendar the rest of the app accepts are refused too.
function valid(date: Date, day: string): string | null {
  if (Number.isNaN(date.getTime()) || !isCalendarDay(day)) return null
  const iso = date.toISOString()
  // An offset can move a day at the calendar's edge past it.
  return isCalendarDay(iso.slice(0, 10)) ? iso : null
}

/** One issue, whatever tracker it came from, before it is checked. */
export type SourceIssue = {
  /** 1-based row in the file, or the issue number */
  line: number
  key: string
  title: string
  createdAt: string | null
  resolvedAt: string | null
  url: string | null
  description: string
  /** engineering's first involvement, when the source or a mapped column shows it */
  touches: { at: string; how: string; who?: string | null }[]
  /** problems found while reading the row (an unreadable date…) */
  problems: string[]
}

/** The problem of an issue that is still open: the feature log holds shipped features. */
export const NOT_SHIPPED = 'Not resolved yet: the log holds shipped features only.'

/** The link to an issue: base URL + key, e.g. https://acme.atlassian.net/browse/ + ABC-12. */
export function issueLink(base: string, key: string): string | null {
  const trimmed = base.trim()
  if (!trimmed || !key) return null
  return `${trimmed.replace(/\/+$/, '')}/${encodeURIComponent(key)}`
}

/** A CSV export's rows read through a mapping. */
export function csvIssues(parsed: ParsedCsv, mapping: ColumnMapping, { linkBase }: { linkBase: string }): SourceIssue[] {
  const index = (field: CsvField) => (mapping[field] ? parsed.headers.indexOf(mapping[field]) : -1)
  const at = Object.fromEntries(CSV_FIELDS.map((f) => [f, index(f)])) as Record<CsvField, number>
  return parsed.rows.map((row, i) => {
    const cell = (field: CsvField) => (at[field] >= 0 ? (row[at[field]] ?? '').trim() : '')
    const problems: string[] = []
    const date = (field: CsvField, missing: string | null) => {
      const text = cell(field)
      if (!text) {
        if (missing) problems.push(missing)
        return null
      }
      const parsedDate = parseSourceDate(text)
      if (!parsedDate) problems.push(`“${text.slice(0, 40)}” is not a date Tandem can read.`)
      return parsedDate
    }
    const key = cell('key')
    const mappedLink = cell('link')
    const engineering = date('engineeringJoined', null)
    return {
      line: i + 1,
      key,
      title: cell('title'),
      createdAt: date('created', 'No created date.'),
      resolvedAt: date('resolved', NOT_SHIPPED),
      url: /^https?:\/\//i.test(mappedLink) ? mappedLink : issueLink(linkBase, key),
      description: cell('description'),
      touches: engineering ? [{ at: engineering, how: 'joined (per the mapped column)' }] : [],
      problems,
    }
  })
}

/** "Derived from GitHub on 3 Mar 2026: octocat commented 2 days after the ticket was created." or null for a stage a person entered. */
export function derivedStageNote(f: {
  stageDerivedFrom: ImportSource | null
  stageDerivedAt: string | Date | null
  stageEvidence: string | null
}) {
  if (!f.stageDerivedFrom || !f.stageDerivedAt) return null
  const day = (typeof f.stageDerivedAt === 'string' ? f.stageDerivedAt : f.stageDerivedAt.toISOString()).slice(0, 10)
  return `Derived from ${SOURCE_LABELS[f.stageDerivedFrom]} on ${formatDay(day)}${f.stageEvidence ? `: ${f.stageEvidence}` : '.'}`
}
