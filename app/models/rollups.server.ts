import { and, asc, desc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm'
import { getDb, type Database } from '../../db/client.server'
import { autopsyRollups, featureRollups, pulseRollups, rounds } from '../../db/schema'
import { isResponseGroup, type Discipline, type ResponseGroup } from '~/domain/disciplines'
import { ownGroup } from '~/domain/perception-split'
import type { RollupCell } from '~/domain/rollup-scores'
import { rowsOf } from './rows.server'
import { inUuids } from './sql.server'

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0]
type Conn = Tx | Database

/**
 * Recomputes a closed round's rollup rows from its raw answers, in SQL:
 * per response and dimension the mean item score (reverse items flipped), then
 * summed per respondent discipline. Idempotent; runs in the caller's transaction.
 */
export async function refreshRoundRollup(roundId: string, conn?: Conn) {
  const db = conn ?? (await getDb())
  await db.delete(pulseRollups).where(eq(pulseRollups.roundId, roundId))
  await db.execute(sql`
    insert into pulse_rollups (workspace_id, team_id, round_id, closed_at, discipline, dimension, responses, score_sum, scored, anonymity_k)
    select r.workspace_id, r.team_id, r.id, coalesce(r.closed_at, r.closes_at), per.discipline, per.dimension, cells.responses, sum(per.m), count(*), r.anonymity_k
    from rounds r
    join (
      select resp.round_id, resp.id, resp.discipline, si.dimension,
             avg(case when si.reverse_scored then 8 - a.value else a.value end)::float8 as m
      from responses resp
      join answers a on a.response_id = resp.id
      join survey_items si on si.id = a.item_id
      where resp.round_id = ${roundId}
      group by resp.round_id, resp.id, resp.discipline, si.dimension
    ) per on per.round_id = r.id
    join (
      select discipline, count(*)::int as responses from responses where round_id = ${roundId} group by discipline
    ) cells on cells.discipline = per.discipline
    where r.id = ${roundId} and r.status = 'closed'
    group by r.workspace_id, r.team_id, r.id, r.closed_at, r.closes_at, per.discipline, per.dimension, cells.responses, r.anonymity_k
  `)
}

function monthOf(date: string) {
  return `${date.slice(0, 7)}-01`
}

/** Recomputes one team-month of the feature log. Called in the same transaction as every feature write. */
export async function refreshFeatureMonth(scope: { workspaceId: string; teamId: string; shippedOn: string }, conn?: Conn) {
  const db = conn ?? (await getDb())
  const month = monthOf(scope.shippedOn)
  await db.delete(featureRollups).where(and(eq(featureRollups.teamId, scope.teamId), eq(featureRollups.month, month)))
  await db.execute(sql`
    insert into feature_rollups (workspace_id, team_id, month, features, missed, different_without_upset, engineering_before_spec, handoff, collaboration, spec_words)
    select ${scope.workspaceId}::uuid, ${scope.teamId}::uuid, ${month}::date, count(*)::int,
      count(*) filter (where outcome = 'not_what_we_asked')::int,
      count(*) filter (where shipped_as = 'differently' and cardinality(upset_disciplines) = 0)::int,
      count(*) filter (where engineering_before_spec)::int,
      count(*) filter (where classification = 'handoff')::int,
      count(*) filter (where classification = 'collaboration')::int,
      coalesce(array_agg(spec_words order by spec_words) filter (where spec_words > 0), '{}')
    from features
    where workspace_id = ${scope.workspaceId} and team_id = ${scope.teamId}
      and shipped_on >= ${month}::date and shipped_on < (${month}::date + interval '1 month')
    having count(*) > 0
  `)
}

/** Recomputes one team-month of published autopsies (by the feature's ship month). */
export async function refreshAutopsyMonth(scope: { workspaceId: string; teamId: string; shippedOn: string }, conn?: Conn) {
  const db = conn ?? (await getDb())
  const month = monthOf(scope.shippedOn)
  await db.delete(autopsyRollups).where(and(eq(autopsyRollups.teamId, scope.teamId), eq(autopsyRollups.month, month)))
  const inMonth = sql`a.workspace_id = ${scope.workspaceId} and a.team_id = ${scope.teamId} and a.stage = 'published'
      and f.shipped_on >= ${month}::date and f.shipped_on < (${month}::date + interval '1 month')`
  await db.execute(sql`
    insert into autopsy_rollups (workspace_id, team_id, month, kind, key, count)
    select ${scope.workspaceId}::uuid, ${scope.teamId}::uuid, ${month}::date, 'stage', a.failure_origin_stage, count(*)::int
    from autopsies a join features f on f.id = a.feature_id
    where ${inMonth} and a.failure_origin_stage is not null
    group by a.failure_origin_stage
    union all
    select ${scope.workspaceId}::uuid, ${scope.teamId}::uuid, ${month}::date, 'factor',
      case when af.factor = 'custom' then 'custom:' || af.label else af.factor end, count(*)::int
    from autopsies a join features f on f.id = a.feature_id join autopsy_factors af on af.autopsy_id = a.id
    where ${inMonth}
    group by 5
  `)
}

