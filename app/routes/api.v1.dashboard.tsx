// GET /api/v1/dashboard: the leader dashboard's aggregates for the teams the
// token's owner leads (every team for an admin or a workspace token), with
// the page's filters as query parameters (from, to, team, discipline, period).
// Scope dashboard:read. The numbers come from getDashboard, the model behind
// the page and its CSV downloads, so every anonymity threshold holds here too:
// a group below k has no score, only the reason it is hidden.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { parseDashboardFilters } from '~/domain/dashboard/filters'
import { getDashboard } from '~/models/dashboard/dashboard.server'
import { getDashboardScope } from '~/models/dashboard/scope.server'
import { apiError, apiHandler, apiJson, methodNotAllowed, requireApiActor } from '~/utils/guards/api.server'
import { NOT_A_LEADER } from '~/utils/guards/dashboard.server'

export function loader({ request, context }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const actor = await requireApiActor(request, 'dashboard:read', context)
    const scope = await getDashboardScope(actor)
    if (!scope.teams.length) return apiError(403, 'forbidden', NOT_A_LEADER)
    const parsed = parseDashboardFilters(new URL(request.url).searchParams, scope.today)
    if (!parsed.ok) return apiError(422, 'invalid', 'The filters are not valid.', parsed.errors)
    // A team the viewer does not lead is refused (404) before any number is computed.
    const dashboard = await getDashboard({ viewer: actor, filters: parsed.filters, scope })
    return apiJson({ data: dashboard })
  })
}

export function action(_: ActionFunctionArgs) {
  return methodNotAllowed(['GET'])
}
