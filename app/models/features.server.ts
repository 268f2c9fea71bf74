// The feature log: one short record per shipped feature, the denominator that
// makes "how often does this happen?" answerable. Classification is derived
// on every write (~/domain/feature-record), by the one rule in ~/domain/classification.
import { and, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { autopsies, features, users } from '../../db/schema'
import type { Classification, Outcome, ShippedAs } from '~/domain/classification'
import { FEATURE_NOT_FOUND, featureColumns, type FeatureInput } from '~/domain/feature-record'
import { refuse } from '~/domain/refusal'
import { refreshAutopsyMonth, refreshFeatureMonth } from './rollups.server'

export type { FeatureInput, SpecInput } from '~/domain/feature-record'

export type TeamScope = { workspaceId: string; teamId: string }

// Trend rollups for the ship month are refreshed in the same transaction as
// each write, so the leadership views never read a month that disagrees with the log.
export async function createFeature(scope: TeamScope & { userId: string | null }, input: FeatureInput) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(features)
      .values({ workspaceId: scope.workspaceId, teamId: scope.teamId, createdBy: scope.userId, ...featureColumns(input) })
      .returning()
    await refreshFeatureMonth({ ...scope, shippedOn: row.shippedOn }, tx)
    return row
  })
}

/** Refuses with a 404 when the feature is not this team's. */
export async function updateFeature(scope: TeamScope & { featureId: string }, input: FeatureInput) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const where = and(eq(features.workspaceId, scope.workspaceId), eq(features.teamId, scope.teamId), eq(features.id, scope.featureId))
    const [before] = await tx
      .select({ shippedOn: features.shippedOn, stage: features.engineeringJoinedStage })
      .from(features)
      .where(where)
      .for('update')
    if (!before) refuse(404, FEATURE_NOT_FOUND)
    // A stage a person changed is theirs, no longer the one derived from an import.
    const corrected =
      before.stage !== input.engineeringJoinedStage ? { stageDerivedFrom: null, stageDerivedAt: null, stageEvidence: null } : {}
    const [row] = await tx
      .update(features)
      .set({ ...featureColumns(input), ...corrected, updatedAt: new Date() })
      .where(where)
      .returning()
    // A new ship date moves the feature to another month.
    for (const shippedOn of new Set([before.shippedOn, row.shippedOn])) {
      await refreshFeatureMonth({ ...scope, shippedOn }, tx)
      await refreshAutopsyMonth({ ...scope, shippedOn }, tx)
    }
    return row
  })
}

/**
 * One feature of this team, with its autopsy if the viewer may see it
 * (leaders see published autopsies only).
 */
export async function getFeature(scope: TeamScope & { featureId: string; publishedAutopsiesOnly?: boolean }) {
  const db = await getDb()
  const [row] = await db
    .select({
      feature: features,
      createdByName: users.name,
      autopsyId: autopsies.id,
      autopsyStage: autopsies.stage,
    })
    .from(features)
    .leftJoin(users, eq(users.id, features.createdBy))
    .leftJoin(autopsies, visibleAutopsyJoin(scope.publishedAutopsiesOnly ?? false))
    .where(and(eq(features.workspaceId, scope.workspaceId), eq(features.teamId, scope.teamId), eq(features.id, scope.featureId)))
  if (!row) return null
  return {
    ...row.feature,
    createdByName: row.createdByName,
    autopsy: row.autopsyId && row.autopsyStage ? { id: row.autopsyId, stage: row.autopsyStage } : null,
  }
}

function visibleAutopsyJoin(publishedOnly: boolean) {
  const join = and(eq(autopsies.featureId, features.id), eq(autopsies.workspaceId, features.workspaceId))
  return publishedOnly ? and(join, eq(autopsies.stage, 'published')) : join
}

export type FeatureFilters = {
  classification?: Classification
  outcome?: Outcome
  shippedAs?: ShippedAs
}

function filterWhere(scope: TeamScope, filters: FeatureFilters): SQL | undefined {
  return and(
    eq(features.workspaceId, scope.workspaceId),
    eq(features.teamId, scope.teamId),
    filters.classification ? eq(features.classification, filters.classification) : undefined,
    filters.outcome ? eq(features.outcome, filters.outcome) : undefined,
    filters.shippedAs ? eq(features.shippedAs, filters.shippedAs) : undefined,
  )
}

/** The team's log, newest ship date first. */
export async function listFeatures(
  scope: TeamScope & { publishedAutopsiesOnly?: boolean },
  filters: FeatureFilters = {},
  { limit = 25, offset = 0 }: { limit?: number; offset?: number } = {},
) {
  const db = await getDb()
  const where = filterWhere(scope, filters)
  const [[{ total }], rows] = await Promise.all([
    db.select({ total: count() }).from(features).where(where),
    db
      .select({
        id: features.id,
        name: features.name,
        ask: features.ask,
        shippedOn: features.shippedOn,
        classification: features.classification,
        engineeringJoinedStage: features.engineeringJoinedStage,
        question: features.question,
        specWords: features.specWords,
        plannedDays: features.plannedDays,
        actualDays: features.actualDays,
        shippedAs: features.shippedAs,
        upsetDisciplines: features.upsetDisciplines,
        outcome: features.outcome,
        autopsyId: autopsies.id,
        autopsyStage: autopsies.stage,
      })
      .from(features)
      .leftJoin(autopsies, visibleAutopsyJoin(scope.publishedAutopsiesOnly ?? false))
      .where(where)
      .orderBy(desc(features.shippedOn), desc(features.createdAt))
      .limit(limit)
      .offset(offset),
  ])
  return { total, rows }
}

/** Counts for the log's header, in one query. */
export async function featureSummary(scope: TeamScope) {
  const db = await getDb()
  const n = (condition: SQL) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number)
  const [row] = await db
    .select({
      total: count(),
      handoff: n(sql`${features.classification} = 'handoff'`),
      collaboration: n(sql`${features.classification} = 'collaboration'`),
      missed: n(sql`${features.outcome} = 'not_what_we_asked'`),
      differently: n(sql`${features.shippedAs} = 'differently'`),
      differentlyCalm: n(sql`${features.shippedAs} = 'differently' and cardinality(${features.upsetDisciplines}) = 0`),
      engineeringBeforeSpec: n(sql`${features.engineeringBeforeSpec}`),
    })
    .from(features)
    .where(and(eq(features.workspaceId, scope.workspaceId), eq(features.teamId, scope.teamId)))
  return row
}

/** Features users said missed that have no autopsy yet: the invitations waiting on a facilitator. */
export async function listFeaturesAwaitingAutopsy(scope: TeamScope, { limit = 10 } = {}) {
  const db = await getDb()
  return db
    .select({ id: features.id, name: features.name, shippedOn: features.shippedOn, classification: features.classification })
    .from(features)
    .leftJoin(autopsies, eq(autopsies.featureId, features.id))
    .where(
      and(
        eq(features.workspaceId, scope.workspaceId),
        eq(features.teamId, scope.teamId),
        eq(features.outcome, 'not_what_we_asked'),
        isNull(autopsies.id),
      ),
    )
    .orderBy(desc(features.shippedOn))
    .limit(limit)
}

/** The team a feature belongs to, within the workspace, or null: for addresses that name the feature alone (the API). */
export async function findFeatureTeamId(workspaceId: string, featureId: string) {
  const db = await getDb()
  const [row] = await db
    .select({ teamId: features.teamId })
    .from(features)
    .where(and(eq(features.workspaceId, workspaceId), eq(features.id, featureId)))
  return row?.teamId ?? null
}
