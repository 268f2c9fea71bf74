// The dashboard's filters and its URL: one contract, read by the page's
// loader and by its CSV downloads, and written by the links the page draws
// and by the filter form, so a shared link and its downloads always show the
// same view. The writing half is in ./filter-links, which imports nothing:
// the browser needs it, and this half would bring zod and the calendar along.
import { z } from 'zod'
import { dayNumber, dayStartUtc, DAY_MS } from '~/domain/calendar'
import { DISCIPLINES, type Discipline } from '~/domain/disciplines'
import { isUuid } from '~/domain/ids'
import { PERIODS, type Period } from '~/domain/indicators'
import { csvHref, DEFAULT_PERIOD, filterQuery } from './filter-links'

/** Longer ranges are refused: the page must stay fast over years of history. */
export const MAX_RANGE_DAYS = 1096

export type DashboardFilters = {
  /** YYYY-MM-DD, inclusive, in the workspace's zone */
  from: string
  to: string
  /** the teams ticked; empty means every team the viewer leads */
  teamIds: string[]
  discipline: Discipline | null
  period: Period
}

/** The URL parameters, as the filter form names its fields. */
export type FilterField = 'from' | 'to' | 'team' | 'discipline' | 'period'
const FIELDS: readonly FilterField[] = ['from', 'to', 'team', 'discipline', 'period']

export type FilterErrors = Partial<Record<FilterField, string[]>>

/** The filters as typed into the form, to show them again next to their errors. */
export type FilterValues = { from: string; to: string; team: string[]; discipline: string; period: string }

export type ParsedFilters = { ok: true; filters: DashboardFilters } | { ok: false; errors: FilterErrors; values: FilterValues }

/** Default range: the twelve calendar months up to and including today's. */
export function defaultRange(today: string) {
  const [y, m] = today.split('-').map(Number)
  const start = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10)
  return { from: start, to: today }
}

const optionalDay = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || /^\d{4}-\d{2}-\d{2}$/.test(v), `${label}: use a date like 2026-03-31`)
    .refine((v) => v === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(v) || dayNumber(v) !== null, `${label} is not a real date`)
    .refine((v) => v === undefined || (v >= '2000-01-01' && v <= '2100-12-31'), `${label} must be between the years 2000 and 2100`)

const FilterSchema = z.object({
  from: optionalDay('Start date'),
  to: optionalDay('End date'),
  team: z.array(z.string().refine(isUuid, 'Pick teams from the list')).max(1000, 'Too many teams').default([]),
  discipline: z
    // The message goes on the union: zod reports a value that fits neither branch as the union's own error.
    .union([z.literal(''), z.enum(DISCIPLINES)], { error: 'Pick a discipline from the list' })
    .optional()
    .transform((v) => v || null),
  period: z
    .union([z.literal(''), z.enum(PERIODS)], { error: 'Pick month or quarter' })
    .optional()
    .transform((v) => v || DEFAULT_PERIOD),
})

/** Reads the filters from a URL; invalid values come back as errors by field, with what was sent. */
export function parseDashboardFilters(params: URLSearchParams, today: string): ParsedFilters {
  const raw = {
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    team: params.getAll('team').filter(Boolean),
    discipline: params.get('discipline') ?? undefined,
    period: params.get('period') ?? undefined,
  }
  const values: FilterValues = {
    ...raw,
    from: raw.from ?? '',
    to: raw.to ?? '',
    discipline: raw.discipline ?? '',
    period: raw.period ?? '',
  }
  const result = FilterSchema.safeParse(raw)
  if (!result.success) {
    const fields = z.flattenError(result.error).fieldErrors
    const errors: FilterErrors = {}
    for (const key of FIELDS) if (fields[key]?.length) errors[key] = fields[key]
    return { ok: false, errors, values }
  }
  const data = result.data
  const fallback = defaultRange(data.to ?? today)
  const to = data.to ?? today
  const from = data.from ?? fallback.from
  const span = (dayNumber(to) ?? 0) - (dayNumber(from) ?? 0)
  if (span < 0) return { ok: false, errors: { to: ['The end date must be on or after the start date'] }, values }
  if (span >= MAX_RANGE_DAYS) {
    return {
      ok: false,
      errors: { from: [`Pick a range of at most 3 years (${MAX_RANGE_DAYS} days); this one has ${span + 1} days`] },
      values,
    }
  }
  return {
    ok: true,
    filters: { from, to, teamIds: [...new Set(data.team)], discipline: data.discipline, period: data.period },
  }
}

/**
 * For filters built by hand rather than parsed (the bench, scripts): a range
 * the parser would refuse is a bug in the caller, not a request to answer.
 */
export function assertRange({ from, to }: Pick<DashboardFilters, 'from' | 'to'>) {
  const span = (dayStartUtc(to).getTime() - dayStartUtc(from).getTime()) / DAY_MS
  if (!(span >= 0 && span < MAX_RANGE_DAYS)) throw new RangeError(`The range ${from}..${to} is empty or longer than ${MAX_RANGE_DAYS} days`)
}

/** The filters as the form shows them. */
export function filterValues(filters: DashboardFilters): FilterValues {
  return {
    from: filters.from,
    to: filters.to,
    team: filters.teamIds,
    discipline: filters.discipline ?? '',
    period: filters.period,
  }
}

export { csvHref, DEFAULT_PERIOD, filterQuery }
