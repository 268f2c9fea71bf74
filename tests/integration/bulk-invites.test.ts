import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { invites, outbox } from '../../db/schema'
import { MAX_BULK_INVITES } from '~/domain/email-list'
import { action as peopleAction, loader as peopleLoader } from '~/routes/admin.people'
import { action as joinAction, loader as joinLoader } from '~/routes/join.$token'
import { createTeam, createUser, createWorkspace, request, settle } from '../factories'

const ctx = { context: {}, params: {} }

async function setup() {
  const ws = await createWorkspace()
  const admin = await createUser(ws.id, { isAdmin: true, name: 'Ada Admin' })
  const team = await createTeam(ws.id, 'Checkout')
  return { ws, admin, team }
}

function post(admin: { id: string }, form: Record<string, string>) {
  return settle(async () => peopleAction({ ...ctx, request: await request('/admin/people', { user: admin, form }) }))
}

function bulk(admin: { id: string }, teamId: string, emails: string) {
  return post(admin, { intent: 'bulk-invite', emails, teamId, discipline: 'engineering', role: 'member' })
}

async function invitesOf(workspaceId: string) {
  return (await getDb()).select().from(invites).where(eq(invites.workspaceId, workspaceId))
}

function tokenOf(link: string) {
  return new URL(link).pathname.split('/')[2]
}

describe('bulk invitations', () => {
  it('creates one invitation and one mail per pasted address, each with its own working link', async () => {
    const { ws, admin, team } = await setup()
    const res = await bulk(admin, team.id, 'Ada@example.com\ngrace@example.com, Linus Torvalds <linus@example.com>\n\n')
    expect(res.status).toBe(200)
    const { bulkCreated } = await res.json()
    expect(bulkCreated.map((c: { email: string }) => c.email)).toEqual(['ada@example.com', 'grace@example.com', 'linus@example.com'])
    const rows = await invitesOf(ws.id)
    expect(rows).toHaveLength(3)
    expect(rows.every((r) => r.teamId === team.id && r.role === 'member' && r.discipline === 'engineering' && !r.makeAdmin)).toBe(true)
    expect(await (await getDb()).select().from(outbox).where(eq(outbox.workspaceId, ws.id))).toHaveLength(3)
    const token = tokenOf(bulkCreated[1].link)
    const page = await settle(async () => joinLoader({ ...ctx, params: { token }, request: await request(`/join/${token}`) }))
    expect(await page.json()).toMatchObject({ state: 'valid', email: 'grace@example.com' })
  })

  it('creates nothing when any line is wrong, and says what is wrong with each line', async () => {
    const { ws, admin, team } = await setup()
    await createUser(ws.id, { email: 'member@example.com' })
    await bulk(admin, team.id, 'pending@example.com')
    const before = await invitesOf(ws.id)
    const res = await bulk(admin, team.id, 'good@example.com\nnot an email\nmember@example.com\npending@example.com, GOOD@example.com')
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.formError).toBe('Nothing was created: 4 lines need attention.')
    expect(body.problems).toEqual([
      { line: 2, input: 'not an email', message: 'This is not a valid email address.' },
      { line: 3, input: 'member@example.com', message: 'Already has an account: they can sign in.' },
      { line: 4, input: 'pending@example.com', message: 'Already has a pending invitation: resend or revoke it in the list below.' },
      { line: 4, input: 'GOOD@example.com', message: 'Already listed on line 1.' },
    ])
    // What was typed comes back, to fix in place.
    expect(body.values.emails).toContain('not an email')
    expect(await invitesOf(ws.id)).toHaveLength(before.length)
  })

  it('refuses an empty list and more than the limit', async () => {
    const { ws, admin, team } = await setup()
    const empty = await bulk(admin, team.id, ' \n , ')
    expect(empty.status).toBe(422)
    expect((await empty.json()).errors.emails[0]).toBe('Paste at least one email.')
    const many = Array.from({ length: MAX_BULK_INVITES + 1 }, (_, i) => `p${i}@example.com`).join('\n')
    const tooMany = await bulk(admin, team.id, many)
    expect(tooMany.status).toBe(422)
    expect((await tooMany.json()).errors.emails[0]).toBe(`At most ${MAX_BULK_INVITES} at a time; this list has ${MAX_BULK_INVITES + 1}.`)
    expect(await invitesOf(ws.id)).toEqual([])
  })

  it('takes the full limit in one go', async () => {
    const { ws, admin, team } = await setup()
    const list = Array.from({ length: MAX_BULK_INVITES }, (_, i) => `person${i}@example.com`).join(', ')
    const res = await bulk(admin, team.id, list)
    expect(res.status).toBe(200)
    expect(await invitesOf(ws.id)).toHaveLength(MAX_BULK_INVITES)
  })
})

