// An admin's webhook endpoints. Every query carries the workspace in its
// `where`, so another workspace's endpoint reads as missing. The signing
// secret is returned only by the two calls that make one (create, rotate),
// for the page to show once; afterwards only its sealed form exists.
import { and, count, desc, eq, sql } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { webhookDeliveries, webhookEndpoints } from '../../../db/schema'
import { refuse } from '~/domain/refusal'
import { MAX_ENDPOINTS, type WebhookEvent } from '~/domain/webhooks'
import { seal, unseal } from '~/utils/sealed.server'
import { newWebhookSecret } from '~/utils/webhook-signature.server'

export const ENDPOINT_NOT_FOUND = 'No such webhook endpoint in this workspace.'

export type EndpointInput = { url: string; events: WebhookEvent[]; enabled: boolean }

const scoped = (workspaceId: string, endpointId: string) =>
  and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, endpointId))

/** The workspace's endpoints, oldest first, each with its last attempt and how many deliveries wait or failed. */
export async function listEndpoints(workspaceId: string) {
  const db = await getDb()
  const [endpoints, counts] = await Promise.all([
    db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.workspaceId, workspaceId))
      .orderBy(webhookEndpoints.createdAt, webhookEndpoints.id),
    db
      .select({ endpointId: webhookDeliveries.endpointId, ...stateCounts })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.workspaceId, workspaceId))
      .groupBy(webhookDeliveries.endpointId),
  ])
  const last = await Promise.all(endpoints.map((e) => lastAttempt(e.id)))
  return endpoints.map(({ secretSealed, ...e }, i) => {
    const c = counts.find((row) => row.endpointId === e.id)
    return { ...e, pending: c?.pending ?? 0, failed: c?.failed ?? 0, secretReadable: unseal(secretSealed) !== null, last: last[i] }
  })
}

const stateCounts = {
  pending: sql<number>`count(*) filter (where ${webhookDeliveries.status} = 'pending')::int`.mapWith(Number),
  failed: sql<number>`count(*) filter (where ${webhookDeliveries.status} = 'failed')::int`.mapWith(Number),
}

/** The delivery most recently tried, and the last error any delivery of the endpoint got. */
async function lastAttempt(endpointId: string) {
  const db = await getDb()
  const [[tried], [errored]] = await Promise.all([
    db
      .select({
        at: webhookDeliveries.lastAttemptAt,
        httpStatus: webhookDeliveries.lastHttpStatus,
        status: webhookDeliveries.status,
        event: webhookDeliveries.event,
      })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.endpointId, endpointId), sql`${webhookDeliveries.lastAttemptAt} is not null`))
      .orderBy(desc(webhookDeliveries.lastAttemptAt))
      .limit(1),
    db
      .select({ at: webhookDeliveries.lastAttemptAt, error: webhookDeliveries.lastError })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.endpointId, endpointId), sql`${webhookDeliveries.lastError} is not null`))
      .orderBy(desc(webhookDeliveries.lastAttemptAt))
      .limit(1),
  ])
  return { attempt: tried ?? null, error: errored ?? null }
}

export async function getEndpoint(workspaceId: string, endpointId: string) {
  const db = await getDb()
  const [row] = await db.select().from(webhookEndpoints).where(scoped(workspaceId, endpointId))
  if (!row) return null
  const { secretSealed, ...endpoint } = row
  const [[counts], last] = await Promise.all([
    db.select(stateCounts).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, row.id)),
    lastAttempt(row.id),
  ])
  return { ...endpoint, ...counts, secretReadable: unseal(secretSealed) !== null, last }
}

/** A new endpoint and its signing secret, in the clear this once. */
export async function createEndpoint(workspaceId: string, actorId: string, input: EndpointInput) {
  const db = await getDb()
  const secret = newWebhookSecret()
  const row = await db.transaction(async (tx) => {
    // Serialises creations in one workspace, so the limit holds under concurrent submits.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'webhook-endpoints:' + workspaceId}))`)
    const [{ n }] = await tx.select({ n: count() }).from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, workspaceId))
    if (n >= MAX_ENDPOINTS) refuse(409, `A workspace can have at most ${MAX_ENDPOINTS} webhook endpoints. Remove one first.`)
    const [created] = await tx
      .insert(webhookEndpoints)
      .values({ workspaceId, createdBy: actorId, ...input, secretSealed: seal(secret) })
      .returning({ id: webhookEndpoints.id })
    return created
  })
  return { id: row.id, secret }
}

export async function updateEndpoint(workspaceId: string, endpointId: string, input: EndpointInput) {
  const db = await getDb()
  const rows = await db
    .update(webhookEndpoints)
    .set({ ...input, updatedAt: new Date() })
    .where(scoped(workspaceId, endpointId))
    .returning({ id: webhookEndpoints.id })
  if (!rows.length) refuse(404, ENDPOINT_NOT_FOUND)
}

/** A new secret replaces the old one at once: deliveries still waiting are signed with the new one. */
export async function rotateSecret(workspaceId: string, endpointId: string) {
  const db = await getDb()
  const secret = newWebhookSecret()
  const rows = await db
    .update(webhookEndpoints)
    .set({ secretSealed: seal(secret), secretRotatedAt: new Date(), updatedAt: new Date() })
    .where(scoped(workspaceId, endpointId))
    .returning({ id: webhookEndpoints.id })
  if (!rows.length) refuse(404, ENDPOINT_NOT_FOUND)
  return secret
}

/** Removes the endpoint and its delivery history (the foreign key cascades). */
export async function deleteEndpoint(workspaceId: string, endpointId: string) {
  const db = await getDb()
  const rows = await db.delete(webhookEndpoints).where(scoped(workspaceId, endpointId)).returning({ id: webhookEndpoints.id })
  if (!rows.length) refuse(404, ENDPOINT_NOT_FOUND)
}
