// The autopsy's moves: draft → collecting perspectives → reviewing →
// published, never backwards. Each move locks the autopsy row and checks the
// stage inside its own transaction (./access.server), writes its line of
// history in the same transaction, and refuses with the lifecycle's verdict.
import { and, eq } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { autopsies, autopsyStages, features, type Autopsy } from '../../../db/schema'
import { canOverrideGate, canPublish, canReveal, canStartCollecting, enforce } from '~/domain/autopsy-lifecycle'
import { FEATURE_NOT_FOUND } from '~/domain/feature-record'
import { refuse } from '~/domain/refusal'
import { OVERRIDE_MIN_LENGTH } from '~/domain/respect-gate'
import { STAGES, compareStages } from '~/domain/stages'
import { tellAutopsyMove, tellAutopsyPeople } from '../nudges/autopsy-notices.server'
import { refreshAutopsyMonth } from '../rollups.server'
import { announceAutopsyPublished } from '../webhooks/events.server'
import { isUniqueViolation } from '../team.server'
import { ensureRequests, requestMessage, writtenCount } from './requests.server'
import { lockAutopsy, recordEvent, scopeWhere, type AutopsyScope, type TeamScope, type Tx, type When } from './access.server'
import { gateInTx, gateSnapshotAt } from './snapshots.server'

/**
 * Opens an autopsy on a feature of the team, with the timeline prefilled
 * from the feature log (product throughout, engineering from the stage it
 * joined) for the facilitator to correct.
 */
export async function openAutopsy(scope: TeamScope & When & { featureId: string; actorId: string }) {
  const at = scope.at ?? new Date()
  const db = await getDb()
  try {
    return await db.transaction(async (tx) => {
      const [feature] = await tx
        .select()
        .from(features)
        .where(and(eq(features.workspaceId, scope.workspaceId), eq(features.teamId, scope.teamId), eq(features.id, scope.featureId)))
      if (!feature) refuse(404, FEATURE_NOT_FOUND)
      const [row] = await tx
        .insert(autopsies)
        .values({
          workspaceId: scope.workspaceId,
          teamId: scope.teamId,
          featureId: feature.id,
          askedFor: feature.ask,
          createdBy: scope.actorId,
          createdAt: at,
          updatedAt: at,
        })
        .returning()
      await tx.insert(autopsyStages).values(
        STAGES.map((s) => ({
          workspaceId: scope.workspaceId,
          autopsyId: row.id,
          stage: s.key,
          product: true,
          engineering: compareStages(s.key, feature.engineeringJoinedStage) >= 0,
          design: false,
        })),
      )
      await recordEvent(tx, row, scope.actorId, 'opened', null, { stage: 'draft', featureId: feature.id }, at)
      return row
    })
  } catch (error) {
    if (isUniqueViolation(error)) refuse(409, 'This feature already has an autopsy.')
    throw error
  }
}

/** Opens perspectives and asks the people on the list (by default those involved in the timeline). */
export async function startCollecting(scope: AutopsyScope & When & { actorId: string; href?: string }) {
  const at = scope.at ?? new Date()
  const db = await getDb()
  await db.transaction(async (tx) => {
    const autopsy = await lockAutopsy(tx, scope)
    const { requested } = await writtenCount(tx, scope)
    enforce(canStartCollecting(autopsy.stage, requested))
    const asked = await ensureRequests(tx, scope, scope.actorId)
    await tx.update(autopsies).set({ stage: 'collecting', updatedAt: at }).where(scopeWhere(scope))
    await recordEvent(
      tx,
      autopsy,
      scope.actorId,
      'collecting_started',
      { stage: autopsy.stage },
      { stage: 'collecting', asked: asked.length },
      at,
    )
    const [feature] = await tx.select({ name: features.name }).from(features).where(eq(features.id, autopsy.featureId))
    await tellAutopsyPeople(tx, {
      workspaceId: scope.workspaceId,
      userIds: asked.filter((userId) => userId !== scope.actorId),
      kind: 'perspective_requested',
      autopsyId: autopsy.id,
      message: requestMessage(feature.name),
      href: scope.href ?? `/teams/${scope.teamId}/autopsies/${autopsy.id}/perspective`,
      linkLabel: 'Write your perspective',
    })
  })
}

/**
 * Reveals every perspective at once, only with the facilitator's
 * confirmation of how many have written (`confirmedWritten`, null when not
 * confirmed). A second reveal is a conflict.
 */
