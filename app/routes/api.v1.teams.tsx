// GET /api/v1/teams: the teams the token may see (its owner's teams; every
// team for an admin or a workspace token). Scope teams:read.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { nextCursor, PageQuery } from '~/domain/api-views'
import { listVisibleTeams } from '~/models/team.server'
import { apiError, apiHandler, apiJson, methodNotAllowed, requireApiActor } from '~/utils/guards/api.server'
import { z } from 'zod'

export function loader({ request, context }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const actor = await requireApiActor(request, 'teams:read', context)
    const query = PageQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
    if (!query.success) return apiError(422, 'invalid', 'The query is not valid.', z.flattenError(query.error).fieldErrors)
    const { limit, cursor } = query.data
    const teams = await listVisibleTeams(actor)
    const page = teams.slice(cursor, cursor + limit)
    return apiJson({
      data: page.map((t) => ({ id: t.id, name: t.name, role: t.role, memberCount: t.memberCount })),
      nextCursor: nextCursor(cursor, page.length, teams.length),
    })
  })
}

export function action(_: ActionFunctionArgs) {
  return methodNotAllowed(['GET'])
}
