// The first line of every autopsy and feature-log route: the team role, what
// the viewer may do with the team's autopsies, and the record's id. A
// malformed id is a 404, the same answer as an id that matches nothing, and
// it is refused before it can reach SQL.
import { AUTOPSY_NOT_FOUND, autopsyViewer } from '~/domain/autopsy-lifecycle'
import { FEATURE_NOT_FOUND } from '~/domain/feature-record'
import { isUuid } from '~/domain/ids'
import type { TeamRole } from '~/models/user.server'
import { ANY_ROLE, requireTeamRole } from '../auth.server'
import { invariantResponse } from '../refusals.server'

/** Everyone who builds features: they log them and write their own perspective. Leaders only read. */
export const WRITERS: readonly TeamRole[] = ['member', 'facilitator']

type TeamGuard = Awaited<ReturnType<typeof requireTeamRole>>

/** What the viewer may do with the team's autopsies; a 403 for someone who may do nothing. */
function requireViewer(guard: TeamGuard) {
  const viewer = autopsyViewer(guard)
  invariantResponse(viewer, 'You do not have access to this team.', { status: 403 })
  return viewer
}

/** A team's autopsy list or feature log: the viewer and the team's scope. */
export async function requireTeamViewer(request: Request, params: { teamId?: string }, roles: readonly TeamRole[] = ANY_ROLE) {
  const guard = await requireTeamRole(request, params.teamId, roles)
  const viewer = requireViewer(guard)
  return { ...guard, viewer, scope: { workspaceId: guard.user.workspaceId, teamId: guard.team.id } }
}

/** One autopsy's route: the viewer and the autopsy's scope. Whether they may see it is decided by the model's where clause. */
export async function requireAutopsyScope(
  request: Request,
  params: { teamId?: string; autopsyId?: string },
  roles: readonly TeamRole[] = ANY_ROLE,
) {
  const guard = await requireTeamRole(request, params.teamId, roles)
  const { autopsyId } = params
  invariantResponse(isUuid(autopsyId), AUTOPSY_NOT_FOUND)
  const viewer = requireViewer(guard)
  return { ...guard, viewer, scope: { workspaceId: guard.user.workspaceId, teamId: guard.team.id, autopsyId } }
}

/** One feature's route: the viewer and the feature's scope. */
export async function requireFeatureScope(
  request: Request,
  params: { teamId?: string; featureId?: string },
  roles: readonly TeamRole[] = ANY_ROLE,
) {
  const guard = await requireTeamRole(request, params.teamId, roles)
  const { featureId } = params
  invariantResponse(isUuid(featureId), FEATURE_NOT_FOUND)
  const viewer = requireViewer(guard)
  return { ...guard, viewer, scope: { workspaceId: guard.user.workspaceId, teamId: guard.team.id, featureId } }
}
