import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { Scope } from '~/domain/api-tokens'
import { deactivateUser } from '~/models/account.server'
import { createApiToken, revokeApiToken } from '~/models/api-tokens.server'
import { setAdmin } from '~/models/team.server'
import { loader as dashboardApi } from '~/routes/api.v1.dashboard'
import { loader as dashboardPage } from '~/routes/dashboard'
import { action as featureAction, loader as featureLoader } from '~/routes/api.v1.features.$featureId'
import { action as featuresAction, loader as featuresLoader } from '~/routes/api.v1.features'
import { action as teamsAction, loader as teamsLoader } from '~/routes/api.v1.teams'
import { cells, rolledUpRound } from '../dashboard-factories'
import { addMember, cookieFor, createMember, createTeam, createUser, createWorkspace, query, request, settle } from '../factories'

const ALL: Scope[] = ['teams:read', 'features:read', 'features:write', 'dashboard:read']

async function tokenFor(user: { id: string; workspaceId: string }, scopes: Scope[] = ALL, { expiresAt = null as Date | null } = {}) {
  return createApiToken({ workspaceId: user.workspaceId, userId: user.id, createdBy: user.id, name: 'Script', scopes, expiresAt })
}

type Call = { token?: string; method?: string; json?: unknown; body?: string; contentType?: string; cookie?: string }

function apiRequest(path: string, { token, method, json, body, contentType, cookie }: Call = {}) {
  const headers = new Headers()
  if (token) headers.set('Authorization', `Bearer ${token}`)
  if (cookie) headers.set('Cookie', cookie)
  const payload = json !== undefined ? JSON.stringify(json) : body
  if (payload !== undefined) headers.set('Content-Type', contentType ?? 'application/json')
  return new Request(`http://localhost${path}`, { method: method ?? (payload !== undefined ? 'POST' : 'GET'), headers, body: payload })
}

type Handler = (args: {
  request: Request
  params: Record<string, string>
  context: { clientAddress?: string }
}) => Promise<Response> | Response

async function call(handler: Handler, path: string, init: Call = {}, params: Record<string, string> = {}, context = {}) {
  const res = await settle(async () => handler({ request: apiRequest(path, init), params, context }))
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers, text }
}

const FEATURE = {
  name: 'Churn alerts',
  problem: 'Account owners learn that a customer left only when the invoice bounces.',
  ask: 'An alert when usage drops',
  specMode: 'count',
  specWords: 800,
  engineeringJoinedStage: 'discovery',
  question: 'what_could',
  planned: 10,
  plannedUnit: 'days',
  actual: 2,
  actualUnit: 'weeks',
  startedOn: '2026-06-01',
  shippedOn: '2026-07-01',
  shippedAs: 'as_planned',
  outcome: 'fine',
}

async function setup() {
  const ws = await createWorkspace()
  const team = await createTeam(ws.id, 'Payments')
  const other = await createTeam(ws.id, 'Search')
  const member = await createMember(team, 'member', 'engineering')
  const leader = await createMember(team, 'leader', 'product')
  return { ws, team, other, member, leader }
}

