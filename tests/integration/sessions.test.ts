import { createHash } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { sessions, users } from '../../db/schema'
import { action as accountAction, loader as accountLoader } from '~/routes/account'
import { action as loginAction } from '~/routes/login'
import { action as logoutAction } from '~/routes/logout'
import { loader as rootLoader } from '~/root'
import { verifyPassword } from '~/utils/password.server'
import { sessionStorage } from '~/utils/session.server'
import { cookieFrom, createUser, createWorkspace, PASSWORD, query, request, settle, signIn } from '../factories'

const ctx = { context: {}, params: {} }
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'

async function person(overrides: Partial<typeof users.$inferInsert> = {}) {
  const ws = await createWorkspace()
  return createUser(ws.id, { email: `p-${Math.random().toString(36).slice(2, 8)}@example.com`, ...overrides })
}

async function login(email: string, password = PASSWORD, headers: Record<string, string> = {}) {
  const req = await request('/login', { form: { email, password } })
  for (const [k, v] of Object.entries(headers)) req.headers.set(k, v)
  return settle(async () => loginAction({ ...ctx, request: req }))
}

function get(path: string, cookie: string) {
  return new Request(`http://localhost${path}`, { headers: { Cookie: cookie } })
}

/** Whether a cookie signs its holder in: the account page answers 200, or sends them to sign in. */
async function signedIn(cookie: string) {
  const res = await settle(async () => accountLoader({ ...ctx, request: get('/account', cookie) }))
  if (res.status === 200) return true
  expect(res.status).toBe(302)
  expect(res.headers.get('Location')).toBe('/login?redirectTo=%2Faccount')
  return false
}

function post(cookie: string, form: Record<string, string>) {
  return settle(async () => accountAction({ ...ctx, request: await request('/account', { cookie, form }) }))
}

async function tokenIn(cookie: string) {
  return (await sessionStorage().getSession(cookie)).get('token') ?? ''
}

async function sessionRows(userId: string) {
  const db = await getDb()
  return db.select().from(sessions).where(eq(sessions.userId, userId))
}

