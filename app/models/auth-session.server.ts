import { and, desc, eq, gt, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm'
import { getDb, type Database } from '../../db/client.server'
import { sessions, users } from '../../db/schema'

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0]

export const SESSION_IDLE_DAYS = 7
export const SESSION_MAX_DAYS = 30
/** last_seen_at is written at most this often, not on every request. */
export const SESSION_TOUCH_MINUTES = 5

const DAY = 24 * 3600_000

function idleSince(now: Date) {
  return new Date(now.getTime() - SESSION_IDLE_DAYS * DAY)
}

function touchedBefore(now: Date) {
  return new Date(now.getTime() - SESSION_TOUCH_MINUTES * 60_000)
}

/**
 * findActiveSession's rules as a query to embed in a larger statement (the
 * answer form's): one row (user_id, workspace_id, session_id) for a live
 * session of an active person, none otherwise.
 */
export function activeSessionQuery(tokenHash: string, now: Date): SQL {
  return sql`select u.id as user_id, u.workspace_id, s.id as session_id
    from ${sessions} s join ${users} u on u.id = s.user_id
    where s.token_hash = ${tokenHash} and s.expires_at > ${now.toISOString()}::timestamptz
      and s.last_seen_at > ${idleSince(now).toISOString()}::timestamptz and u.deactivated_at is null`
}

/** findActiveSession's "seen" mark, as a statement to embed: at most every SESSION_TOUCH_MINUTES. */
export function sessionTouchQuery(sessionId: SQL, now: Date): SQL {
  return sql`update ${sessions} set last_seen_at = ${now.toISOString()}::timestamptz
    where id = ${sessionId} and last_seen_at < ${touchedBefore(now).toISOString()}::timestamptz`
}

export async function insertSession(input: { userId: string; tokenHash: string; device: string }, now = new Date(), tx?: Tx) {
  const db = tx ?? (await getDb())
  const [row] = await db
    .insert(sessions)
    .values({ ...input, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_DAYS * DAY) })
    .returning()
  return row
}

/**
 * The session behind a cookie token and its person, or null when the token
 * is unknown or revoked, the session has been idle or lived too long, or the
 * person has been deactivated. Marks it seen at most every few minutes.
 */
export async function findActiveSession(tokenHash: string, now = new Date()) {
  const db = await getDb()
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, idleSince(now)),
        isNull(users.deactivatedAt),
      ),
    )
  if (!row) return null
  const touchBefore = touchedBefore(now)
  if (row.session.lastSeenAt < touchBefore) {
    // Conditional, so two loaders of one page view write once at most.
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.id, row.session.id), lt(sessions.lastSeenAt, touchBefore)))
  }
  return row
}

export async function deleteSessionByTokenHash(tokenHash: string) {
  const db = await getDb()
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash))
}

/** Revokes one of the person's own sessions; another person's id matches nothing. */
export async function deleteOwnSession(userId: string, sessionId: string) {
  const db = await getDb()
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)))
    .returning({ id: sessions.id })
  return rows.length > 0
}

/** Revokes all of a person's sessions, or all but `except`. Returns how many. */
export async function deleteUserSessions(userId: string, { except, tx }: { except?: string; tx?: Tx } = {}) {
  const db = tx ?? (await getDb())
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), except ? ne(sessions.id, except) : undefined))
    .returning({ id: sessions.id })
  return rows.length
}

/** A person's sessions that still work, most recently used first. */
export async function listUserSessions(userId: string, now = new Date()) {
  const db = await getDb()
  return db
    .select({
      id: sessions.id,
      device: sessions.device,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleSince(now))))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt))
}

/** Deletes sessions that can no longer be used. */
export async function purgeSessions(now = new Date()) {
  const db = await getDb()
  const rows = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleSince(now))))
    .returning({ id: sessions.id })
  return rows.length
}
