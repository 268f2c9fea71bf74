// The facilitator's edits to an autopsy's sections: the mismatch, the
// timeline, the contributing factors, the hindsight and the action items.
// Each locks the autopsy and checks that the section may change in its stage
// (./access.server) inside the transaction that writes it.
import { and, count, eq, ne, notInArray } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { autopsies, autopsyActions, autopsyFactors, autopsyStages, memberships } from '../../../db/schema'
import { canChangeActionStatus, enforce, type ActionStatus, type AutopsyAccess } from '~/domain/autopsy-lifecycle'
import type { TimelineStage } from '~/domain/autopsy-view'
import { CUSTOM_FACTOR, MAX_CUSTOM_FACTORS, type FactorKey } from '~/domain/factors'
import { refuse } from '~/domain/refusal'
import type { ActionKind } from '~/domain/respect-gate'
import type { StageKey } from '~/domain/stages'
import { tellActionAssigned } from '../nudges/autopsy-notices.server'
import { editable, lockAutopsy, recordEvent, scopeWhere, touch, type AutopsyScope, type TeamScope, type When } from './access.server'

export async function updateMismatch(scope: AutopsyScope, input: { askedFor: string; specified: string; built: string; needed: string }) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    await editable(tx, scope, 'mismatch')
    await tx
      .update(autopsies)
      .set({ ...input, updatedAt: new Date() })
      .where(scopeWhere(scope))
  })
}

/** Saves all nine stages and the failure origin together, or none of them. */
export async function saveTimeline(scope: AutopsyScope, input: { failureOriginStage: StageKey | null; stages: readonly TimelineStage[] }) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    await editable(tx, scope, 'timeline')
    for (const s of input.stages) {
      await tx
        .insert(autopsyStages)
        .values({ workspaceId: scope.workspaceId, autopsyId: scope.autopsyId, ...s })
        .onConflictDoUpdate({
          target: [autopsyStages.autopsyId, autopsyStages.stage],
          set: {
            product: s.product,
            engineering: s.engineering,
            design: s.design,
            startedOn: s.startedOn,
            endedOn: s.endedOn,
            note: s.note,
          },
        })
    }
    await tx.update(autopsies).set({ failureOriginStage: input.failureOriginStage, updatedAt: new Date() }).where(scopeWhere(scope))
  })
}

/** Replaces the taxonomy factors with `keys`; custom factors are kept. */
export async function setFactors(scope: AutopsyScope, keys: readonly FactorKey[]) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    const autopsy = await editable(tx, scope, 'factors')
    const own = and(
      eq(autopsyFactors.workspaceId, scope.workspaceId),
      eq(autopsyFactors.autopsyId, scope.autopsyId),
      ne(autopsyFactors.factor, CUSTOM_FACTOR),
    )
    await tx.delete(autopsyFactors).where(keys.length ? and(own, notInArray(autopsyFactors.factor, [...keys])) : own)
    if (keys.length) {
      await tx
        .insert(autopsyFactors)
        .values(
          [...new Set(keys)].map((factor) => ({ workspaceId: scope.workspaceId, teamId: autopsy.teamId, autopsyId: autopsy.id, factor })),
        )
        .onConflictDoNothing()
    }
    await touch(tx, autopsy.id)
  })
}

export async function addCustomFactor(scope: AutopsyScope, label: string) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const autopsy = await editable(tx, scope, 'factors')
    const [{ total }] = await tx
      .select({ total: count() })
      .from(autopsyFactors)
      .where(and(eq(autopsyFactors.autopsyId, autopsy.id), eq(autopsyFactors.factor, CUSTOM_FACTOR)))
    if (total >= MAX_CUSTOM_FACTORS) refuse(422, `At most ${MAX_CUSTOM_FACTORS} custom factors per autopsy.`, { field: 'label' })
    const [row] = await tx
      .insert(autopsyFactors)
      .values({ workspaceId: scope.workspaceId, teamId: autopsy.teamId, autopsyId: autopsy.id, factor: CUSTOM_FACTOR, label })
      .onConflictDoNothing()
      .returning()
    if (!row) refuse(422, 'That factor is already listed.', { field: 'label' })
    await touch(tx, autopsy.id)
    return row
  })
}

