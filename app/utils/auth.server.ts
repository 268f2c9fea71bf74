import { redirect } from '@remix-run/node'
import { getTeamAccess } from '~/models/team.server'
import { getUserById, type TeamRole } from '~/models/user.server'
import { destroySession, getSessionUserId } from './session.server'
import { isUuid } from '~/domain/ids'

export async function getUser(request: Request) {
  const userId = await getSessionUserId(request)
  if (!userId) return null
  return getUserById(userId)
}

/** The signed-in user, or a redirect to sign in that comes back here. */
export async function requireUser(request: Request) {
  const userId = await getSessionUserId(request)
  if (!userId) {
    const url = new URL(request.url)
    const back = url.pathname + url.search
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`)
  }
  const user = await getUserById(userId)
  // A deleted account with a still-valid cookie: clear it rather than fail.
  if (!user) throw await destroySession(request)
  return user
}

export async function requireAdmin(request: Request) {
  const user = await requireUser(request)
  if (!user.isAdmin) throw new Response('Only workspace admins can do this.', { status: 403 })
  return user
}

/**
 * Guards a team route. The team must be in the viewer's workspace (else 404) and
 * the viewer must hold one of `roles` on it, or be a workspace admin (else 403).
 */
export async function requireTeamRole(request: Request, teamId: string | undefined, roles: readonly TeamRole[]) {
  const user = await requireUser(request)
  if (!teamId || !isUuid(teamId)) throw new Response('Team not found.', { status: 404 })
  const row = await getTeamAccess(user.workspaceId, teamId, user.id)
  if (!row) throw new Response('Team not found.', { status: 404 })
  if (!user.isAdmin && (!row.role || !roles.includes(row.role))) {
    throw new Response('You do not have access to this team.', { status: 403 })
  }
  return { user, team: row.team, role: row.role, discipline: row.discipline }
}

export const ANY_ROLE: readonly TeamRole[] = ['member', 'facilitator', 'leader']
export const FACILITATOR: readonly TeamRole[] = ['facilitator']
