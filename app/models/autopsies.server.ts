// "This isn't what we asked for" autopsies. Every read takes the viewer and
// puts what they may see into the where clause: another team's autopsy, a
// leader's view of an unpublished one, and another person's perspective before
// the reveal cannot come back from these queries, whatever the route does.
// Every lifecycle move locks the autopsy row and re-checks the stage inside
// its transaction, so two facilitators cannot reveal or publish twice.
import { json } from '@remix-run/node'
import { and, asc, count, desc, eq, inArray, isNotNull, lt, ne, notInArray, or, sql, type SQL } from 'drizzle-orm'
import { getDb, type Database } from '../../db/client.server'
import { refreshAutopsyMonth } from './rollups.server'
import {
  autopsies,
  autopsyActions,
  autopsyEvents,
  autopsyFactors,
  autopsyPerspectives,
  autopsyStages,
  features,
  memberships,
  rounds,
  users,
  type Autopsy,
} from '../../db/schema'
import {
  UNFINISHED_STATUSES,
  canChangeActionStatus,
  canEditSection,
  canOverrideGate,
  canPublish,
  canReveal,
  canStartCollecting,
  canWritePerspective,
  publishBlockers,
  type ActionStatus,
  autopsyAccess,
  type AutopsyAccess,
  type AutopsyStage,
  type Section,
  type Verdict,
} from '~/domain/autopsy-lifecycle'
import type { Classification, Outcome } from '~/domain/classification'
import type { Discipline } from '~/domain/disciplines'
import { CUSTOM_FACTOR, MAX_CUSTOM_FACTORS, factorLabel, type FactorKey } from '~/domain/factors'
import { OVERRIDE_MIN_LENGTH, evaluateGate, type ActionKind, type GateResult } from '~/domain/respect-gate'
import { STAGES, compareStages, type StageKey } from '~/domain/stages'
import { getResultSettings, type ResultSettings } from './anonymity-settings.server'
import { notify } from './notification.server'
import { today } from '~/domain/calendar'
import { ANY_RESPONDENT } from '~/domain/round-results'
import { getRoundResults, type PublicRoundResults } from './pulse-results.server'
import { formFailure } from '~/utils/forms'
import { isUniqueViolation } from './team.server'

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0]

export type TeamScope = { workspaceId: string; teamId: string }
export type AutopsyScope = TeamScope & { autopsyId: string }
/** Who is asking. `discipline` is their discipline on this team (null for an admin who is not on it). */
export type AutopsyViewer = { id: string; access: AutopsyAccess; discipline: Discipline | null }

/** A refused change: the route turns 404 into a thrown Response and 409/422 into errors on the form. */
export class AutopsyError extends Error {
  status: 403 | 404 | 409 | 422
  field: string | undefined
  constructor(status: 403 | 404 | 409 | 422, message: string, field?: string) {
    super(message)
    this.status = status
    this.field = field
  }
}

function check(verdict: Verdict) {
  if (!verdict.ok) throw new AutopsyError(verdict.status, verdict.message)
}

const NOT_FOUND = 'Autopsy not found.'

function scopeWhere(scope: AutopsyScope): SQL {
  return and(eq(autopsies.workspaceId, scope.workspaceId), eq(autopsies.teamId, scope.teamId), eq(autopsies.id, scope.autopsyId))!
}

/** The autopsies this viewer may read: their team's, and for leaders only published ones. */
function visibleTo(viewer: { access: AutopsyAccess }): SQL | undefined {
  return viewer.access === 'read_published' ? eq(autopsies.stage, 'published') : undefined
}

async function lockAutopsy(tx: Tx, scope: AutopsyScope): Promise<Autopsy> {
  const [row] = await tx.select().from(autopsies).where(scopeWhere(scope)).for('update')
  if (!row) throw new AutopsyError(404, NOT_FOUND)
  return row
}

async function recordEvent(
  tx: Tx,
  autopsy: Pick<Autopsy, 'id' | 'workspaceId'>,
  actorId: string | null,
  action: string,
  before: unknown,
  after: unknown,
  at: Date = new Date(),
) {
  await tx.insert(autopsyEvents).values({ workspaceId: autopsy.workspaceId, autopsyId: autopsy.id, actorId, action, before, after, createdAt: at })
}

async function touch(tx: Tx, autopsyId: string) {
  await tx.update(autopsies).set({ updatedAt: new Date() }).where(eq(autopsies.id, autopsyId))
}

