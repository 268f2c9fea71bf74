// Who may open the dashboard and its CSV downloads: someone signed in who
// leads at least one team, or a workspace admin (who reads every team).
import { getDashboardScope } from '~/models/dashboard/scope.server'
import { requireUser } from '../auth.server'
import { invariantResponse } from '../refusals.server'

export const NOT_A_LEADER = 'The dashboard is for leaders of a team and workspace admins.'

/** The signed-in viewer and the teams they may read, or a 403 for anyone else (a sign-in redirect when signed out). */
export async function requireDashboardScope(request: Request) {
  const user = await requireUser(request)
  const scope = await getDashboardScope(user)
  // An admin of a workspace without teams has nothing to read either.
  invariantResponse(scope.teams.length > 0, NOT_A_LEADER, { status: 403 })
  return { user, scope }
}
