import { like, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { authThrottle, passwordResets, sessions } from '../../db/schema'
import { POLICIES } from '~/domain/backoff'
import { unsubscribeToken } from '~/models/digest-unsubscribe.server'
import { action as loginAction } from '~/routes/login'
import { loader as joinLoader } from '~/routes/join.$token'
import { action as unsubscribeAction, loader as unsubscribeLoader } from '~/routes/digest_.unsubscribe.$token'
import { loader as resetLoader } from '~/routes/reset-password.$token'
import { action as peopleAction } from '~/routes/admin.people'
import { tick } from '~/jobs/scheduler.server'
import { createTeam, createUser, createWorkspace, PASSWORD, query, request, settle, signIn } from '../factories'

const params = {}

async function account() {
  const ws = await createWorkspace()
  const user = await createUser(ws.id, { email: `t-${Math.random().toString(36).slice(2, 8)}@example.com` })
  return { ws, user }
}

function signInFrom(clientAddress: string, email: string, password: string) {
  return settle(async () =>
    loginAction({ params, context: { clientAddress }, request: await request('/login', { form: { email, password } }) }),
  )
}

/** Lets every current wait run out, as if the clock had moved past it. */
async function waitOut(keyPrefix: string) {
  await (
    await getDb()
  )
    .update(authThrottle)
    .set({ blockedUntil: sql`now() - interval '1 millisecond'` })
    .where(like(authThrottle.key, `${keyPrefix}%`))
}

describe('sign-in backoff', () => {
  it('doubles the wait after each failure from one client, capped, and answers 429 with Retry-After', async () => {
    const { user } = await account()
    const waits: number[] = []
    let failures = 0
    while (waits.length < 12) {
      const res = await signInFrom('203.0.113.5', user.email, 'wrong password')
      if (res.status === 401) {
        failures++
        continue
      }
      expect(res.status).toBe(429)
      const retryAfter = Number(res.headers.get('Retry-After'))
      const body = await res.json()
      expect(body.formError).toMatch(/^Too many failed sign-ins for this account from here\. Try again in \d+ (second|minute)s?\.$/)
      expect(body.values.email).toBe(user.email)
      waits.push(retryAfter)
      await waitOut(`sign-in:account-client:${user.email}`)
      // Measure this key alone: the looser account-wide and per-client keys are tested below.
      await (
        await getDb()
      )
        .delete(authThrottle)
        .where(sql`${authThrottle.key} in (${`sign-in:account:${user.email}`}, ${'sign-in:client:203.0.113.5'})`)
    }
    // Four tries before the first wait, then one more after each wait ran out.
    expect(failures).toBe(4 + 11)
    // 1, 2, 4 … seconds, never more than the 15-minute cap.
    expect(waits.slice(0, 10)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512])
    expect(Math.max(...waits)).toBe(POLICIES.signInAccountClient.capSeconds)
  })

  it('lets the real person in at once from a client that has not been failing, while an attack goes on elsewhere', async () => {
    const { user } = await account()
    // An attacker hammers the account from one address, then from fifty more.
    for (let i = 0; i < 40; i++) await signInFrom('203.0.113.66', user.email, `guess ${i}`)
    for (let i = 0; i < 50; i++) await signInFrom(`198.18.0.${i + 1}`, user.email, `guess ${i}`)
    const attacker = await signInFrom('203.0.113.66', user.email, PASSWORD)
    expect(attacker.status).toBe(429)
    const started = Date.now()
    const owner = await signInFrom('192.0.2.44', user.email, PASSWORD)
    expect(owner.status).toBe(302)
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('holds up the real person for at most a minute when they mistyped during an attack', async () => {
    const { user } = await account()
    for (let i = 0; i < 100; i++) await signInFrom(`198.19.${Math.floor(i / 250)}.${(i % 250) + 1}`, user.email, `guess ${i}`)
    expect((await signInFrom('192.0.2.45', user.email, 'a typo')).status).toBe(401)
    const res = await signInFrom('192.0.2.45', user.email, PASSWORD)
    expect(res.status).toBe(429)
    const retryAfter = Number(res.headers.get('Retry-After'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(60)
    await waitOut(`sign-in:account:${user.email}`)
    expect((await signInFrom('192.0.2.45', user.email, PASSWORD)).status).toBe(302)
  })

  it('without a client address, holds the account up for a minute at most and never locks it', async () => {
    const { user } = await account()
    const anonymous = (password: string) =>
      settle(async () => loginAction({ params, context: {}, request: await request('/login', { form: { email: user.email, password } }) }))
    const statuses: number[] = []
    let longest = 0
    for (let i = 0; i < 40; i++) {
      const res = await anonymous(`guess ${i}`)
      statuses.push(res.status)
      if (res.status === 429) {
        longest = Math.max(longest, Number(res.headers.get('Retry-After')))
        await waitOut(`sign-in:account:${user.email}`)
      }
    }
    expect(statuses.slice(0, 11)).toEqual(Array(11).fill(401))
    expect(statuses).toContain(429)
    expect(longest).toBeLessThanOrEqual(60)
    // Nothing keyed on the shared "unknown" address, so one attacker cannot hold up every other account.
    const keys = await query<{ key: string }>(sql`select key from auth_throttle where key like ${'%unknown%'}`)
    expect(keys).toEqual([])
    const other = await account()
    expect(
      (
        await settle(async () =>
          loginAction({ params, context: {}, request: await request('/login', { form: { email: other.user.email, password: PASSWORD } }) }),
        )
      ).status,
    ).toBe(302)
  })

  it('counts unknown emails exactly like real ones', async () => {
    const { user } = await account()
    const real: number[] = []
    const ghost: number[] = []
    for (let i = 0; i < 6; i++) {
      real.push((await signInFrom('203.0.113.7', user.email, 'wrong')).status)
      ghost.push((await signInFrom('203.0.113.8', 'ghost-account@example.com', 'wrong')).status)
    }
    expect(ghost).toEqual(real)
  })

  it('makes one address that tries many accounts wait, whatever the account', async () => {
    const ws = await createWorkspace()
    const statuses: number[] = []
    for (let i = 0; i < 22; i++) statuses.push((await signInFrom('203.0.113.99', `victim-${i}@example.com`, 'Winter2026!')).status)
    expect(statuses.slice(0, 21)).toEqual(Array(21).fill(401))
    expect(statuses[21]).toBe(429)
    const someone = await createUser(ws.id, { email: 'bystander@example.com' })
    expect((await signInFrom('203.0.113.99', someone.email, PASSWORD)).status).toBe(429)
    expect((await signInFrom('203.0.113.100', someone.email, PASSWORD)).status).toBe(302)
  })

  it('lets no more than the free tries through when many arrive at once', async () => {
    const { user } = await account()
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signInFrom('203.0.113.12', user.email, `parallel ${i}`)))
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 401)).toHaveLength(POLICIES.signInAccountClient.free + 1)
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - POLICIES.signInAccountClient.free - 1)
  })

  it('forgets a client’s failures after a correct password', async () => {
    const { user } = await account()
    for (let i = 0; i < 3; i++) expect((await signInFrom('203.0.113.30', user.email, 'nope')).status).toBe(401)
    expect((await signInFrom('203.0.113.30', user.email, PASSWORD)).status).toBe(302)
    for (let i = 0; i < 3; i++) expect((await signInFrom('203.0.113.30', user.email, 'nope')).status).toBe(401)
  })
})

