// Rounds as a facilitator runs them: the list, and opening or closing one by hand.
import { and, count, desc, eq, sql } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { participations, rounds } from '../../../db/schema'
import { refuse } from '~/domain/refusal'
import { isUniqueViolation } from '../team.server'
import { finishClose, openRound } from './lifecycle.server'
import { ensureBuiltInTemplate } from './template.server'

const ROUND_ALREADY_OPEN = 'A round is already open for this team. Close it first.'

export async function listTeamRoundsAdmin(workspaceId: string, teamId: string, { limit = 10, offset = 0 } = {}) {
  const db = await getDb()
  const where = and(eq(rounds.workspaceId, workspaceId), eq(rounds.teamId, teamId))
  const [{ total }] = await db.select({ total: count() }).from(rounds).where(where)
  const rows = await db
    .select({
      id: rounds.id,
      status: rounds.status,
      opensAt: rounds.opensAt,
      closesAt: rounds.closesAt,
      closedAt: rounds.closedAt,
      eligible: rounds.eligibleCount,
      manual: sql<boolean>`${rounds.programId} is null`,
      responded: sql<number>`(select count(*)::int from ${participations} p where p.round_id = ${rounds.id})`,
    })
    .from(rounds)
    .where(where)
    .orderBy(desc(rounds.opensAt))
    .limit(limit)
    .offset(offset)
  return { total, rows }
}

/** A facilitator opens a round now, outside the schedule. */
export async function openRoundNow(workspaceId: string, teamId: string, windowDays: number, now = new Date()) {
  const db = await getDb()
  try {
    return await db.transaction(async (tx) => {
      const [open] = await tx
        .select({ id: rounds.id })
        .from(rounds)
        .where(and(eq(rounds.teamId, teamId), eq(rounds.status, 'open')))
      if (open) refuse(409, ROUND_ALREADY_OPEN)
      const templateId = await ensureBuiltInTemplate(workspaceId, tx)
      const [round] = await tx
        .insert(rounds)
        .values({ workspaceId, teamId, templateId, opensAt: now, closesAt: new Date(now.getTime() + windowDays * 86_400_000) })
        .returning()
      await openRound(tx, round)
      return round
    })
  } catch (error) {
    if (isUniqueViolation(error)) refuse(409, ROUND_ALREADY_OPEN)
    throw error
  }
}

/**
 * Closes a round now. The update takes the round row's exclusive lock, so it
 * waits for every answer in flight (each holds a share lock until it commits);
 * answers that arrive later find the round closed.
 */
export async function closeRoundNow(workspaceId: string, teamId: string, roundId: string) {
  const db = await getDb()
  const row = await db.transaction(async (tx) => {
    const [closed] = await tx
      .update(rounds)
      .set({ status: 'closed', closedAt: sql`now()`, closesAt: sql`least(${rounds.closesAt}, now())` })
      .where(and(eq(rounds.workspaceId, workspaceId), eq(rounds.teamId, teamId), eq(rounds.id, roundId), eq(rounds.status, 'open')))
      .returning()
    if (closed) await finishClose(tx, closed.id)
    return closed
  })
  if (row) return row
  const [exists] = await db
    .select({ status: rounds.status })
    .from(rounds)
    .where(and(eq(rounds.workspaceId, workspaceId), eq(rounds.teamId, teamId), eq(rounds.id, roundId)))
  if (!exists) refuse(404, 'Round not found.')
  refuse(409, exists.status === 'closed' ? 'This round is already closed.' : 'This round has not opened yet.')
}
