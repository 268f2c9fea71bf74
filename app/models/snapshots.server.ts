import { DAY_MS, monthStart } from '~/domain/calendar'
import { summarizeFeatureMonths, type IndicatorSummary } from '~/domain/indicators'
import { leaderCutoff } from '~/domain/team-first'
import { periodScores, withOwn, type GroupScores, type RollupCell } from '~/domain/rollup-scores'
import { getResultSettings, type ResultSettings } from './anonymity-settings.server'
import { getTeamFirst } from './nudges/team-first.server'
import { ownParticipations } from '~/models/pulse/answering.server'
import { loadFeatureMonths, loadLatestPulseCells, type PulseCellRow } from './rollups.server'

/** How far back "latest round" looks: a team silent for longer has no current respect reading. */
export const SNAPSHOT_LOOKBACK_DAYS = 120
/** The feature-log shares in a snapshot cover the calendar months that overlap the last 90 days. */
export const FEATURE_WINDOW_DAYS = 90

const DAY = DAY_MS
// Months of the feature log are UTC calendar months, as their rollups are keyed.
const monthOf = (d: Date) => monthStart(d.toISOString().slice(0, 10))

/** Each team's latest closed round in the rows: its cells. */
export function latestRoundCells(rows: readonly PulseCellRow[]): Map<string, { roundId: string; closedAt: Date; cells: RollupCell[] }> {
  const latest = new Map<string, { roundId: string; closedAt: Date; cells: RollupCell[] }>()
  for (const row of rows) {
    const current = latest.get(row.teamId)
    if (!current || row.closedAt > current.closedAt) latest.set(row.teamId, { roundId: row.roundId, closedAt: row.closedAt, cells: [] })
  }
  for (const row of rows) {
    const slot = latest.get(row.teamId)
    if (slot && slot.roundId === row.roundId) slot.cells.push(row)
  }
  return latest
}

export type LeaderSnapshot = {
  asOf: string
  /** the selected teams together, at each team's latest round, after the anonymity rules */
  overall: GroupScores
  teams: { teamId: string; roundId: string | null; closedAt: string | null; scores: GroupScores }[]
  /** feature-log indicators over the last FEATURE_WINDOW_DAYS */
  features: IndicatorSummary
  settings: ResultSettings
}

/**
 * The state of the given teams at `asOf`: each team's latest closed round in the
 * look-back window, the aggregate of those rounds, and the feature-log shares of
 * the last 90 days. Reads rollups only. Used by the weekly digest (the mail and
 * its preview); the dashboard reads its own range of rounds.
 */
export async function leaderSnapshot(scope: {
  workspaceId: string
  teamIds: readonly string[]
  asOf?: Date
  /** the leader reading it: a round they answered themselves is held to k people besides them */
  viewerId: string | null
}): Promise<LeaderSnapshot> {
  const asOf = scope.asOf ?? new Date()
  const [settings, teamFirst] = await Promise.all([getResultSettings(scope.workspaceId), getTeamFirst(scope.workspaceId)])
  const [cells, months] = await Promise.all([
    loadLatestPulseCells({
      workspaceId: scope.workspaceId,
      teamIds: scope.teamIds,
      from: new Date(asOf.getTime() - SNAPSHOT_LOOKBACK_DAYS * DAY),
      // Leaders read a round only once team first has passed.
      to: leaderCutoff(teamFirst, asOf),
    }),
    loadFeatureMonths({
      workspaceId: scope.workspaceId,
      teamIds: scope.teamIds,
      fromMonth: monthOf(new Date(asOf.getTime() - FEATURE_WINDOW_DAYS * DAY)),
      toMonth: monthOf(asOf),
    }),
  ])
  const roundIds = [...new Set(cells.map((c) => c.roundId))]
  const own = scope.viewerId ? await ownParticipations({ id: scope.viewerId, workspaceId: scope.workspaceId }, roundIds) : new Map()
  const latest = latestRoundCells(withOwn(cells, own))
  const scored = periodScores(
    scope.teamIds.map((teamId) => ({ teamId, cells: latest.get(teamId)?.cells ?? [] })),
    settings.anonymity,
    settings.thresholds,
  )
  return {
    asOf: asOf.toISOString(),
    overall: scored.overall,
    teams: scored.teams.map(({ teamId, ...scores }) => ({
      teamId,
      roundId: latest.get(teamId)?.roundId ?? null,
      closedAt: latest.get(teamId)?.closedAt.toISOString() ?? null,
      scores: { ...scores },
    })),
    features: summarizeFeatureMonths(months),
    settings,
  }
}
