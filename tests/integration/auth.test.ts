import { describe, expect, it } from 'vitest'
import { action as loginAction, loader as loginLoader } from '~/routes/login'
import { action as onboardingAction, loader as onboardingLoader } from '~/routes/onboarding'
import { loader as teamLoader } from '~/routes/teams.$teamId'
import { loader as healthLoader } from '~/routes/healthz'
import { getUserByEmail } from '~/models/user.server'
import { getUser } from '~/utils/auth.server'
import { verifyPassword } from '~/utils/password.server'
import { createMember, createTeam, createUser, createWorkspace, PASSWORD, request, settle } from '../factories'

const ctx = { context: {}, params: {} }

describe('onboarding', () => {
  it('rejects bad input with field errors and writes nothing', async () => {
    const res = await settle(async () =>
      onboardingAction({
        ...ctx,
        request: await request('/onboarding', {
          form: { workspaceName: '', timeZone: 'Mars/Base', name: 'A', email: 'nope', password: 'short' },
        }),
      }),
    )
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.errors.workspaceName).toBeTruthy()
    expect(body.errors.timeZone[0]).toMatch(/time zone/)
    expect(body.errors.email[0]).toMatch(/valid email/)
    expect(body.errors.password[0]).toMatch(/10 characters/)
    expect(body.values).toMatchObject({ name: 'A', email: 'nope' })
    expect(body.values.password).toBeUndefined()
    expect(await getUserByEmail('nope')).toBeNull()
  })

  it('creates the workspace and owner once, then closes', async () => {
    const form = {
      workspaceName: 'Acme',
      timeZone: 'Europe/Berlin',
      name: 'Olive Owner',
      email: 'Owner@Example.com',
      password: 'a long enough password',
    }
    const res = await settle(async () => onboardingAction({ ...ctx, request: await request('/onboarding', { form }) }))
    expect(res.status).toBe(302)
    expect(res.headers.get('Set-Cookie')).toMatch(/__tandem=.*HttpOnly.*SameSite=Lax/i)
    const owner = await getUserByEmail('owner@example.com')
    expect(owner?.isAdmin).toBe(true)
    expect(owner?.passwordHash).toMatch(/^scrypt\$/)
    expect(await verifyPassword('a long enough password', owner!.passwordHash)).toBe(true)

    const again = await settle(async () =>
      onboardingAction({ ...ctx, request: await request('/onboarding', { form: { ...form, email: 'second@example.com' } }) }),
    )
    expect(again.status).toBe(302)
    expect(again.headers.get('Location')).toBe('/login')
    expect(await getUserByEmail('second@example.com')).toBeNull()
    const page = await settle(async () => onboardingLoader())
    expect(page.headers.get('Location')).toBe('/login')
  })
})

describe('sign-in', () => {
  it('signs in with the right password and refuses the wrong one', async () => {
    const ws = await createWorkspace()
    const user = await createUser(ws.id, { email: 'pat@example.com' })
    const bad = await settle(async () =>
      loginAction({ ...ctx, request: await request('/login', { form: { email: 'pat@example.com', password: 'wrong password' } }) }),
    )
    expect(bad.status).toBe(401)
    expect((await bad.json()).formError).toBe('Email or password is incorrect.')
    const ok = await settle(async () =>
      loginAction({
        ...ctx,
        request: await request('/login', { form: { email: 'PAT@example.com', password: PASSWORD, redirectTo: '/teams' } }),
      }),
    )
    expect(ok.status).toBe(302)
    expect(ok.headers.get('Location')).toBe('/teams')
    // A signed-in person visiting /login goes home.
    const cookie = ok.headers.get('Set-Cookie')!.split(';')[0]
    const visit = await settle(async () =>
      loginLoader({ ...ctx, request: new Request('http://localhost/login', { headers: { Cookie: cookie } }) }),
    )
    expect(visit.headers.get('Location')).toBe('/')
    // The session belongs to the person who signed in.
    expect((await getUser(new Request('http://localhost/', { headers: { Cookie: cookie } })))?.id).toBe(user.id)
  })

  it('never redirects to another site after sign-in', async () => {
    const ws = await createWorkspace()
    await createUser(ws.id, { email: 'redir@example.com' })
    const res = await settle(async () =>
      loginAction({
        ...ctx,
        request: await request('/login', { form: { email: 'redir@example.com', password: PASSWORD, redirectTo: '//evil.example' } }),
      }),
    )
    expect(res.headers.get('Location')).toBe('/')
  })

  it('makes a client that keeps failing wait, and never locks the real person out', async () => {
    const ws = await createWorkspace()
    await createUser(ws.id, { email: 'locked@example.com' })
    const attacker = { ...ctx, context: { clientAddress: '203.0.113.9' } }
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) {
      const r = await settle(async () =>
        loginAction({ ...attacker, request: await request('/login', { form: { email: 'locked@example.com', password: `wrong ${i}` } }) }),
      )
      statuses.push(r.status)
    }
    // Three free tries, then a wait that the fourth failure started.
    expect(statuses).toEqual([401, 401, 401, 401, 429])
    // The person themselves, from their own address, signs in at once.
    const owner = { ...ctx, context: { clientAddress: '198.51.100.20' } }
    const res = await settle(async () =>
      loginAction({ ...owner, request: await request('/login', { form: { email: 'locked@example.com', password: PASSWORD } }) }),
    )
    expect(res.status).toBe(302)
  })
})

describe('team permissions', () => {
  it('lets members in, keeps outsiders out with 403, and unknown ids are 404', async () => {
    const ws = await createWorkspace()
    const team = await createTeam(ws.id)
    const other = await createTeam(ws.id)
    const member = await createMember(team)
    const outsider = await createMember(other)
    const ok = await settle(async () =>
      teamLoader({ ...ctx, params: { teamId: team.id }, request: await request(`/teams/${team.id}`, { user: member }) }),
    )
    expect(ok.status).toBe(200)
    const forbidden = await settle(async () =>
      teamLoader({ ...ctx, params: { teamId: team.id }, request: await request(`/teams/${team.id}`, { user: outsider }) }),
    )
    expect(forbidden.status).toBe(403)
    const missing = await settle(async () =>
      teamLoader({ ...ctx, params: { teamId: 'not-a-uuid' }, request: await request('/teams/x', { user: member }) }),
    )
    expect(missing.status).toBe(404)
    const anon = await settle(async () => teamLoader({ ...ctx, params: { teamId: team.id }, request: await request(`/teams/${team.id}`) }))
    expect(anon.status).toBe(302)
    expect(anon.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
  })

  it('hides a team of another workspace as 404', async () => {
    const ws = await createWorkspace()
    const ws2 = await createWorkspace({ name: 'Other Co' })
    const foreign = await createTeam(ws2.id)
    const admin = await createUser(ws.id, { isAdmin: true })
    const res = await settle(async () =>
      teamLoader({ ...ctx, params: { teamId: foreign.id }, request: await request(`/teams/${foreign.id}`, { user: admin }) }),
    )
    expect(res.status).toBe(404)
  })
})

describe('healthz', () => {
  it('reports the database up', async () => {
    const res = await settle(async () => healthLoader())
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok', database: 'up' })
  })
})