export async function revealPerspectives(scope: AutopsyScope & When & { actorId: string; confirmedWritten: number | null }) {
  const at = scope.at ?? new Date()
  const db = await getDb()
  await db.transaction(async (tx) => {
    const autopsy = await lockAutopsy(tx, scope)
    const counted = await writtenCount(tx, scope)
    enforce(canReveal(autopsy.stage, counted, scope.confirmedWritten))
    await tx.update(autopsies).set({ stage: 'reviewing', revealedAt: at, updatedAt: at }).where(scopeWhere(scope))
    await recordEvent(
      tx,
      autopsy,
      scope.actorId,
      'revealed',
      { stage: autopsy.stage },
      { stage: 'reviewing', perspectives: counted.written, asked: counted.requested },
      at,
    )
    await tellAutopsyMove(tx, { ...scope, kind: 'perspectives_revealed' })
  })
}

/**
 * Records an explicit override of the respect-first gate, with its reason,
 * when the team is in deficit. Shown on the autopsy and kept in its history.
 */
export async function overrideGate(scope: AutopsyScope & When & { actorId: string }, reason: string) {
  const at = scope.at ?? new Date()
  const latest = await gateSnapshotAt(scope, at)
  const db = await getDb()
  await db.transaction(async (tx) => {
    const autopsy = await lockAutopsy(tx, scope)
    const gate = await gateInTx(tx, autopsy, latest)
    enforce(canOverrideGate(autopsy.stage, gate.state))
    await writeOverride(tx, autopsy, scope.actorId, reason, at)
  })
}

async function writeOverride(tx: Tx, autopsy: Autopsy, actorId: string, reason: string, at: Date) {
  if (reason.trim().length < OVERRIDE_MIN_LENGTH) {
    refuse(422, `Write at least ${OVERRIDE_MIN_LENGTH} characters: the reason is what the team will read.`, { field: 'overrideReason' })
  }
  await tx
    .update(autopsies)
    .set({ overrideReason: reason, overrideBy: actorId, overrideAt: at, updatedAt: at })
    .where(eq(autopsies.id, autopsy.id))
  await recordEvent(tx, autopsy, actorId, 'gate_overridden', { overrideReason: autopsy.overrideReason }, { overrideReason: reason }, at)
  autopsy.overrideReason = reason
}

/**
 * Publishes a reviewed autopsy. With `overrideReason`, an override of the
 * respect-first gate is recorded in the same transaction (only when the gate
 * would otherwise block). Publishing freezes the gate's verdict.
 */
export async function publishAutopsy(scope: AutopsyScope & When & { actorId: string }, options: { overrideReason?: string | null } = {}) {
  const at = scope.at ?? new Date()
  const latest = await gateSnapshotAt(scope, at)
  const db = await getDb()
  return db.transaction(async (tx) => {
    const autopsy = await lockAutopsy(tx, scope)
    // Stage first: publishing a draft is a conflict whatever else is missing.
    if (autopsy.stage !== 'reviewing')
      enforce(canPublish(autopsy.stage, { failureOriginSet: true, gate: { satisfied: true, blocker: null } }))
    let gate = await gateInTx(tx, autopsy, latest)
    const reason = options.overrideReason?.trim()
    if (reason && gate.state === 'deficit' && gate.satisfiedBy !== 'respect_action') {
      await writeOverride(tx, autopsy, scope.actorId, reason, at)
      gate = await gateInTx(tx, autopsy, latest)
    }
    enforce(canPublish(autopsy.stage, { failureOriginSet: autopsy.failureOriginStage !== null, gate }))
    const [row] = await tx
      .update(autopsies)
      .set({ stage: 'published', publishedAt: at, gateState: gate.state, updatedAt: at })
      .where(and(scopeWhere(scope), eq(autopsies.stage, 'reviewing')))
      .returning()
    await recordEvent(
      tx,
      autopsy,
      scope.actorId,
      'published',
      { stage: autopsy.stage },
      { stage: 'published', gateState: gate.state, gateSatisfiedBy: gate.satisfiedBy, overrideReason: autopsy.overrideReason },
      at,
    )
    // Trend views count published autopsies by the feature's ship month.
    const [feature] = await tx
      .select({ id: features.id, name: features.name, shippedOn: features.shippedOn })
      .from(features)
      .where(eq(features.id, autopsy.featureId))
    if (feature) await refreshAutopsyMonth({ workspaceId: scope.workspaceId, teamId: scope.teamId, shippedOn: feature.shippedOn }, tx)
    await tellAutopsyMove(tx, { ...scope, kind: 'autopsy_published' })
    if (feature) {
      await announceAutopsyPublished(tx, { ...scope, id: autopsy.id, publishedAt: at, feature: { id: feature.id, name: feature.name } })
    }
    return row
  })
}