/** Locks the autopsy and checks that `section` may change in its stage. */
async function editable(tx: Tx, scope: AutopsyScope, section: Section) {
  const row = await lockAutopsy(tx, scope)
  check(canEditSection(row.stage, section))
  return row
}

// ------------------------------------------------------------------ opening

/**
 * `at` on the lifecycle moves below defaults to now; the demo seed passes past
 * times so that history reads as it would have happened (and the respect
 * snapshot at publishing is the one from that day).
 */
type When = { at?: Date }

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
      if (!feature) throw new AutopsyError(404, 'Feature not found.')
      const [row] = await tx
        .insert(autopsies)
        .values({ workspaceId: scope.workspaceId, teamId: scope.teamId, featureId: feature.id, askedFor: feature.ask, createdBy: scope.actorId, createdAt: at, updatedAt: at })
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
    if (isUniqueViolation(error)) throw new AutopsyError(409, 'This feature already has an autopsy.')
    throw error
  }
}

// ------------------------------------------------------------------ reading

/** The autopsy and its feature, or null when this viewer may not see it. */
export async function getAutopsy(scope: AutopsyScope & { viewer: { access: AutopsyAccess } }) {
  const db = await getDb()
  const [row] = await db
    .select({ autopsy: autopsies, feature: features })
    .from(autopsies)
    .innerJoin(features, and(eq(features.id, autopsies.featureId), eq(features.workspaceId, autopsies.workspaceId)))
    .where(and(scopeWhere(scope), visibleTo(scope.viewer)))
  return row ?? null
}

export async function getTimeline(scope: AutopsyScope) {
  const db = await getDb()
  const rows = await db
    .select()
    .from(autopsyStages)
    .where(and(eq(autopsyStages.workspaceId, scope.workspaceId), eq(autopsyStages.autopsyId, scope.autopsyId)))
  return [...rows].sort((a, b) => compareStages(a.stage, b.stage))
}

export async function listFactors(scope: AutopsyScope) {
  const db = await getDb()
  const rows = await db
    .select({ id: autopsyFactors.id, factor: autopsyFactors.factor, label: autopsyFactors.label })
    .from(autopsyFactors)
    .where(and(eq(autopsyFactors.workspaceId, scope.workspaceId), eq(autopsyFactors.autopsyId, scope.autopsyId)))
    .orderBy(asc(autopsyFactors.createdAt))
  return rows.map((r) => ({ ...r, custom: r.factor === CUSTOM_FACTOR, text: factorLabel(r.factor, r.label) }))
}

export async function listActionItems(scope: AutopsyScope) {
  const db = await getDb()
  return db
    .select({
      id: autopsyActions.id,
      kind: autopsyActions.kind,
      title: autopsyActions.title,
      ownerId: autopsyActions.ownerId,
      ownerName: users.name,
      dueOn: autopsyActions.dueOn,
      status: autopsyActions.status,
    })
    .from(autopsyActions)
    .leftJoin(users, eq(users.id, autopsyActions.ownerId))
    .where(and(eq(autopsyActions.workspaceId, scope.workspaceId), eq(autopsyActions.autopsyId, scope.autopsyId)))
    .orderBy(asc(autopsyActions.dueOn), asc(autopsyActions.createdAt))
}

export type PerspectiveItem = {
  id: string
  discipline: Discipline
  body: string
  originStage: StageKey | null
  /** null unless the facilitator chose to show names */
  authorName: string | null
  mine: boolean
}

export type PerspectivesView =
  | {
      revealed: false
      /** how many have been written, without names */
      count: number
      mine: { body: string; originStage: StageKey | null; updatedAt: string } | null
      /** who has written one, for the facilitator only; never what they wrote */
      submitters: { name: string; discipline: Discipline }[] | null
    }
  | { revealed: true; showNames: boolean; items: PerspectiveItem[] }

/**
 * Perspectives as this viewer may see them. Before the reveal the query
 * itself returns only the viewer's own text: the where clause admits another
 * person's row only once the autopsy's revealed_at is set.
 */
