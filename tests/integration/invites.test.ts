import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { invites, memberships, outbox } from '../../db/schema'
import { action as peopleAction, loader as peopleLoader } from '~/routes/admin.people'
import { action as joinAction, loader as joinLoader } from '~/routes/join.$token'
import { loader as mailLoader } from '~/routes/admin.outbox.$mailId'
import { loader as mailHtmlLoader } from '~/routes/admin.outbox.$mailId[.]html'
import { getUserByEmail } from '~/models/user.server'
import { createTeam, createUser, createWorkspace, request, settle } from '../factories'

const ctx = { context: {}, params: {} }
const joinForm = { name: 'Dev Patel', password: 'invitee-password-123' }

async function setup(timeZone = 'UTC') {
  const ws = await createWorkspace({ timeZone })
  const admin = await createUser(ws.id, { isAdmin: true, name: 'Ada Admin' })
  const team = await createTeam(ws.id, 'Checkout')
  return { ws, admin, team }
}

async function invite(admin: { id: string }, form: Record<string, string>) {
  return settle(async () =>
    peopleAction({ ...ctx, request: await request('/admin/people', { user: admin, form: { intent: 'invite', ...form } }) }),
  )
}

async function createdLink(admin: { id: string }, form: Record<string, string>) {
  const res = await invite(admin, form)
  expect(res.status).toBe(200)
  const body = await res.json()
  expect(body.ok).toBe(true)
  return body.created as { link: string; email: string }
}

function tokenOf(link: string) {
  return new URL(link).pathname.split('/')[2]
}

function join(token: string, form = joinForm) {
  return settle(async () => joinAction({ ...ctx, params: { token }, request: await request(`/join/${token}`, { form }) }))
}

function openJoin(token: string) {
  return settle(async () => joinLoader({ ...ctx, params: { token }, request: await request(`/join/${token}`) }))
}

