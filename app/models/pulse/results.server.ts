// The read side of pulse results: loaders only. Every number a page, CSV,
// JSON export or email shows about a round is computed by
// ~/domain/round-results from these rows (shaped by ~/domain/public-results), with the round's own thresholds
// and the viewer's own participation, so every read path agrees.
import { and, asc, count, desc, eq, lte, ne, or, sql, type SQL } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { answers, participations, responses, roundItems, rounds, surveyItems } from '../../../db/schema'
import type { Discipline } from '~/domain/disciplines'
import { ANY_RESPONDENT, computeRound, roundSettings, type ResponseRow, type RoundItemRow } from '~/domain/round-results'
import { toPublicResults, type PublicRoundResults, type RoundListEntry, type TrendPoint } from '~/domain/public-results'
import { getResultSettings, type ResultSettings } from '../anonymity-settings.server'
import { ownParticipations } from '~/models/pulse/answering.server'
import { loadPackedRounds } from '../rollups.server'
import { settingsKey, trendPoint } from './trend-points.server'
import { getTeamFirst, roundsVisibleToLeaders } from '../nudges/team-first.server'
import type { TeamFirstAudience } from '~/domain/team-first'
import { inUuids } from '../sql.server'

export { RESULTS_AFTER_CLOSE_MESSAGE } from '~/domain/public-results'
export type {
  PublicDimension,
  PublicDirectional,
  PublicItem,
  PublicRoundResults,
  RoundListEntry,
  TrendPoint,
} from '~/domain/public-results'

// ------------------------------------------------------------------ queries

const roundColumns = {
  id: rounds.id,
  status: rounds.status,
  opensAt: rounds.opensAt,
  closesAt: rounds.closesAt,
  closedAt: rounds.closedAt,
  eligibleCount: rounds.eligibleCount,
  anonymityK: rounds.anonymityK,
  commentK: rounds.commentK,
  comparison: rounds.comparison,
  responded: sql<number>`(select count(*)::int from ${participations} p where p.round_id = ${rounds.id})`.mapWith(Number),
}

const closedOrder = sql`coalesce(${rounds.closedAt}, ${rounds.closesAt})`

/**
 * The closed rounds this audience may read: a team reads its rounds as soon
 * as they close; leaders only once team first has passed.
 */
async function closedFor(workspaceId: string, audience: TeamFirstAudience, now = new Date()): Promise<SQL> {
  return audience === 'leaders' ? roundsVisibleToLeaders(await getTeamFirst(workspaceId), now) : eq(rounds.status, 'closed')
}

async function loadItems(workspaceId: string, roundIds: readonly string[]) {
  if (roundIds.length === 0) return new Map<string, RoundItemRow[]>()
  const db = await getDb()
  const rows = await db
    .select({
      roundId: roundItems.roundId,
      id: surveyItems.id,
      itemKey: surveyItems.itemKey,
      version: surveyItems.version,
      dimension: surveyItems.dimension,
      direction: surveyItems.direction,
      wording: surveyItems.wording,
      reverseScored: surveyItems.reverseScored,
      position: roundItems.position,
    })
    .from(roundItems)
    .innerJoin(surveyItems, eq(surveyItems.id, roundItems.itemId))
    .where(and(eq(roundItems.workspaceId, workspaceId), inUuids(roundItems.roundId, roundIds)))
    .orderBy(asc(roundItems.position))
  const byRound = new Map<string, RoundItemRow[]>()
  for (const { roundId, ...item } of rows) {
    const list = byRound.get(roundId) ?? []
    list.push(item)
    byRound.set(roundId, list)
  }
  return byRound
}

/**
 * Every response of the given rounds with its answers, in one query. A
 * response is keyed by its random id only while grouping; the id never leaves
 * this function.
 */
