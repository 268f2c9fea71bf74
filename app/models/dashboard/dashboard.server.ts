// The leader's dashboard: loads what the viewer may read and hands it to
// ~/domain/dashboard, where every section is computed and every score passes
// through the anonymity rules. The CSV downloads are built from this same output.
// The computed result is cached under the workspace's dashboard versions
// (./cache.server), so a page load after the first reads one row of counters.
import { assertRange, type DashboardFilters } from '~/domain/dashboard/filters'
import { MAX_DEFICIT_TEAMS, pageCore, pageWith, type PageDashboard } from '~/domain/dashboard/page'
import { respectFirst, teamsInDeficit } from '~/domain/dashboard/sections/respect-first'
import type { Dashboard } from '~/domain/dashboard/types'
import { refuse } from '~/domain/refusal'
import { leaderCutoff } from '~/domain/team-first'
import { getTeamFirst } from '../nudges/team-first.server'
import { getEffectByKind } from '../plans/effects.server'
import { cacheKey, dashboardVersions, versionedCache } from './cache.server'
import { computeDashboard, type Computed } from './parts.server'
import { loadOpenActions } from './queries.server'
import { getDashboardScope, type DashboardScope, type DashboardViewer } from './scope.server'

/**
 * The dashboard for one viewer and one set of filters. A requested team the
 * viewer does not lead (or a viewer who leads none) is refused with a 404
 * before any number is computed: to them, that team does not exist.
 */
export async function getDashboard(args: DashboardArgs): Promise<Dashboard> {
  const { core, rest } = await assemble(args, Infinity)
  return { ...core.dashboard, ...rest }
}

/**
 * The dashboard as the page draws it (~/domain/dashboard/page): its trimmed
 * core kept beside the computed one, and the actions of only the teams in
 * deficit it lists.
 */
export async function getDashboardPage(args: DashboardArgs): Promise<PageDashboard> {
  const { core, rest, deficitTotal } = await assemble(args, MAX_DEFICIT_TEAMS)
  core.page ??= pageCore(core.dashboard)
  return pageWith(core.page, rest, deficitTotal)
}

type DashboardArgs = {
  viewer: DashboardViewer
  filters: DashboardFilters
  /** the scope the guard already read, to read it once per request */
  scope?: DashboardScope
}

/** `listDeficit`: how many of the teams in deficit get their open actions read and listed, lowest Respect Index first. */
async function assemble({ viewer, filters, scope: given }: DashboardArgs, listDeficit: number) {
  const scope = given && given.viewerId === viewer.id ? given : await getDashboardScope(viewer)
  const led = new Set(scope.teams.map((t) => t.id))
  if (!scope.teams.length || filters.teamIds.some((id) => !led.has(id))) refuse(404, 'Team not found.')
  const chosen = new Set(filters.teamIds)
  const teams = chosen.size ? scope.teams.filter((t) => chosen.has(t.id)) : scope.teams
  assertRange(filters)

  const { settings } = scope
  const [versions, teamFirst] = await Promise.all([dashboardVersions(viewer.workspaceId), getTeamFirst(viewer.workspaceId)])
  // Everything the computed numbers depend on besides the rows under the
  // version: who looks (their own answers are marked), which teams by which
  // names, the filters, the settings, and the day (the default range ends today).
  // Team first: leaders read a round only some days after it closed. The
  // cut-off moves with the clock, so it is taken down to the hour and keys the cache.
  const closedBefore =
    teamFirst.on && teamFirst.days > 0 ? new Date(Math.floor(leaderCutoff(teamFirst, new Date()).getTime() / HOUR) * HOUR) : undefined
  const key = cacheKey([viewer.id, viewer.workspaceId, teams, filters, settings, scope.today, closedBefore?.toISOString() ?? null])
  // Actions change with autopsy and plan edits, which move no rollup: open
  // ones are read fresh, and measured effects are cached under the actions'
  // own version too. The effects do not wait for the dashboard: after a
  // write, both are computed at once, each reading while the other computes.
  const teamIds = teams.map((t) => t.id)
  const actionEffects = effects.get(cacheKey([key, versions.actions]), versions.pulse, () =>
    getEffectByKind({ workspaceId: viewer.workspaceId, teamIds, viewerId: viewer.id, audience: 'leaders', settings }),
  )
  const core = await computed.get(key, versions.rollups, () =>
    computeDashboard(key, versions, { viewer, filters, teams, settings, today: scope.today, closedBefore }),
  )
  const listed = teamsInDeficit(teams, core.state, listDeficit)
  const actions = await loadOpenActions(
    viewer.workspaceId,
    listed.map((t) => t.id),
  )
  return {
    core,
    rest: {
      ledTeams: scope.teams,
      respectFirst: respectFirst(teams, core.state, actions, scope.today, listed),
      actionEffects: await actionEffects,
    },
    deficitTotal: Number.isFinite(listDeficit) ? teamsInDeficit(teams, core.state).length : listed.length,
  }
}

const effects = versionedCache<Dashboard['actionEffects']>(16)

/** Computed dashboards by viewer, teams and filters, each made of its three cached parts (./parts.server). */
const computed = versionedCache<Computed>(16)

const HOUR = 3_600_000