export async function listPerspectives(scope: AutopsyScope & { viewer: AutopsyViewer }): Promise<PerspectivesView | null> {
  const db = await getDb()
  const { viewer } = scope
  const [autopsy] = await db
    .select({ revealedAt: autopsies.revealedAt, showNames: autopsies.showNames })
    .from(autopsies)
    .where(and(scopeWhere(scope), visibleTo(viewer)))
  if (!autopsy) return null
  const rows = await db
    .select({
      id: autopsyPerspectives.id,
      authorId: autopsyPerspectives.authorId,
      discipline: autopsyPerspectives.discipline,
      body: autopsyPerspectives.body,
      originStage: autopsyPerspectives.originStage,
      updatedAt: autopsyPerspectives.updatedAt,
      authorName: sql<string | null>`case when ${autopsies.showNames} then ${users.name} else null end`,
    })
    .from(autopsyPerspectives)
    .innerJoin(autopsies, eq(autopsies.id, autopsyPerspectives.autopsyId))
    .innerJoin(users, eq(users.id, autopsyPerspectives.authorId))
    .where(
      and(
        scopeWhere(scope),
        visibleTo(viewer),
        eq(autopsyPerspectives.workspaceId, scope.workspaceId),
        or(isNotNull(autopsies.revealedAt), eq(autopsyPerspectives.authorId, viewer.id)),
      ),
    )
    // By discipline, then by random id: the order must not give away who wrote first.
    .orderBy(asc(autopsyPerspectives.discipline), asc(autopsyPerspectives.id))

  if (autopsy.revealedAt) {
    return {
      revealed: true,
      showNames: autopsy.showNames,
      items: rows.map((r) => ({
        id: r.id,
        discipline: r.discipline,
        body: r.body,
        originStage: r.originStage,
        authorName: r.authorName,
        mine: r.authorId === viewer.id,
      })),
    }
  }
  const [{ total }] = await db
    .select({ total: count() })
    .from(autopsyPerspectives)
    .where(and(eq(autopsyPerspectives.workspaceId, scope.workspaceId), eq(autopsyPerspectives.autopsyId, scope.autopsyId)))
  const own = rows.find((r) => r.authorId === viewer.id)
  const submitters =
    viewer.access === 'facilitate'
      ? await db
          .select({ name: users.name, discipline: autopsyPerspectives.discipline })
          .from(autopsyPerspectives)
          .innerJoin(users, eq(users.id, autopsyPerspectives.authorId))
          .where(and(eq(autopsyPerspectives.workspaceId, scope.workspaceId), eq(autopsyPerspectives.autopsyId, scope.autopsyId)))
          .orderBy(asc(users.name))
      : null
  return {
    revealed: false,
    count: total,
    mine: own ? { body: own.body, originStage: own.originStage, updatedAt: own.updatedAt.toISOString() } : null,
    submitters,
  }
}

// ------------------------------------------------------------------ respect snapshot

export type RespectSnapshot = {
  roundId: string
  closedOn: string
  visible: boolean
  /** why scores are hidden, when they are */
  message: string | null
  n: number | null
  participation: PublicRoundResults['participation']
  respectIndex: number | null
  dimensions: { key: string; label: string; score: number | null }[]
  status: PublicRoundResults['status']
}

function toSnapshot(results: PublicRoundResults): RespectSnapshot {
  return {
    roundId: results.round.id,
    closedOn: results.round.closedOn,
    visible: results.visible,
    message: results.message,
    n: results.n,
    participation: results.participation,
    respectIndex: results.respectIndex,
    dimensions: results.dimensions.map((d) => ({ key: d.key, label: d.label, score: d.score })),
    status: results.status,
  }
}

const closedAt = sql`coalesce(${rounds.closedAt}, ${rounds.closesAt})`

/**
 * The team's pulse around a feature, through the same anonymity rules as the
 * pulse page: the last round that closed before work began (a day in the
 * workspace's zone), and the latest round closed by `at` (now, or when the
 * autopsy was published).
 */
export async function getRespectSnapshots(
  scope: TeamScope & { startedOn: string | null; at: Date; settings?: ResultSettings; viewerId: string | typeof ANY_RESPONDENT | null },
): Promise<{ before: RespectSnapshot | null; latest: RespectSnapshot | null }> {
  const db = await getDb()
  const settings = scope.settings ?? (await getResultSettings(scope.workspaceId))
  const team = and(eq(rounds.workspaceId, scope.workspaceId), eq(rounds.teamId, scope.teamId), eq(rounds.status, 'closed'))
  const pick = (condition: SQL) =>
    db.select({ id: rounds.id }).from(rounds).where(and(team, condition)).orderBy(desc(closedAt)).limit(1)
  const [[before], [latest]] = await Promise.all([
    scope.startedOn === null
      ? Promise.resolve([])
      : pick(sql`(${closedAt} at time zone ${settings.timeZone})::date < ${scope.startedOn}::date`),
    pick(sql`${closedAt} <= ${scope.at.toISOString()}::timestamptz`),
  ])
  const load = async (roundId: string | undefined) => {
    if (!roundId) return null
    const results = await getRoundResults({ workspaceId: scope.workspaceId, teamId: scope.teamId, roundId, settings, viewerId: scope.viewerId })
    return results ? toSnapshot(results) : null
  }
  const [b, l] = await Promise.all([load(before?.id), load(latest?.id)])
  return { before: b, latest: l }
}