describe('links that match nothing', () => {
  it('make a client wait after repeated unknown invitation and reset links, while valid links still work', async () => {
    const { ws } = await account()
    const admin = await createUser(ws.id, { isAdmin: true })
    const team = await createTeam(ws.id)
    const created = await settle(async () =>
      peopleAction({
        params,
        context: {},
        request: await request('/admin/people', {
          user: admin,
          form: { intent: 'invite', email: 'new@example.com', teamId: team.id, discipline: 'product', role: 'member' },
        }),
      }),
    )
    const token = new URL((await created.json()).created.link).pathname.split('/')[2]
    const context = { clientAddress: '203.0.113.40' }
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) {
      const bad = `${'A'.repeat(40)}${i.toString().padStart(3, '0')}`
      statuses.push(
        (await settle(async () => joinLoader({ params: { token: bad }, context, request: await request(`/join/${bad}`) }))).status,
      )
    }
    expect(statuses.slice(0, 11)).toEqual(Array(11).fill(404))
    const blocked = await settle(async () => joinLoader({ params: { token: 'B'.repeat(43) }, context, request: await request('/join/x') }))
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(await blocked.text()).toMatch(/^Too many invitation links that did not match\. Try again in/)
    // The real link, from the same address, still opens.
    expect((await settle(async () => joinLoader({ params: { token }, context, request: await request(`/join/${token}`) }))).status).toBe(
      200,
    )
    // Reset links are counted on their own.
    const reset = await settle(async () =>
      resetLoader({ params: { token: 'C'.repeat(43) }, context, request: await request('/reset-password/x') }),
    )
    expect(reset.status).toBe(404)
  })

  it('make forged unsubscribe links for one person wait, from any address, without blocking that person’s real link', async () => {
    const { ws, user } = await account()
    await createTeam(ws.id)
    const forged = `${user.id}.${'x'.repeat(43)}`
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) {
      const context = { clientAddress: `198.51.100.${i + 10}` }
      statuses.push(
        (
          await settle(async () =>
            unsubscribeAction({
              params: { token: forged },
              context,
              request: await request(`/digest/unsubscribe/${forged}`, { method: 'POST' }),
            }),
          )
        ).status,
      )
    }
    expect(statuses.slice(0, 6)).toEqual(Array(6).fill(404))
    expect(statuses.slice(6)).toEqual([429, 429])
    const real = unsubscribeToken(user.id)
    const page = await settle(async () =>
      unsubscribeLoader({
        params: { token: real },
        context: { clientAddress: '198.51.100.10' },
        request: await request(`/digest/unsubscribe/${real}`),
      }),
    )
    expect(page.status).toBe(200)
  })
})

