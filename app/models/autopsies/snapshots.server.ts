// The team's pulse around an autopsy, through the same anonymity rules as the
// pulse page. Two views of a round are read here and they must not be mixed:
// the reader's own (their answer never counts toward what they see), and the
// round as any member who answered it would see it, which the respect gate
// judges by so that its verdict never rests on a number hidden from someone.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { actions as autopsyActions, rounds, type Autopsy } from '../../../db/schema'
import { gateFor, toRespectSnapshot, type RespectSnapshot } from '~/domain/autopsy-view'
import { ANY_RESPONDENT } from '~/domain/round-results'
import { getResultSettings, type ResultSettings } from '../anonymity-settings.server'
import { getRoundResults } from '~/models/pulse/results.server'
import type { TeamFirstAudience } from '~/domain/team-first'
import { getTeamFirst, roundsVisibleToLeaders } from '../nudges/team-first.server'
import type { TeamScope, Tx } from './access.server'

const closedAt = sql`coalesce(${rounds.closedAt}, ${rounds.closesAt})`

/**
 * The team's pulse around a feature, through the same anonymity rules as the
 * pulse page: the last round that closed before work began (a day in the
 * workspace's zone), and the latest round closed by `at` (now, or when the
 * autopsy was published).
 */
export async function getRespectSnapshots(
  scope: TeamScope & {
    startedOn: string | null
    at: Date
    settings?: ResultSettings
    viewerId: string | typeof ANY_RESPONDENT | null
    audience: TeamFirstAudience
  },
): Promise<{ before: RespectSnapshot | null; latest: RespectSnapshot | null }> {
  const db = await getDb()
  const settings = scope.settings ?? (await getResultSettings(scope.workspaceId))
  // A leader reading an autopsy sees only rounds team first has released to leaders.
  const closed = scope.audience === 'leaders' ? roundsVisibleToLeaders(await getTeamFirst(scope.workspaceId)) : eq(rounds.status, 'closed')
  const team = and(eq(rounds.workspaceId, scope.workspaceId), eq(rounds.teamId, scope.teamId), closed)
  const pick = (condition: SQL) => db.select({ id: rounds.id }).from(rounds).where(and(team, condition)).orderBy(desc(closedAt)).limit(1)
  const [[before], [latest]] = await Promise.all([
    scope.startedOn === null
      ? Promise.resolve([])
      : pick(sql`(${closedAt} at time zone ${settings.timeZone})::date < ${scope.startedOn}::date`),
    pick(sql`${closedAt} <= ${scope.at.toISOString()}::timestamptz`),
  ])
  const load = async (roundId: string | undefined) => {
    if (!roundId) return null
    const results = await getRoundResults({
      workspaceId: scope.workspaceId,
      teamId: scope.teamId,
      roundId,
      settings,
      viewerId: scope.viewerId,
      audience: scope.audience,
    })
    return results ? toRespectSnapshot(results) : null
  }
  const [b, l] = await Promise.all([load(before?.id), load(latest?.id)])
  return { before: b, latest: l }
}

/**
 * The latest snapshot the gate judges by: the round as any member who answered
 * it would see it, so the gate's verdict (and an override, which only a
 * deficit allows) never rests on a number hidden from someone on the team.
 * Read before a transaction opens: a read on another connection from inside a
 * transaction would wait on it under PGlite.
 */
export async function gateSnapshotAt(scope: TeamScope, at: Date) {
  // The gate judges as the team sees its rounds: team first holds leaders back, never the team's own verdict.
  return (await getRespectSnapshots({ ...scope, startedOn: null, at, viewerId: ANY_RESPONDENT, audience: 'team' })).latest
}

/** The gate for a locked autopsy, with its action items read inside the transaction. */
export async function gateInTx(tx: Tx, autopsy: Autopsy, latest: RespectSnapshot | null) {
  const actions = await tx
    .select({ kind: autopsyActions.kind })
    .from(autopsyActions)
    .where(and(eq(autopsyActions.workspaceId, autopsy.workspaceId), eq(autopsyActions.autopsyId, autopsy.id)))
  return gateFor(latest, actions, autopsy)
}