export function gateFor(
  latest: RespectSnapshot | null,
  actions: readonly { kind: ActionKind }[],
  autopsy: Pick<Autopsy, 'overrideReason'>,
): GateResult {
  return evaluateGate({
    snapshot: latest
      ? { status: latest.status.status, reasons: latest.status.reasons, hasRound: true }
      : { status: 'unknown', reasons: [], hasRound: false },
    actions,
    override: autopsy.overrideReason ? { reason: autopsy.overrideReason } : null,
  })
}

/**
 * The latest snapshot the gate judges by: the round as any member who answered
 * it would see it, so the gate's verdict (and an override, which only a
 * deficit allows) never rests on a number hidden from someone on the team.
 * Read before a transaction opens: a read on another connection from inside a
 * transaction would wait on it under PGlite.
 */
async function latestSnapshotAt(scope: TeamScope, at: Date) {
  return (await getRespectSnapshots({ ...scope, startedOn: null, at, viewerId: ANY_RESPONDENT })).latest
}

/** The gate for a locked autopsy, with its action items read inside the transaction. */
async function gateInTx(tx: Tx, autopsy: Autopsy, latest: RespectSnapshot | null) {
  const actions = await tx
    .select({ kind: autopsyActions.kind })
    .from(autopsyActions)
    .where(and(eq(autopsyActions.workspaceId, autopsy.workspaceId), eq(autopsyActions.autopsyId, autopsy.id)))
  return gateFor(latest, actions, autopsy)
}

// ------------------------------------------------------------------ facilitator edits

export async function updateMismatch(
  scope: AutopsyScope,
  input: { askedFor: string; specified: string; built: string; needed: string },
) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    await editable(tx, scope, 'mismatch')
    await tx.update(autopsies).set({ ...input, updatedAt: new Date() }).where(scopeWhere(scope))
  })
}

export type TimelineStageInput = {
  stage: StageKey
  product: boolean
  engineering: boolean
  design: boolean
  startedOn: string | null
  endedOn: string | null
  note: string
}

/** Saves all nine stages and the failure origin together, or none of them. */
export async function saveTimeline(
  scope: AutopsyScope,
  input: { failureOriginStage: StageKey | null; stages: readonly TimelineStageInput[] },
) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    await editable(tx, scope, 'timeline')
    for (const s of input.stages) {
      await tx
        .insert(autopsyStages)
        .values({ workspaceId: scope.workspaceId, autopsyId: scope.autopsyId, ...s })
        .onConflictDoUpdate({
          target: [autopsyStages.autopsyId, autopsyStages.stage],
          set: { product: s.product, engineering: s.engineering, design: s.design, startedOn: s.startedOn, endedOn: s.endedOn, note: s.note },
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
    const own = and(eq(autopsyFactors.workspaceId, scope.workspaceId), eq(autopsyFactors.autopsyId, scope.autopsyId), ne(autopsyFactors.factor, CUSTOM_FACTOR))
    await tx.delete(autopsyFactors).where(keys.length ? and(own, notInArray(autopsyFactors.factor, [...keys])) : own)
    if (keys.length) {
      await tx
        .insert(autopsyFactors)
        .values([...new Set(keys)].map((factor) => ({ workspaceId: scope.workspaceId, teamId: autopsy.teamId, autopsyId: autopsy.id, factor })))
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
    if (total >= MAX_CUSTOM_FACTORS) throw new AutopsyError(422, `At most ${MAX_CUSTOM_FACTORS} custom factors per autopsy.`, 'label')
    const [row] = await tx
      .insert(autopsyFactors)
      .values({ workspaceId: scope.workspaceId, teamId: autopsy.teamId, autopsyId: autopsy.id, factor: CUSTOM_FACTOR, label })
      .onConflictDoNothing()
      .returning()
    if (!row) throw new AutopsyError(422, 'That factor is already listed.', 'label')
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
      .where(and(eq(autopsyFactors.workspaceId, scope.workspaceId), eq(autopsyFactors.autopsyId, scope.autopsyId), eq(autopsyFactors.id, factorId)))
      .returning()
    if (!rows.length) throw new AutopsyError(404, 'Factor not found.')
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

// ------------------------------------------------------------------ action items

export async function addActionItem(
  scope: AutopsyScope,
  input: { kind: ActionKind; title: string; ownerId: string; dueOn: string },
) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const autopsy = await editable(tx, scope, 'actions')
    // The owner must be on this team: an action nobody on the team owns does not get done.
    const [owner] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, scope.workspaceId), eq(memberships.teamId, scope.teamId), eq(memberships.userId, input.ownerId)))
    if (!owner) throw new AutopsyError(422, 'Choose an owner from this team.', 'ownerId')
    const [row] = await tx
      .insert(autopsyActions)
      .values({ workspaceId: scope.workspaceId, teamId: autopsy.teamId, autopsyId: autopsy.id, ...input })
      .returning()
    await touch(tx, autopsy.id)
    return row
  })
}