describe('sessions', () => {
  it('signing out deletes the session, so a copied cookie stops working', async () => {
    const user = await person()
    const res = await login(user.email)
    expect(res.status).toBe(302)
    const cookie = cookieFrom(res)
    const stolen = cookie
    expect(await signedIn(cookie)).toBe(true)

    const out = await settle(async () => logoutAction({ ...ctx, request: await request('/logout', { cookie, form: {} }) }))
    expect(out.status).toBe(302)
    expect(out.headers.get('Location')).toBe('/login')
    expect(out.headers.get('Set-Cookie')).toMatch(/__tandem=;.*Expires=Thu, 01 Jan 1970/)
    expect(await signedIn(stolen)).toBe(false)
    expect(await sessionRows(user.id)).toEqual([])
  })

  it('a revoked cookie is cleared on the way to sign-in, and the header shows the visitor signed out', async () => {
    const user = await person()
    const { cookie } = await signIn(user.id)
    await (await getDb()).delete(sessions).where(eq(sessions.userId, user.id))
    const res = await settle(async () => accountLoader({ ...ctx, request: get('/account', cookie) }))
    expect(res.headers.get('Set-Cookie')).toMatch(/__tandem=;/)
    const root = await settle(async () => rootLoader({ ...ctx, request: get('/', cookie) }))
    expect((await root.json()).user).toBeNull()
  })

  it('keeps only a hash of the token: a copy of the database signs nobody in', async () => {
    const user = await person()
    const cookie = cookieFrom(await login(user.email))
    const token = await tokenIn(cookie)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const rows = await query<Record<string, unknown>>(sql`select * from sessions`)
    expect(JSON.stringify(rows)).not.toContain(token)
    const [row] = await sessionRows(user.id)
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'))
    // Someone holding the database (and even the secret) who puts the stored value in a cookie gets nowhere.
    const forged = await sessionStorage().getSession()
    forged.set('token', row.tokenHash)
    expect(await signedIn((await sessionStorage().commitSession(forged)).split(';')[0])).toBe(false)
  })

  it('starts a new session at every sign-in: a cookie planted beforehand is not carried over', async () => {
    const victim = await person()
    const attacker = await person()
    // The attacker signs in and plants their cookie in the victim's browser.
    const planted = cookieFrom(await login(attacker.email))
    const req = await request('/login', { cookie: planted, form: { email: victim.email, password: PASSWORD } })
    const res = await settle(async () => loginAction({ ...ctx, request: req }))
    const fresh = cookieFrom(res)
    expect(await tokenIn(fresh)).not.toBe(await tokenIn(planted))
    // The planted session is gone, and the new one is the victim's own.
    expect(await signedIn(planted)).toBe(false)
    const page = await settle(async () => accountLoader({ ...ctx, request: get('/account', fresh) }))
    expect((await page.json()).email).toBe(victim.email)
    expect(await sessionRows(attacker.id)).toEqual([])
  })

  it('ends after 7 idle days, and 30 days after sign-in however busy', async () => {
    const user = await person()
    const db = await getDb()
    const idle = await signIn(user.id)
    const old = await signIn(user.id)
    const day = 24 * 3600_000
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 7 * day - 60_000) })
      .where(eq(sessions.id, idle.sessionId))
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(), expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, old.sessionId))
    expect(await signedIn(idle.cookie)).toBe(false)
    expect(await signedIn(old.cookie)).toBe(false)
    // A session used six days ago still works, and using it moves its idle deadline.
    const recent = await signIn(user.id)
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 6 * day) })
      .where(eq(sessions.id, recent.sessionId))
    expect(await signedIn(recent.cookie)).toBe(true)
    const [row] = await db.select().from(sessions).where(eq(sessions.id, recent.sessionId))
    expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(60_000)
  })

  it('writes last-seen at most every five minutes, not on every request', async () => {
    const user = await person()
    const { cookie, sessionId } = await signIn(user.id)
    const db = await getDb()
    const fourMinutesAgo = new Date(Date.now() - 4 * 60_000)
    await db.update(sessions).set({ lastSeenAt: fourMinutesAgo }).where(eq(sessions.id, sessionId))
    for (let i = 0; i < 3; i++) expect(await signedIn(cookie)).toBe(true)
    let [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId))
    expect(row.lastSeenAt.getTime()).toBe(fourMinutesAgo.getTime())
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 6 * 60_000) })
      .where(eq(sessions.id, sessionId))
    expect(await signedIn(cookie)).toBe(true)
    ;[row] = await db.select().from(sessions).where(eq(sessions.id, sessionId))
    expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(60_000)
  })

  it('treats a deactivated person as signed out', async () => {
    const user = await person()
    const { cookie } = await signIn(user.id)
    await (await getDb()).update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, user.id))
    expect(await signedIn(cookie)).toBe(false)
  })
})

