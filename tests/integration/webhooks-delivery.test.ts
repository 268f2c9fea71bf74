import { createHmac } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { webhookDeliveries } from '../../db/schema'
import { MAX_ATTEMPTS } from '~/domain/webhooks'
import { deliverDueWebhooks } from '~/models/webhooks/send.server'
import { action as listAction, loader as listLoader } from '~/routes/admin.webhooks'
import { action as endpointAction, loader as endpointLoader } from '~/routes/admin.webhooks_.$endpointId'
import { createMember, createTeam, createUser, createWorkspace, request, settle } from '../factories'
import { closedPort, startReceiver, type Receiver } from '../support/webhook-receiver'

const ctx = { context: {}, params: {} }
const receivers: Receiver[] = []
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()))
})

async function receiver(port?: number) {
  const r = await startReceiver(port)
  receivers.push(r)
  return r
}

async function setup(url: string, events = ['round.closed', 'autopsy.published', 'action.status_changed']) {
  const ws = await createWorkspace({ timeZone: 'UTC' })
  const admin = await createUser(ws.id, { isAdmin: true })
  const res = await settle(async () =>
    listAction({
      ...ctx,
      request: await request('/admin/webhooks', { user: admin, form: { intent: 'create', url, events, enabled: 'on' } }),
    }),
  )
  expect(res.status).toBe(200)
  const { created } = await res.json()
  return { ws, admin, endpointId: created.id as string, secret: created.secret as string }
}

const post = (admin: { id: string }, endpointId: string, form: Record<string, string>) =>
  settle(async () =>
    endpointAction({ ...ctx, params: { endpointId }, request: await request(`/admin/webhooks/${endpointId}`, { user: admin, form }) }),
  )
const page = async (admin: { id: string }, endpointId: string) => {
  const res = await settle(async () =>
    endpointLoader({ ...ctx, params: { endpointId }, request: await request(`/admin/webhooks/${endpointId}`, { user: admin }) }),
  )
  expect(res.status).toBe(200)
  return res.json()
}
const later = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000)

