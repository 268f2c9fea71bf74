import { and, count, eq, isNull } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { invites, memberships, outbox, participations, passwordResets, responses, users } from '../../db/schema'
import { deactivateUser } from '~/models/account.server'
import { Refusal } from '~/domain/refusal'
import { requestPasswordReset } from '~/models/password-reset.server'
import { loader as accountLoader } from '~/routes/account'
import { action as peopleAction, loader as peopleLoader } from '~/routes/admin.people'
import { action as forgotAction } from '~/routes/forgot-password'
import { action as loginAction } from '~/routes/login'
import { addMember, createMember, createTeam, createUser, createWorkspace, PASSWORD, request, settle, signIn } from '../factories'
import { createRound, createTemplate, respond, times } from '../pulse-factories'

const ctx = { context: {}, params: {} }

async function setup() {
  const ws = await createWorkspace()
  const admin = await createUser(ws.id, {
    isAdmin: true,
    name: 'Ada Admin',
    email: `ada-${Math.random().toString(36).slice(2, 8)}@example.com`,
  })
  const checkout = await createTeam(ws.id, 'Checkout')
  const platform = await createTeam(ws.id, 'Platform')
  return { ws, admin, checkout, platform }
}

function people(user: { id: string }, form: Record<string, string>) {
  return settle(async () => peopleAction({ ...ctx, request: await request('/admin/people', { user, form }) }))
}

function login(email: string, password: string) {
  return settle(async () => loginAction({ ...ctx, request: await request('/login', { form: { email, password } }) }))
}

async function signedIn(cookie: string) {
  const res = await settle(async () =>
    accountLoader({ ...ctx, request: new Request('http://localhost/account', { headers: { Cookie: cookie } }) }),
  )
  return res.status === 200
}

async function countRows(table: typeof responses | typeof participations, roundId: string) {
  const db = await getDb()
  const [{ n }] = await db.select({ n: count() }).from(table).where(eq(table.roundId, roundId))
  return n
}

