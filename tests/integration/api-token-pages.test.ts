import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { loader as teamsApi } from '~/routes/api.v1.teams'
import { action as accountAction, loader as accountLoader } from '~/routes/account_.tokens'
import { action as adminAction, loader as adminLoader } from '~/routes/admin.api-tokens'
import { createMember, createTeam, createUser, createWorkspace, query, request, settle } from '../factories'

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, never> }) => Promise<unknown>

async function post(handler: Handler, path: string, user: { id: string }, form: Record<string, string | string[]>) {
  return settle(async () => handler({ request: await request(path, { user, form }), params: {}, context: {} }))
}

async function load(handler: Handler, path: string, user: { id: string }) {
  return settle(async () => handler({ request: await request(path, { user }), params: {}, context: {} }))
}

async function useToken(token: string) {
  const req = new Request('http://localhost/api/v1/teams', { headers: { Authorization: `Bearer ${token}` } })
  return settle(async () => teamsApi({ request: req, params: {}, context: {} }))
}

async function setup() {
  const ws = await createWorkspace()
  const team = await createTeam(ws.id, 'Payments')
  const member = await createMember(team, 'member')
  const admin = await createUser(ws.id, { isAdmin: true, name: 'Ada Admin' })
  return { ws, team, member, admin }
}

const CREATE = { intent: 'create', name: 'Weekly export', scopes: ['teams:read', 'features:read'], expiresIn: '90' }

describe('personal API tokens page', () => {
  it('shows a new token once, keeps only its hash, lists it by prefix, and revokes it at once', async () => {
    const { member } = await setup()
    const res = await post(accountAction, '/account/tokens', member, CREATE)
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    const { created } = await res.json()
    expect(created.token).toMatch(/^tdm_[A-Za-z0-9_-]{43}$/)
    expect((await useToken(created.token)).status).toBe(200)

    const [row] = await query<{ token_hash: string; prefix: string; scopes: string[] }>(
      sql`select token_hash, prefix, scopes from api_tokens where user_id = ${member.id}`,
    )
    expect(row.token_hash).toBe(createHash('sha256').update(created.token).digest('hex'))
    expect(row.prefix).toBe(created.token.slice(0, 12))
    expect(row.scopes).toEqual(['teams:read', 'features:read'])

    const page = await load(accountLoader, '/account/tokens', member)
    const text = await page.text()
    expect(text).not.toContain(created.token)
    const { tokens } = JSON.parse(text)
    expect(tokens).toHaveLength(1)
    expect(tokens[0]).toMatchObject({ name: 'Weekly export', prefix: row.prefix, state: 'active', scopes: ['teams:read', 'features:read'] })
    expect(tokens[0].lastUsed).not.toBeNull()
    expect(tokens[0].expires).not.toBeNull()

    const revoked = await post(accountAction, '/account/tokens', member, { intent: 'revoke', tokenId: tokens[0].id })
    expect(revoked.status).toBe(302)
    expect(revoked.headers.get('Location')).toBe('/account/tokens')
    expect((await useToken(created.token)).status).toBe(401)
    expect((await (await load(accountLoader, '/account/tokens', member)).json()).tokens).toEqual([])
  })

  it('refuses a token without a name or a scope with a 422 by field, and creates nothing', async () => {
    const { member } = await setup()
    const res = await post(accountAction, '/account/tokens', member, { intent: 'create', name: ' ', expiresIn: 'forever' })
    expect(res.status).toBe(422)
    const { errors } = await res.json()
    expect(errors.name).toEqual(['Name is required'])
    expect(errors.scopes).toEqual(['Choose at least one scope'])
    expect(errors.expiresIn).toEqual(['Choose when the token expires'])
    const bogus = await post(accountAction, '/account/tokens', member, { ...CREATE, scopes: ['admin:everything'] })
    expect(bogus.status).toBe(422)
    expect(await query(sql`select id from api_tokens where user_id = ${member.id}`)).toEqual([])
  })

  it("cannot revoke someone else's token: a 404, and it keeps working", async () => {
    const { member, team } = await setup()
    const other = await createMember(team, 'member')
    const { created } = await (await post(accountAction, '/account/tokens', other, CREATE)).json()
    const [row] = await query<{ id: string }>(sql`select id from api_tokens where user_id = ${other.id}`)
    const res = await post(accountAction, '/account/tokens', member, { intent: 'revoke', tokenId: row.id })
    expect(res.status).toBe(404)
    expect((await useToken(created.token)).status).toBe(200)
  })
})

describe('workspace API tokens page', () => {
  it('is for admins only', async () => {
    const { member } = await setup()
    expect((await load(adminLoader, '/admin/api-tokens', member)).status).toBe(403)
    expect((await post(adminAction, '/admin/api-tokens', member, CREATE)).status).toBe(403)
  })

  it('creates a token that sees every team, lists who created it, and keeps personal tokens out of reach', async () => {
    const { ws, admin, member } = await setup()
    await createTeam(ws.id, 'Search')
    const res = await post(adminAction, '/admin/api-tokens', admin, { ...CREATE, scopes: 'teams:read', expiresIn: 'never' })
    const { created } = await res.json()
    const teams = await (await useToken(created.token)).json()
    expect(teams.data.map((t: { name: string }) => t.name)).toEqual(['Payments', 'Search'])

    const { tokens } = await (await load(adminLoader, '/admin/api-tokens', admin)).json()
    expect(tokens).toMatchObject([{ name: 'Weekly export', createdByName: 'Ada Admin', expires: null, state: 'active' }])

    // A person's own token is theirs alone: not on this page, not revocable from it.
    await post(accountAction, '/account/tokens', member, CREATE)
    const [personal] = await query<{ id: string }>(sql`select id from api_tokens where user_id = ${member.id}`)
    expect((await post(adminAction, '/admin/api-tokens', admin, { intent: 'revoke', tokenId: personal.id })).status).toBe(404)
    expect((await (await load(adminLoader, '/admin/api-tokens', admin)).json()).tokens).toHaveLength(1)
  })
})
