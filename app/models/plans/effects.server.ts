// The measured effect of actions, read from the team's trend: the rollups of
// closed rounds through the anonymity rules (getTeamTrend), so an effect never
// quotes a score the viewer could not see on the pulse page.
import type { TeamFirstAudience } from '~/domain/team-first'
import { and, eq } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { actions } from '../../../db/schema'
import { effectByKind, measureEffect, type ActionEffect } from '~/domain/action-effect'
import type { DimensionKey } from '~/domain/instrument'
import type { ResultSettings } from '../anonymity-settings.server'
import { getResultSettings } from '../anonymity-settings.server'
import { getTeamTrend, getTeamTrends } from '../pulse/results.server'
import type { TeamScope } from './plans.server'
import { inUuids } from '../sql.server'

/** enough rounds for a year of biweekly pulses: the usual movement and every round since an action started */
const TREND_ROUNDS = 40

type Measurable = { id: string; targetDimension: DimensionKey | null; startedAt: Date | string }

/** Each action's effect, keyed by its id, for one viewer of one team. */
export async function measureActions(
  scope: TeamScope & { viewerId: string | null; settings?: ResultSettings; audience: TeamFirstAudience },
  list: readonly Measurable[],
): Promise<Record<string, ActionEffect>> {
  if (!list.length) return {}
  const trend = await getTeamTrend(scope.workspaceId, scope.teamId, {
    limit: TREND_ROUNDS,
    settings: scope.settings,
    viewerId: scope.viewerId,
    audience: scope.audience,
  })
  return Object.fromEntries(
    list.map((a) => [a.id, measureEffect({ dimension: a.targetDimension, startedAt: new Date(a.startedAt).toISOString() }, trend)]),
  )
}

/**
 * Respect actions against process actions across the given teams (a leader's
 * scope), for the leaders' dashboard. Each team's effects are read as that
 * leader sees the team's trend, and the tally gives no mean for a kind
 * measured on a single team (see effectByKind).
 */
export async function getEffectByKind(scope: {
  workspaceId: string
  teamIds: readonly string[]
  viewerId: string
  audience: TeamFirstAudience
  /** the workspace's settings, when the caller has read them already */
  settings?: ResultSettings
}) {
  if (!scope.teamIds.length) return effectByKind([])
  const db = await getDb()
  const settings = scope.settings ?? (await getResultSettings(scope.workspaceId))
  const rows = await db
    .select({
      id: actions.id,
      teamId: actions.teamId,
      kind: actions.kind,
      targetDimension: actions.targetDimension,
      startedAt: actions.startedAt,
    })
    .from(actions)
    .where(and(eq(actions.workspaceId, scope.workspaceId), inUuids(actions.teamId, scope.teamIds)))
  // Every team's trend in two queries, not a round trip per team: a leader may have hundreds.
  const trends = await getTeamTrends(scope.workspaceId, [...new Set(rows.map((r) => r.teamId))], {
    limit: TREND_ROUNDS,
    settings,
    viewerId: scope.viewerId,
    audience: scope.audience,
  })
  const measured = rows.map((r) => ({
    teamId: r.teamId,
    kind: r.kind,
    effect: measureEffect({ dimension: r.targetDimension, startedAt: new Date(r.startedAt).toISOString() }, trends.get(r.teamId) ?? []),
  }))
  return effectByKind(measured)
}
