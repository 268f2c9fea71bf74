// Sending the weekly digest. "Never twice" is the unique (user_id, week_key)
// row in digest_sends; "never lost" is that row and its outbox mail being
// written in one transaction, and mail delivery retrying until it succeeds.
import { and, asc, eq, exists, gt, gte, inArray, notExists, sql } from 'drizzle-orm'
import { getDb, type Database } from '../../db/client.server'
import { digestSends, memberships, teams, users, workspaces } from '../../db/schema'
import { digestDue, isoWeekKey } from '~/domain/digest'
import { logger } from '~/utils/logger.server'
import { queueMail } from '~/utils/mail.server'
import { composeForLeader, workspaceColumns, type Leader } from './digest.server'

export const DIGEST_BATCH_SIZE = 50

export function digestDedupeKey(weekKey: string, userId: string) {
  return `digest:${weekKey}:${userId}`
}

/**
 * Queues this week's digest for every leader whose workspace's send time has
 * passed and who has not had it. Safe to run on several instances at once:
 * the digest_sends insert is the claim, and whoever does not get it skips.
 * Leaders are read in batches of `batchSize`, in id order.
 */
export async function sendDueDigests(
  now = new Date(),
  conn?: Database,
  { batchSize = DIGEST_BATCH_SIZE }: { batchSize?: number } = {},
): Promise<{ queued: number; skipped: number; failed: number }> {
  const db = conn ?? (await getDb())
  const result = { queued: 0, skipped: 0, failed: 0 }
  const all = await db.select(workspaceColumns).from(workspaces)
  for (const workspace of all) {
    if (!digestDue(now, null, workspace.digestWeekday, workspace.digestHour, workspace.timeZone)) continue
    const weekKey = isoWeekKey(now, workspace.timeZone)
    let cursor: string | null = null
    for (;;) {
      const batch: Leader[] = await db
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(
          and(
            eq(users.workspaceId, workspace.id),
            eq(users.digestOptOut, false),
            cursor === null ? undefined : gt(users.id, cursor),
            exists(
              db
                .select({ one: sql`1` })
                .from(memberships)
                .where(and(eq(memberships.userId, users.id), eq(memberships.workspaceId, workspace.id), eq(memberships.role, 'leader'))),
            ),
            // A later week counts as sent too (digestDue's rule), e.g. after a move to a zone that is behind.
            notExists(
              db
                .select({ one: sql`1` })
                .from(digestSends)
                .where(and(eq(digestSends.userId, users.id), gte(digestSends.weekKey, weekKey))),
            ),
          ),
        )
        .orderBy(asc(users.id))
        .limit(batchSize)
      if (batch.length === 0) break
      cursor = batch[batch.length - 1].id
      const ledRows = await db
        .select({ userId: memberships.userId, id: teams.id, name: teams.name })
        .from(memberships)
        .innerJoin(teams, eq(teams.id, memberships.teamId))
        .where(
          and(
            eq(memberships.workspaceId, workspace.id),
            eq(memberships.role, 'leader'),
            inArray(
              memberships.userId,
              batch.map((l) => l.id),
            ),
          ),
        )
        .orderBy(asc(teams.name))
      for (const leader of batch) {
        const led = ledRows.filter((r) => r.userId === leader.id).map(({ id, name }) => ({ id, name }))
        if (led.length === 0) continue
        try {
          // Composed outside the transaction: it only reads, and it must not hold
          // a write transaction open (on PGlite that would block its own reads).
          const digest = await composeForLeader(db, workspace, leader, led, now, weekKey)
          const claimed = await db.transaction(async (tx) => {
            const inserted = await tx
              .insert(digestSends)
              .values({
                workspaceId: workspace.id,
                userId: leader.id,
                weekKey,
                respectIndex: digest.inputs.respectIndex,
                engineeringBeforeSpec: digest.inputs.engineeringBeforeSpec,
                differentWithoutUpset: digest.inputs.differentWithoutUpset,
                deficitTeamIds: digest.deficitTeamIds,
              })
              .onConflictDoNothing()
              .returning({ id: digestSends.id })
            if (inserted.length === 0) return false
            await queueMail(
              {
                workspaceId: workspace.id,
                to: leader.email,
                subject: digest.rendered.subject,
                text: digest.rendered.text,
                html: digest.rendered.html,
                dedupeKey: digestDedupeKey(weekKey, leader.id),
              },
              tx,
            )
            return true
          })
          if (claimed) result.queued++
          else result.skipped++
        } catch (error) {
          // One leader's failure must not hold up the others; the row was not
          // written, so the next tick tries again.
          result.failed++
          logger.error({ err: error, weekKey, userId: leader.id }, 'digest failed for one leader')
        }
      }
      if (batch.length < batchSize) break
    }
  }
  return result
}
