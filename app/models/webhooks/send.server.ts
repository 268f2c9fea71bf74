// Sends due webhook deliveries: a scheduler job. Rows are claimed with
// FOR UPDATE SKIP LOCKED and leased, like mail, so several instances never
// send one delivery at the same time.
import { and, eq, lte } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { webhookDeliveries, webhookEndpoints } from '../../../db/schema'
import { classifyAttempt, REQUEST_TIMEOUT_MS, type AttemptResult } from '~/domain/webhooks'
import { unseal } from '~/utils/sealed.server'
import { signWebhook } from '~/utils/webhook-signature.server'
import { LEASE_MINUTES, leaseDeadline } from '~/utils/outbox-lease.server'

type Claimed = { id: string; event: string; body: string; attempts: number; url: string; secretSealed: string }

/**
 * Delivers what is due at `now` to enabled endpoints (a disabled endpoint's
 * deliveries wait for it to be turned on). `now` decides what is due and
 * when a retry is; the signature carries the real time of sending.
 */
export async function deliverDueWebhooks(now = new Date(), limit = 20) {
  const db = await getDb()
  const claimed: Claimed[] = await db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: webhookDeliveries.id,
        event: webhookDeliveries.event,
        body: webhookDeliveries.body,
        attempts: webhookDeliveries.attempts,
        url: webhookEndpoints.url,
        secretSealed: webhookEndpoints.secretSealed,
      })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now), eq(webhookEndpoints.enabled, true)))
      .orderBy(webhookDeliveries.nextAttemptAt)
      .limit(limit)
      .for('update', { of: webhookDeliveries, skipLocked: true })
    for (const row of due) {
      await tx
        .update(webhookDeliveries)
        .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MINUTES * 60_000) })
        .where(eq(webhookDeliveries.id, row.id))
    }
    return due
  })
  let delivered = 0
  let failed = 0
  // Past the lease another instance may claim the rest: leave it to them rather than send twice.
  const leaseEnds = leaseDeadline()
  for (const row of claimed) {
    if (Date.now() > leaseEnds) break
    const attempts = row.attempts + 1
    const secret = unseal(row.secretSealed)
    const result = secret ? await post(row, secret) : null
    const verdict = result
      ? classifyAttempt(result, attempts, now)
      : { outcome: 'failed' as const, error: 'The signing secret can no longer be read (SECRETS_KEY changed): rotate it, then redeliver' }
    const attempt = { attempts, lastAttemptAt: new Date(), lastHttpStatus: result && 'status' in result ? result.status : null }
    const where = and(eq(webhookDeliveries.id, row.id), eq(webhookDeliveries.status, 'pending'))
    if (verdict.outcome === 'delivered') {
      await db
        .update(webhookDeliveries)
        .set({ ...attempt, status: 'delivered', deliveredAt: attempt.lastAttemptAt, lastError: null })
        .where(where)
      delivered++
    } else if (verdict.outcome === 'retry') {
      await db
        .update(webhookDeliveries)
        .set({ ...attempt, lastError: verdict.error, nextAttemptAt: new Date(now.getTime() + verdict.afterSeconds * 1000) })
        .where(where)
    } else {
      await db
        .update(webhookDeliveries)
        .set({ ...attempt, status: 'failed', lastError: verdict.error })
        .where(where)
      failed++
    }
  }
  return { delivered, failed, tried: claimed.length }
}

async function post(row: Claimed, secret: string): Promise<AttemptResult> {
  try {
    const res = await fetch(row.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Tandem-Webhooks/1',
        'Tandem-Event': row.event,
        'Tandem-Delivery': row.id,
        'Tandem-Signature': signWebhook(secret, row.body, new Date()),
      },
      body: row.body,
    })
    // The answer's body is not read: only the status counts. Dropping it frees the connection.
    await res.body?.cancel().catch(() => {})
    return { status: res.status, retryAfter: res.headers.get('Retry-After') }
  } catch (error) {
    return { error: describeNetworkError(error) }
  }
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `No answer within ${REQUEST_TIMEOUT_MS / 1000} seconds`
  }
  const cause = error instanceof Error ? error.cause : undefined
  const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error)
  return message.slice(0, 300)
}
