// 5. Respect against failure: each team's current Respect Index against how
// often its shipped features were "not what we asked for".
import { MIN_FEATURES_FOR_RATE, readRespectVsFailure, respectVsFailure } from '~/domain/respect-vs-failure'
import type { CurrentState } from '../rounds'
import type { DashboardTeam, LeadingIndicators, RespectAgainstFailure } from '../types'

/** `totals` are the leading indicators' totals: the overall row, then one per team in `teams` order. */
export function respectAgainstFailure(
  teams: readonly DashboardTeam[],
  state: CurrentState,
  totals: LeadingIndicators['totals'],
): RespectAgainstFailure {
  const input = teams.map((t, i) => ({
    teamId: t.id,
    teamName: t.name,
    respectIndex: state.currentShown.teams[i].respectIndex,
    shipped: totals[i + 1].features,
    missed: totals[i + 1].missed,
  }))
  const plotted = respectVsFailure(input)
  const plottedIds = new Set(plotted.map((p) => p.teamId))
  return {
    points: plotted,
    leftOut: input
      .filter((p) => !plottedIds.has(p.teamId))
      .map((p) => ({
        teamId: p.teamId,
        teamName: p.teamName,
        reason:
          p.respectIndex === null
            ? 'No Respect Index that can be shown in this range'
            : `${p.shipped} shipped ${p.shipped === 1 ? 'feature' : 'features'}; a rate needs at least ${MIN_FEATURES_FOR_RATE}`,
      })),
    reading: readRespectVsFailure(plotted),
  }
}