describe('webhook delivery to a real receiver', () => {
  it('signs a test event so the receiver can verify it, and sends it once', async () => {
    const hook = await receiver()
    const { admin, endpointId, secret } = await setup(hook.url)
    expect(secret).toMatch(/^whsec_/)
    expect((await post(admin, endpointId, { intent: 'test' })).status).toBe(302)
    const now = new Date()
    expect(await deliverDueWebhooks(now)).toMatchObject({ delivered: 1, tried: 1 })
    expect(await deliverDueWebhooks(later(now, 86_400))).toMatchObject({ tried: 0 })

    expect(hook.received).toHaveLength(1)
    const [got] = hook.received
    expect(got.headers['content-type']).toBe('application/json')
    expect(got.headers['tandem-event']).toBe('webhook.test')
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(got.headers['tandem-signature'])) ?? []
    expect(v1).toBe(createHmac('sha256', secret).update(`${t}.${got.body}`).digest('hex'))
    expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(60)
    expect(JSON.parse(got.body)).toMatchObject({ version: 1, type: 'webhook.test' })

    const shown = await page(admin, endpointId)
    expect(shown.deliveries).toEqual([
      expect.objectContaining({ id: got.headers['tandem-delivery'], status: 'delivered', attempts: 1, httpStatus: 204 }),
    ])
    expect(shown.endpoint.lastAttempt).toMatchObject({ httpStatus: 204, status: 'delivered' })
    // The secret is shown once, in the answer that made it; the page never carries it.
    expect(JSON.stringify(shown)).not.toContain(secret)
  })

  it('retries after a 500 and delivers exactly once, with the same delivery id', async () => {
    const hook = await receiver()
    const { admin, endpointId } = await setup(hook.url)
    hook.answer({ status: 500 })
    await post(admin, endpointId, { intent: 'test' })
    const now = new Date()
    expect(await deliverDueWebhooks(now)).toMatchObject({ delivered: 0, tried: 1 })
    const waiting = (await page(admin, endpointId)).deliveries[0]
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, httpStatus: 500, lastError: 'HTTP 500' })
    // Not due again before its backoff (30 s after the first failure).
    expect(await deliverDueWebhooks(later(now, 20))).toMatchObject({ tried: 0 })
    expect(await deliverDueWebhooks(later(now, 31))).toMatchObject({ delivered: 1 })
    for (const h of [1, 5, 48]) await deliverDueWebhooks(later(now, h * 3600))
    expect(hook.received.map((r) => r.answered)).toEqual([500, 204])
    expect(new Set(hook.received.map((r) => r.headers['tandem-delivery'])).size).toBe(1)
    expect((await page(admin, endpointId)).deliveries[0]).toMatchObject({ status: 'delivered', attempts: 2, httpStatus: 204 })
  })

  it('retries after a refused connection, then delivers once the receiver is up', async () => {
    const port = await closedPort()
    const { admin, endpointId } = await setup(`http://127.0.0.1:${port}/hooks`)
    await post(admin, endpointId, { intent: 'test' })
    const now = new Date()
    await deliverDueWebhooks(now)
    const first = (await page(admin, endpointId)).deliveries[0]
    expect(first).toMatchObject({ status: 'pending', attempts: 1, httpStatus: null })
    expect(first.lastError).toMatch(/ECONNREFUSED/)
    const hook = await receiver(port)
    expect(await deliverDueWebhooks(later(now, 31))).toMatchObject({ delivered: 1 })
    await deliverDueWebhooks(later(now, 7200))
    expect(hook.received).toHaveLength(1)
  })

  it('waits as long as a 429 Retry-After asks', async () => {
    const hook = await receiver()
    const { admin, endpointId } = await setup(hook.url)
    hook.answer({ status: 429, headers: { 'Retry-After': '120' } })
    await post(admin, endpointId, { intent: 'test' })
    const now = new Date()
    await deliverDueWebhooks(now)
    expect(await deliverDueWebhooks(later(now, 60))).toMatchObject({ tried: 0 })
    expect(await deliverDueWebhooks(later(now, 119))).toMatchObject({ tried: 0 })
    expect(await deliverDueWebhooks(later(now, 121))).toMatchObject({ delivered: 1 })
    expect(hook.received.map((r) => r.answered)).toEqual([429, 204])
  })

  it('fails a 4xx for good, shows it with its error on the admin pages, and redelivers it on request', async () => {
    const hook = await receiver()
    const { admin, endpointId } = await setup(hook.url)
    hook.answer({ status: 400 })
    await post(admin, endpointId, { intent: 'test' })
    const now = new Date()
    expect(await deliverDueWebhooks(now)).toMatchObject({ failed: 1 })
    await deliverDueWebhooks(later(now, 86_400))
    expect(hook.received).toHaveLength(1)

    const shown = await page(admin, endpointId)
    expect(shown.deliveries[0]).toMatchObject({ status: 'failed', attempts: 1, httpStatus: 400 })
    expect(shown.deliveries[0].lastError).toMatch(/HTTP 400: the receiver refused the event/)
    expect(shown.endpoint).toMatchObject({ failed: 1, lastError: { error: expect.stringMatching(/HTTP 400/) } })
    const list = await (await settle(async () => listLoader({ ...ctx, request: await request('/admin/webhooks', { user: admin }) }))).json()
    expect(list.endpoints[0]).toMatchObject({ failed: 1, lastAttempt: { httpStatus: 400, status: 'failed' } })

    const deliveryId = shown.deliveries[0].id
    expect((await post(admin, endpointId, { intent: 'redeliver', deliveryId })).status).toBe(302)
    expect(await deliverDueWebhooks(new Date())).toMatchObject({ delivered: 1 })
    expect(hook.received.map((r) => r.headers['tandem-delivery'])).toEqual([deliveryId, deliveryId])
    // Delivered: a second redeliver is refused, and nothing is sent.
    const again = await post(admin, endpointId, { intent: 'redeliver', deliveryId })
    expect(again.status).toBe(409)
    expect((await again.json()).formError).toMatch(/not sent twice/)
  })

  it('stops waiting for a receiver that does not answer within 10 seconds, and tries again later', async () => {
    const hook = await receiver()
    const { admin, endpointId } = await setup(hook.url)
    hook.answer({ status: 'silent' })
    await post(admin, endpointId, { intent: 'test' })
    const now = new Date()
    expect(await deliverDueWebhooks(now)).toMatchObject({ delivered: 0, tried: 1 })
    expect((await page(admin, endpointId)).deliveries[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'No answer within 10 seconds',
    })
    expect(await deliverDueWebhooks(later(now, 31))).toMatchObject({ delivered: 1 })
    expect(hook.received.map((r) => r.answered)).toEqual([0, 204])
  })

  it('gives up after the last attempt and says so', async () => {
    const hook = await receiver()
    const { admin, endpointId } = await setup(hook.url)
    hook.answer(...Array.from({ length: MAX_ATTEMPTS }, () => ({ status: 503 })))
    await post(admin, endpointId, { intent: 'test' })
    let now = new Date()
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await deliverDueWebhooks(now)
      now = later(now, 3601)
    }
    expect(hook.received).toHaveLength(MAX_ATTEMPTS)
    expect((await page(admin, endpointId)).deliveries[0]).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      lastError: `HTTP 503; gave up after ${MAX_ATTEMPTS} attempts`,
    })
  })

  it('holds a disabled endpoint’s deliveries until it is on again', async () => {
    const hook = await receiver()
    const { admin, endpointId } = await setup(hook.url)
    await post(admin, endpointId, { intent: 'test' })
    const save = (enabled: boolean) =>
      post(admin, endpointId, { intent: 'save', url: hook.url, events: 'round.closed', ...(enabled ? { enabled: 'on' } : {}) })
    expect((await save(false)).status).toBe(302)
    expect(await deliverDueWebhooks(new Date())).toMatchObject({ tried: 0 })
    const refused = await post(admin, endpointId, { intent: 'test' })
    expect(refused.status).toBe(409)
    expect((await refused.json()).formError).toMatch(/Turn it on/)
    await save(true)
    expect(await deliverDueWebhooks(new Date())).toMatchObject({ delivered: 1 })
  })
})

