import { redirect } from '@remix-run/node'
import { getTeamAccess } from '~/models/team.server'
import type { TeamRole } from '~/models/user.server'
import { isUuid } from '~/domain/ids'
import { getCurrentSession, hasSessionCookie, sessionStorage } from './session.server'

export async function getUser(request: Request) {
  return (await getCurrentSession(request))?.user ?? null
}

/**
 * The signed-in person and their session, or a redirect to sign in that comes
 * back here. A cookie whose session was revoked or expired, or whose person
 * was deactivated, is cleared on the way.
 */
export async function requireUserSession(request: Request) {
  const current = await getCurrentSession(request)
  if (current) return current
  const url = new URL(request.url)
  const back = url.pathname + url.search
  const headers = new Headers()
  if (await hasSessionCookie(request)) {
    headers.set('Set-Cookie', await sessionStorage().destroySession(await sessionStorage().getSession()))
  }
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`, { headers })
}

/** The signed-in user, or a redirect to sign in that comes back here. */
export async function requireUser(request: Request) {
  return (await requireUserSession(request)).user
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
