import { and, count, desc, eq, sql } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { outbox } from '../../db/schema'

type Status = 'pending' | 'sent' | 'failed' | 'stored'
type Channel = (typeof outbox.$inferSelect)['channel']

export type OutboxEntry = {
  /** a mail's id; for a batch, the id of one of its mails, which opens the batch */
  id: string
  subject: string
  /** mail, or a Slack or Microsoft Teams message */
  channel: Channel
  createdAt: Date
  /** null for a batch: a batch's recipients are never listed */
  toAddress: string | null
  recipients: number
  /** a single mail's state; for a batch, the state most in need of attention */
  status: Status
  byStatus: Record<Status, number>
  attempts: number
  lastError: string | null
  nextAttemptAt: Date
  sentAt: Date | null
}

// One line per mail, except mail sent to a group (a batch), which is one line
// with a count: a reminder's recipients are exactly the people who had not
// answered, and no page may list them.
const groupKey = sql`coalesce(${outbox.batchKey}, ${outbox.id}::text)`

/** The workspace's mail, newest first, for the admin's Outbox page. Bodies are left out. */
export async function listOutbox(workspaceId: string, { limit = 20, offset = 0 } = {}) {
  const db = await getDb()
  const where = eq(outbox.workspaceId, workspaceId)
  const [[{ total }], rows] = await Promise.all([
    db
      .select({ total: sql<number>`count(distinct ${groupKey})::int`.mapWith(Number) })
      .from(outbox)
      .where(where),
    db
      .select({
        id: sql<string>`min(${outbox.id}::text)`,
        batched: sql<boolean>`bool_or(${outbox.batchKey} is not null)`,
        subject: sql<string>`min(${outbox.subject})`,
        // A batch is one channel: Slack batch keys carry their own prefix.
        channel: sql<Channel>`min(${outbox.channel})`,
        toAddress: sql<string>`min(${outbox.toAddress})`,
        recipients: count(),
        pending: sql<number>`count(*) filter (where ${outbox.status} = 'pending')::int`.mapWith(Number),
        sent: sql<number>`count(*) filter (where ${outbox.status} = 'sent')::int`.mapWith(Number),
        failed: sql<number>`count(*) filter (where ${outbox.status} = 'failed')::int`.mapWith(Number),
        stored: sql<number>`count(*) filter (where ${outbox.status} = 'stored')::int`.mapWith(Number),
        attempts: sql<number>`max(${outbox.attempts})::int`.mapWith(Number),
        lastError: sql<string | null>`max(${outbox.lastError})`,
        nextAttemptAt: sql<Date>`min(${outbox.nextAttemptAt})`.mapWith((v: string | Date) => new Date(v)),
        sentAt: sql<Date | null>`max(${outbox.sentAt})`.mapWith((v: string | Date | null) => (v === null ? null : new Date(v))),
        createdAt: sql<Date>`min(${outbox.createdAt})`.mapWith((v: string | Date) => new Date(v)),
      })
      .from(outbox)
      .where(where)
      .groupBy(groupKey)
      .orderBy(desc(sql`min(${outbox.createdAt})`), desc(sql`min(${outbox.id}::text)`))
      .limit(limit)
      .offset(offset),
  ])
  const items = rows.map((r): OutboxEntry => {
    const byStatus = { pending: r.pending, sent: r.sent, failed: r.failed, stored: r.stored }
    const status: Status = r.failed ? 'failed' : r.pending ? 'pending' : r.stored ? 'stored' : 'sent'
    // A delivery error quotes the address it failed for: never returned for a batch.
    return { ...r, toAddress: r.batched ? null : r.toAddress, lastError: r.batched ? null : r.lastError, byStatus, status }
  })
  return { total, items }
}

/**
 * One mail, only within the workspace: another workspace's id reads as
 * missing. A mail of a batch comes with the batch's size and states and
 * without its address.
 */
export async function getOutboxMail(workspaceId: string, mailId: string) {
  const db = await getDb()
  const [row] = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.id, mailId)))
  if (!row) return null
  if (!row.batchKey) return { ...row, batch: null }
  const states = await db
    .select({ status: outbox.status, n: count() })
    .from(outbox)
    .where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.batchKey, row.batchKey)))
    .groupBy(outbox.status)
  const byStatus: Record<Status, number> = { pending: 0, sent: 0, failed: 0, stored: 0 }
  for (const s of states) byStatus[s.status] = s.n
  // A batch's mail keeps neither its address nor its delivery error, which quotes the address.
  return { ...row, toAddress: '', lastError: null, batch: { recipients: states.reduce((sum, s) => sum + s.n, 0), byStatus } }
}

/** Messages waiting for delivery (mail, Slack, Teams), across workspaces: the queue depth for /metrics (served by outbox_due_idx). */
export async function countPendingMail() {
  const db = await getDb()
  const [{ pending }] = await db.select({ pending: count() }).from(outbox).where(eq(outbox.status, 'pending'))
  return pending
}