describe('deactivating someone who left', () => {
  it('signs them out, ends their teams, closes their links, keeps their anonymous answers, and refuses sign-in with a clear message', async () => {
    const { ws, admin, checkout, platform } = await setup()
    const { template, items } = await createTemplate(ws.id)
    const round = await createRound(checkout, template, items)
    const [leaverId] = await respond(round, items, times(6))
    const db = await getDb()
    const [leaver] = await db
      .update(users)
      .set({ name: 'Lee Leaver', email: 'lee@example.com', isAdmin: true })
      .where(eq(users.id, leaverId))
      .returning()
    await addMember(checkout, leaver, 'facilitator', 'product')
    await addMember(platform, leaver, 'member', 'product')
    const { cookie } = await signIn(leaver.id)
    await requestPasswordReset(leaver.email)
    // An invitation still open for the same email (made before the account existed).
    await db.insert(invites).values({
      workspaceId: ws.id,
      tokenHash: 'open-invite',
      email: leaver.email,
      teamId: platform.id,
      discipline: 'product',
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    const before = { responses: await countRows(responses, round.id), participations: await countRows(participations, round.id) }

    const res = await people(admin, { intent: 'deactivate', userId: leaver.id })
    expect(res.status).toBe(302)

    const [after] = await db.select().from(users).where(eq(users.id, leaver.id))
    expect(after.deactivatedAt).not.toBeNull()
    expect(after.isAdmin).toBe(false)
    expect(await signedIn(cookie)).toBe(false)
    expect(await db.select().from(memberships).where(eq(memberships.userId, leaver.id))).toEqual([])
    const [invite] = await db.select().from(invites).where(eq(invites.tokenHash, 'open-invite'))
    expect(invite.revokedAt).not.toBeNull()
    expect(
      await db
        .select()
        .from(passwordResets)
        .where(and(eq(passwordResets.userId, leaver.id), isNull(passwordResets.usedAt))),
    ).toEqual([])
    // Nothing they answered is deleted, and nothing in a response points at them.
    expect(await countRows(responses, round.id)).toBe(before.responses)
    expect(await countRows(participations, round.id)).toBe(before.participations)
    expect(Object.keys((await db.select().from(responses).limit(1))[0]).sort()).toEqual([
      'comment',
      'discipline',
      'id',
      'roundId',
      'teamId',
      'workspaceId',
    ])

    const wrong = await login('lee@example.com', 'not the password')
    expect(wrong.status).toBe(401)
    expect((await wrong.json()).formError).toBe('Email or password is incorrect.')
    const right = await login('lee@example.com', PASSWORD)
    expect(right.status).toBe(403)
    expect((await right.json()).formError).toBe('This account has been deactivated. Ask a workspace admin.')
    expect(right.headers.get('Set-Cookie')).toBeNull()

    const mailsBefore = (await db.select().from(outbox).where(eq(outbox.toAddress, 'lee@example.com'))).length
    const forgot = await settle(async () =>
      forgotAction({ ...ctx, request: await request('/forgot-password', { form: { email: 'lee@example.com' } }) }),
    )
    expect(await forgot.json()).toEqual({ ok: true, email: 'lee@example.com' })
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, 'lee@example.com'))).toHaveLength(mailsBefore)

    const list = await (
      await settle(async () => peopleLoader({ ...ctx, request: await request('/admin/people?q=lee', { user: admin }) }))
    ).json()
    expect(list.people).toEqual([expect.objectContaining({ name: 'Lee Leaver', deactivated: true, isAdmin: false, memberships: [] })])
    const add = await people(admin, {
      intent: 'add-membership',
      userId: leaver.id,
      teamId: checkout.id,
      discipline: 'product',
      role: 'member',
    })
    expect(add.status).toBe(409)
    expect((await add.json()).formError).toBe('This person is deactivated. Reactivate them first.')
    const promote = await people(admin, { intent: 'set-admin', userId: leaver.id, isAdmin: 'true' })
    expect(promote.status).toBe(409)
    expect((await db.select().from(users).where(eq(users.id, leaver.id)))[0].isAdmin).toBe(false)
  })

  it('can be undone: they sign in again, with no teams and no admin rights coming back on their own', async () => {
    const { admin, checkout } = await setup()
    const member = await createMember(checkout, 'leader')
    await (await getDb()).update(users).set({ isAdmin: true }).where(eq(users.id, member.id))
    expect((await people(admin, { intent: 'deactivate', userId: member.id })).status).toBe(302)
    const back = await people(admin, { intent: 'reactivate', userId: member.id })
    expect(back.status).toBe(302)
    expect((await login(member.email, PASSWORD)).status).toBe(302)
    const [row] = await (await getDb()).select().from(users).where(eq(users.id, member.id))
    expect(row).toMatchObject({ deactivatedAt: null, isAdmin: false })
    expect(await (await getDb()).select().from(memberships).where(eq(memberships.userId, member.id))).toEqual([])
  })

  it('refuses to deactivate yourself, and never leaves a workspace without an admin', async () => {
    const { ws, admin } = await setup()
    const self = await people(admin, { intent: 'deactivate', userId: admin.id })
    expect(self.status).toBe(409)
    expect((await self.json()).formError).toBe('You cannot deactivate your own account. Ask another admin.')

    // Two admins deactivating each other at the same moment: one of them stays.
    const other = await createUser(ws.id, { isAdmin: true, name: 'Bo Admin' })
    const results = await Promise.allSettled([deactivateUser(ws.id, admin.id, other.id), deactivateUser(ws.id, other.id, admin.id)])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.find((r) => r.status === 'rejected')
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(Refusal)
    expect(rejected?.status === 'rejected' && String(rejected.reason.message)).toMatch(/only workspace admin/)
    const admins = await (
      await getDb()
    )
      .select()
      .from(users)
      .where(and(eq(users.workspaceId, ws.id), eq(users.isAdmin, true), isNull(users.deactivatedAt)))
    expect(admins).toHaveLength(1)
  })

  it('is for admins only, and only within their workspace', async () => {
    const { admin, checkout } = await setup()
    const member = await createMember(checkout)
    const peer = await createMember(checkout)
    for (const intent of ['deactivate', 'reactivate']) expect((await people(member, { intent, userId: peer.id })).status).toBe(403)
    const foreignWs = await createWorkspace({ name: 'Other Co' })
    const foreigner = await createUser(foreignWs.id)
    expect((await people(admin, { intent: 'deactivate', userId: foreigner.id })).status).toBe(404)
    expect((await people(admin, { intent: 'deactivate', userId: 'not-a-uuid' })).status).toBe(404)
    const [row] = await (await getDb()).select().from(users).where(eq(users.id, foreigner.id))
    expect(row.deactivatedAt).toBeNull()
  })
})