// ------------------------------------------------------------------ reads
// Trend views and the digest read only these rollups. Scores come out raw and
// must go through ~/domain/rollup-scores (and so the anonymity rules) before
// anyone sees them.

export type PulseCellRow = {
  teamId: string
  roundId: string
  closedAt: Date
  discipline: ResponseGroup
  dimension: string
  responses: number
  scoreSum: number
  scored: number
  /** the round's anonymity threshold */
  k: number
}

const cellColumns = {
  teamId: pulseRollups.teamId,
  roundId: pulseRollups.roundId,
  closedAt: pulseRollups.closedAt,
  discipline: pulseRollups.discipline,
  dimension: pulseRollups.dimension,
  responses: pulseRollups.responses,
  scoreSum: pulseRollups.scoreSum,
  scored: pulseRollups.scored,
  k: pulseRollups.anonymityK,
}

/** Feature-log month rollups ("YYYY-MM-01") of the given teams in [fromMonth, toMonth]. */
export async function loadFeatureMonths(scope: { workspaceId: string; teamIds: readonly string[]; fromMonth: string; toMonth: string }) {
  if (!scope.teamIds.length) return []
  const db = await getDb()
  return db
    .select()
    .from(featureRollups)
    .where(
      and(
        eq(featureRollups.workspaceId, scope.workspaceId),
        inUuids(featureRollups.teamId, scope.teamIds),
        gte(featureRollups.month, scope.fromMonth),
        lte(featureRollups.month, scope.toMonth),
      ),
    )
    .orderBy(asc(featureRollups.month))
}

/** Only each team's latest closed round in [from, to): what "current state" views need, without the history. */
export async function loadLatestPulseCells(scope: {
  workspaceId: string
  teamIds: readonly string[]
  from: Date
  to: Date
}): Promise<PulseCellRow[]> {
  if (!scope.teamIds.length) return []
  const db = await getDb()
  const teamIds = [...scope.teamIds]
  // Picked from rounds (a few rows per team, indexed by team) rather than from
  // the rollup cells, so the plan stays cheap even before statistics exist.
  const latest = db
    .selectDistinctOn([rounds.teamId], { id: rounds.id })
    .from(rounds)
    .where(
      and(
        eq(rounds.workspaceId, scope.workspaceId),
        inUuids(rounds.teamId, teamIds),
        eq(rounds.status, 'closed'),
        gte(rounds.closedAt, scope.from),
        lt(rounds.closedAt, scope.to),
      ),
    )
    .orderBy(rounds.teamId, desc(rounds.closedAt))
  return db
    .select(cellColumns)
    .from(pulseRollups)
    .where(and(eq(pulseRollups.workspaceId, scope.workspaceId), inArray(pulseRollups.roundId, latest)))
}

/**
 * A round's rollup cells as one string (`p` the round's pulse_rollups rows):
 * fields split by U+001F, cells by U+001E. Hundreds of teams' rounds read as
 * one row each instead of one per cell: PGlite returns a few thousand rows
 * far faster than a few hundred thousand, postgres.js and drizzle map them
 * for a fraction of the cost, and string_agg is several times cheaper to build than json_agg.
 */
export const packedCells = sql`string_agg(concat_ws(chr(31), p.discipline, p.dimension, p.responses, p.score_sum, p.scored), chr(30))`

/**
 * The cells packedCells made. Each carries the round's threshold, and the
 * viewer's own response is marked where they answered the round (`own` is that discipline).
 */
export function unpackCells(teamId: string, packed: unknown, k: number, own: Discipline | undefined): RollupCell[] {
  if (typeof packed !== 'string' || !packed) return []
  const cells: RollupCell[] = []
  for (const cell of packed.split('\u001e')) {
    const [discipline, dimension, responses, scoreSum, scored] = cell.split('\u001f')
    if (!isResponseGroup(discipline) || !dimension) continue
    cells.push({
      teamId,
      discipline,
      dimension,
      responses: Number(responses),
      scoreSum: Number(scoreSum),
      scored: Number(scored),
      k,
    })
  }
  // The viewer's own response is in the group her discipline was stored under (itself, or "rest").
  const mine = ownGroup(own ?? null, new Set(cells.map((c) => c.discipline)))
  return mine ? cells.map((c) => (c.discipline === mine ? { ...c, own: 1 } : c)) : cells
}

export type PackedRound = { k: number; cells: string }

/** Each given round's threshold and rollup cells, packed (see packedCells); a round without rollups is absent. */
export async function loadPackedRounds(workspaceId: string, roundIds: readonly string[]): Promise<Map<string, PackedRound>> {
  if (!roundIds.length) return new Map()
  const db = await getDb()
  const result = await db.execute(sql`
    select p.round_id as "roundId", max(p.anonymity_k) as "k", ${packedCells} as "cells"
    from ${pulseRollups} p
    where p.workspace_id = ${workspaceId} and ${inUuids(sql`p.round_id`, roundIds)}
    group by p.round_id`)
  return new Map(
    rowsOf<{ roundId: string; k: number; cells: string | null }>(result).map((row) => [
      row.roundId,
      { k: Number(row.k), cells: row.cells ?? '' },
    ]),
  )
}