describe('the webhooks pages', () => {
  it('answers 403 to a non-admin and 404 for another workspace’s endpoint', async () => {
    const hook = await receiver()
    const { endpointId } = await setup(hook.url)
    const ws = await createWorkspace()
    const otherAdmin = await createUser(ws.id, { isAdmin: true })
    const leader = await createMember(await createTeam(ws.id), 'leader')
    expect((await settle(async () => listLoader({ ...ctx, request: await request('/admin/webhooks', { user: leader }) }))).status).toBe(403)
    expect((await post(leader, endpointId, { intent: 'test' })).status).toBe(403)
    const foreign = await settle(async () =>
      endpointLoader({ ...ctx, params: { endpointId }, request: await request(`/admin/webhooks/${endpointId}`, { user: otherAdmin }) }),
    )
    expect(foreign.status).toBe(404)
    expect((await post(otherAdmin, endpointId, { intent: 'delete', confirm: 'on' })).status).toBe(404)
  })

  it('removes an endpoint only once the removal is confirmed', async () => {
    const hook = await receiver()
    const { admin, endpointId } = await setup(hook.url)
    const unconfirmed = await post(admin, endpointId, { intent: 'delete' })
    expect(unconfirmed.status).toBe(422)
    expect((await unconfirmed.json()).errors.confirm).toEqual(['Tick the box to confirm the removal'])
    expect((await page(admin, endpointId)).endpoint.id).toBe(endpointId)
    const removed = await post(admin, endpointId, { intent: 'delete', confirm: 'on' })
    expect(removed.headers.get('Location')).toBe('/admin/webhooks')
    const gone = await settle(async () =>
      endpointLoader({ ...ctx, params: { endpointId }, request: await request(`/admin/webhooks/${endpointId}`, { user: admin }) }),
    )
    expect(gone.status).toBe(404)
  })

  it('refuses a URL that is not https with a clear message and keeps what was typed', async () => {
    const ws = await createWorkspace()
    const admin = await createUser(ws.id, { isAdmin: true })
    const create = async (url: string) =>
      settle(async () =>
        listAction({
          ...ctx,
          request: await request('/admin/webhooks', {
            user: admin,
            form: { intent: 'create', url, events: ['round.closed', 'autopsy.published'] },
          }),
        }),
      )
    const ftp = await create('ftp://files.example.com/drop')
    expect(ftp.status).toBe(422)
    const body = await ftp.json()
    expect(body.errors.url).toEqual(['Webhooks are sent as HTTPS POST requests: a ftp: URL cannot receive them'])
    expect(body.values).toMatchObject({ url: 'ftp://files.example.com/drop', events: 'round.closed autopsy.published' })
    expect((await (await create('http://hooks.example.com/t')).json()).errors.url[0]).toMatch(/must use https/)
    const db = await getDb()
    expect(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, ws.id))).toEqual([])
  })

  it('rotates the secret: the new one is shown once and signs later deliveries', async () => {
    const hook = await receiver()
    const { admin, endpointId, secret } = await setup(hook.url)
    const res = await post(admin, endpointId, { intent: 'rotate' })
    expect(res.status).toBe(200)
    const fresh: string = (await res.json()).secret
    expect(fresh).not.toBe(secret)
    await post(admin, endpointId, { intent: 'test' })
    await deliverDueWebhooks(new Date())
    const [got] = hook.received
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(got.headers['tandem-signature'])) ?? []
    expect(v1).toBe(createHmac('sha256', fresh).update(`${t}.${got.body}`).digest('hex'))
  })
})
