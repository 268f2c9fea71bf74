// Webhook deliveries: queued in the transaction of the change they announce,
// listed for the admin, and queued again on request. Sending is
// ./send.server.ts.
import { randomUUID } from 'node:crypto'
import { and, arrayContains, count, desc, eq } from 'drizzle-orm'
import { getDb, type Tx } from '../../../db/client.server'
import { teams, webhookDeliveries, webhookEndpoints } from '../../../db/schema'
import { refuse } from '~/domain/refusal'
import { TEST_EVENT, webhookBody, type WebhookEvent } from '~/domain/webhooks'
import { ENDPOINT_NOT_FOUND } from './endpoints.server'

/**
 * Queues one event for every enabled endpoint of the workspace that asked for
 * it, inside `tx`: a change that rolls back queues nothing, and a change that
 * commits cannot lose its event.
 */
export async function enqueueWebhookEvent(
  tx: Tx,
  event: { workspaceId: string; teamId: string; type: WebhookEvent; occurredAt: Date; data: Record<string, unknown> },
) {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.workspaceId, event.workspaceId),
        eq(webhookEndpoints.enabled, true),
        arrayContains(webhookEndpoints.events, [event.type]),
      ),
    )
  if (!endpoints.length) return 0
  const [team] = await tx.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, event.teamId))
  const eventId = randomUUID()
  const body = webhookBody({ eventId, type: event.type, occurredAt: event.occurredAt, team: team ?? null, data: event.data })
  await tx
    .insert(webhookDeliveries)
    .values(endpoints.map((e) => ({ workspaceId: event.workspaceId, endpointId: e.id, eventId, event: event.type, body })))
  return endpoints.length
}

/** An endpoint's deliveries, newest first, without their bodies. */
export async function listDeliveries(workspaceId: string, endpointId: string, { limit = 20, offset = 0 } = {}) {
  const db = await getDb()
  const where = and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.endpointId, endpointId))
  const [[{ total }], items] = await Promise.all([
    db.select({ total: count() }).from(webhookDeliveries).where(where),
    db
      .select({
        id: webhookDeliveries.id,
        event: webhookDeliveries.event,
        status: webhookDeliveries.status,
        attempts: webhookDeliveries.attempts,
        nextAttemptAt: webhookDeliveries.nextAttemptAt,
        lastAttemptAt: webhookDeliveries.lastAttemptAt,
        lastHttpStatus: webhookDeliveries.lastHttpStatus,
        lastError: webhookDeliveries.lastError,
        deliveredAt: webhookDeliveries.deliveredAt,
        createdAt: webhookDeliveries.createdAt,
      })
      .from(webhookDeliveries)
      .where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(limit)
      .offset(offset),
  ])
  return { total, items }
}

/** A webhook.test event for one enabled endpoint, sent at the scheduler's next tick. */
export async function queueTestEvent(workspaceId: string, endpointId: string, now = new Date()) {
  const db = await getDb()
  const [endpoint] = await db
    .select({ id: webhookEndpoints.id, enabled: webhookEndpoints.enabled })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, endpointId)))
  if (!endpoint) refuse(404, ENDPOINT_NOT_FOUND)
  if (!endpoint.enabled) refuse(409, 'This endpoint is off. Turn it on to send a test event.')
  const eventId = randomUUID()
  const body = webhookBody({
    eventId,
    type: TEST_EVENT,
    occurredAt: now,
    team: null,
    data: { message: 'A test event sent from the webhooks page. Reply with any 2xx status.' },
  })
  const [row] = await db
    .insert(webhookDeliveries)
    .values({ workspaceId, endpointId, eventId, event: TEST_EVENT, body, nextAttemptAt: now })
    .returning({ id: webhookDeliveries.id })
  return row.id
}

/**
 * Sends a failed delivery again, with the same body and Tandem-Delivery id and
 * a fresh set of attempts. A delivered one is never sent again: the receiver
 * has it.
 */
export async function redeliver(workspaceId: string, endpointId: string, deliveryId: string, now = new Date()) {
  const db = await getDb()
  const [row] = await db
    .select({ status: webhookDeliveries.status })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.workspaceId, workspaceId),
        eq(webhookDeliveries.endpointId, endpointId),
        eq(webhookDeliveries.id, deliveryId),
      ),
    )
  if (!row) refuse(404, 'No such delivery for this endpoint.')
  if (row.status !== 'failed') {
    refuse(
      409,
      row.status === 'delivered'
        ? 'This delivery already reached the receiver; it is not sent twice.'
        : 'This delivery is still being tried.',
    )
  }
  await db
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'failed')))
}
