// /dashboard.csv?section=…&<the page's filters>: each dashboard table as CSV.
// Rows come from the same getDashboard output as the page, so a value hidden
// on the page is hidden here too (an empty cell with the reason beside it).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { dashboardCsv } from '~/components/dashboard/csv'
import {
  CSV_SECTIONS,
  NOT_A_LEADER,
  getDashboard,
  getDashboardScope,
  isCsvSection,
  parseDashboardFilters,
} from '~/models/trends.server'
import { requireUser } from '~/utils/auth.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const scope = await getDashboardScope(user)
  if (!scope.teams.length) throw new Response(NOT_A_LEADER, { status: 403 })

  const params = new URL(request.url).searchParams
  const section = params.get('section')
  if (!isCsvSection(section))
    throw new Response(`Unknown section. Use one of: ${CSV_SECTIONS.join(', ')}.`, { status: 400 })
  const parsed = parseDashboardFilters(params, scope.today)
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).flat()[0] ?? 'Invalid filters.', { status: 422 })
  const dashboard = await getDashboard({ viewer: user, filters: parsed.filters, scope })
  if (!dashboard) throw new Response('Team not found.', { status: 404 })

  const { from, to } = dashboard.filters
  return new Response(dashboardCsv(dashboard, section), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="tandem-${section}-${from}-${to}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
