import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { memberships, users } from '../../db/schema'
import { action, loader } from '~/routes/admin.people'
import { addMember, createMember, createTeam, createUser, createWorkspace, request, settle } from '../factories'

const ctx = { context: {}, params: {} }

async function setup() {
  const ws = await createWorkspace()
  const admin = await createUser(ws.id, { isAdmin: true, name: 'Ada Admin', email: `ada-${randomUUID().slice(0, 6)}@example.com` })
  const checkout = await createTeam(ws.id, 'Checkout')
  const platform = await createTeam(ws.id, 'Platform')
  return { ws, admin, checkout, platform }
}

function post(user: { id: string }, form: Record<string, string>, path = '/admin/people') {
  return settle(async () => action({ ...ctx, request: await request(path, { user, form }) }))
}

function get(user: { id: string }, path = '/admin/people') {
  return settle(async () => loader({ ...ctx, request: await request(path, { user }) }))
}

async function membership(id: string) {
  const db = await getDb()
  const [row] = await db.select().from(memberships).where(eq(memberships.id, id))
  return row ?? null
}

describe('admin people: access', () => {
  it('answers 403 to a non-admin on the loader and on every action', async () => {
    const { checkout, admin } = await setup()
    const leader = await createMember(checkout, 'leader')
    const target = await addMember(checkout, admin, 'member')
    expect((await get(leader)).status).toBe(403)
    const forms: Record<string, string>[] = [
      { intent: 'invite', email: 'new@example.com', teamId: checkout.id, discipline: 'product', role: 'member' },
      { intent: 'update-membership', membershipId: target.id, teamId: checkout.id, discipline: 'product', role: 'leader' },
      { intent: 'remove-membership', membershipId: target.id },
      { intent: 'add-membership', userId: leader.id, teamId: checkout.id, discipline: 'product', role: 'member' },
      { intent: 'set-admin', userId: leader.id, isAdmin: 'true' },
      { intent: 'revoke-invite', inviteId: randomUUID() },
    ]
    for (const form of forms) {
      const res = await post(leader, form)
      expect(res.status, form.intent).toBe(403)
    }
    expect(await membership(target.id)).toMatchObject({ role: 'member' })
    const db = await getDb()
    const [me] = await db.select().from(users).where(eq(users.id, leader.id))
    expect(me.isAdmin).toBe(false)
  })

  it('sends a signed-out visitor to sign in', async () => {
    const res = await settle(async () => loader({ ...ctx, request: await request('/admin/people') }))
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/login?redirectTo=%2Fadmin%2Fpeople')
  })
})

describe('admin people: listing', () => {
  it('lists the workspace’s people with their memberships, searches and paginates', async () => {
    const { ws, admin, checkout, platform } = await setup()
    const pat = await createUser(ws.id, { name: 'Pat Product', email: 'pat@example.com' })
    await addMember(checkout, pat, 'leader', 'product')
    await addMember(platform, pat, 'member', 'design')
    const foreignWs = await createWorkspace({ name: 'Other Co' })
    await createUser(foreignWs.id, { name: 'Pat Outsider' })

    const res = await get(admin)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.total).toBe(2)
    expect(body.people.map((p: { name: string }) => p.name)).toEqual(['Ada Admin', 'Pat Product'])
    expect(body.people[1].memberships).toEqual([
      expect.objectContaining({ teamName: 'Checkout', role: 'leader', discipline: 'product' }),
      expect.objectContaining({ teamName: 'Platform', role: 'member', discipline: 'design' }),
    ])
    expect(body.teams.map((t: { name: string }) => t.name)).toEqual(['Checkout', 'Platform'])

    const search = await (await get(admin, '/admin/people?q=PAT')).json()
    expect(search.q).toBe('PAT')
    expect(search.people.map((p: { name: string }) => p.name)).toEqual(['Pat Product'])
    const byEmail = await (await get(admin, '/admin/people?q=pat%40example')).json()
    expect(byEmail.total).toBe(1)
    const none = await (await get(admin, '/admin/people?q=nobody')).json()
    expect(none).toMatchObject({ total: 0, people: [] })

    for (let i = 0; i < 20; i++) await createUser(ws.id, { name: `Zed ${String(i).padStart(2, '0')}` })
    const first = await (await get(admin)).json()
    expect(first).toMatchObject({ page: 1, pages: 2, total: 22 })
    expect(first.people).toHaveLength(20)
    const second = await (await get(admin, '/admin/people?page=2')).json()
    expect(second.people.map((p: { name: string }) => p.name)).toEqual(['Zed 18', 'Zed 19'])
  })
})

