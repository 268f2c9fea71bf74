// The dashboard computed in three parts, each cached under the counter of the
// rows it is computed from (migration 0019): pulse results (rounds and their
// rollups), the feature log and autopsies. Features are logged and autopsies
// published many times a day; each recomputes its own part in milliseconds,
// while the pulse part, which takes seconds for hundreds of teams over years,
// waits for a round to close. See docs/decisions/011 and 024.
import { monthStart } from '~/domain/calendar'
import type { DashboardFilters } from '~/domain/dashboard/filters'
import type { PageCore } from '~/domain/dashboard/page'
import { currentState, roundsByTeam, type CurrentState } from '~/domain/dashboard/rounds'
import { whereFeaturesFail } from '~/domain/dashboard/sections/failures'
import { leadingIndicators } from '~/domain/dashboard/sections/leading-indicators'
import { respectOverTime } from '~/domain/dashboard/sections/respect-over-time'
import { respectAgainstFailure } from '~/domain/dashboard/sections/respect-vs-failure'
import { directionalViews, heatmap } from '~/domain/dashboard/sections/standing'
import type { Dashboard, DashboardTeam } from '~/domain/dashboard/types'
import { periodsBetween } from '~/domain/indicators'
import { factorsOverTime } from '~/domain/trends/factors-over-time'
import { rollingIndicators, rollingLoadStart } from '~/domain/trends/rolling-indicators'
import { ownParticipationsInTeams } from '../pulse/answering.server'
import { loadFeatureMonths } from '../rollups.server'
import { versionedCache, type DashboardVersions } from './cache.server'
import { keptRespectInPeriod } from './period-respect.server'
import { loadAutopsyTotals, loadRounds } from './queries.server'
import type { DashboardScope, DashboardViewer } from './scope.server'

export type ComputeArgs = {
  viewer: DashboardViewer
  filters: DashboardFilters
  teams: DashboardTeam[]
  settings: DashboardScope['settings']
  today: string
  /** team first: rounds closed after this are still their team's alone */
  closedBefore: Date | undefined
}

/** `page`: the page's trimmed core, made on the first page load that reads this entry. */
export type Computed = { dashboard: Omit<Dashboard, 'respectFirst' | 'ledTeams' | 'actionEffects'>; state: CurrentState; page?: PageCore }

type PulsePart = { state: CurrentState; respect: Dashboard['respect']; heatmap: Dashboard['heatmap'] }
type FeaturesPart = { indicators: Dashboard['indicators']; rolling: Dashboard['rolling'] }
type AutopsiesPart = { failures: Dashboard['failures']; factorsOverTime: Dashboard['factorsOverTime'] }

// A full pulse part for hundreds of teams over three years is a few megabytes, so only a handful are kept.
const pulseParts = versionedCache<PulsePart>(16)
const featureParts = versionedCache<FeaturesPart>(16)
const autopsyParts = versionedCache<AutopsiesPart>(16)

/** The dashboard for `key` (see getDashboard), each part read from its cache or computed. */
export async function computeDashboard(key: string, versions: DashboardVersions, args: ComputeArgs): Promise<Computed> {
  const { filters, teams, settings, today } = args
  const [pulse, features, autopsies] = await Promise.all([
    pulseParts.get(key, versions.pulse, () => computePulse(args)),
    featureParts.get(key, versions.features, () => computeFeatures(args)),
    autopsyParts.get(key, versions.autopsies, () => computeAutopsies(args)),
  ])
  return {
    state: pulse.state,
    dashboard: {
      filters,
      teams,
      periods: periodsBetween(filters.from, filters.to, filters.period),
      k: settings.anonymity.k,
      thresholds: settings.thresholds,
      today,
      respect: pulse.respect,
      heatmap: pulse.heatmap,
      ...autopsies,
      ...features,
      scatter: respectAgainstFailure(teams, pulse.state, features.indicators.totals),
    },
  }
}

async function computePulse({ viewer, filters, teams, settings, closedBefore }: ComputeArgs): Promise<PulsePart> {
  const teamIds = teams.map((t) => t.id)
  const { from, to, period, discipline } = filters
  // The viewer's own answers are marked on their rounds' cells, so that a result is held to k people besides them.
  const own = await ownParticipationsInTeams(viewer, teamIds)
  const teamRounds = await loadRounds({
    workspaceId: viewer.workspaceId,
    teamIds,
    from,
    to,
    period,
    timeZone: settings.timeZone,
    own,
    closedBefore,
  })
  const periods = periodsBetween(from, to, period)
  const rounds = roundsByTeam(teamRounds, teamIds, period)
  const state = currentState(teams, rounds, discipline, settings)
  return {
    state,
    respect: {
      rounds: teamRounds.length,
      ...respectOverTime(teams, periods, rounds, discipline, settings, keptRespectInPeriod),
      directional: directionalViews(teams, state),
    },
    heatmap: heatmap(teams, state),
  }
}

async function computeFeatures({ viewer, filters, teams }: ComputeArgs): Promise<FeaturesPart> {
  const { from, to, period } = filters
  const fromMonth = monthStart(from)
  const toMonth = monthStart(to)
  const teamIds = teams.map((t) => t.id)
  // From two months earlier, so that the first rolling window of the range is whole.
  const months = await loadFeatureMonths({ workspaceId: viewer.workspaceId, teamIds, fromMonth: rollingLoadStart(fromMonth), toMonth })
  const inRange = months.filter((m) => m.month >= fromMonth)
  return {
    indicators: leadingIndicators(teams, inRange, { periods: periodsBetween(from, to, period), period, fromMonth, toMonth }),
    rolling: rollingIndicators(teams, months, { fromMonth, toMonth }),
  }
}

async function computeAutopsies({ viewer, filters, teams }: ComputeArgs): Promise<AutopsiesPart> {
  const { to, period } = filters
  const fromMonth = monthStart(filters.from)
  const months = await loadAutopsyTotals({
    workspaceId: viewer.workspaceId,
    teamIds: teams.map((t) => t.id),
    fromMonth,
    toMonth: monthStart(to),
  })
  return {
    failures: whereFeaturesFail(months, fromMonth, to),
    factorsOverTime: factorsOverTime(months, { from: fromMonth, to }, { period: period === 'month' ? 'month' : 'quarter' }),
  }
}