export async function removeActionItem(scope: AutopsyScope, actionId: string) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    await editable(tx, scope, 'actions')
    const rows = await tx
      .delete(autopsyActions)
      .where(and(eq(autopsyActions.workspaceId, scope.workspaceId), eq(autopsyActions.autopsyId, scope.autopsyId), eq(autopsyActions.id, actionId)))
      .returning()
    if (!rows.length) throw new AutopsyError(404, 'Action item not found.')
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
    if (!item) throw new AutopsyError(404, 'Action item not found.')
    const autopsy = await lockAutopsy(tx, { ...scope, autopsyId: item.autopsyId })
    check(canChangeActionStatus(autopsy.stage))
    if (item.status === status) return item
    const [row] = await tx.update(autopsyActions).set({ status, updatedAt: at }).where(eq(autopsyActions.id, item.id)).returning()
    await recordEvent(tx, autopsy, scope.actor.id, 'action_status', { actionId: item.id, title: item.title, status: item.status }, { actionId: item.id, title: item.title, status }, at)
    await touch(tx, autopsy.id)
    return row
  })
}

// ------------------------------------------------------------------ perspectives and lifecycle

/** Opens perspectives and tells the team. */
export async function startCollecting(scope: AutopsyScope & When & { actorId: string; href?: string }) {
  const at = scope.at ?? new Date()
  const db = await getDb()
  await db.transaction(async (tx) => {
    const autopsy = await lockAutopsy(tx, scope)
    check(canStartCollecting(autopsy.stage))
    await tx.update(autopsies).set({ stage: 'collecting', updatedAt: at }).where(scopeWhere(scope))
    await recordEvent(tx, autopsy, scope.actorId, 'collecting_started', { stage: autopsy.stage }, { stage: 'collecting' }, at)
    const [feature] = await tx.select({ name: features.name }).from(features).where(eq(features.id, autopsy.featureId))
    const people = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(
        and(
          eq(memberships.workspaceId, scope.workspaceId),
          eq(memberships.teamId, scope.teamId),
          inArray(memberships.role, ['member', 'facilitator']),
          ne(memberships.userId, scope.actorId),
        ),
      )
    await notify(
      people.map((p) => ({
        workspaceId: scope.workspaceId,
        userId: p.userId,
        message: `Write your perspective on “${feature.name}”. Nobody sees it until the facilitator reveals all of them at once.`,
        href: scope.href,
      })),
      tx,
    )
  })
}

/**
 * Writes or rewrites the viewer's own perspective while perspectives are being
 * collected. The row lock on the autopsy orders this against the reveal.
 */
export async function addPerspective(
  scope: AutopsyScope & { author: { id: string; discipline: Discipline | null } },
  input: { body: string; originStage: StageKey | null },
) {
  if (!scope.author.discipline) throw new AutopsyError(403, 'Only members of this team write perspectives.')
  const discipline = scope.author.discipline
  const db = await getDb()
  return db.transaction(async (tx) => {
    const autopsy = await lockAutopsy(tx, scope)
    check(canWritePerspective(autopsy.stage))
    const [row] = await tx
      .insert(autopsyPerspectives)
      .values({ workspaceId: scope.workspaceId, autopsyId: autopsy.id, authorId: scope.author.id, discipline, ...input })
      .onConflictDoUpdate({
        target: [autopsyPerspectives.autopsyId, autopsyPerspectives.authorId],
        set: { body: input.body, originStage: input.originStage, discipline, updatedAt: new Date() },
      })
      .returning({ id: autopsyPerspectives.id })
    return row
  })
}

