import { and, count, desc, eq } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { outbox } from '../../db/schema'

/** The workspace's mail, newest first, for the admin's Outbox page. Bodies are left out. */
export async function listOutbox(workspaceId: string, { limit = 20, offset = 0 } = {}) {
  const db = await getDb()
  const where = eq(outbox.workspaceId, workspaceId)
  const [{ total }] = await db.select({ total: count() }).from(outbox).where(where)
  const items = await db
    .select({
      id: outbox.id,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      nextAttemptAt: outbox.nextAttemptAt,
      sentAt: outbox.sentAt,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(where)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit)
    .offset(offset)
  return { total, items }
}

/** One mail, only within the workspace: another workspace's id reads as missing. */
export async function getOutboxMail(workspaceId: string, mailId: string) {
  const db = await getDb()
  const [row] = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.id, mailId)))
  return row ?? null
}

/** Mail waiting for delivery, across workspaces: the queue depth for /metrics (served by outbox_due_idx). */
export async function countPendingMail() {
  const db = await getDb()
  const [{ pending }] = await db.select({ pending: count() }).from(outbox).where(eq(outbox.status, 'pending'))
  return pending
}
