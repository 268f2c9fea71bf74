// Team first: a team sees its round's results before its leaders do. The one
// rule every leader read path applies (pulse results for leaders, the
// dashboard, its CSV, the digest), here as a predicate and as the cut-off
// date that the SQL fragment in ~/models/nudges/team-first.server uses.
import { DAY_MS } from './calendar'

export type TeamFirst = { on: boolean; days: number }

export const TEAM_FIRST_DEFAULT: TeamFirst = { on: true, days: 2 }
export const TEAM_FIRST_MAX_DAYS = 14

export type TeamFirstAudience = 'team' | 'leaders'

/** Rounds closed at or before this moment are visible to leaders at `now`. */
export function leaderCutoff(setting: TeamFirst, now: Date): Date {
  const days = setting.on ? Math.max(0, Math.min(TEAM_FIRST_MAX_DAYS, setting.days)) : 0
  return new Date(now.getTime() - days * DAY_MS)
}

/** Whether leaders may see a round's results at `now`. An open round shows no results to anyone. */
export function visibleToLeaders(round: { status: string; closedAt: Date | null }, setting: TeamFirst, now: Date): boolean {
  return round.status === 'closed' && round.closedAt !== null && round.closedAt <= leaderCutoff(setting, now)
}

/** When leaders will see a closed round's results. */
export function leadersSeeFrom(closedAt: Date, setting: TeamFirst): Date {
  return new Date(closedAt.getTime() + (closedAt.getTime() - leaderCutoff(setting, closedAt).getTime()))
}

/**
 * Whose view a person has of a team's results. Members and facilitators see
 * their team's results at once; leaders, and admins who are not on the team,
 * read as leaders.
 */
export function audienceOf(role: string | null | undefined): TeamFirstAudience {
  return role === 'member' || role === 'facilitator' ? 'team' : 'leaders'
}