/** Reveals every perspective at once. A second reveal is a conflict. */
export async function revealPerspectives(scope: AutopsyScope & When & { actorId: string }) {
  const at = scope.at ?? new Date()
  const db = await getDb()
  await db.transaction(async (tx) => {
    const autopsy = await lockAutopsy(tx, scope)
    const [{ total }] = await tx.select({ total: count() }).from(autopsyPerspectives).where(eq(autopsyPerspectives.autopsyId, autopsy.id))
    check(canReveal(autopsy.stage, total))
    await tx.update(autopsies).set({ stage: 'reviewing', revealedAt: at, updatedAt: at }).where(scopeWhere(scope))
    await recordEvent(tx, autopsy, scope.actorId, 'revealed', { stage: autopsy.stage }, { stage: 'reviewing', perspectives: total }, at)
  })
}

export async function setShowNames(scope: AutopsyScope & { actorId: string }, show: boolean) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    const autopsy = await editable(tx, scope, 'show_names')
    if (autopsy.showNames === show) return
    await tx.update(autopsies).set({ showNames: show, updatedAt: new Date() }).where(scopeWhere(scope))
    await recordEvent(tx, autopsy, scope.actorId, show ? 'names_shown' : 'names_hidden', { showNames: autopsy.showNames }, { showNames: show })
  })
}

/**
 * Records an explicit override of the respect-first gate, with its reason,
 * when the team is in deficit. Shown on the autopsy and kept in its history.
 */
export async function overrideGate(scope: AutopsyScope & When & { actorId: string }, reason: string) {
  const at = scope.at ?? new Date()
  const latest = await latestSnapshotAt(scope, at)
  const db = await getDb()
  await db.transaction(async (tx) => {
    const autopsy = await lockAutopsy(tx, scope)
    const gate = await gateInTx(tx, autopsy, latest)
    check(canOverrideGate(autopsy.stage, gate.state))
    await writeOverride(tx, autopsy, scope.actorId, reason, at)
  })
}

async function writeOverride(tx: Tx, autopsy: Autopsy, actorId: string, reason: string, at: Date) {
  if (reason.trim().length < OVERRIDE_MIN_LENGTH) {
    throw new AutopsyError(422, `Write at least ${OVERRIDE_MIN_LENGTH} characters: the reason is what the team will read.`, 'overrideReason')
  }
  await tx.update(autopsies).set({ overrideReason: reason, overrideBy: actorId, overrideAt: at, updatedAt: at }).where(eq(autopsies.id, autopsy.id))
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
  const latest = await latestSnapshotAt(scope, at)
  const db = await getDb()
  return db.transaction(async (tx) => {
    const autopsy = await lockAutopsy(tx, scope)
    // Stage first: publishing a draft is a conflict whatever else is missing.
    if (autopsy.stage !== 'reviewing') check(canPublish(autopsy.stage, { failureOriginSet: true, gate: { satisfied: true, blocker: null } }))
    let gate = await gateInTx(tx, autopsy, latest)
    const reason = options.overrideReason?.trim()
    if (reason && gate.state === 'deficit' && gate.satisfiedBy !== 'respect_action') {
      await writeOverride(tx, autopsy, scope.actorId, reason, at)
      gate = await gateInTx(tx, autopsy, latest)
    }
    check(canPublish(autopsy.stage, { failureOriginSet: autopsy.failureOriginStage !== null, gate }))
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
    const [feature] = await tx.select({ shippedOn: features.shippedOn }).from(features).where(eq(features.id, autopsy.featureId))
    if (feature) await refreshAutopsyMonth({ workspaceId: scope.workspaceId, teamId: scope.teamId, shippedOn: feature.shippedOn }, tx)
    return row
  })
}

// ------------------------------------------------------------------ the whole page

export type AutopsyDetail = NonNullable<Awaited<ReturnType<typeof getAutopsyDetail>>>

