// The leader's dashboard: loads what the viewer may read and hands it to
// ~/domain/dashboard, where every section is computed and every score passes
// through the anonymity rules. The CSV downloads are built from this same output.
import { monthStart } from '~/domain/calendar'
import { assertRange, type DashboardFilters } from '~/domain/dashboard/filters'
import { currentState, roundsByTeam } from '~/domain/dashboard/rounds'
import { whereFeaturesFail } from '~/domain/dashboard/sections/failures'
import { leadingIndicators } from '~/domain/dashboard/sections/leading-indicators'
import { respectFirst, teamsInDeficit } from '~/domain/dashboard/sections/respect-first'
import { respectOverTime } from '~/domain/dashboard/sections/respect-over-time'
import { respectAgainstFailure } from '~/domain/dashboard/sections/respect-vs-failure'
import { directionalViews, heatmap } from '~/domain/dashboard/sections/standing'
import type { Dashboard } from '~/domain/dashboard/types'
import { periodsBetween } from '~/domain/indicators'
import { refuse } from '~/domain/refusal'
import { ownParticipationsInTeams } from '../pulse/answering.server'
import { loadFeatureMonths } from '../rollups.server'
import { loadAutopsyTotals, loadOpenActions, loadRounds } from './queries.server'
import { getDashboardScope, type DashboardScope, type DashboardViewer } from './scope.server'

/**
 * The dashboard for one viewer and one set of filters. A requested team the
 * viewer does not lead (or a viewer who leads none) is refused with a 404
 * before any number is computed: to them, that team does not exist.
 */
export async function getDashboard({
  viewer,
  filters,
  scope: given,
}: {
  viewer: DashboardViewer
  filters: DashboardFilters
  /** the scope the guard already read, to read it once per request */
  scope?: DashboardScope
}): Promise<Dashboard> {
  const scope = given && given.viewerId === viewer.id ? given : await getDashboardScope(viewer)
  const led = new Set(scope.teams.map((t) => t.id))
  if (!scope.teams.length || filters.teamIds.some((id) => !led.has(id))) refuse(404, 'Team not found.')
  const chosen = new Set(filters.teamIds)
  const teams = chosen.size ? scope.teams.filter((t) => chosen.has(t.id)) : scope.teams
  const teamIds = teams.map((t) => t.id)
  assertRange(filters)

  const { settings } = scope
  const { workspaceId } = viewer
  const { from, to, period, discipline } = filters
  const fromMonth = monthStart(from)
  const toMonth = monthStart(to)
  const [teamRounds, featureMonths, autopsyMonths] = await Promise.all([
    // The viewer's own answers are marked on their rounds' cells, so that a result is held to k people besides them.
    ownParticipationsInTeams(viewer, teamIds).then((own) =>
      loadRounds({ workspaceId, teamIds, from, to, period, timeZone: settings.timeZone, own }),
    ),
    loadFeatureMonths({ workspaceId, teamIds, fromMonth, toMonth }),
    loadAutopsyTotals({ workspaceId, teamIds, fromMonth, toMonth }),
  ])

  const periods = periodsBetween(from, to, period)
  const rounds = roundsByTeam(teamRounds, teamIds, period)
  const state = currentState(teams, rounds, discipline, settings)
  const indicators = leadingIndicators(teams, featureMonths, { periods, period, fromMonth, toMonth })
  const actions = await loadOpenActions(
    workspaceId,
    teamsInDeficit(teams, state).map((t) => t.id),
  )
  return {
    filters,
    teams,
    ledTeams: scope.teams,
    periods,
    k: settings.anonymity.k,
    thresholds: settings.thresholds,
    today: scope.today,
    respect: {
      rounds: teamRounds.length,
      ...respectOverTime(teams, periods, rounds, discipline, settings),
      directional: directionalViews(teams, state),
    },
    heatmap: heatmap(teams, state),
    failures: whereFeaturesFail(autopsyMonths, fromMonth, to),
    indicators,
    scatter: respectAgainstFailure(teams, state, indicators.totals),
    respectFirst: respectFirst(teams, state, actions, scope.today),
  }
}
