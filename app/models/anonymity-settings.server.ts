import { and, count, desc, eq, ne, or, sql } from 'drizzle-orm'
import { getDb, type Tx } from '../../db/client.server'
import { anonymityChanges, pulseRollups, rounds, users, workspaces, type Workspace } from '../../db/schema'
import { ANONYMITY_DEFAULTS, normalizeSettings, type AnonymitySettings } from '~/domain/anonymity'
import type { AnonymityChangeView } from '~/domain/change-logs'
import { DEFAULT_DEFICIT_THRESHOLDS, type DeficitThresholds } from '~/domain/scoring'

/** What every results read path needs from the workspace: k, the deficit thresholds and the zone for dates. */
export type ResultSettings = {
  anonymity: AnonymitySettings
  thresholds: DeficitThresholds
  timeZone: string
}

type SettingsColumns = Pick<Workspace, 'anonymityK' | 'commentK' | 'deficitRespectIndex' | 'deficitDirectional' | 'deficitGap' | 'timeZone'>

const columns = {
  anonymityK: workspaces.anonymityK,
  commentK: workspaces.commentK,
  deficitRespectIndex: workspaces.deficitRespectIndex,
  deficitDirectional: workspaces.deficitDirectional,
  deficitGap: workspaces.deficitGap,
  timeZone: workspaces.timeZone,
}

// Settings always pass through normalizeSettings, so a k of 0 or 1 stored by
// mistake can never weaken a read path.
function toResultSettings(row: SettingsColumns | null): ResultSettings {
  if (!row) {
    return { anonymity: normalizeSettings(), thresholds: { ...DEFAULT_DEFICIT_THRESHOLDS }, timeZone: 'UTC' }
  }
  return {
    anonymity: normalizeSettings({ k: row.anonymityK, commentK: row.commentK }),
    thresholds: { respectIndex: row.deficitRespectIndex, directional: row.deficitDirectional, gap: row.deficitGap },
    timeZone: row.timeZone,
  }
}

export async function getResultSettings(workspaceId: string): Promise<ResultSettings> {
  const db = await getDb()
  const [row] = await db.select(columns).from(workspaces).where(eq(workspaces.id, workspaceId))
  return toResultSettings(row ?? null)
}

/**
 * The thresholds to explain on the public "How anonymity works" page: the
 * viewer's workspace when signed in, else the built-in defaults (a visitor is
 * told nothing about any workspace).
 */
export async function getPublicAnonymitySettings(workspaceId: string | null) {
  const db = await getDb()
  const [row] = workspaceId ? await db.select(columns).from(workspaces).where(eq(workspaces.id, workspaceId)) : []
  const settings = toResultSettings(row ?? null)
  return {
    ...settings.anonymity,
    defaults: ANONYMITY_DEFAULTS,
    fromWorkspace: Boolean(row),
  }
}

/**
 * Raises the thresholds of every round already opened to at least the given
 * ones. People answered under a round's thresholds, so they may only ever get
 * stricter. Returns how many rounds changed.
 */
export async function tightenPastRounds(tx: Tx, workspaceId: string, next: { k: number; commentK: number }) {
  const { k, commentK } = normalizeSettings(next)
  const changed = await tx
    .update(rounds)
    .set({ anonymityK: sql`greatest(${rounds.anonymityK}, ${k})`, commentK: sql`greatest(${rounds.commentK}, ${commentK})` })
    .where(
      and(
        eq(rounds.workspaceId, workspaceId),
        ne(rounds.status, 'scheduled'),
        or(sql`${rounds.anonymityK} < ${k}`, sql`${rounds.commentK} < ${commentK}`),
      ),
    )
    .returning({ id: rounds.id })
  // The rollups carry the round's threshold so trend reads need no join.
  await tx
    .update(pulseRollups)
    .set({ anonymityK: sql`greatest(${pulseRollups.anonymityK}, ${k})` })
    .where(and(eq(pulseRollups.workspaceId, workspaceId), sql`${pulseRollups.anonymityK} < ${k}`))
  return changed.length
}

export async function logAnonymityChange(
  tx: Tx,
  workspaceId: string,
  actorId: string | null,
  before: { anonymityK: number; commentK: number },
  after: { anonymityK: number; commentK: number },
  roundsRaised: number,
) {
  if (before.anonymityK === after.anonymityK && before.commentK === after.commentK && roundsRaised === 0) return
  await tx.insert(anonymityChanges).values({
    workspaceId,
    actorId,
    kBefore: before.anonymityK,
    kAfter: after.anonymityK,
    commentKBefore: before.commentK,
    commentKAfter: after.commentK,
    roundsRaised,
  })
}

/** Every change of the workspace's anonymity thresholds, newest first: shown to every member on the anonymity page. */
export async function listAnonymityChanges(workspaceId: string, { limit = 50, offset = 0 } = {}) {
  const db = await getDb()
  const where = eq(anonymityChanges.workspaceId, workspaceId)
  const [[{ total }], rows] = await Promise.all([
    db.select({ total: count() }).from(anonymityChanges).where(where),
    db
      .select({
        id: anonymityChanges.id,
        at: anonymityChanges.createdAt,
        actorName: users.name,
        kBefore: anonymityChanges.kBefore,
        kAfter: anonymityChanges.kAfter,
        commentKBefore: anonymityChanges.commentKBefore,
        commentKAfter: anonymityChanges.commentKAfter,
        roundsRaised: anonymityChanges.roundsRaised,
      })
      .from(anonymityChanges)
      .leftJoin(users, eq(users.id, anonymityChanges.actorId))
      .where(where)
      .orderBy(desc(anonymityChanges.createdAt), desc(anonymityChanges.id))
      .limit(limit)
      .offset(offset),
  ])
  return { total, changes: rows.map((r): AnonymityChangeView => ({ ...r, at: r.at.toISOString() })) }
}
