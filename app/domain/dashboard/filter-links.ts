// Links that carry the dashboard's filters: the writing half of the URL
// contract in ./filters, which reads them back (`parseDashboardFilters`
// undoes `filterQuery`). It imports nothing at run time, so the page's links
// are built in the browser without the parser's zod and calendar.
import type { Period } from '~/domain/indicators'
import type { CsvSection } from './csv'
import type { DashboardFilters } from './filters'

/** The period of a view whose URL names none, as the parser reads it and the form shows it. */
export const DEFAULT_PERIOD: Period = 'month'

/** The query string of a view, e.g. for a CSV link: `from=…&to=…&team=…&period=month`. */
export function filterQuery(filters: DashboardFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(extra)) params.set(key, value)
  params.set('from', filters.from)
  params.set('to', filters.to)
  for (const id of filters.teamIds) params.append('team', id)
  if (filters.discipline) params.set('discipline', filters.discipline)
  params.set('period', filters.period)
  return params.toString()
}

export function csvHref(filters: DashboardFilters, section: CsvSection): string {
  return `/dashboard.csv?${filterQuery(filters, { section })}`
}
