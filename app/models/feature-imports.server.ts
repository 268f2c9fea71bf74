// Imports into a team's feature log from an issue tracker: the keys already
// imported (so a second import skips them), the write itself in one
// transaction, and the record of each attempt for the import page.
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { featureImports, features, users, workspaces } from '../../db/schema'
import type { Evidence } from '~/domain/engineering-evidence'
import type { ImportSource } from '~/domain/feature-import'
import { featureColumns, type FeatureInput } from '~/domain/feature-record'
import type { TeamScope } from './features.server'
import { refreshFeatureMonth } from './rollups.server'

/** The external keys of this source already in the team's log. */
export async function importedKeys(scope: TeamScope, source: ImportSource): Promise<Set<string>> {
  const db = await getDb()
  const rows = await db
    .select({ key: features.externalKey })
    .from(features)
    .where(and(eq(features.workspaceId, scope.workspaceId), eq(features.teamId, scope.teamId), eq(features.source, source)))
  return new Set(rows.flatMap((r) => (r.key ? [r.key] : [])))
}

export type ImportRecord = { input: FeatureInput; key: string; url: string | null; evidence: Evidence | null }

/**
 * Creates the features in one transaction. A key that reached the log since
 * the preview (a second tab, a colleague) is skipped by the unique index, not
 * duplicated. `skipped` counts those plus the duplicates the preview already showed.
 */
export async function importFeatures(
  scope: TeamScope & { userId: string },
  source: ImportSource,
  records: readonly ImportRecord[],
  { alreadySkipped }: { alreadySkipped: number },
) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const derivedAt = new Date()
    const months = new Map<string, string>()
    let created = 0
    for (const record of records) {
      const inserted = await tx
        .insert(features)
        .values({
          workspaceId: scope.workspaceId,
          teamId: scope.teamId,
          createdBy: scope.userId,
          ...featureColumns(record.input),
          source,
          externalKey: record.key,
          sourceUrl: record.url,
          stageDerivedFrom: record.evidence ? source : null,
          stageDerivedAt: record.evidence ? derivedAt : null,
          stageEvidence: record.evidence?.sentence ?? null,
        })
        .onConflictDoNothing({ target: [features.teamId, features.source, features.externalKey] })
        .returning({ shippedOn: features.shippedOn })
      for (const row of inserted) {
        created++
        months.set(row.shippedOn.slice(0, 7), row.shippedOn)
      }
    }
    for (const shippedOn of months.values()) await refreshFeatureMonth({ ...scope, shippedOn }, tx)
    const skipped = alreadySkipped + records.length - created
    await tx.insert(featureImports).values({ ...scope, userId: scope.userId, source, created, skipped })
    return { created, skipped }
  })
}

/** An import that failed before writing anything (a refused token, a missing repository): kept for the status line. */
export async function recordImportFailure(scope: TeamScope & { userId: string }, source: ImportSource, error: string) {
  const db = await getDb()
  await db.insert(featureImports).values({ ...scope, userId: scope.userId, source, error: error.slice(0, 500) })
}

/** The last import that ran and the last one that failed, newest first, for the import page. */
export async function importStatus(scope: TeamScope) {
  const db = await getDb()
  const latest = (failed: boolean) =>
    db
      .select({
        source: featureImports.source,
        created: featureImports.created,
        skipped: featureImports.skipped,
        error: featureImports.error,
        at: featureImports.createdAt,
        byName: users.name,
      })
      .from(featureImports)
      .leftJoin(users, eq(users.id, featureImports.userId))
      .where(
        and(
          eq(featureImports.workspaceId, scope.workspaceId),
          eq(featureImports.teamId, scope.teamId),
          failed ? isNotNull(featureImports.error) : isNull(featureImports.error),
        ),
      )
      .orderBy(desc(featureImports.createdAt))
      .limit(1)
  const [[last], [lastError], [workspace]] = await Promise.all([
    latest(false),
    latest(true),
    db.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, scope.workspaceId)),
  ])
  const show = (row: typeof last | undefined) => (row ? { ...row, at: row.at.toISOString() } : null)
  return {
    last: show(last),
    // An error the team has imported past since is history, not news.
    lastError: lastError && (!last || lastError.at > last.at) ? show(lastError) : null,
    timeZone: workspace?.timeZone ?? 'UTC',
  }
}