async function loadResponses(workspaceId: string, roundIds: readonly string[], { withComments = false } = {}) {
  if (roundIds.length === 0) return new Map<string, ResponseRow[]>()
  const db = await getDb()
  const rows = await db
    .select({
      responseId: responses.id,
      roundId: responses.roundId,
      discipline: responses.discipline,
      comment: withComments ? responses.comment : sql<string | null>`null`,
      itemId: answers.itemId,
      value: answers.value,
    })
    .from(responses)
    .leftJoin(answers, eq(answers.responseId, responses.id))
    .where(and(eq(responses.workspaceId, workspaceId), inUuids(responses.roundId, roundIds)))
  const byResponse = new Map<string, ResponseRow & { roundId: string }>()
  for (const row of rows) {
    let response = byResponse.get(row.responseId)
    if (!response) {
      response = { roundId: row.roundId, discipline: row.discipline, comment: row.comment, answers: [] }
      byResponse.set(row.responseId, response)
    }
    if (row.itemId !== null && row.value !== null) response.answers.push({ itemId: row.itemId, value: row.value })
  }
  const byRound = new Map<string, ResponseRow[]>()
  for (const { roundId, ...response } of byResponse.values()) {
    const list = byRound.get(roundId) ?? []
    list.push(response)
    byRound.set(roundId, list)
  }
  return byRound
}

/**
 * Results of one round of a team. Without roundId: the team's latest closed
 * round. Returns null when there is no such round for this team in this
 * workspace (an unknown or foreign id, or no closed round yet).
 */
export async function getRoundResults({
  workspaceId,
  teamId,
  roundId,
  viewerId,
  settings,
  audience,
}: {
  workspaceId: string
  teamId: string
  roundId?: string
  /** leaders read a round's results only once team first has passed: every caller says whose view it reads */
  audience: TeamFirstAudience
  /** who is looking: their own response never counts toward what they see; ANY_RESPONDENT judges as any member who answered would see it */
  viewerId: string | typeof ANY_RESPONDENT | null
  settings?: ResultSettings
}): Promise<PublicRoundResults | null> {
  const db = await getDb()
  const resolved = settings ?? (await getResultSettings(workspaceId))
  const scope = and(eq(rounds.workspaceId, workspaceId), eq(rounds.teamId, teamId))
  const closed = await closedFor(workspaceId, audience)
  const [round] = roundId
    ? await db
        .select(roundColumns)
        .from(rounds)
        // An open round shows its participation to anyone on the team; a closed one only to whom it is visible.
        .where(and(scope, eq(rounds.id, roundId), or(ne(rounds.status, 'closed'), closed)))
    : await db.select(roundColumns).from(rounds).where(and(scope, closed)).orderBy(desc(closedOrder)).limit(1)
  if (!round) return null
  const [items, own] = await Promise.all([
    loadItems(workspaceId, [round.id]).then((m) => m.get(round.id) ?? []),
    viewerId && viewerId !== ANY_RESPONDENT
      ? ownParticipations({ id: viewerId, workspaceId }, [round.id])
      : Promise.resolve(new Map<string, Discipline>()),
  ])
  const ownDiscipline: Discipline | typeof ANY_RESPONDENT | null =
    viewerId === ANY_RESPONDENT ? (round.responded > 0 ? ANY_RESPONDENT : null) : (own.get(round.id) ?? null)
  const context = { thresholds: resolved.thresholds, timeZone: resolved.timeZone, ownDiscipline }
  if (round.status !== 'closed') return toPublicResults(round, null, context, items)
  const people = (await loadResponses(workspaceId, [round.id], { withComments: true })).get(round.id) ?? []
  const computation = computeRound({
    roundId: round.id,
    items,
    responses: people,
    settings: roundSettings(round),
    thresholds: resolved.thresholds,
    ownDiscipline: context.ownDiscipline,
    comparison: round.comparison,
  })
  return toPublicResults(round, computation, context, items)
}

