// 4. Leading indicators: the feature-log shares that move before respect
// does, per period and over the whole range.
import { ALL_TEAMS, periodKey, summarizeFeatureMonths, type FeatureMonth, type Period } from '~/domain/indicators'
import { ALL_TEAMS_NAME, type DashboardTeam, type LeadingIndicators } from '../types'

/** A month of one team's feature log, as the rollups keep it. */
export type TeamFeatureMonth = FeatureMonth & { teamId: string; month: string }

export function leadingIndicators(
  teams: readonly DashboardTeam[],
  months: readonly TeamFeatureMonth[],
  range: { periods: readonly string[]; period: Period; fromMonth: string; toMonth: string },
): LeadingIndicators {
  const byPeriod = new Map<string, TeamFeatureMonth[]>()
  for (const row of months) {
    const key = periodKey(row.month, range.period)
    const list = byPeriod.get(key)
    if (list) list.push(row)
    else byPeriod.set(key, [row])
  }
  const points: LeadingIndicators['points'] = []
  for (const key of range.periods) {
    const rows = byPeriod.get(key) ?? []
    points.push({ period: key, teamId: ALL_TEAMS, teamName: ALL_TEAMS_NAME, ...summarizeFeatureMonths(rows) })
    // Grouped once per period: filtering the rows for every team is quadratic in teams.
    const byTeamInPeriod = new Map<string, TeamFeatureMonth[]>()
    for (const row of rows) {
      const list = byTeamInPeriod.get(row.teamId)
      if (list) list.push(row)
      else byTeamInPeriod.set(row.teamId, [row])
    }
    for (const team of teams) {
      const mine = byTeamInPeriod.get(team.id)
      if (mine) points.push({ period: key, teamId: team.id, teamName: team.name, ...summarizeFeatureMonths(mine) })
    }
  }
  const byTeam = new Map<string, TeamFeatureMonth[]>(teams.map((t) => [t.id, []]))
  for (const row of months) byTeam.get(row.teamId)?.push(row)
  const totals: LeadingIndicators['totals'] = [
    { period: null, teamId: ALL_TEAMS, teamName: ALL_TEAMS_NAME, ...summarizeFeatureMonths(months) },
    ...teams.map((t) => ({ period: null, teamId: t.id, teamName: t.name, ...summarizeFeatureMonths(byTeam.get(t.id) ?? []) })),
  ]
  return { fromMonth: range.fromMonth, toMonth: range.toMonth, points, totals }
}
