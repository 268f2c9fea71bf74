import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { outbox, passwordResets, sessions, users } from '../../db/schema'
import { loader as accountLoader } from '~/routes/account'
import { loader as mailLoader } from '~/routes/admin.outbox.$mailId'
import { action as forgotAction, loader as forgotLoader } from '~/routes/forgot-password'
import { action as loginAction } from '~/routes/login'
import { action as resetAction, loader as resetLoader } from '~/routes/reset-password.$token'
import { cookieFrom, createUser, createWorkspace, PASSWORD, query, request, settle, signIn } from '../factories'

const ctx = { context: {}, params: {} }
const NEW_PASSWORD = 'my new password 2026'

async function setup() {
  const ws = await createWorkspace()
  const admin = await createUser(ws.id, { isAdmin: true, email: `admin-${Math.random().toString(36).slice(2, 8)}@example.com` })
  const user = await createUser(ws.id, { email: `pat-${Math.random().toString(36).slice(2, 8)}@example.com`, name: 'Pat' })
  return { ws, admin, user }
}

function forgot(email: string, clientAddress = '198.51.100.1') {
  return settle(async () =>
    forgotAction({ ...ctx, context: { clientAddress }, request: await request('/forgot-password', { form: { email } }) }),
  )
}

function openReset(token: string) {
  return settle(async () => resetLoader({ ...ctx, params: { token }, request: await request(`/reset-password/${token}`) }))
}

function submitReset(token: string, password = NEW_PASSWORD, passwordAgain = password, cookie?: string) {
  return settle(async () =>
    resetAction({
      ...ctx,
      params: { token },
      request: await request(`/reset-password/${token}`, { cookie, form: { password, passwordAgain } }),
    }),
  )
}

async function resetMail(workspaceId: string, to: string) {
  const db = await getDb()
  const [mail] = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.toAddress, to)))
  return mail
}

/** The link as the admin sees it when opening the mail in the outbox. */
async function linkFromOutbox(admin: { id: string }, mailId: string) {
  const res = await settle(async () =>
    mailLoader({ ...ctx, params: { mailId }, request: await request(`/admin/outbox/${mailId}`, { user: admin }) }),
  )
  const { mail } = await res.json()
  const match = /http:\/\/localhost\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail.text)
  expect(match, mail.text).not.toBeNull()
  return { link: match![0], token: match![1] }
}