/** Open and closed rounds of a team, newest first, for a round picker. Scheduled rounds have nothing to show yet. */
export async function listTeamRounds(
  workspaceId: string,
  teamId: string,
  { limit = 50, offset = 0, audience }: { limit?: number; offset?: number; audience: TeamFirstAudience },
): Promise<{ total: number; rounds: RoundListEntry[] }> {
  const db = await getDb()
  const where = and(
    eq(rounds.workspaceId, workspaceId),
    eq(rounds.teamId, teamId),
    or(eq(rounds.status, 'open'), await closedFor(workspaceId, audience)),
  )
  const [[{ total }], rows] = await Promise.all([
    db.select({ total: count() }).from(rounds).where(where),
    db
      .select({ id: rounds.id, status: rounds.status, opensAt: rounds.opensAt, closesAt: rounds.closesAt, closedAt: rounds.closedAt })
      .from(rounds)
      .where(where)
      .orderBy(desc(rounds.opensAt), desc(rounds.id))
      .limit(limit)
      .offset(offset),
  ])
  return {
    total,
    rounds: rows.map((r) => ({
      id: r.id,
      status: r.status,
      opensAt: r.opensAt.toISOString(),
      closesAt: r.closesAt.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
    })),
  }
}

/**
 * One point per closed round, oldest first, with hidden values as null (not
 * dropped) so a chart shows the gap. Reads the rollups written when each round
 * closed, never raw answers: two queries whatever the number of rounds.
 * Dimension scores are comparable across item versions; nothing here mixes two
 * wordings of one item.
 */
export async function getTeamTrend(
  workspaceId: string,
  teamId: string,
  options: { limit?: number; settings?: ResultSettings; viewerId: string | null; audience: TeamFirstAudience },
): Promise<TrendPoint[]> {
  return (await getTeamTrends(workspaceId, [teamId], options)).get(teamId) ?? []
}

/**
 * getTeamTrend for many teams at once (a leader's across their teams): each
 * team's `limit` newest closed rounds in one query, and their cells in one
 * more, rather than a round trip per team.
 */
export async function getTeamTrends(
  workspaceId: string,
  teamIds: readonly string[],
  {
    limit = 26,
    settings,
    viewerId,
    audience,
  }: { limit?: number; settings?: ResultSettings; viewerId: string | null; audience: TeamFirstAudience },
): Promise<Map<string, TrendPoint[]>> {
  const trends = new Map<string, TrendPoint[]>(teamIds.map((id) => [id, []]))
  if (!teamIds.length) return trends
  const db = await getDb()
  const resolved = settings ?? (await getResultSettings(workspaceId))
  const ranked = db
    .select({
      id: rounds.id,
      teamId: rounds.teamId,
      closedAt: rounds.closedAt,
      closesAt: rounds.closesAt,
      rank: sql<number>`row_number() over (partition by ${rounds.teamId} order by ${closedOrder} desc)`.as('rank'),
    })
    .from(rounds)
    .where(and(eq(rounds.workspaceId, workspaceId), inUuids(rounds.teamId, teamIds), await closedFor(workspaceId, audience)))
    .as('ranked')
  const picked = await db
    .select({ id: ranked.id, teamId: ranked.teamId, closedAt: ranked.closedAt, closesAt: ranked.closesAt })
    .from(ranked)
    .where(lte(ranked.rank, limit))
  const ids = picked.map((r) => r.id)
  const [own, packed] = await Promise.all([
    viewerId ? ownParticipations({ id: viewerId, workspaceId }, ids) : new Map<string, Discipline>(),
    loadPackedRounds(workspaceId, ids),
  ])
  const oldestFirst = picked
    .map((r) => ({ id: r.id, teamId: r.teamId, at: r.closedAt ?? r.closesAt }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id))
  const key = settingsKey(resolved)
  for (const round of oldestFirst) {
    trends.get(round.teamId)?.push(trendPoint(round, packed.get(round.id), own.get(round.id), resolved, key))
  }
  return trends
}