/** Everything the autopsy page shows, for this viewer; null when they may not see it. */
export async function getAutopsyDetail(scope: AutopsyScope & { viewer: AutopsyViewer }) {
  const found = await getAutopsy(scope)
  if (!found) return null
  const { autopsy, feature } = found
  const settings = await getResultSettings(scope.workspaceId)
  const [timeline, factors, actions, perspectives, snapshots, earlierActions, gateSnapshot] = await Promise.all([
    getTimeline(scope),
    listFactors(scope),
    listActionItems(scope),
    listPerspectives(scope),
    getRespectSnapshots({ ...scope, startedOn: feature.startedOn, at: autopsy.publishedAt ?? new Date(), settings, viewerId: scope.viewer.id }),
    listOpenActions({ ...scope, publishedOnly: scope.viewer.access === 'read_published', excludeAutopsyId: autopsy.id, createdBefore: autopsy.createdAt, timeZone: settings.timeZone }),
    latestSnapshotAt(scope, autopsy.publishedAt ?? new Date()),
  ])
  // Seen a moment ago by getAutopsy; null only if it vanished in between.
  if (!perspectives) return null
  // The gate judges the round as any member who answered it sees it; the snapshots above are this reader's.
  const gate = gateFor(gateSnapshot, actions, autopsy)
  const db = await getDb()
  const [overrider] = autopsy.overrideBy
    ? await db.select({ name: users.name }).from(users).where(and(eq(users.id, autopsy.overrideBy), eq(users.workspaceId, scope.workspaceId)))
    : []
  const blockers = autopsy.stage === 'reviewing' ? publishBlockers({ failureOriginSet: autopsy.failureOriginStage !== null, gate }) : []
  return {
    autopsy,
    feature,
    timeline,
    factors,
    actions,
    perspectives,
    snapshots,
    // A published autopsy shows the verdict it was published under.
    gate,
    // The verdict frozen at publishing is about the round the publisher saw; a
    // reader to whom that round is hidden (she answered it, in a group of k)
    // gets no verdict about it.
    publishedGateState: snapshots.latest?.visible ? autopsy.gateState : null,
    overrideByName: overrider?.name ?? null,
    blockers,
    earlierActions,
    settings,
    today: localToday(settings.timeZone),
  }
}

// ------------------------------------------------------------------ lists

export function localToday(timeZone: string, now = new Date()): string {
  return today(timeZone, now)
}

export type AutopsyFilters = {
  stage?: AutopsyStage
  factor?: string
  outcome?: Outcome
  classification?: Classification
  origin?: StageKey
}

/** A team's autopsies with their feature, factors and open actions; leaders get published ones only. */
export async function listAutopsies(
  scope: TeamScope & { viewer: { access: AutopsyAccess }; timeZone: string },
  filters: AutopsyFilters = {},
  { limit = 20, offset = 0 }: { limit?: number; offset?: number } = {},
) {
  const db = await getDb()
  const today = localToday(scope.timeZone)
  const where = and(
    eq(autopsies.workspaceId, scope.workspaceId),
    eq(autopsies.teamId, scope.teamId),
    visibleTo(scope.viewer),
    filters.stage ? eq(autopsies.stage, filters.stage) : undefined,
    filters.origin ? eq(autopsies.failureOriginStage, filters.origin) : undefined,
    filters.outcome ? eq(features.outcome, filters.outcome) : undefined,
    filters.classification ? eq(features.classification, filters.classification) : undefined,
    filters.factor
      ? sql`exists (select 1 from ${autopsyFactors} f where f.autopsy_id = ${autopsies.id} and f.factor = ${filters.factor})`
      : undefined,
  )
  const unfinished = sql`a.status in ('open', 'in_progress')`
  const base = db
    .select({
      id: autopsies.id,
      stage: autopsies.stage,
      failureOriginStage: autopsies.failureOriginStage,
      createdAt: autopsies.createdAt,
      publishedAt: autopsies.publishedAt,
      featureId: features.id,
      featureName: features.name,
      shippedOn: features.shippedOn,
      outcome: features.outcome,
      classification: features.classification,
      factors: sql<{ factor: string; label: string }[]>`coalesce((select json_agg(json_build_object('factor', f.factor, 'label', f.label) order by f.created_at) from ${autopsyFactors} f where f.autopsy_id = ${autopsies.id}), '[]'::json)`,
      openActions: sql<number>`(select count(*)::int from ${autopsyActions} a where a.autopsy_id = ${autopsies.id} and ${unfinished})`.mapWith(Number),
      overdueActions: sql<number>`(select count(*)::int from ${autopsyActions} a where a.autopsy_id = ${autopsies.id} and ${unfinished} and a.due_on < ${today}::date)`.mapWith(Number),
    })
    .from(autopsies)
    .innerJoin(features, and(eq(features.id, autopsies.featureId), eq(features.workspaceId, autopsies.workspaceId)))
  const [[{ total }], rows] = await Promise.all([
    db
      .select({ total: count() })
      .from(autopsies)
      .innerJoin(features, and(eq(features.id, autopsies.featureId), eq(features.workspaceId, autopsies.workspaceId)))
      .where(where),
    base.where(where).orderBy(desc(autopsies.createdAt)).limit(limit).offset(offset),
  ])
  return {
    total,
    rows: rows.map((r) => ({ ...r, factors: r.factors.map((f) => factorLabel(f.factor, f.label)) })),
  }
}