describe('the account page', () => {
  it('lists where the person is signed in, marks this browser, and signs out any one of them', async () => {
    const user = await person()
    const here = cookieFrom(await login(user.email, PASSWORD, { 'User-Agent': FIREFOX }))
    const phone = await signIn(user.id, { device: 'Safari on iOS' })
    const stranger = await signIn((await person()).id)
    const page = await settle(async () => accountLoader({ ...ctx, request: get('/account', here) }))
    const data = await page.json()
    expect(data.sessions).toHaveLength(2)
    expect(data.sessions.find((s: { current: boolean }) => s.current)).toMatchObject({ device: 'Firefox on Linux' })
    expect(data.sessions.find((s: { current: boolean }) => !s.current)).toMatchObject({ id: phone.sessionId, device: 'Safari on iOS' })
    expect(JSON.stringify(data)).not.toContain(stranger.sessionId)

    // Someone else's session id is not found, and keeps working.
    const foreign = await post(here, { intent: 'revoke-session', sessionId: stranger.sessionId })
    expect(foreign.status).toBe(404)
    expect(await signedIn(stranger.cookie)).toBe(true)

    const revoked = await post(here, { intent: 'revoke-session', sessionId: phone.sessionId })
    expect(revoked.status).toBe(302)
    expect(revoked.headers.get('Location')).toBe('/account')
    expect(await signedIn(phone.cookie)).toBe(false)
    expect(await signedIn(here)).toBe(true)

    const self = data.sessions.find((s: { current: boolean }) => s.current).id
    const out = await post(here, { intent: 'revoke-session', sessionId: self })
    expect(out.headers.get('Location')).toBe('/login')
    expect(await signedIn(here)).toBe(false)
  })

  it('signs out everywhere, including this browser, and says so on the sign-in page', async () => {
    const user = await person()
    const a = await signIn(user.id)
    const b = await signIn(user.id)
    const other = await signIn((await person()).id)
    const res = await post(a.cookie, { intent: 'sign-out-everywhere' })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/login')
    expect(await signedIn(a.cookie)).toBe(false)
    expect(await signedIn(b.cookie)).toBe(false)
    expect(await signedIn(other.cookie)).toBe(true)
    const root = await settle(async () => rootLoader({ ...ctx, request: get('/login', cookieFrom(res)) }))
    expect(await root.json()).toMatchObject({ user: null, flash: 'You were signed out everywhere, including here.' })
  })

  it('changes the password only with the current one, keeps this session and signs out the others', async () => {
    const user = await person()
    const here = await signIn(user.id)
    const other = await signIn(user.id)
    const next = 'a brand new password'

    const wrong = await post(here.cookie, {
      intent: 'password',
      currentPassword: 'not it at all',
      newPassword: next,
      newPasswordAgain: next,
    })
    expect(wrong.status).toBe(422)
    const body = await wrong.json()
    expect(body.errors.currentPassword[0]).toBe('Your current password is not right.')
    expect(JSON.stringify(body)).not.toContain(next)
    expect(await signedIn(other.cookie)).toBe(true)

    const mismatch = await post(here.cookie, {
      intent: 'password',
      currentPassword: PASSWORD,
      newPassword: next,
      newPasswordAgain: 'something else entirely',
    })
    expect(mismatch.status).toBe(422)
    expect((await mismatch.json()).errors.newPasswordAgain[0]).toMatch(/do not match/)
    const short = await post(here.cookie, {
      intent: 'password',
      currentPassword: PASSWORD,
      newPassword: 'short',
      newPasswordAgain: 'short',
    })
    expect((await short.json()).errors.newPassword[0]).toMatch(/10 characters/)

    const ok = await post(here.cookie, { intent: 'password', currentPassword: PASSWORD, newPassword: next, newPasswordAgain: next })
    expect(ok.status).toBe(302)
    const root = await settle(async () => rootLoader({ ...ctx, request: get('/account', cookieFrom(ok)) }))
    expect((await root.json()).flash).toBe('Your password was changed. 1 other session was signed out.')
    expect(await signedIn(here.cookie)).toBe(true)
    expect(await signedIn(other.cookie)).toBe(false)
    const [row] = await (await getDb()).select().from(users).where(eq(users.id, user.id))
    expect(await verifyPassword(next, row.passwordHash)).toBe(true)
    expect((await login(user.email, PASSWORD)).status).toBe(401)
    expect((await login(user.email, next)).status).toBe(302)
  })

  it('makes someone guessing the current password wait', async () => {
    const user = await person()
    const { cookie } = await signIn(user.id)
    const statuses: number[] = []
    for (let i = 0; i < 7; i++) {
      const res = await post(cookie, {
        intent: 'password',
        currentPassword: `guess ${i}`,
        newPassword: 'a brand new password',
        newPasswordAgain: 'a brand new password',
      })
      statuses.push(res.status)
      if (res.status === 429) expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0)
    }
    expect(statuses.slice(0, 5)).toEqual([422, 422, 422, 422, 422])
    expect(statuses).toContain(429)
  })

  it('saves a new name and refuses an empty one', async () => {
    const user = await person({ name: 'Old Name' })
    const { cookie } = await signIn(user.id)
    const bad = await post(cookie, { intent: 'profile', name: '   ' })
    expect(bad.status).toBe(422)
    expect((await bad.json()).errors.name[0]).toBe('Your name is required')
    const ok = await post(cookie, { intent: 'profile', name: 'New Name' })
    expect(ok.status).toBe(302)
    const page = await settle(async () => accountLoader({ ...ctx, request: get('/account', cookie) }))
    expect((await page.json()).name).toBe('New Name')
  })

  it('sends a signed-out visitor to sign in', async () => {
    const res = await settle(async () => accountLoader({ ...ctx, request: await request('/account') }))
    expect(res.headers.get('Location')).toBe('/login?redirectTo=%2Faccount')
  })
})