describe('API tokens: who the token is', () => {
  it('refuses a request without a token, or with only a session cookie, with a 401 in the error format', async () => {
    const { member } = await setup()
    for (const init of [{}, { cookie: await cookieFor(member.id) }]) {
      const res = await call(teamsLoader, '/api/v1/teams', init)
      expect(res.status).toBe(401)
      expect(res.body.error.code).toBe('unauthorized')
      expect(res.body.error.message).toMatch(/Authorization: Bearer/)
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer/)
    }
  })

  it('refuses an unknown, revoked or expired token with a 401 that says which', async () => {
    const { member, ws } = await setup()
    const unknown = await call(teamsLoader, '/api/v1/teams', { token: `tdm_${'a'.repeat(43)}` })
    expect([unknown.status, unknown.body.error.code]).toEqual([401, 'invalid_token'])
    const garbage = await call(teamsLoader, '/api/v1/teams', { token: 'not-a-token' })
    expect([garbage.status, garbage.body.error.code]).toEqual([401, 'invalid_token'])

    const revoked = await tokenFor(member)
    expect((await call(teamsLoader, '/api/v1/teams', { token: revoked.token })).status).toBe(200)
    await revokeApiToken({ workspaceId: ws.id, userId: member.id }, revoked.id)
    const afterRevoke = await call(teamsLoader, '/api/v1/teams', { token: revoked.token })
    expect([afterRevoke.status, afterRevoke.body.error.code]).toEqual([401, 'token_revoked'])

    const expired = await tokenFor(member, ALL, { expiresAt: new Date(Date.now() - 1000) })
    const res = await call(teamsLoader, '/api/v1/teams', { token: expired.token })
    expect([res.status, res.body.error.code]).toEqual([401, 'token_expired'])
  })

  it('makes a client that keeps sending tokens that do not work wait (429), while a working token still works', async () => {
    const { member } = await setup()
    const { token } = await tokenFor(member)
    const from = { clientAddress: '203.0.113.7' }
    const bad = `tdm_${'b'.repeat(43)}`
    let blocked: Awaited<ReturnType<typeof call>> | null = null
    for (let i = 0; i < 30 && !blocked; i++) {
      const res = await call(teamsLoader, '/api/v1/teams', { token: bad }, {}, from)
      if (res.status === 429) blocked = res
      else expect(res.status).toBe(401)
    }
    expect(blocked?.body.error.code).toBe('too_many_requests')
    expect(Number(blocked?.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect((await call(teamsLoader, '/api/v1/teams', { token }, {}, from)).status).toBe(200)
    // Another address is not held up by this one.
    expect((await call(teamsLoader, '/api/v1/teams', { token: bad }, {}, { clientAddress: '198.51.100.1' })).status).toBe(401)
  })

  it('stops the tokens of a deactivated person at once', async () => {
    const { member, ws } = await setup()
    const admin = await createUser(ws.id, { isAdmin: true })
    const { token } = await tokenFor(member)
    await deactivateUser(ws.id, admin.id, member.id)
    const res = await call(teamsLoader, '/api/v1/teams', { token })
    expect([res.status, res.body.error.code]).toEqual([401, 'token_inactive'])
  })

  it('marks a token used, so its page can say when', async () => {
    const { member } = await setup()
    const { token, id } = await tokenFor(member)
    await call(teamsLoader, '/api/v1/teams', { token })
    const [row] = await query<{ last_used_at: string | null }>(sql`select last_used_at from api_tokens where id = ${id}`)
    expect(row.last_used_at).not.toBeNull()
  })

  it('answers each route without its scope with a 403 that names the scope, and changes nothing', async () => {
    const { member, leader, team } = await setup()
    const none = await tokenFor(member, [])
    const forLeader = await tokenFor(leader, ['teams:read'])
    const cases = [
      [teamsLoader, '/api/v1/teams', {}, 'teams:read', none.token],
      [featuresLoader, `/api/v1/features?teamId=${team.id}`, {}, 'features:read', none.token],
      [featuresAction, '/api/v1/features', { json: { teamId: team.id, ...FEATURE } }, 'features:write', none.token],
      [dashboardApi, '/api/v1/dashboard', {}, 'dashboard:read', forLeader.token],
    ] as const
    for (const [handler, path, init, scope, token] of cases) {
      const res = await call(handler, path, { ...init, token })
      expect([res.status, res.body.error.code], path).toEqual([403, 'insufficient_scope'])
      expect(res.body.error.message).toContain(scope)
    }
    expect(await query(sql`select id from features where team_id = ${team.id}`)).toEqual([])
  })

  it('answers a wrong method with a 405 that lists the right ones', async () => {
    const { member } = await setup()
    const { token } = await tokenFor(member)
    const res = await call(teamsAction, '/api/v1/teams', { token, method: 'DELETE' })
    expect(res.status).toBe(405)
    expect(res.headers.get('Allow')).toBe('GET')
    expect(res.body.error.code).toBe('method_not_allowed')
  })
})

describe('API: teams', () => {
  it("lists the owner's teams, a page at a time; an admin's token sees every team", async () => {
    const { member, ws, team } = await setup()
    const third = await createTeam(ws.id, 'Billing')
    await addMember(third, member, 'facilitator')
    const { token } = await tokenFor(member)
    const first = await call(teamsLoader, '/api/v1/teams?limit=1', { token })
    expect(first.status).toBe(200)
    expect(first.body.data).toEqual([{ id: third.id, name: 'Billing', role: 'facilitator', memberCount: 1 }])
    const second = await call(teamsLoader, `/api/v1/teams?limit=1&cursor=${first.body.nextCursor}`, { token })
    expect(second.body.data.map((t: { name: string }) => t.name)).toEqual(['Payments'])
    expect(second.body.data[0].id).toBe(team.id)
    expect(second.body.nextCursor).toBeNull()

    const admin = await createUser(ws.id, { isAdmin: true })
    const all = await call(teamsLoader, '/api/v1/teams', { token: (await tokenFor(admin)).token })
    expect(all.body.data.map((t: { name: string }) => t.name)).toEqual(['Billing', 'Payments', 'Search'])
  })

  it('refuses a bad page size with a 422 naming the field', async () => {
    const { member } = await setup()
    const { token } = await tokenFor(member)
    const res = await call(teamsLoader, '/api/v1/teams?limit=1000', { token })
    expect(res.status).toBe(422)
    expect(res.body.error.fields.limit).toEqual(['limit must be at most 100'])
  })
})

describe('API: features', () => {
  it('logs a feature with the form’s checks and classification, then reads and edits it', async () => {
    const { member, team } = await setup()
    const { token } = await tokenFor(member)
    const created = await call(featuresAction, '/api/v1/features', { token, json: { teamId: team.id, ...FEATURE } })
    expect(created.status).toBe(201)
    expect(created.body.data).toMatchObject({
      name: 'Churn alerts',
      teamId: team.id,
      plannedDays: 10,
      actualDays: 10,
      classification: 'collaboration',
    })
    const id = created.body.data.id

    const list = await call(featuresLoader, `/api/v1/features?teamId=${team.id}`, { token })
    expect(list.body).toMatchObject({ total: 1, nextCursor: null, data: [{ id, name: 'Churn alerts' }] })

    const patched = await call(
      featureAction,
      `/api/v1/features/${id}`,
      { token, method: 'PATCH', json: { engineeringJoinedStage: 'handoff', question: 'how_fast' } },
      { featureId: id },
    )
    expect(patched.status).toBe(200)
    expect(patched.body.data).toMatchObject({ name: 'Churn alerts', engineeringJoinedStage: 'handoff', classification: 'handoff' })
    const read = await call(featureLoader, `/api/v1/features/${id}`, { token }, { featureId: id })
    expect(read.body.data.classification).toBe('handoff')
    // Sending back a field as GET shows it says what to send instead.
    const readShape = await call(
      featureAction,
      `/api/v1/features/${id}`,
      { token, method: 'PATCH', json: { plannedDays: 3 } },
      { featureId: id },
    )
    expect(readShape.status).toBe(422)
    expect(readShape.body.error.fields).toEqual({ plannedDays: ['Read-only here: send planned and plannedUnit'] })
  })

  it('refuses what the form refuses, with a 422 and the form’s messages by field, and writes nothing', async () => {
    const { member, team } = await setup()
    const { token } = await tokenFor(member)
    const res = await call(featuresAction, '/api/v1/features', {
      token,
      json: { teamId: team.id, ...FEATURE, shippedOn: '2026-05-01', shippedAs: 'differently', planned: 'lots', colour: 'blue' },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.fields).toEqual({ colour: ['Unknown field'] })
    const typed = await call(featuresAction, '/api/v1/features', {
      token,
      json: { teamId: team.id, ...FEATURE, shippedOn: '2026-05-01', shippedAs: 'differently', planned: 'lots' },
    })
    expect(typed.status).toBe(422)
    expect(typed.body.error.fields).toMatchObject({
      shippedOn: ['It cannot ship before work began'],
      changeWhat: ['Say what changed'],
      planned: ['The planned effort must be a number, like 2 or 0.5'],
    })
    expect(await query(sql`select id from features where team_id = ${team.id}`)).toEqual([])
  })

  it('answers a body that is not JSON with a 415, and broken JSON with a 400 that says why', async () => {
    const { member, team } = await setup()
    const { token } = await tokenFor(member)
    const form = await call(featuresAction, '/api/v1/features', {
      token,
      body: `teamId=${team.id}`,
      contentType: 'application/x-www-form-urlencoded',
    })
    expect([form.status, form.body.error.code]).toEqual([415, 'unsupported_media_type'])
    const broken = await call(featuresAction, '/api/v1/features', { token, body: '{"teamId": ' })
    expect([broken.status, broken.body.error.code]).toEqual([400, 'invalid_json'])
    expect(broken.body.error.message).toMatch(/^The body is not valid JSON: /)
    const list = await call(featuresAction, '/api/v1/features', { token, json: [FEATURE] })
    expect([list.status, list.body.error.message]).toEqual([422, 'The body must be a JSON object of fields.'])
    const nested = await call(featuresAction, '/api/v1/features', { token, json: { teamId: team.id, ...FEATURE, name: { first: 'x' } } })
    expect(nested.body.error.fields).toEqual({ name: ['Must be a string, a number, true/false or null'] })
  })

  it("answers another workspace's team or feature, and a team the owner is not on, with a 404", async () => {
    const { member, team, other } = await setup()
    const { token } = await tokenFor(member)
    const elsewhere = await setup()
    const theirs = await tokenFor(elsewhere.member)
    const made = await call(featuresAction, '/api/v1/features', { token: theirs.token, json: { teamId: elsewhere.team.id, ...FEATURE } })
    const foreignId = made.body.data.id
    for (const teamId of [elsewhere.team.id, other.id, 'not-a-uuid']) {
      const res = await call(featuresAction, '/api/v1/features', { token, json: { teamId, ...FEATURE } })
      expect([res.status, res.body.error.code], teamId).toEqual([404, 'not_found'])
      expect((await call(featuresLoader, `/api/v1/features?teamId=${teamId}`, { token })).status).toBe(404)
    }
    expect((await call(featureLoader, `/api/v1/features/${foreignId}`, { token }, { featureId: foreignId })).status).toBe(404)
    const patch = await call(
      featureAction,
      `/api/v1/features/${foreignId}`,
      { token, method: 'PATCH', json: { name: 'Mine now' } },
      { featureId: foreignId },
    )
    expect(patch.status).toBe(404)
    const [row] = await query<{ name: string }>(sql`select name from features where id = ${foreignId}`)
    expect(row.name).toBe('Churn alerts')
    expect((await call(featuresLoader, `/api/v1/features`, { token })).body.error.fields.teamId).toBeDefined()
    void team
  })

  it('lets a leader read the log but not write it, as the form does', async () => {
    const { leader, team } = await setup()
    const { token } = await tokenFor(leader)
    expect((await call(featuresLoader, `/api/v1/features?teamId=${team.id}`, { token })).status).toBe(200)
    const res = await call(featuresAction, '/api/v1/features', { token, json: { teamId: team.id, ...FEATURE } })
    expect([res.status, res.body.error.code]).toEqual([403, 'forbidden'])
  })

  it('lets a workspace token write to any team of its workspace, without an author, until its admin is no longer one', async () => {
    const { ws, other } = await setup()
    const admin = await createUser(ws.id, { isAdmin: true })
    const second = await createUser(ws.id, { isAdmin: true })
    const { token } = await createApiToken({
      workspaceId: ws.id,
      userId: null,
      createdBy: admin.id,
      name: 'CI',
      scopes: ['features:write'],
      expiresAt: null,
    })
    const res = await call(featuresAction, '/api/v1/features', { token, json: { teamId: other.id, ...FEATURE } })
    expect(res.status).toBe(201)
    const [row] = await query<{ created_by: string | null }>(sql`select created_by from features where id = ${res.body.data.id}`)
    expect(row.created_by).toBeNull()
    await setAdmin(ws.id, admin.id, false)
    const after = await call(featuresAction, '/api/v1/features', { token, json: { teamId: other.id, ...FEATURE } })
    expect([after.status, after.body.error.code]).toEqual([401, 'token_inactive'])
    void second
  })
})

describe('API: dashboard', () => {
  it('gives what the dashboard page’s model gives the same leader, and no score for a team below k', async () => {
    const ws = await createWorkspace()
    const alpha = await createTeam(ws.id, 'Alpha')
    const beta = await createTeam(ws.id, 'Beta')
    const leader = await createMember(alpha, 'leader', 'product')
    await addMember(beta, leader, 'leader', 'product')
    await rolledUpRound(alpha, { closedAt: '2026-03-10T12:00:00Z', cells: cells(6, 6), eligible: 8 })
    await rolledUpRound(beta, { closedAt: '2026-03-12T12:00:00Z', cells: cells(3, 2), eligible: 4 })
    const { token } = await tokenFor(leader)
    const range = 'from=2026-01-01&to=2026-06-30'

    const api = await call(dashboardApi, `/api/v1/dashboard?${range}`, { token })
    expect(api.status).toBe(200)
    const heat = api.body.data.heatmap.rows
    expect(heat.find((r: { teamId: string }) => r.teamId === beta.id)).toMatchObject({ respectIndex: null, n: null, status: 'unknown' })
    expect(heat.find((r: { teamId: string }) => r.teamId === alpha.id)).toMatchObject({ respectIndex: 83.3, n: 6 })
    expect(api.text).not.toContain('16.7')
    const respect = api.body.data.respect.points.find((p: { teamId: string }) => p.teamId === beta.id)
    expect(respect).toMatchObject({ period: '2026-03', respectIndex: null, n: null })

    // The page's loader for the same person and filters: the same sections, number for number.
    const page = await settle(async () =>
      dashboardPage({ request: await request(`/dashboard?${range}`, { user: leader }), params: {}, context: {} }),
    )
    const shown = (await page.json()).dashboard
    for (const key of ['heatmap', 'respect', 'failures', 'indicators', 'k', 'filters'] as const) {
      expect(api.body.data[key], key).toEqual(shown[key])
    }
  })

  it('refuses someone who leads no team (403), a team they do not lead (404) and bad filters (422)', async () => {
    const { member, leader, other } = await setup()
    const res = await call(dashboardApi, '/api/v1/dashboard', { token: (await tokenFor(member)).token })
    expect([res.status, res.body.error.code]).toEqual([403, 'forbidden'])
    const { token } = await tokenFor(leader)
    expect((await call(dashboardApi, `/api/v1/dashboard?team=${other.id}`, { token })).status).toBe(404)
    const bad = await call(dashboardApi, '/api/v1/dashboard?from=2026-13-01', { token })
    expect(bad.status).toBe(422)
    expect(bad.body.error.fields.from.length).toBeGreaterThan(0)
  })
})
