// Reading autopsies: one autopsy and its sections, the whole page for a
// viewer, the team's lists and the edit history. Each read that takes a
// viewer puts what they may see into its where clause (./access.server).
import { and, asc, count, desc, eq, inArray, lt, ne, or, sql } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { autopsies, actions as autopsyActions, autopsyEvents, autopsyFactors, autopsyStages, features, users } from '../../../db/schema'
import { UNFINISHED_STATUSES, type AutopsyAccess, type AutopsyStage, type AutopsyViewer } from '~/domain/autopsy-lifecycle'
import { describeFactor, gateView, publishedVerdictVisible } from '~/domain/autopsy-view'
import { today } from '~/domain/calendar'
import type { Classification, Outcome } from '~/domain/classification'
import { factorLabel } from '~/domain/factors'
import { compareStages, type StageKey } from '~/domain/stages'
import { getResultSettings } from '../anonymity-settings.server'
import { scopeWhere, visibleTo, type AutopsyScope, type TeamScope } from './access.server'
import { listPerspectives } from './perspectives.server'
import { gateSnapshotAt, getRespectSnapshots } from './snapshots.server'

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
  return rows.map(describeFactor)
}

async function listActionItems(scope: AutopsyScope) {
  const db = await getDb()
  return db
    .select({
      id: autopsyActions.id,
      kind: autopsyActions.kind,
      title: autopsyActions.title,
      targetDimension: autopsyActions.targetDimension,
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
    getRespectSnapshots({
      ...scope,
      startedOn: feature.startedOn,
      at: autopsy.publishedAt ?? new Date(),
      settings,
      viewerId: scope.viewer.id,
      audience: scope.viewer.audience,
    }),
    listOpenActions({
      ...scope,
      publishedOnly: scope.viewer.access === 'read_published',
      excludeAutopsyId: autopsy.id,
      createdBefore: autopsy.createdAt,
      timeZone: settings.timeZone,
    }),
    gateSnapshotAt(scope, autopsy.publishedAt ?? new Date()),
  ])
  // Seen a moment ago by getAutopsy; null only if it vanished in between.
  if (!perspectives) return null
  // The gate judges the round as any member who answered it sees it; the snapshots above are this reader's.
  const { gate, blockers, publishedGateState } = gateView(autopsy, gateSnapshot, snapshots.latest, actions)
  const db = await getDb()
  const [overrider] = autopsy.overrideBy
    ? await db
        .select({ name: users.name })
        .from(users)
        .where(and(eq(users.id, autopsy.overrideBy), eq(users.workspaceId, scope.workspaceId)))
    : []
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
    publishedGateState,
    overrideByName: overrider?.name ?? null,
    blockers,
    earlierActions,
    settings,
    today: localToday(settings.timeZone),
  }
}

/**
 * The autopsy's edit history for this viewer, newest first, and whether the
 * verdict frozen at publishing may be repeated to them (only when they can see
 * the round it rests on). Null when they may not see the autopsy.
 */
export async function getAutopsyHistory(scope: AutopsyScope & { viewer: AutopsyViewer }) {
  const [found, events, settings] = await Promise.all([getAutopsy(scope), listAutopsyEvents(scope), getResultSettings(scope.workspaceId)])
  if (!found) return null
  const publishedAt = found.autopsy.publishedAt
  const verdictVisible = publishedAt
    ? publishedVerdictVisible(
        (
          await getRespectSnapshots({
            ...scope,
            startedOn: null,
            at: publishedAt,
            settings,
            viewerId: scope.viewer.id,
            audience: scope.viewer.audience,
          })
        ).latest,
      )
    : false
  return { autopsy: found.autopsy, feature: found.feature, events, verdictVisible, settings }
}

function localToday(timeZone: string, now = new Date()): string {
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
      factors: sql<
        { factor: string; label: string }[]
      >`coalesce((select json_agg(json_build_object('factor', f.factor, 'label', f.label) order by f.created_at) from ${autopsyFactors} f where f.autopsy_id = ${autopsies.id}), '[]'::json)`,
      openActions:
        sql<number>`(select count(*)::int from ${autopsyActions} a where a.autopsy_id = ${autopsies.id} and ${unfinished})`.mapWith(Number),
      overdueActions:
        sql<number>`(select count(*)::int from ${autopsyActions} a where a.autopsy_id = ${autopsies.id} and ${unfinished} and a.due_on < ${today}::date)`.mapWith(
          Number,
        ),
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
 * against today in the workspace's zone: from autopsies and from respect
 * plans alike. With `excludeAutopsyId` and `createdBefore`: the items from
 * earlier autopsies and plans, to review at the start of a new autopsy.
 */
export async function listOpenActions(
  scope: TeamScope & { publishedOnly: boolean; timeZone: string; excludeAutopsyId?: string; createdBefore?: Date; limit?: number },
) {
  const db = await getDb()
  const today = localToday(scope.timeZone)
  const fromAutopsy = and(
    eq(autopsyActions.source, 'autopsy'),
    eq(autopsies.teamId, scope.teamId),
    scope.publishedOnly ? eq(autopsies.stage, 'published') : undefined,
    scope.excludeAutopsyId ? ne(autopsies.id, scope.excludeAutopsyId) : undefined,
    scope.createdBefore ? lt(autopsies.createdAt, scope.createdBefore) : undefined,
  )
  const fromPlan = and(
    eq(autopsyActions.source, 'plan'),
    scope.createdBefore ? lt(autopsyActions.createdAt, scope.createdBefore) : undefined,
  )
  const rows = await db
    .select({
      id: autopsyActions.id,
      kind: autopsyActions.kind,
      title: autopsyActions.title,
      targetDimension: autopsyActions.targetDimension,
      dueOn: autopsyActions.dueOn,
      status: autopsyActions.status,
      ownerId: autopsyActions.ownerId,
      ownerName: users.name,
      autopsyId: autopsies.id,
      featureName: features.name,
      planId: autopsyActions.planId,
    })
    .from(autopsyActions)
    .leftJoin(autopsies, eq(autopsies.id, autopsyActions.autopsyId))
    .leftJoin(features, eq(features.id, autopsies.featureId))
    .leftJoin(users, eq(users.id, autopsyActions.ownerId))
    .where(
      and(
        eq(autopsyActions.workspaceId, scope.workspaceId),
        eq(autopsyActions.teamId, scope.teamId),
        inArray(autopsyActions.status, [...UNFINISHED_STATUSES]),
        or(fromAutopsy, fromPlan),
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
