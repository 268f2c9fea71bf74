// /api/v1/features
// GET ?teamId=…: a team's feature log, newest ship date first (features:read).
// POST: logs a feature, with the feature form's fields, checks and roles (features:write).
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { FeatureFormSchema, toFeatureInput } from '~/components/features/schema'
import { featureJson, nextCursor, PageQuery } from '~/domain/api-views'
import { createFeature, listFeatures } from '~/models/features.server'
import {
  apiError,
  apiHandler,
  apiJson,
  methodNotAllowed,
  parseJsonFields,
  readJsonObject,
  requireApiActor,
  requireApiTeam,
} from '~/utils/guards/api.server'
import { WRITERS } from '~/utils/guards/autopsy.server'

const ListQuery = PageQuery.extend({ teamId: z.string({ error: 'teamId is required: the team whose log to list' }) })

export function loader({ request, context }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const actor = await requireApiActor(request, 'features:read', context)
    const query = ListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
    if (!query.success) return apiError(422, 'invalid', 'The query is not valid.', z.flattenError(query.error).fieldErrors)
    const { limit, cursor, teamId } = query.data
    const team = await requireApiTeam(actor, teamId)
    const { total, rows } = await listFeatures({ workspaceId: actor.workspaceId, teamId: team.id }, {}, { limit, offset: cursor })
    return apiJson({
      data: rows.map(({ autopsyId: _a, autopsyStage: _s, ...row }) => ({ ...row, teamId: team.id })),
      total,
      nextCursor: nextCursor(cursor, rows.length, total),
    })
  })
}

/** The form's fields; the team the feature goes to is `teamId`, beside them. */
const FEATURE_FIELDS = Object.keys(FeatureFormSchema.shape)

export function action({ request, context }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['GET', 'POST'])
    const actor = await requireApiActor(request, 'features:write', context)
    const { teamId, ...fields } = await readJsonObject(request)
    if (teamId === undefined) return apiError(422, 'invalid', 'Say which team the feature belongs to.', { teamId: ['teamId is required'] })
    const team = await requireApiTeam(actor, teamId, WRITERS)
    const data = parseJsonFields(fields, FeatureFormSchema, FEATURE_FIELDS)
    // A workspace token is nobody in particular: its features have no author.
    const userId = actor.kind === 'personal' ? actor.id : null
    const feature = await createFeature({ workspaceId: actor.workspaceId, teamId: team.id, userId }, toFeatureInput(data))
    return apiJson({ data: featureJson(feature) }, 201)
  })
}