describe('admin people: memberships', () => {
  it('changes role and discipline, then moves the person to another team', async () => {
    const { admin, checkout, platform } = await setup()
    const person = await createMember(checkout, 'member', 'engineering')
    const [m] = await (await getDb()).select().from(memberships).where(eq(memberships.userId, person.id))

    const res = await post(
      admin,
      { intent: 'update-membership', membershipId: m.id, teamId: checkout.id, discipline: 'product', role: 'facilitator' },
      '/admin/people?q=eng&page=1',
    )
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/admin/people?q=eng&page=1')
    expect(await membership(m.id)).toMatchObject({ teamId: checkout.id, discipline: 'product', role: 'facilitator' })

    const moved = await post(admin, {
      intent: 'update-membership',
      membershipId: m.id,
      teamId: platform.id,
      discipline: 'product',
      role: 'facilitator',
    })
    expect(moved.status).toBe(302)
    expect(await membership(m.id)).toMatchObject({ teamId: platform.id })
  })

  it('refuses a move onto a team the person is already in with 409', async () => {
    const { admin, checkout, platform } = await setup()
    const person = await createMember(checkout)
    const inPlatform = await addMember(platform, person, 'member', 'engineering')
    const res = await post(admin, {
      intent: 'update-membership',
      membershipId: inPlatform.id,
      teamId: checkout.id,
      discipline: 'engineering',
      role: 'member',
    })
    expect(res.status).toBe(409)
    const body = await res.json()
    expect(body.formError).toMatch(/already in Checkout/)
    expect(body.values).toMatchObject({ intent: 'update-membership', membershipId: inPlatform.id })
    expect(await membership(inPlatform.id)).toMatchObject({ teamId: platform.id })
  })

  it('removes a person from a team', async () => {
    const { admin, checkout } = await setup()
    const person = await createUser(checkout.workspaceId)
    const m = await addMember(checkout, person)
    const res = await post(admin, { intent: 'remove-membership', membershipId: m.id })
    expect(res.status).toBe(302)
    expect(await membership(m.id)).toBeNull()
  })

  it('adds an existing person to a team, and says 409 when they are already in it', async () => {
    const { ws, admin, platform } = await setup()
    const person = await createUser(ws.id, { name: 'Nia New' })
    const form = { intent: 'add-membership', userId: person.id, teamId: platform.id, discipline: 'design', role: 'leader' }
    const res = await post(admin, form)
    expect(res.status).toBe(302)
    const [row] = await (await getDb()).select().from(memberships).where(eq(memberships.userId, person.id))
    expect(row).toMatchObject({ teamId: platform.id, discipline: 'design', role: 'leader', workspaceId: ws.id })
    const again = await post(admin, form)
    expect(again.status).toBe(409)
    expect((await again.json()).formError).toBe('Nia New is already in Platform.')
  })

  it('answers 404 for foreign and malformed ids, and changes nothing', async () => {
    const { admin, checkout } = await setup()
    const otherWs = await createWorkspace({ name: 'Other Co' })
    const otherTeam = await createTeam(otherWs.id, 'Elsewhere')
    const foreigner = await createMember(otherTeam, 'member')
    const [foreign] = await (await getDb()).select().from(memberships).where(eq(memberships.userId, foreigner.id))
    const mine = await addMember(checkout, await createUser(checkout.workspaceId))

    const cases: Record<string, string>[] = [
      { intent: 'update-membership', membershipId: foreign.id, teamId: checkout.id, discipline: 'product', role: 'leader' },
      { intent: 'update-membership', membershipId: 'not-a-uuid', teamId: checkout.id, discipline: 'product', role: 'leader' },
      { intent: 'update-membership', membershipId: mine.id, teamId: otherTeam.id, discipline: 'product', role: 'leader' },
      { intent: 'update-membership', membershipId: mine.id, teamId: '1234', discipline: 'product', role: 'leader' },
      { intent: 'update-membership', membershipId: randomUUID(), teamId: checkout.id, discipline: 'product', role: 'leader' },
      { intent: 'remove-membership', membershipId: foreign.id },
      { intent: 'remove-membership', membershipId: "1' or '1'='1" },
      { intent: 'add-membership', userId: foreigner.id, teamId: checkout.id, discipline: 'product', role: 'member' },
      { intent: 'add-membership', userId: admin.id, teamId: otherTeam.id, discipline: 'product', role: 'member' },
      { intent: 'add-membership', userId: 'x', teamId: checkout.id, discipline: 'product', role: 'member' },
      { intent: 'set-admin', userId: foreigner.id, isAdmin: 'true' },
      { intent: 'set-admin', userId: 'nope', isAdmin: 'true' },
      { intent: 'revoke-invite', inviteId: randomUUID() },
      { intent: 'revoke-invite', inviteId: 'nope' },
    ]
    for (const form of cases) {
      const res = await post(admin, form)
      expect(res.status, JSON.stringify(form)).toBe(404)
    }
    expect(await membership(foreign.id)).toMatchObject({ role: 'member', teamId: otherTeam.id })
    expect(await membership(mine.id)).toMatchObject({ role: 'member', teamId: checkout.id })
    const [stillForeign] = await (await getDb()).select().from(users).where(eq(users.id, foreigner.id))
    expect(stillForeign.isAdmin).toBe(false)
  })

  it('rejects an unknown intent or role with 422', async () => {
    const { admin, checkout } = await setup()
    const m = await addMember(checkout, await createUser(checkout.workspaceId))
    const bad = await post(admin, { intent: 'delete-everyone' })
    expect(bad.status).toBe(422)
    const role = await post(admin, {
      intent: 'update-membership',
      membershipId: m.id,
      teamId: checkout.id,
      discipline: 'product',
      role: 'owner',
    })
    expect(role.status).toBe(422)
    expect((await role.json()).errors.role[0]).toBe('Choose a role')
    expect(await membership(m.id)).toMatchObject({ role: 'member', discipline: 'engineering' })
  })
})

