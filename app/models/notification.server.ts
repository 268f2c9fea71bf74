import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { notifications, participations } from '../../db/schema'
import { PULSE_KINDS } from '~/domain/nudges'

// A pulse notice (the round is open, a reminder) is read once its person has
// answered that round: computed here, where notices are read, so it holds
// however the answer was saved. Only the person's own notices are ever read,
// so this tells nobody else who answered.
function answered(userId: string): SQL {
  return sql`(${inArray(notifications.kind, [...PULSE_KINDS])} and exists (
    select 1 from ${participations} p where p.round_id = ${notifications.subjectId} and p.user_id = ${userId}
  ))`
}

function unread(userId: string): SQL {
  return and(isNull(notifications.readAt), sql`not ${answered(userId)}`)!
}

export async function unreadNotificationCount(workspaceId: string, userId: string) {
  const db = await getDb()
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.workspaceId, workspaceId), eq(notifications.userId, userId), unread(userId)))
  return row?.n ?? 0
}

export async function listNotifications(workspaceId: string, userId: string, { limit = 20, offset = 0 } = {}) {
  const db = await getDb()
  const where = and(eq(notifications.workspaceId, workspaceId), eq(notifications.userId, userId))
  const [{ total }] = await db.select({ total: count() }).from(notifications).where(where)
  const items = await db
    .select({
      id: notifications.id,
      message: notifications.message,
      href: notifications.href,
      kind: notifications.kind,
      createdAt: notifications.createdAt,
      unread: sql<boolean>`${unread(userId)}`.mapWith(Boolean),
    })
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt))
    .limit(limit)
    .offset(offset)
  return { total, items }
}

export async function markAllRead(workspaceId: string, userId: string) {
  const db = await getDb()
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.workspaceId, workspaceId), eq(notifications.userId, userId), isNull(notifications.readAt)))
}