describe('password reset', () => {
  it('answers the same whether or not the account exists, and mails only a real one', async () => {
    const { ws, user } = await setup()
    const known = await forgot(user.email)
    const unknown = await forgot('nobody-here@example.com')
    expect(known.status).toBe(200)
    expect(unknown.status).toBe(200)
    const a = await known.json()
    const b = await unknown.json()
    expect(Object.keys(a)).toEqual(Object.keys(b))
    expect(a).toEqual({ ok: true, email: user.email })
    expect(b).toEqual({ ok: true, email: 'nobody-here@example.com' })
    const mail = await resetMail(ws.id, user.email)
    expect(mail).toMatchObject({ subject: 'Reset your Tandem password', status: 'stored' })
    // Stored with a placeholder: the database never holds the link.
    expect(mail.textBody).toContain('Choose a new password: {{link}}')
    expect(mail.linkRef).toMatch(/^password-reset:/)
    const all = await query<{ to_address: string }>(sql`select to_address from outbox`)
    expect(all.map((m) => m.to_address)).not.toContain('nobody-here@example.com')
  })

  it('validates the email and shows the form to signed-out visitors only', async () => {
    const bad = await forgot('not an email')
    expect(bad.status).toBe(422)
    expect((await bad.json()).errors.email[0]).toBe('Enter a valid email address')
    const page = await settle(async () => forgotLoader({ ...ctx, request: await request('/forgot-password') }))
    expect(page.status).toBe(200)
    const { user } = await setup()
    const signedIn = await settle(async () => forgotLoader({ ...ctx, request: await request('/forgot-password', { user }) }))
    expect(signedIn.headers.get('Location')).toBe('/account')
  })

  it('sets a new password from the outbox link once, signs out every old session and signs in afresh', async () => {
    const { ws, admin, user } = await setup()
    const laptop = await signIn(user.id)
    const phone = await signIn(user.id)
    await forgot(user.email)
    const mail = await resetMail(ws.id, user.email)
    const { token } = await linkFromOutbox(admin, mail.id)

    // Only a hash is stored.
    const [row] = await (await getDb()).select().from(passwordResets).where(eq(passwordResets.userId, user.id))
    expect(row.tokenHash).not.toContain(token)
    expect(JSON.stringify(await query(sql`select * from password_resets`))).not.toContain(token)
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60_000)
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000)

    const page = await openReset(token)
    expect(page.status).toBe(200)
    expect(await page.json()).toEqual({ state: 'valid', email: user.email })

    const mismatch = await submitReset(token, NEW_PASSWORD, 'not the same password')
    expect(mismatch.status).toBe(422)
    expect((await mismatch.json()).errors.passwordAgain[0]).toMatch(/do not match/)

    const done = await submitReset(token)
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe('/')
    const fresh = cookieFrom(done)
    const account = await settle(async () =>
      accountLoader({ ...ctx, request: new Request('http://localhost/account', { headers: { Cookie: fresh } }) }),
    )
    expect(account.status).toBe(200)
    for (const old of [laptop, phone]) {
      const res = await settle(async () =>
        accountLoader({ ...ctx, request: new Request('http://localhost/account', { headers: { Cookie: old.cookie } }) }),
      )
      expect(res.status).toBe(302)
    }
    expect(await (await getDb()).select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(1)

    const login = (password: string) =>
      settle(async () => loginAction({ ...ctx, request: await request('/login', { form: { email: user.email, password } }) }))
    expect((await login(PASSWORD)).status).toBe(401)
    expect((await login(NEW_PASSWORD)).status).toBe(302)

    // Single use.
    const again = await openReset(token)
    expect(again.status).toBe(410)
    expect((await again.json()).message).toMatch(/already been used/)
    const reuse = await submitReset(token, 'yet another password')
    expect(reuse.status).toBe(409)
  })

  it('closes every other open link once one is used, and refuses expired and unknown links', async () => {
    const { ws, admin, user } = await setup()
    await forgot(user.email)
    await forgot(user.email)
    const db = await getDb()
    const mails = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.workspaceId, ws.id), eq(outbox.toAddress, user.email)))
    expect(mails).toHaveLength(2)
    const first = await linkFromOutbox(admin, mails[0].id)
    const second = await linkFromOutbox(admin, mails[1].id)
    expect(first.token).not.toBe(second.token)
    expect((await submitReset(first.token)).status).toBe(302)
    expect((await openReset(second.token)).status).toBe(410)

    await forgot(user.email)
    const [latest] = (
      await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.workspaceId, ws.id), eq(outbox.toAddress, user.email)))
    ).filter((m) => !mails.some((o) => o.id === m.id))
    const third = await linkFromOutbox(admin, latest.id)
    await db
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(and(eq(passwordResets.userId, user.id), sql`used_at is null`))
    const expired = await openReset(third.token)
    expect(expired.status).toBe(410)
    expect((await expired.json()).message).toMatch(/expired/)
    expect((await submitReset(third.token)).status).toBe(409)

    const unknown = await openReset('x'.repeat(43))
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).message).toMatch(/not valid/)
  })

  it('does nothing for a deactivated account, and a link sent before deactivation stops working', async () => {
    const { ws, admin, user } = await setup()
    await forgot(user.email)
    const mail = await resetMail(ws.id, user.email)
    const { token } = await linkFromOutbox(admin, mail.id)
    const db = await getDb()
    await db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, user.id))

    const page = await openReset(token)
    expect(page.status).toBe(403)
    expect((await page.json()).message).toBe('This account has been deactivated. Ask a workspace admin.')
    const submit = await submitReset(token)
    expect(submit.status).toBe(409)
    expect((await submit.json()).formError).toBe('This account has been deactivated. Ask a workspace admin.')

    const res = await forgot(user.email)
    expect(await res.json()).toEqual({ ok: true, email: user.email })
    expect(
      await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.workspaceId, ws.id), eq(outbox.toAddress, user.email))),
    ).toHaveLength(1)
  })

  it('limits requests per email and per client address with a growing wait', async () => {
    const { user } = await setup()
    const statuses: number[] = []
    let retryAfter = 0
    // Each from a different address: the per-email limit alone.
    for (let i = 0; i < 6; i++) {
      const res = await forgot(user.email, `192.0.2.${i + 1}`)
      statuses.push(res.status)
      if (res.status === 429) {
        retryAfter = Number(res.headers.get('Retry-After'))
        expect((await res.json()).formError).toMatch(
          /Too many reset requests\. If we already sent you a link, it still works\. Try again in (\d+ seconds?|1 minute)\./,
        )
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429])
    expect(retryAfter).toBeGreaterThan(50)
    expect(retryAfter).toBeLessThanOrEqual(60)

    // One address asking for many different emails.
    const fromOne: number[] = []
    for (let i = 0; i < 12; i++) fromOne.push((await forgot(`someone-${i}@example.com`, '192.0.2.200')).status)
    expect(fromOne.slice(0, 11)).toEqual(Array(11).fill(200))
    expect(fromOne[11]).toBe(429)
  })
})
