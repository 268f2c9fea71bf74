import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { outbox } from '../../db/schema'
import { loader as listLoader } from '~/routes/admin.outbox'
import { loader as mailLoader } from '~/routes/admin.outbox.$mailId'
import { loader as htmlLoader } from '~/routes/admin.outbox.$mailId[.]html'
import { queueMail } from '~/utils/mail.server'
import { createMember, createTeam, createUser, createWorkspace, request, settle } from '../factories'

const ctx = { context: {}, params: {} }

async function setup() {
  const ws = await createWorkspace({ timeZone: 'America/New_York' })
  const admin = await createUser(ws.id, { isAdmin: true })
  return { ws, admin }
}

async function addMail(workspaceId: string, values: Partial<typeof outbox.$inferInsert> = {}) {
  const db = await getDb()
  const [row] = await db
    .insert(outbox)
    .values({ workspaceId, toAddress: 'someone@example.com', subject: 'Hello', textBody: 'Plain body', status: 'stored', ...values })
    .returning()
  return row
}

const list = (user: { id: string }, path = '/admin/outbox') =>
  settle(async () => listLoader({ ...ctx, request: await request(path, { user }) }))
const mail = (user: { id: string }, mailId: string) =>
  settle(async () => mailLoader({ ...ctx, params: { mailId }, request: await request(`/admin/outbox/${mailId}`, { user }) }))
const html = (user: { id: string }, mailId: string) =>
  settle(async () => htmlLoader({ ...ctx, params: { mailId }, request: await request(`/admin/outbox/${mailId}.html`, { user }) }))

describe('admin outbox', () => {
  it('answers 403 to a non-admin on the list, a mail and its HTML part', async () => {
    const { ws } = await setup()
    const m = await addMail(ws.id, { htmlBody: '<p>Hi</p>' })
    const leader = await createMember(await createTeam(ws.id), 'leader')
    expect((await list(leader)).status).toBe(403)
    expect((await mail(leader, m.id)).status).toBe(403)
    expect((await html(leader, m.id)).status).toBe(403)
  })

  it('lists mail newest first, 20 a page, with status, and says SMTP is not configured', async () => {
    const { ws, admin } = await setup()
    const start = Date.UTC(2026, 0, 10, 15, 0)
    for (let i = 0; i < 22; i++) {
      await addMail(ws.id, { subject: `Mail ${String(i).padStart(2, '0')}`, createdAt: new Date(start + i * 60_000) })
    }
    await addMail(ws.id, {
      subject: 'Retrying',
      status: 'pending',
      attempts: 2,
      lastError: 'connect ECONNREFUSED 127.0.0.1:2525',
      createdAt: new Date(start + 3600_000),
    })
    await addMail((await createWorkspace({ name: 'Other Co' })).id, { subject: 'Not yours', createdAt: new Date(start + 7200_000) })

    const res = await list(admin)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ smtpConfigured: false, page: 1, pages: 2, total: 23, timeZone: 'America/New_York' })
    expect(body.items).toHaveLength(20)
    expect(body.items[0]).toMatchObject({
      subject: 'Retrying',
      status: 'pending',
      attempts: 2,
      lastError: 'connect ECONNREFUSED 127.0.0.1:2525',
    })
    expect(body.items[1]).toMatchObject({ subject: 'Mail 21', status: 'stored', to: 'someone@example.com', created: '10 Jan 2026, 10:21' })
    expect(body.items.map((m: { subject: string }) => m.subject)).not.toContain('Not yours')

    const second = await (await list(admin, '/admin/outbox?page=2')).json()
    expect(second.items.map((m: { subject: string }) => m.subject)).toEqual(['Mail 02', 'Mail 01', 'Mail 00'])
  })

  it('shows an empty outbox', async () => {
    const { admin } = await setup()
    const body = await (await list(admin)).json()
    expect(body).toMatchObject({ total: 0, pages: 1, items: [] })
  })

  it('shows one mail with its plain text and HTML source, and 404s for foreign, unknown and malformed ids', async () => {
    const { ws, admin } = await setup()
    await queueMail({
      workspaceId: ws.id,
      to: 'dev@example.com',
      subject: 'Join us',
      text: 'Line one\n<b>not html</b>',
      html: '<p onclick="x()">Hi <script>alert(1)</script></p>',
    })
    const [{ id }] = (await (await list(admin)).json()).items
    const res = await mail(admin, id)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.mail).toMatchObject({ to: 'dev@example.com', subject: 'Join us', status: 'stored', text: 'Line one\n<b>not html</b>' })
    expect(body.mail.html).toContain('<script>')

    const foreign = await addMail((await createWorkspace({ name: 'Other Co' })).id, { htmlBody: '<p>secret</p>' })
    expect((await mail(admin, foreign.id)).status).toBe(404)
    expect((await mail(admin, randomUUID())).status).toBe(404)
    expect((await mail(admin, 'not-a-uuid')).status).toBe(404)
    expect((await html(admin, foreign.id)).status).toBe(404)
    expect((await html(admin, 'nope')).status).toBe(404)
  })

  it('serves the HTML part only sandboxed, and 404s when there is none', async () => {
    const { ws, admin } = await setup()
    const withHtml = await addMail(ws.id, { htmlBody: '<p>Hi <script>alert(1)</script></p>' })
    const res = await html(admin, withHtml.id)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('Content-Security-Policy')).toMatch(/^sandbox;/)
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'")
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(await res.text()).toBe('<p>Hi <script>alert(1)</script></p>')

    const textOnly = await addMail(ws.id)
    expect((await html(admin, textOnly.id)).status).toBe(404)
    expect((await mail(admin, textOnly.id)).status).toBe(200)
  })
})