describe('admin people: admins', () => {
  it('makes and unmakes an admin, but never removes the last one', async () => {
    const { ws, admin } = await setup()
    const db = await getDb()
    const isAdmin = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0].isAdmin

    const last = await post(admin, { intent: 'set-admin', userId: admin.id, isAdmin: 'false' })
    expect(last.status).toBe(409)
    expect((await last.json()).formError).toBe('A workspace needs at least one admin.')
    expect(await isAdmin(admin.id)).toBe(true)

    const pat = await createUser(ws.id, { name: 'Pat' })
    const made = await post(admin, { intent: 'set-admin', userId: pat.id, isAdmin: 'true' })
    expect(made.status).toBe(302)
    expect(made.headers.get('Location')).toBe('/admin/people')
    expect(await isAdmin(pat.id)).toBe(true)

    const unmade = await post(admin, { intent: 'set-admin', userId: pat.id, isAdmin: 'false' })
    expect(unmade.status).toBe(302)
    expect(await isAdmin(pat.id)).toBe(false)

    // Stepping down yourself (while another admin remains) leaves the admin pages.
    await post(admin, { intent: 'set-admin', userId: pat.id, isAdmin: 'true' })
    const self = await post(admin, { intent: 'set-admin', userId: admin.id, isAdmin: 'false' })
    expect(self.status).toBe(302)
    expect(self.headers.get('Location')).toBe('/')
    expect(await isAdmin(admin.id)).toBe(false)
  })
})