describe('duplicate invitations', () => {
  it('says a pending invitation exists and offers to resend it (same link, new expiry) or revoke it', async () => {
    const { ws, admin, team } = await setup()
    const form = { intent: 'invite', email: 'dev@example.com', teamId: team.id, discipline: 'engineering', role: 'member' }
    const first = await post(admin, form)
    const { link } = (await first.json()).created
    const db = await getDb()
    await db
      .update(invites)
      .set({ expiresAt: new Date(Date.now() + 3600_000) })
      .where(eq(invites.email, 'dev@example.com'))

    const second = await post(admin, { ...form, email: 'DEV@example.com' })
    expect(second.status).toBe(422)
    const body = await second.json()
    expect(body.errors.email[0]).toBe('There is already a pending invitation for dev@example.com.')
    expect(body.pending).toMatchObject({ email: 'dev@example.com', id: expect.any(String), expires: expect.any(String) })
    expect(await invitesOf(ws.id)).toHaveLength(1)

    const resent = await post(admin, { intent: 'resend-invite', inviteId: body.pending.id })
    expect(resent.status).toBe(200)
    expect((await resent.json()).created).toEqual({ link, email: 'dev@example.com', resent: true })
    const [row] = await invitesOf(ws.id)
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000)
    expect(await db.select().from(outbox).where(eq(outbox.workspaceId, ws.id))).toHaveLength(2)

    const revoked = await post(admin, { intent: 'revoke-invite', inviteId: body.pending.id })
    expect(revoked.status).toBe(302)
    expect((await post(admin, form)).status).toBe(200)
    expect((await post(admin, { intent: 'resend-invite', inviteId: body.pending.id })).status).toBe(404)
  })

  it('lets an expired invitation be replaced, and its old link still says it expired', async () => {
    const { ws, admin, team } = await setup()
    const form = { intent: 'invite', email: 'late@example.com', teamId: team.id, discipline: 'design', role: 'member' }
    const { link: old } = (await (await post(admin, form)).json()).created
    await (
      await getDb()
    )
      .update(invites)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(invites.email, 'late@example.com'))
    const again = await post(admin, form)
    expect(again.status).toBe(200)
    expect(await invitesOf(ws.id)).toHaveLength(2)
    const token = tokenOf(old)
    const page = await settle(async () => joinLoader({ ...ctx, params: { token }, request: await request(`/join/${token}`) }))
    expect(page.status).toBe(410)
    expect((await page.json()).state).toBe('expired')
  })

  it('for an email that already has an account says so, on the admin form and on the join page, and offers sign-in', async () => {
    const { ws, admin, team } = await setup()
    await createUser(ws.id, { email: 'has-account@example.com' })
    const res = await post(admin, {
      intent: 'invite',
      email: 'has-account@example.com',
      teamId: team.id,
      discipline: 'product',
      role: 'member',
    })
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.errors.email[0]).toBe('has-account@example.com already has an account. They can sign in.')
    expect(body.account).toEqual({ email: 'has-account@example.com' })

    // An invitation made before the account existed (another workspace took the email since).
    const { link } = (
      await (
        await post(admin, { intent: 'invite', email: 'later@example.com', teamId: team.id, discipline: 'product', role: 'member' })
      ).json()
    ).created
    await createUser((await createWorkspace({ name: 'Elsewhere' })).id, { email: 'later@example.com' })
    const token = tokenOf(link)
    const page = await settle(async () => joinLoader({ ...ctx, params: { token }, request: await request(`/join/${token}`) }))
    expect(page.status).toBe(409)
    expect(await page.json()).toEqual({
      state: 'account',
      email: 'later@example.com',
      message: 'An account for later@example.com already exists. Sign in instead.',
    })
    const accept = await settle(async () =>
      joinAction({
        ...ctx,
        params: { token },
        request: await request(`/join/${token}`, { form: { name: 'Late', password: 'a long enough password' } }),
      }),
    )
    expect(accept.status).toBe(409)
    expect((await accept.json()).formError).toBe('An account with this email already exists. Sign in instead.')
  })

  it('lists pending invitations for the admin to act on', async () => {
    const { admin, team } = await setup()
    await bulk(admin, team.id, 'a@example.com\nb@example.com')
    const data = await (await settle(async () => peopleLoader({ ...ctx, request: await request('/admin/people', { user: admin }) }))).json()
    expect(data.invites.map((i: { email: string }) => i.email).sort()).toEqual(['a@example.com', 'b@example.com'])
    expect(data.maxBulk).toBe(MAX_BULK_INVITES)
  })
})
