// Respect plans: opened by a facilitator from one closed round of the team's
// pulse, one plan per round. Reads put the team and workspace in the where
// clause, so another team's plan id reads as unknown.
import { and, desc, eq, sql } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { actions, respectPlans, rounds, users } from '../../../db/schema'
import { refuse } from '~/domain/refusal'

export type TeamScope = { workspaceId: string; teamId: string }

export const PLAN_NOT_FOUND = 'No such respect plan on this team.'

/**
 * The plan for this round, opened now if there is none yet: opening twice
 * (two facilitators, or a double click) lands on the same plan.
 */
export async function openPlan(scope: TeamScope & { roundId: string; userId: string }) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [round] = await tx
      .select({ id: rounds.id, status: rounds.status })
      .from(rounds)
      .where(and(eq(rounds.workspaceId, scope.workspaceId), eq(rounds.teamId, scope.teamId), eq(rounds.id, scope.roundId)))
    if (!round) refuse(404, 'Round not found.')
    if (round.status !== 'closed') refuse(409, 'A plan is opened from a closed round’s results. This round has not closed yet.')
    const [created] = await tx
      .insert(respectPlans)
      .values({ workspaceId: scope.workspaceId, teamId: scope.teamId, roundId: round.id, createdBy: scope.userId })
      .onConflictDoNothing({ target: respectPlans.roundId })
      .returning({ id: respectPlans.id })
    if (created) return { id: created.id, created: true }
    const [existing] = await tx.select({ id: respectPlans.id }).from(respectPlans).where(eq(respectPlans.roundId, round.id))
    return { id: existing.id, created: false }
  })
}

export async function getPlan(scope: TeamScope & { planId: string }) {
  const db = await getDb()
  const [row] = await db
    .select({
      id: respectPlans.id,
      roundId: respectPlans.roundId,
      status: respectPlans.status,
      createdAt: respectPlans.createdAt,
      createdByName: users.name,
    })
    .from(respectPlans)
    .leftJoin(users, eq(users.id, respectPlans.createdBy))
    .where(and(eq(respectPlans.workspaceId, scope.workspaceId), eq(respectPlans.teamId, scope.teamId), eq(respectPlans.id, scope.planId)))
  return row ?? null
}

/** The team's plans, newest first, with when the round each was opened from closed and how many actions it holds. */
export async function listPlans(scope: TeamScope) {
  const db = await getDb()
  return db
    .select({
      id: respectPlans.id,
      roundId: respectPlans.roundId,
      createdAt: respectPlans.createdAt,
      roundClosedAt: sql<Date>`coalesce(${rounds.closedAt}, ${rounds.closesAt})`.mapWith((v: string | Date) => new Date(v)),
      actions: sql<number>`(select count(*)::int from ${actions} a where a.plan_id = ${respectPlans.id})`.mapWith(Number),
    })
    .from(respectPlans)
    .innerJoin(rounds, eq(rounds.id, respectPlans.roundId))
    .where(and(eq(respectPlans.workspaceId, scope.workspaceId), eq(respectPlans.teamId, scope.teamId)))
    .orderBy(desc(respectPlans.createdAt))
}

/** The plan opened from this round, if any: the pulse page links to it instead of offering a second. */
export async function findPlanForRound(scope: TeamScope & { roundId: string }) {
  const db = await getDb()
  const [row] = await db
    .select({ id: respectPlans.id })
    .from(respectPlans)
    .where(
      and(eq(respectPlans.workspaceId, scope.workspaceId), eq(respectPlans.teamId, scope.teamId), eq(respectPlans.roundId, scope.roundId)),
    )
  return row ?? null
}
