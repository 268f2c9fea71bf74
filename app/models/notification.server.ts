import { and, count, desc, eq, isNull } from 'drizzle-orm'
import { getDb, type Database } from '../../db/client.server'
import { notifications } from '../../db/schema'

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0]

export async function notify(rows: { workspaceId: string; userId: string; message: string; href?: string }[], tx?: Tx | Database) {
  if (!rows.length) return
  const db = tx ?? (await getDb())
  await db.insert(notifications).values(rows)
}

export async function unreadNotificationCount(workspaceId: string, userId: string) {
  const db = await getDb()
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.workspaceId, workspaceId), eq(notifications.userId, userId), isNull(notifications.readAt)))
  return row?.n ?? 0
}

export async function listNotifications(workspaceId: string, userId: string, { limit = 20, offset = 0 } = {}) {
  const db = await getDb()
  const where = and(eq(notifications.workspaceId, workspaceId), eq(notifications.userId, userId))
  const [{ total }] = await db.select({ total: count() }).from(notifications).where(where)
  const items = await db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt)).limit(limit).offset(offset)
  return { total, items }
}

export async function markAllRead(workspaceId: string, userId: string) {
  const db = await getDb()
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.workspaceId, workspaceId), eq(notifications.userId, userId), isNull(notifications.readAt)))
}
