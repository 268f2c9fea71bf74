// Links that carry the dashboard's filters: a shared view and its CSV
// downloads always show the same thing. The schema that reads them lives with
// the model (parseDashboardFilters in ~/models/trends.server).
import type { CsvSection, DashboardFilters } from '~/models/trends.server'

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
