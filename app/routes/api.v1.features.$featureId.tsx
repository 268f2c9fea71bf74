// /api/v1/features/:featureId
// GET: one feature (features:read). PATCH: changes the fields sent, then checks
// the whole record as the edit form does (features:write).
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { FeatureFormSchema, featureToValues, toFeatureInput } from '~/components/features/schema'
import { featureJson } from '~/domain/api-views'
import { FEATURE_NOT_FOUND } from '~/domain/feature-record'
import { isUuid } from '~/domain/ids'
import type { TokenActor } from '~/models/api-tokens.server'
import { findFeatureTeamId, getFeature, updateFeature } from '~/models/features.server'
import type { TeamRole } from '~/models/user.server'
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

const FEATURE_FIELDS = Object.keys(FeatureFormSchema.shape)

// A GET shows some fields as the record stores them; a write takes the form's fields. Say which, rather than "unknown".
const READ_SHAPE_HINTS: Record<string, string> = {
  plannedDays: 'Read-only here: send planned and plannedUnit',
  actualDays: 'Read-only here: send actual and actualUnit',
  upsetDisciplines: 'Read-only here: send upset_product, upset_engineering, upset_design or upset_other as true or false',
  id: 'Read-only',
  teamId: 'Read-only: a feature stays with its team',
  classification: 'Read-only: derived from the other fields',
  createdAt: 'Read-only',
  updatedAt: 'Read-only',
}

/** The feature, if it is in a team the actor may reach; else a 404 (whether or not it exists elsewhere). */
async function requireApiFeature(actor: TokenActor, featureId: string | undefined, roles?: readonly TeamRole[]) {
  const teamId = isUuid(featureId) ? await findFeatureTeamId(actor.workspaceId, featureId) : null
  if (!teamId || !isUuid(featureId)) throw apiError(404, 'not_found', FEATURE_NOT_FOUND)
  const team = await requireApiTeam(actor, teamId, roles)
  const feature = await getFeature({ workspaceId: actor.workspaceId, teamId: team.id, featureId })
  if (!feature) throw apiError(404, 'not_found', FEATURE_NOT_FOUND)
  return feature
}

export function loader({ request, params, context }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const actor = await requireApiActor(request, 'features:read', context)
    return apiJson({ data: featureJson(await requireApiFeature(actor, params.featureId)) })
  })
}

export function action({ request, params, context }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== 'PATCH') return methodNotAllowed(['GET', 'PATCH'])
    const actor = await requireApiActor(request, 'features:write', context)
    const feature = await requireApiFeature(actor, params.featureId, WRITERS)
    const changes = await readJsonObject(request)
    // What is stored, with the fields sent on top: false and null clear a field.
    const merged: Record<string, unknown> = { ...featureToValues(feature) }
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === false) delete merged[key]
      else merged[key] = value
    }
    const unknown = Object.keys(changes).filter((key) => !FEATURE_FIELDS.includes(key))
    if (unknown.length)
      return apiError(
        422,
        'invalid',
        'Some fields cannot be read.',
        Object.fromEntries(unknown.map((k) => [k, [READ_SHAPE_HINTS[k] ?? 'Unknown field']])),
      )
    const data = parseJsonFields(merged, FeatureFormSchema, FEATURE_FIELDS)
    const saved = await updateFeature(
      { workspaceId: actor.workspaceId, teamId: feature.teamId, featureId: feature.id },
      toFeatureInput(data),
    )
    return apiJson({ data: featureJson(saved) })
  })
}