/**
 * Unfinished action items of the team, soonest due first, marked overdue
 * against today in the workspace's zone. With `excludeAutopsyId` and
 * `createdBefore`: the earlier autopsies' items, to review at the start of a new one.
 */
export async function listOpenActions(
  scope: TeamScope & { publishedOnly: boolean; timeZone: string; excludeAutopsyId?: string; createdBefore?: Date; limit?: number },
) {
  const db = await getDb()
  const today = localToday(scope.timeZone)
  const rows = await db
    .select({
      id: autopsyActions.id,
      kind: autopsyActions.kind,
      title: autopsyActions.title,
      dueOn: autopsyActions.dueOn,
      status: autopsyActions.status,
      ownerId: autopsyActions.ownerId,
      ownerName: users.name,
      autopsyId: autopsies.id,
      featureName: features.name,
    })
    .from(autopsyActions)
    .innerJoin(autopsies, eq(autopsies.id, autopsyActions.autopsyId))
    .innerJoin(features, eq(features.id, autopsies.featureId))
    .leftJoin(users, eq(users.id, autopsyActions.ownerId))
    .where(
      and(
        eq(autopsyActions.workspaceId, scope.workspaceId),
        eq(autopsyActions.teamId, scope.teamId),
        eq(autopsies.teamId, scope.teamId),
        inArray(autopsyActions.status, [...UNFINISHED_STATUSES]),
        scope.publishedOnly ? eq(autopsies.stage, 'published') : undefined,
        scope.excludeAutopsyId ? ne(autopsies.id, scope.excludeAutopsyId) : undefined,
        scope.createdBefore ? lt(autopsies.createdAt, scope.createdBefore) : undefined,
      ),
    )
    .orderBy(asc(autopsyActions.dueOn), asc(autopsyActions.createdAt))
    .limit(scope.limit ?? 50)
  return rows.map((r) => ({ ...r, overdue: r.dueOn < today }))
}

export async function listAutopsyEvents(scope: AutopsyScope & { viewer: { access: AutopsyAccess } }) {
  const db = await getDb()
  return db
    .select({
      id: autopsyEvents.id,
      action: autopsyEvents.action,
      before: autopsyEvents.before,
      after: autopsyEvents.after,
      createdAt: autopsyEvents.createdAt,
      actorName: users.name,
    })
    .from(autopsyEvents)
    .innerJoin(autopsies, eq(autopsies.id, autopsyEvents.autopsyId))
    .leftJoin(users, eq(users.id, autopsyEvents.actorId))
    .where(and(scopeWhere(scope), visibleTo(scope.viewer), eq(autopsyEvents.workspaceId, scope.workspaceId)))
    .orderBy(desc(autopsyEvents.createdAt))
}

/** Counts per lifecycle stage, for the list's filter labels. */
export async function countAutopsiesByStage(scope: TeamScope & { viewer: { access: AutopsyAccess } }) {
  const db = await getDb()
  const rows = await db
    .select({ stage: autopsies.stage, n: count() })
    .from(autopsies)
    .where(and(eq(autopsies.workspaceId, scope.workspaceId), eq(autopsies.teamId, scope.teamId), visibleTo(scope.viewer)))
    .groupBy(autopsies.stage)
  const counts: Partial<Record<AutopsyStage, number>> = {}
  for (const r of rows) counts[r.stage] = r.n
  return counts
}

// ------------------------------------------------------------------ for routes

/** The viewer as these functions need them, from the team guard's answer. */
export function autopsyViewer(guard: {
  user: { id: string; isAdmin: boolean }
  role: 'member' | 'facilitator' | 'leader' | null
  discipline: Discipline | null
}): AutopsyViewer {
  const access = autopsyAccess({ isAdmin: guard.user.isAdmin, role: guard.role })
  if (!access) throw new Response('You do not have access to this team.', { status: 403 })
  return { id: guard.user.id, access, discipline: guard.discipline }
}

/**
 * A refused change as the route's answer: 403/404 are thrown (the error
 * boundary), 409/422 come back to the form with the message on its field.
 */
export function autopsyFailure(error: unknown, values: Record<string, string>) {
  if (!(error instanceof AutopsyError)) throw error
  if (error.status === 403 || error.status === 404) throw new Response(error.message, { status: error.status })
  return json(formFailure(values, error.message, error.field ? { [error.field]: [error.message] } : {}), { status: error.status })
}
