// The facilitator's edits to an autopsy's sections: the mismatch, the
// timeline, the contributing factors, the hindsight and the action items.
// Each locks the autopsy and checks that the section may change in its stage
// (./access.server) inside the transaction that writes it.
import { and, count, eq, inArray, ne, notInArray } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { autopsies, actions as autopsyActions, autopsyFactors, autopsyStages, memberships, type Autopsy } from '../../../db/schema'
import { canChangeActionStatus, canEditSection, enforce, type ActionStatus, type AutopsyAccess } from '~/domain/autopsy-lifecycle'
import type { TimelineStage } from '~/domain/autopsy-view'
import { CUSTOM_FACTOR, MAX_CUSTOM_FACTORS, type FactorKey } from '~/domain/factors'
import { refuse } from '~/domain/refusal'
import type { DimensionKey } from '~/domain/instrument'
import type { ActionKind } from '~/domain/respect-gate'
import type { StageKey } from '~/domain/stages'
import { tellActionAssigned } from '../nudges/autopsy-notices.server'
import { announceActionStatus } from '../webhooks/events.server'
import {
  editable,
  lockAutopsy,
  recordEvent,
  scopeWhere,
  touch,
  type AutopsyScope,
  type TeamScope,
  type Tx,
  type When,
} from './access.server'

type Mismatch = { askedFor: string; specified: string; built: string; needed: string }
type Timeline = { failureOriginStage: StageKey | null; stages: readonly TimelineStage[] }
type Hindsight = { solution: string; days: number | null }

export async function updateMismatch(scope: AutopsyScope, input: Mismatch) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    await editable(tx, scope, 'mismatch')
    await tx
      .update(autopsies)
      .set({ ...input, updatedAt: new Date() })
      .where(scopeWhere(scope))
  })
}

async function writeTimeline(tx: Tx, scope: AutopsyScope, input: Timeline) {
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
}

/** Saves all nine stages and the failure origin together, or none of them. */
export async function saveTimeline(scope: AutopsyScope, input: Timeline) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    await editable(tx, scope, 'timeline')
    await writeTimeline(tx, scope, input)
  })
}

async function writeFactors(tx: Tx, scope: AutopsyScope, autopsy: Autopsy, keys: readonly FactorKey[]) {
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
}

/** Replaces the taxonomy factors with `keys`; custom factors are kept. */
export async function setFactors(scope: AutopsyScope, keys: readonly FactorKey[]) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    const autopsy = await editable(tx, scope, 'factors')
    await writeFactors(tx, scope, autopsy, keys)
    await touch(tx, autopsy.id)
  })
}

async function writeCustomFactor(tx: Tx, scope: AutopsyScope, autopsy: Autopsy, label: string, field: string) {
  const [{ total }] = await tx
    .select({ total: count() })
    .from(autopsyFactors)
    .where(and(eq(autopsyFactors.autopsyId, autopsy.id), eq(autopsyFactors.factor, CUSTOM_FACTOR)))
  if (total >= MAX_CUSTOM_FACTORS) refuse(422, `At most ${MAX_CUSTOM_FACTORS} custom factors per autopsy.`, { field })
  const [row] = await tx
    .insert(autopsyFactors)
    .values({ workspaceId: scope.workspaceId, teamId: autopsy.teamId, autopsyId: autopsy.id, factor: CUSTOM_FACTOR, label })
    .onConflictDoNothing()
    .returning()
  if (!row) refuse(422, 'That factor is already listed.', { field })
  return row
}

export async function addCustomFactor(scope: AutopsyScope, label: string) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const autopsy = await editable(tx, scope, 'factors')
    const row = await writeCustomFactor(tx, scope, autopsy, label, 'label')
    await touch(tx, autopsy.id)
    return row
  })
}

async function deleteCustomFactors(tx: Tx, scope: AutopsyScope, factorIds: readonly string[]) {
  if (!factorIds.length) return []
  return tx
    .delete(autopsyFactors)
    .where(
      and(
        eq(autopsyFactors.workspaceId, scope.workspaceId),
        eq(autopsyFactors.autopsyId, scope.autopsyId),
        eq(autopsyFactors.factor, CUSTOM_FACTOR),
        inArray(autopsyFactors.id, [...factorIds]),
      ),
    )
    .returning()
}

export async function removeFactor(scope: AutopsyScope, factorId: string) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    await editable(tx, scope, 'factors')
    const rows = await deleteCustomFactors(tx, scope, [factorId])
    if (!rows.length) refuse(404, 'Factor not found.')
    await touch(tx, scope.autopsyId)
  })
}

export async function saveHindsight(scope: AutopsyScope, input: Hindsight) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    await editable(tx, scope, 'hindsight')
    await tx
      .update(autopsies)
      .set({ hindsightSolution: input.solution, hindsightDays: input.days, updatedAt: new Date() })
      .where(scopeWhere(scope))
  })
}

export type AllSections = {
  mismatch: Mismatch
  timeline: Timeline
  factors: readonly FactorKey[]
  /** custom factors to drop, by id */
  removeCustom: readonly string[]
  /** a custom factor to add, or null */
  addCustom: string | null
  hindsight: Hindsight
}

/**
 * The edit page's one submit: every written section in one transaction, so a
 * save never leaves one section stored and another's typing behind, and a
 * refusal (a sixth custom factor, say) stores nothing at all.
 */
export async function saveAllSections(scope: AutopsyScope, input: AllSections) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    const autopsy = await lockAutopsy(tx, scope)
    for (const section of ['mismatch', 'timeline', 'factors', 'hindsight'] as const) enforce(canEditSection(autopsy.stage, section))
    await tx
      .update(autopsies)
      .set({ ...input.mismatch, hindsightSolution: input.hindsight.solution, hindsightDays: input.hindsight.days, updatedAt: new Date() })
      .where(scopeWhere(scope))
    await writeTimeline(tx, scope, input.timeline)
    await writeFactors(tx, scope, autopsy, input.factors)
    await deleteCustomFactors(tx, scope, input.removeCustom)
    if (input.addCustom) await writeCustomFactor(tx, scope, autopsy, input.addCustom, 'customFactor')
  })
}

export async function addActionItem(
  scope: AutopsyScope & { actorId?: string },
  input: { kind: ActionKind; title: string; targetDimension?: DimensionKey | null; ownerId: string; dueOn: string },
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
    // A respect plan's action, reviewed at an autopsy: plans keep no edit history.
    if (!item.autopsyId) {
      if (item.status === status) return item
      const [row] = await tx.update(autopsyActions).set({ status, updatedAt: at }).where(eq(autopsyActions.id, item.id)).returning()
      await announceActionStatus(tx, item, item.status, status, at)
      return row
    }
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
    // A webhook's readers are outside the team: only a published autopsy's actions are announced, as leaders see only those.
    if (autopsy.stage === 'published') await announceActionStatus(tx, item, item.status, status, at)
    return row
  })
}
