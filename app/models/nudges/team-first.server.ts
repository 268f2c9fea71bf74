// Team first, as the database reads it. Every leader read path (pulse results
// read as a leader, the dashboard and its CSV, the digest) filters rounds
// with roundsVisibleToLeaders(), or the same cut-off from ~/domain/team-first.
import { and, desc, eq, gt, lte, type SQL } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { rounds, workspaces } from '../../../db/schema'
import { leaderCutoff, leadersSeeFrom, TEAM_FIRST_DEFAULT, type TeamFirst } from '~/domain/team-first'

export async function getTeamFirst(workspaceId: string): Promise<TeamFirst> {
  const db = await getDb()
  const [row] = await db
    .select({ on: workspaces.teamFirst, days: workspaces.teamFirstDays })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
  return row ?? TEAM_FIRST_DEFAULT
}

/**
 * "Rounds whose results leaders may read as of `now`", as a where clause on
 * the rounds table: closed, and closed at least the team-first days ago.
 * Use it wherever a leader's view picks closed rounds.
 */
export function roundsVisibleToLeaders(setting: TeamFirst, now: Date = new Date()): SQL {
  return and(eq(rounds.status, 'closed'), lte(rounds.closedAt, leaderCutoff(setting, now)))!
}

/**
 * For a leader's page: when leaders will see the team's newest closed round
 * that is still the team's alone, or null when there is none.
 */
export async function leadersSeeNextFrom(scope: { workspaceId: string; teamId: string }, now: Date = new Date()): Promise<Date | null> {
  const setting = await getTeamFirst(scope.workspaceId)
  const db = await getDb()
  const [held] = await db
    .select({ closedAt: rounds.closedAt })
    .from(rounds)
    .where(
      and(
        eq(rounds.workspaceId, scope.workspaceId),
        eq(rounds.teamId, scope.teamId),
        eq(rounds.status, 'closed'),
        gt(rounds.closedAt, leaderCutoff(setting, now)),
      ),
    )
    .orderBy(desc(rounds.closedAt))
    .limit(1)
  return held?.closedAt ? leadersSeeFrom(held.closedAt, setting) : null
}
