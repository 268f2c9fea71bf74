// /dashboard.csv?section=…&<the page's filters>: each dashboard table as CSV.
// Rows come from the same getDashboard output as the page (computed once per
// rollup version and cached), so a value hidden on the page is hidden here
// too (an empty cell with the reason beside it). The file is streamed.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { CSV_SECTIONS, csvTable, isCsvSection } from '~/domain/dashboard/csv'
import { parseDashboardFilters } from '~/domain/dashboard/filters'
import { getDashboard } from '~/models/dashboard/dashboard.server'
import { csvStream } from '~/utils/csv'
import { requireDashboardScope } from '~/utils/guards/dashboard.server'
import { invariantResponse, throwRefusal } from '~/utils/refusals.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requireDashboardScope(request)

  const params = new URL(request.url).searchParams
  const section = params.get('section')
  invariantResponse(isCsvSection(section), `Unknown section. Use one of: ${CSV_SECTIONS.join(', ')}.`, { status: 400 })
  const parsed = parseDashboardFilters(params, scope.today)
  invariantResponse(parsed.ok, Object.values(parsed.ok ? {} : parsed.errors).flat()[0] ?? 'Invalid filters.', { status: 422 })
  const dashboard = await getDashboard({ viewer: user, filters: parsed.filters, scope }).catch(throwRefusal)

  const { from, to } = dashboard.filters
  const { columns, rows } = csvTable(dashboard, section)
  // With a byte order mark, so spreadsheet apps read names as UTF-8.
  return new Response(csvStream(columns, rows, { bom: true }), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="tandem-${section}-${from}-${to}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