export async function removeFactor(scope: AutopsyScope, factorId: string) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    await editable(tx, scope, 'factors')
    const rows = await tx
      .delete(autopsyFactors)
      .where(
        and(
          eq(autopsyFactors.workspaceId, scope.workspaceId),
          eq(autopsyFactors.autopsyId, scope.autopsyId),
          eq(autopsyFactors.id, factorId),
        ),
      )
      .returning()
    if (!rows.length) refuse(404, 'Factor not found.')
    await touch(tx, scope.autopsyId)
  })
}

export async function saveHindsight(scope: AutopsyScope, input: { solution: string; days: number | null }) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    await editable(tx, scope, 'hindsight')
    await tx
      .update(autopsies)
      .set({ hindsightSolution: input.solution, hindsightDays: input.days, updatedAt: new Date() })
      .where(scopeWhere(scope))
  })
}

export async function addActionItem(
  scope: AutopsyScope & { actorId?: string },
  input: { kind: ActionKind; title: string; ownerId: string; dueOn: string },
) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const autopsy = await editable(tx, scope, 'actions')
    // The owner must be on this team: an action nobody on the team owns does not get done.
    const [owner] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(
        and(eq(memberships.workspaceId, scope.workspaceId), eq(memberships.teamId, scope.teamId), eq(memberships.userId, input.ownerId)),
      )
    if (!owner) refuse(422, 'Choose an owner from this team.', { field: 'ownerId' })
    const [row] = await tx
      .insert(autopsyActions)
      .values({ workspaceId: scope.workspaceId, teamId: autopsy.teamId, autopsyId: autopsy.id, ...input })
      .returning()
    await touch(tx, autopsy.id)
    const href = `/teams/${autopsy.teamId}/autopsies/${autopsy.id}#actions`
    await tellActionAssigned(tx, { ...row, actionId: row.id, actorId: scope.actorId ?? null, href })
    return row
  })
}

export async function removeActionItem(scope: AutopsyScope, actionId: string) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    await editable(tx, scope, 'actions')
    const rows = await tx
      .delete(autopsyActions)
      .where(
        and(
          eq(autopsyActions.workspaceId, scope.workspaceId),
          eq(autopsyActions.autopsyId, scope.autopsyId),
          eq(autopsyActions.id, actionId),
        ),
      )
      .returning()
    if (!rows.length) refuse(404, 'Action item not found.')
    await touch(tx, scope.autopsyId)
  })
}

/**
 * Changes an action item's status, in any stage (follow-up continues after
 * publishing). Any action item of the team: open items from earlier autopsies
 * are reviewed at the start of the next one. Facilitators may change any;
 * others only the items they own. Recorded in the edit history.
 */
export async function setActionStatus(
  scope: TeamScope & When & { actionId: string; actor: { id: string; access: AutopsyAccess } },
  status: ActionStatus,
) {
  const at = scope.at ?? new Date()
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [item] = await tx
      .select()
      .from(autopsyActions)
      .where(
        and(
          eq(autopsyActions.workspaceId, scope.workspaceId),
          eq(autopsyActions.teamId, scope.teamId),
          eq(autopsyActions.id, scope.actionId),
          scope.actor.access === 'facilitate' ? undefined : eq(autopsyActions.ownerId, scope.actor.id),
        ),
      )
      .for('update')
    if (!item) refuse(404, 'Action item not found.')
    const autopsy = await lockAutopsy(tx, { ...scope, autopsyId: item.autopsyId })
    enforce(canChangeActionStatus(autopsy.stage))
    if (item.status === status) return item
    const [row] = await tx.update(autopsyActions).set({ status, updatedAt: at }).where(eq(autopsyActions.id, item.id)).returning()
    await recordEvent(
      tx,
      autopsy,
      scope.actor.id,
      'action_status',
      { actionId: item.id, title: item.title, status: item.status },
      { actionId: item.id, title: item.title, status },
      at,
    )
    await touch(tx, autopsy.id)
    return row
  })
}
