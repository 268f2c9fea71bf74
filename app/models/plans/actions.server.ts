// The actions of respect plans, and every open action of a team whatever its
// source (an autopsy or a plan), for the review at the next pulse results.
// Adding an action checks the owner is on the team and announces the
// assignment to them in the same transaction.
import { and, asc, eq, inArray, lt } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { actions, autopsies, features, memberships, respectPlans, users } from '../../../db/schema'
import { UNFINISHED_STATUSES, type ActionStatus } from '~/domain/autopsy-lifecycle'
import { today as localToday } from '~/domain/calendar'
import type { DimensionKey } from '~/domain/instrument'
import { refuse } from '~/domain/refusal'
import type { ActionKind } from '~/domain/respect-gate'
import { announceActionStatus } from '../webhooks/events.server'
import { announceAssignment } from './assignment.server'
import { PLAN_NOT_FOUND, type TeamScope } from './plans.server'

export type PlanScope = TeamScope & { planId: string }
type Actor = { id: string; facilitates: boolean }

export const ACTION_NOT_FOUND = 'No such action in this plan.'

export type NewPlanAction = {
  kind: ActionKind
  title: string
  targetDimension: DimensionKey | null
  practiceKey: string | null
  ownerId: string
  dueOn: string
}

export async function addPlanAction(scope: PlanScope & { actor: Actor; at?: Date }, input: NewPlanAction) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [plan] = await tx
      .select({ id: respectPlans.id })
      .from(respectPlans)
      .where(and(eq(respectPlans.workspaceId, scope.workspaceId), eq(respectPlans.teamId, scope.teamId), eq(respectPlans.id, scope.planId)))
      .for('update')
    if (!plan) refuse(404, PLAN_NOT_FOUND)
    // An action nobody on the team owns does not get done.
    const [owner] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(
        and(eq(memberships.workspaceId, scope.workspaceId), eq(memberships.teamId, scope.teamId), eq(memberships.userId, input.ownerId)),
      )
    if (!owner) refuse(422, 'Choose an owner from this team.', { field: 'ownerId' })
    const at = scope.at ?? new Date()
    const [row] = await tx
      .insert(actions)
      .values({
        workspaceId: scope.workspaceId,
        teamId: scope.teamId,
        source: 'plan',
        planId: plan.id,
        ...input,
        startedAt: at,
        createdAt: at,
        updatedAt: at,
      })
      .returning()
    await tx.update(respectPlans).set({ updatedAt: at }).where(eq(respectPlans.id, plan.id))
    await announceAssignment(tx, {
      workspaceId: scope.workspaceId,
      actionId: row.id,
      ownerId: input.ownerId,
      actorId: scope.actor.id,
      title: input.title,
      dueOn: input.dueOn,
      href: `/teams/${scope.teamId}/plans/${plan.id}#action-${row.id}`,
    })
    return row
  })
}

/** The action the address names, of this plan, team and workspace. */
const planAction = (scope: PlanScope & { actionId: string }) =>
  and(
    eq(actions.workspaceId, scope.workspaceId),
    eq(actions.teamId, scope.teamId),
    eq(actions.planId, scope.planId),
    eq(actions.id, scope.actionId),
  )

/** Facilitators change any action of the plan; others only the ones they own. */
export async function setPlanActionStatus(scope: PlanScope & { actionId: string; actor: Actor; at?: Date }, status: ActionStatus) {
  const db = await getDb()
  const at = scope.at ?? new Date()
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(actions)
      .where(and(planAction(scope), scope.actor.facilitates ? undefined : eq(actions.ownerId, scope.actor.id)))
      .for('update')
    if (!row) refuse(404, ACTION_NOT_FOUND)
    await tx.update(actions).set({ status, updatedAt: at }).where(eq(actions.id, row.id))
    // The webhook is queued with the change, so it is sent exactly when the change commits.
    await announceActionStatus(tx, row, row.status, status, at)
  })
}

export async function removePlanAction(scope: PlanScope & { actionId: string }) {
  const db = await getDb()
  const rows = await db.delete(actions).where(planAction(scope)).returning({ id: actions.id })
  if (!rows.length) refuse(404, ACTION_NOT_FOUND)
}

const actionColumns = {
  id: actions.id,
  source: actions.source,
  kind: actions.kind,
  title: actions.title,
  targetDimension: actions.targetDimension,
  practiceKey: actions.practiceKey,
  ownerId: actions.ownerId,
  ownerName: users.name,
  dueOn: actions.dueOn,
  status: actions.status,
  startedAt: actions.startedAt,
  planId: actions.planId,
  autopsyId: actions.autopsyId,
}

export async function listPlanActions(scope: PlanScope) {
  const db = await getDb()
  return db
    .select(actionColumns)
    .from(actions)
    .leftJoin(users, eq(users.id, actions.ownerId))
    .where(and(eq(actions.workspaceId, scope.workspaceId), eq(actions.teamId, scope.teamId), eq(actions.planId, scope.planId)))
    .orderBy(asc(actions.dueOn), asc(actions.createdAt))
}

/**
 * The team's unfinished actions from autopsies and plans alike, soonest due
 * first, marked overdue against today in the workspace's zone. With
 * `startedBefore`: only those already under way then (the review at a round's
 * results lists what was tried before the round closed).
 */
export async function listOpenTeamActions(
  scope: TeamScope & { timeZone: string; startedBefore?: Date; publishedAutopsiesOnly: boolean; limit?: number },
) {
  const db = await getDb()
  const today = localToday(scope.timeZone)
  const rows = await db
    .select({ ...actionColumns, featureName: features.name, autopsyStage: autopsies.stage })
    .from(actions)
    .leftJoin(autopsies, eq(autopsies.id, actions.autopsyId))
    .leftJoin(features, eq(features.id, autopsies.featureId))
    .leftJoin(users, eq(users.id, actions.ownerId))
    .where(
      and(
        eq(actions.workspaceId, scope.workspaceId),
        eq(actions.teamId, scope.teamId),
        inArray(actions.status, [...UNFINISHED_STATUSES]),
        scope.startedBefore ? lt(actions.startedAt, scope.startedBefore) : undefined,
      ),
    )
    .orderBy(asc(actions.dueOn), asc(actions.createdAt))
    .limit(scope.limit ?? 50)
  return rows
    .filter((r) => r.source === 'plan' || !scope.publishedAutopsiesOnly || r.autopsyStage === 'published')
    .map(({ autopsyStage: _stage, ...r }) => ({ ...r, overdue: r.dueOn < today }))
}