describe('housekeeping', () => {
  it('a scheduler tick deletes stale counters, dead sessions and old reset rows, and keeps live ones', async () => {
    const { user } = await account()
    const db = await getDb()
    const day = 24 * 3600_000
    await db.insert(authThrottle).values([
      { key: 'test:stale', failures: 9, blockedUntil: new Date(Date.now() - 3 * day), updatedAt: new Date(Date.now() - 3 * day) },
      { key: 'test:fresh', failures: 2, blockedUntil: new Date(), updatedAt: new Date() },
    ])
    const live = await signIn(user.id)
    const idle = await signIn(user.id)
    const old = await signIn(user.id)
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 8 * day) })
      .where(sql`${sessions.id} = ${idle.sessionId}`)
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(sql`${sessions.id} = ${old.sessionId}`)
    await db.insert(passwordResets).values([
      { userId: user.id, tokenHash: 'old-reset', expiresAt: new Date(Date.now() - 2 * day) },
      { userId: user.id, tokenHash: 'open-reset', expiresAt: new Date(Date.now() + 3600_000) },
    ])

    await tick(new Date())

    const keys = (await query<{ key: string }>(sql`select key from auth_throttle where key like 'test:%'`)).map((r) => r.key)
    expect(keys).toEqual(['test:fresh'])
    const left = (await query<{ id: string }>(sql`select id from sessions where user_id = ${user.id}`)).map((r) => r.id)
    expect(left).toEqual([live.sessionId])
    const resets = (await query<{ token_hash: string }>(sql`select token_hash from password_resets where user_id = ${user.id}`)).map(
      (r) => r.token_hash,
    )
    expect(resets).toEqual(['open-reset'])
  })
})
