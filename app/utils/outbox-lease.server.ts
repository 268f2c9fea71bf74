import { and, eq, inArray, lte } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { outbox } from '../../db/schema'

export type OutboxChannel = (typeof outbox.$inferSelect)['channel']

export const LEASE_MINUTES = 5

/**
 * Claims due rows of some channels: FOR UPDATE SKIP LOCKED, then leased by
 * moving their next attempt past the lease, so two app instances never send
 * the same row at once. Each channel's sender (mail, Slack, Teams) claims only
 * its own rows.
 */
export async function claimDue(channels: readonly OutboxChannel[], limit: number, now: Date) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), inArray(outbox.channel, [...channels]), lte(outbox.nextAttemptAt, now)))
      .orderBy(outbox.nextAttemptAt)
      .limit(limit)
      .for('update', { skipLocked: true })
    if (due.length) {
      await tx
        .update(outbox)
        .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MINUTES * 60_000) })
        .where(
          inArray(
            outbox.id,
            due.map((r) => r.id),
          ),
        )
    }
    return due
  })
}

/** Once the lease is nearly up another instance may claim the rows: the rest is left to it rather than sent twice. */
export function leaseDeadline() {
  return Date.now() + (LEASE_MINUTES - 1) * 60_000
}
