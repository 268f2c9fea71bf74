// The dashboard's reads. Rollups only (plus round eligibility and the open
// action items of published autopsies), one query per table, so a range of
// years across hundreds of teams stays a handful of queries. The feature-log
// months come from ~/models/rollups.server, shared with the digest.
import { and, asc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { autopsies, actions as autopsyActions, autopsyRollups, features, pulseRollups, rounds, users } from '../../../db/schema'
import { DAY_MS as DAY, dayStartUtc } from '~/domain/calendar'
import type { AutopsyMonthTotal } from '~/domain/dashboard/sections/failures'
import type { OpenAction } from '~/domain/dashboard/sections/respect-first'
import type { TeamRound } from '~/domain/dashboard/rounds'
import type { Discipline } from '~/domain/disciplines'
import type { Period } from '~/domain/indicators'
import { packedCells, unpackCells } from '../rollups.server'
import { rowsOf } from '../rows.server'
import { inUuids } from '../sql.server'

/** Each team's newest rounds, read whatever their period, for the "latest round that can be shown" views. */
const RECENT_ROUNDS = 3

/**
 * The rounds the dashboard reads, closed in [from, to] (days in the
 * workspace's zone): each team's latest in every period, which the trend
 * plots, and its RECENT_ROUNDS newest, among which the current state looks
 * first for one that can be shown. With their eligible counts and rollup
 * cells, in one query: rounds from the rounds table, cells from the rollups.
 */
export async function loadRounds(scope: {
  workspaceId: string
  teamIds: string[]
  from: string
  to: string
  period: Period
  timeZone: string
  /** the rounds the viewer answered, and the discipline their answer counts under */
  own: ReadonlyMap<string, Discipline>
  /** team first: rounds closed after this are still their team's alone */
  closedBefore?: Date
}): Promise<TeamRound[]> {
  if (!scope.teamIds.length) return []
  const db = await getDb()
  // Rounds are picked first and only their cells are read, each round's as
  // one string: PGlite returns a few thousand rows far faster than one row per
  // cell, and string_agg is several times cheaper to build than json_agg.
  const result = await db.execute(sql`
    with picked as (
      select r.* from (
        select r.*,
          row_number() over (partition by r.team_id, date_trunc(${scope.period}, r.local) order by r.closed_at desc) as in_period,
          row_number() over (partition by r.team_id order by r.closed_at desc) as recent
        from (
          select ${rounds.id}, ${rounds.teamId}, ${rounds.closedAt}, ${rounds.eligibleCount}, ${rounds.anonymityK},
            ${rounds.closedAt} at time zone ${scope.timeZone} as local
          from ${rounds}
          where ${and(
            eq(rounds.workspaceId, scope.workspaceId),
            inUuids(rounds.teamId, scope.teamIds),
            eq(rounds.status, 'closed'),
            scope.closedBefore ? lte(rounds.closedAt, scope.closedBefore) : undefined,
            // a day either side in UTC; the exact local days below
            gte(rounds.closedAt, new Date(dayStartUtc(scope.from).getTime() - DAY)),
            lt(rounds.closedAt, new Date(dayStartUtc(scope.to).getTime() + 2 * DAY)),
          )}
        ) r
        where r.local::date between ${scope.from}::date and ${scope.to}::date
      ) r
      where r.in_period = 1 or r.recent <= ${RECENT_ROUNDS}
    )
    select picked.id as "roundId",
      picked.team_id as "teamId",
      (extract(epoch from picked.closed_at) * 1000)::float8 as "closedAtMs",
      to_char(picked.local, 'YYYY-MM-DD') as "closedOn",
      picked.eligible_count as "eligible",
      picked.anonymity_k as "k",
      (select ${packedCells} from ${pulseRollups} p where p.round_id = picked.id and p.workspace_id = ${scope.workspaceId}) as "cells"
    from picked
  `)
  return rowsOf<Record<string, unknown>>(result).map((row) => {
    const teamId = String(row.teamId)
    const own = scope.own.get(String(row.roundId))
    return {
      roundId: String(row.roundId),
      teamId,
      closedAt: Number(row.closedAtMs),
      closedOn: String(row.closedOn),
      eligible: Number(row.eligible),
      cells: unpackCells(teamId, row.cells, Number(row.k), own),
      source: `${Number(row.k)}|${own ?? ''}|${typeof row.cells === 'string' ? row.cells : ''}`,
    }
  })
}

/** Published-autopsy counts by month, kind and key, added up across the teams in SQL (the dashboard shows no per-team split). */
export async function loadAutopsyTotals(scope: {
  workspaceId: string
  teamIds: string[]
  fromMonth: string
  toMonth: string
}): Promise<AutopsyMonthTotal[]> {
  if (!scope.teamIds.length) return []
  const db = await getDb()
  return db
    .select({
      month: autopsyRollups.month,
      kind: autopsyRollups.kind,
      key: autopsyRollups.key,
      count: sql<number>`sum(${autopsyRollups.count})::int`.mapWith(Number),
    })
    .from(autopsyRollups)
    .where(
      and(
        eq(autopsyRollups.workspaceId, scope.workspaceId),
        inUuids(autopsyRollups.teamId, scope.teamIds),
        gte(autopsyRollups.month, scope.fromMonth),
        lte(autopsyRollups.month, scope.toMonth),
      ),
    )
    .groupBy(autopsyRollups.month, autopsyRollups.kind, autopsyRollups.key)
}

const UNFINISHED = ['open', 'in_progress'] as const

/** Unfinished action items of published autopsies of the given teams, soonest due first. */
export async function loadOpenActions(workspaceId: string, teamIds: string[]): Promise<OpenAction[]> {
  if (!teamIds.length) return []
  const db = await getDb()
  return db
    .select({
      id: autopsyActions.id,
      teamId: autopsyActions.teamId,
      kind: autopsyActions.kind,
      title: autopsyActions.title,
      dueOn: autopsyActions.dueOn,
      status: autopsyActions.status,
      ownerName: users.name,
      autopsyId: autopsies.id,
      featureName: features.name,
    })
    .from(autopsyActions)
    .innerJoin(autopsies, and(eq(autopsies.id, autopsyActions.autopsyId), eq(autopsies.teamId, autopsyActions.teamId)))
    .innerJoin(features, eq(features.id, autopsies.featureId))
    .leftJoin(users, eq(users.id, autopsyActions.ownerId))
    .where(
      and(
        eq(autopsyActions.workspaceId, workspaceId),
        eq(autopsies.workspaceId, workspaceId),
        inUuids(autopsyActions.teamId, teamIds),
        inArray(autopsyActions.status, [...UNFINISHED]),
        // Leaders read published autopsies only; a draft's items are not commitments yet.
        eq(autopsies.stage, 'published'),
      ),
    )
    .orderBy(asc(autopsyActions.dueOn), asc(autopsyActions.createdAt))
    .limit(1000)
}