describe('invitations', () => {
  it('creates a link that works once', async () => {
    const { admin, team } = await setup()
    const { link, email } = await createdLink(admin, {
      email: 'Dev@Example.com',
      teamId: team.id,
      discipline: 'engineering',
      role: 'facilitator',
    })
    expect(email).toBe('dev@example.com')
    // Without APP_URL the link uses the request's origin.
    expect(link).toMatch(/^http:\/\/localhost\/join\/[A-Za-z0-9_-]{40,}$/)
    const token = tokenOf(link)

    const page = await openJoin(token)
    expect(page.status).toBe(200)
    expect(await page.json()).toMatchObject({ state: 'valid', email: 'dev@example.com', teamName: 'Checkout', role: 'facilitator' })

    const accepted = await join(token)
    expect(accepted.status).toBe(302)
    expect(accepted.headers.get('Set-Cookie')).toMatch(/__tandem=/)
    const user = await getUserByEmail('dev@example.com')
    expect(user).toMatchObject({ name: 'Dev Patel', isAdmin: false })
    const db = await getDb()
    const rows = await db.select().from(memberships).where(eq(memberships.userId, user!.id))
    expect(rows).toEqual([expect.objectContaining({ teamId: team.id, role: 'facilitator', discipline: 'engineering' })])

    const second = await join(token, { name: 'Someone Else', password: 'another-password-123' })
    expect([409, 410]).toContain(second.status)
    expect((await second.json()).formError).toMatch(/already been used/)
    const reopened = await openJoin(token)
    expect(reopened.status).toBe(410)
    expect((await reopened.json()).message).toMatch(/already been used/)
  })

  it('only stores a hash of the token, and can make the invitee an admin', async () => {
    const { admin, team } = await setup()
    const { link } = await createdLink(admin, {
      email: 'boss@example.com',
      teamId: team.id,
      discipline: 'product',
      role: 'leader',
      makeAdmin: 'true',
    })
    const token = tokenOf(link)
    const db = await getDb()
    const [row] = await db.select().from(invites).where(eq(invites.email, 'boss@example.com'))
    expect(row.tokenHash).not.toContain(token)
    expect(row.makeAdmin).toBe(true)
    expect((await join(token)).status).toBe(302)
    expect(await getUserByEmail('boss@example.com')).toMatchObject({ isAdmin: true })
  })

  it('says an expired invitation has expired', async () => {
    const { admin, team } = await setup()
    const { link } = await createdLink(admin, { email: 'late@example.com', teamId: team.id, discipline: 'design', role: 'member' })
    const db = await getDb()
    await db
      .update(invites)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(invites.email, 'late@example.com'))
    const token = tokenOf(link)
    const page = await openJoin(token)
    expect(page.status).toBe(410)
    expect(await page.json()).toMatchObject({ state: 'expired', message: expect.stringMatching(/expired/) })
    const accept = await join(token)
    expect(accept.status).toBe(409)
    expect((await accept.json()).formError).toMatch(/expired/)
    expect(await getUserByEmail('late@example.com')).toBeNull()
    // An expired invitation is no longer pending.
    const list = await (await settle(async () => peopleLoader({ ...ctx, request: await request('/admin/people', { user: admin }) }))).json()
    expect(list.invites).toEqual([])
  })

  it('revokes a pending invitation so its link stops working', async () => {
    const { ws, admin, team } = await setup('Europe/Berlin')
    const { link } = await createdLink(admin, { email: 'gone@example.com', teamId: team.id, discipline: 'product', role: 'member' })
    const listed = await (
      await settle(async () => peopleLoader({ ...ctx, request: await request('/admin/people', { user: admin }) }))
    ).json()
    expect(listed.invites).toHaveLength(1)
    const pending = listed.invites[0]
    expect(pending).toMatchObject({ email: 'gone@example.com', teamName: 'Checkout', role: 'member', discipline: 'product' })
    // Shown in the workspace's zone, seven days out.
    const [row] = await (await getDb()).select().from(invites).where(eq(invites.id, pending.id))
    const berlin = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(
      row.expiresAt,
    )
    expect(pending.expires).toBe(berlin)
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000)

    const revoked = await settle(async () =>
      peopleAction({
        ...ctx,
        request: await request('/admin/people', { user: admin, form: { intent: 'revoke-invite', inviteId: pending.id } }),
      }),
    )
    expect(revoked.status).toBe(302)
    const token = tokenOf(link)
    const page = await openJoin(token)
    expect(page.status).toBe(410)
    expect(await page.json()).toMatchObject({ state: 'revoked' })
    expect((await join(token)).status).toBe(409)
    expect(await getUserByEmail('gone@example.com')).toBeNull()

    const again = await settle(async () =>
      peopleAction({
        ...ctx,
        request: await request('/admin/people', { user: admin, form: { intent: 'revoke-invite', inviteId: pending.id } }),
      }),
    )
    // Revoking twice is harmless.
    expect(again.status).toBe(302)
    const [after] = await (await getDb()).select().from(invites).where(eq(invites.workspaceId, ws.id))
    expect(after.revokedAt).not.toBeNull()
  })

  it('refuses to invite an email that already has an account, with a field error', async () => {
    const { ws, admin, team } = await setup()
    await createUser(ws.id, { email: 'taken@example.com' })
    const res = await invite(admin, {
      email: 'TAKEN@example.com',
      teamId: team.id,
      discipline: 'product',
      role: 'member',
      makeAdmin: 'true',
    })
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.errors.email[0]).toMatch(/already has an account/)
    expect(body.values).toMatchObject({ intent: 'invite', email: 'taken@example.com', teamId: team.id, makeAdmin: 'true' })
    const db = await getDb()
    expect(await db.select().from(invites).where(eq(invites.workspaceId, ws.id))).toEqual([])
    expect(await db.select().from(outbox).where(eq(outbox.workspaceId, ws.id))).toEqual([])
  })

  it('refuses bad input and another workspace’s team by field', async () => {
    const { ws, admin } = await setup()
    const otherTeam = await createTeam((await createWorkspace({ name: 'Other Co' })).id, 'Elsewhere')
    const bad = await invite(admin, { email: 'not-an-email', teamId: 'x', discipline: 'sales', role: 'boss' })
    expect(bad.status).toBe(422)
    const { errors } = await bad.json()
    expect(errors.email[0]).toBe('Enter a valid email address')
    expect(errors.teamId[0]).toBe('Choose a team')
    expect(errors.discipline[0]).toBe('Choose a discipline')
    expect(errors.role[0]).toBe('Choose a role')
    const foreign = await invite(admin, { email: 'ok@example.com', teamId: otherTeam.id, discipline: 'product', role: 'member' })
    expect(foreign.status).toBe(422)
    expect((await foreign.json()).errors.teamId[0]).toMatch(/team in this workspace/)
    expect(await (await getDb()).select().from(invites).where(eq(invites.workspaceId, ws.id))).toEqual([])
  })

  it('puts the invitation mail in the outbox without the link, which only an admin viewing it sees', async () => {
    const { ws, admin, team } = await setup()
    const { link } = await createdLink(admin, { email: 'mail@example.com', teamId: team.id, discipline: 'engineering', role: 'member' })
    const db = await getDb()
    const mails = await db.select().from(outbox).where(eq(outbox.workspaceId, ws.id))
    expect(mails).toHaveLength(1)
    const [mail] = mails
    expect(mail).toMatchObject({ toAddress: 'mail@example.com', status: 'stored', subject: 'Ada Admin invited you to Checkout on Tandem' })
    // Stored: a placeholder, never the link or its token.
    expect(mail.textBody).toContain('Accept the invitation: {{link}}')
    expect(JSON.stringify(mail)).not.toContain(tokenOf(link))
    // The admin opening that mail in the app sees the working link.
    const view = await settle(async () =>
      mailLoader({ ...ctx, params: { mailId: mail.id }, request: await request(`/admin/outbox/${mail.id}`, { user: admin }) }),
    )
    const body = await view.json()
    expect(body.mail.text).toContain(`Accept the invitation: ${link}`)
    expect(body.mail.html).toContain(`href="${link}"`)
    const html = await settle(async () =>
      mailHtmlLoader({ ...ctx, params: { mailId: mail.id }, request: await request(`/admin/outbox/${mail.id}.html`, { user: admin }) }),
    )
    expect(await html.text()).toContain(`href="${link}"`)
    expect((await join(tokenOf(link))).status).toBe(302)
  })
})
