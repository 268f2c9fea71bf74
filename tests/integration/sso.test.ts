import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { action as ssoSettingsAction, loader as ssoSettingsLoader } from '~/routes/admin.sso'
import { loader as callbackLoader } from '~/routes/auth.sso.callback'
import { action as startAction } from '~/routes/auth.sso.start'
import { action as welcomeAction, loader as welcomeLoader } from '~/routes/auth.sso.welcome'
import { action as loginAction, loader as loginLoader } from '~/routes/login'
import { action as forgotAction } from '~/routes/forgot-password'
import { getUserByEmail } from '~/models/user.server'
import { getCurrentSession } from '~/utils/session.server'
import { appUrl } from '~/utils/urls.server'
import { unseal } from '~/utils/sealed.server'
import { createUser, createWorkspace, PASSWORD, query, request, settle } from '../factories'
import { startProvider, type TestProvider } from '../support/oidc-provider'

const ctx = { context: {}, params: {} }
let provider: TestProvider

beforeAll(async () => {
  provider = await startProvider({ redirectUri: appUrl('/auth/sso/callback') })
})
afterAll(() => provider.close())
beforeEach(() => provider.tamper(null))

async function setUpWorkspace({ domains = 'example.com', passwordSignIn = 'everyone' } = {}) {
  const ws = await createWorkspace()
  const admin = await createUser(ws.id, { isAdmin: true, email: `admin-${ws.id.slice(0, 8)}@example.org` })
  const res = await settle(async () =>
    ssoSettingsAction({
      ...ctx,
      request: await request('/admin/sso', {
        user: admin,
        form: {
          enabled: 'on',
          label: 'Acme SSO',
          issuer: provider.issuer,
          clientId: provider.clientId,
          clientSecret: provider.clientSecret,
          allowedDomains: domains,
          passwordSignIn,
          breakGlassUserId: admin.id,
        },
      }),
    }),
  )
  expect(res.status).toBe(302)
  return { ws, admin }
}

/** A browser signing in: Tandem's start action, the provider, then the callback with the cookie the start set. */
async function signInAs(workspaceId: string, subject: string, { replay = false } = {}) {
  provider.as(subject)
  const start = await settle(async () =>
    startAction({ ...ctx, request: await request('/auth/sso/start', { form: { workspaceId, redirectTo: '/teams' } }) }),
  )
  expect(start.status).toBe(302)
  const ssoCookie = start.headers.get('Set-Cookie')!.split(';')[0]
  const back = await provider.authorize(start.headers.get('Location')!)
  const call = () => settle(async () => callbackLoader({ ...ctx, request: new Request(back, { headers: { Cookie: ssoCookie } }) }))
  const first = await call()
  return replay ? { first, second: await call() } : { first, second: null }
}

async function messageOf(res: Response) {
  return ((await res.json()) as { message: string }).message
}

describe('single sign-on with a real OpenID provider', () => {
  it('links an existing account by verified email, signs it in, and follows the subject afterwards', async () => {
    const { ws } = await setUpWorkspace()
    const pat = await createUser(ws.id, { email: 'pat@example.com' })
    provider.accounts.set('sub-pat', { email: 'PAT@example.com', email_verified: true, name: 'Pat' })
    const { first } = await signInAs(ws.id, 'sub-pat')
    expect(first.status).toBe(302)
    expect(first.headers.get('Location')).toBe('/teams')
    const cookie = first.headers
      .getSetCookie()
      .find((c) => c.startsWith('__tandem='))!
      .split(';')[0]
    expect((await getCurrentSession(new Request('http://localhost/', { headers: { Cookie: cookie } })))?.user.id).toBe(pat.id)
    // The provider changes the email: the linked subject still signs Pat in.
    provider.accounts.set('sub-pat', { email: 'pat.new@elsewhere.net', email_verified: true })
    expect((await signInAs(ws.id, 'sub-pat')).first.status).toBe(302)
  })

  it('makes an account at the first sign-in for an allowed domain, with the discipline chosen then', async () => {
    const { ws } = await setUpWorkspace({ domains: 'example.com\ncorp.example.com' })
    provider.accounts.set('sub-new', { email: 'new.person@corp.example.com', email_verified: true, name: 'New Person' })
    const { first } = await signInAs(ws.id, 'sub-new')
    expect(first.status).toBe(302)
    expect(first.headers.get('Location')).toBe('/auth/sso/welcome')
    const pending = first.headers.get('Set-Cookie')!.split(';')[0]
    const page = await settle(async () =>
      welcomeLoader({ ...ctx, request: new Request('http://localhost/auth/sso/welcome', { headers: { Cookie: pending } }) }),
    )
    expect(await page.json()).toEqual({ email: 'new.person@corp.example.com', name: 'New Person' })
    const welcome = (form: Record<string, string>) =>
      settle(async () => welcomeAction({ ...ctx, request: await request('/auth/sso/welcome', { cookie: pending, form }) }))
    const bad = await welcome({ name: 'New Person', discipline: 'astrology' })
    expect(bad.status).toBe(422)
    expect((await bad.json()).errors.discipline[0]).toBe('Pick the discipline you work in')
    expect(await getUserByEmail('new.person@corp.example.com')).toBeNull()
    const made = await welcome({ name: 'New Person', discipline: 'engineering' })
    expect(made.status).toBe(302)
    expect(made.headers.get('Location')).toBe('/teams')
    const user = await getUserByEmail('new.person@corp.example.com')
    expect(user).toMatchObject({ name: 'New Person', discipline: 'engineering', isAdmin: false, workspaceId: ws.id })
    // No password was set that anyone knows.
    const login = await settle(async () =>
      loginAction({ ...ctx, request: await request('/login', { form: { email: 'new.person@corp.example.com', password: PASSWORD } }) }),
    )
    expect(login.status).toBe(401)
  })

  it('refuses an email outside the allowed domains, an unverified email, and a replayed callback, each with a reason', async () => {
    const { ws } = await setUpWorkspace({ domains: 'example.com' })
    provider.accounts.set('sub-out', { email: 'someone@gmail.test', email_verified: true })
    const outside = (await signInAs(ws.id, 'sub-out')).first
    expect(outside.status).toBe(403)
    expect(await messageOf(outside)).toMatch(/addresses at gmail\.test do not get one automatically/)

    await createUser(ws.id, { email: 'unverified@example.com' })
    provider.accounts.set('sub-unverified', { email: 'unverified@example.com', email_verified: false })
    const unverified = (await signInAs(ws.id, 'sub-unverified')).first
    expect(unverified.status).toBe(403)
    expect(await messageOf(unverified)).toMatch(/has not verified this email/)
    expect(await query(sql`select 1 from user_identities where subject = 'sub-unverified'`)).toHaveLength(0)

    await createUser(ws.id, { email: 'replay@example.com' })
    provider.accounts.set('sub-replay', { email: 'replay@example.com', email_verified: true })
    const { first, second } = await signInAs(ws.id, 'sub-replay', { replay: true })
    expect(first.status).toBe(302)
    expect(second!.status).toBe(400)
    expect(await messageOf(second!)).toMatch(/already completed or cancelled/)
    expect(second!.headers.getSetCookie().some((c) => c.startsWith('__tandem='))).toBe(false)
  })

  it('refuses an ID token for another audience and an expired one, and shows the last error to the admin', async () => {
    const { ws, admin } = await setUpWorkspace()
    await createUser(ws.id, { email: 'aud@example.com' })
    provider.accounts.set('sub-aud', { email: 'aud@example.com', email_verified: true })
    provider.tamper({ aud: 'some-other-app' })
    const wrongAudience = (await signInAs(ws.id, 'sub-aud')).first
    expect(wrongAudience.status).toBe(401)
    expect(await messageOf(wrongAudience)).toBe('The sign-in token was issued to another application, not to Tandem. Nobody was signed in.')

    const now = Math.floor(Date.now() / 1000)
    provider.tamper({ iat: now - 7200, exp: now - 3600 })
    const expired = (await signInAs(ws.id, 'sub-aud')).first
    expect(expired.status).toBe(401)
    expect(await messageOf(expired)).toBe('The sign-in token has expired. Nobody was signed in; start again.')
    expect(await query(sql`select 1 from user_identities where subject = 'sub-aud'`)).toHaveLength(0)

    const page = await settle(async () => ssoSettingsLoader({ ...ctx, request: await request('/admin/sso', { user: admin }) }))
    const { settings } = (await page.json()) as { settings: { lastError: string } }
    expect(settings.lastError).toMatch(/OAUTH_JWT_TIMESTAMP_CHECK_FAILED/)
  })

  it('keeps the client secret sealed and never sends it to the page', async () => {
    const { ws, admin } = await setUpWorkspace()
    const [row] = await query<{ client_secret_sealed: string }>(
      sql`select client_secret_sealed from sso_settings where workspace_id = ${ws.id}`,
    )
    expect(row.client_secret_sealed).not.toContain(provider.clientSecret)
    expect(unseal(row.client_secret_sealed)).toBe(provider.clientSecret)
    // Change a whole character inside the ciphertext (the last one may carry only padding bits).
    const at = row.client_secret_sealed.lastIndexOf('.') + 2
    const flipped = row.client_secret_sealed[at] === 'A' ? 'Q' : 'A'
    expect(unseal(row.client_secret_sealed.slice(0, at) + flipped + row.client_secret_sealed.slice(at + 1))).toBeNull()
    const page = await settle(async () => ssoSettingsLoader({ ...ctx, request: await request('/admin/sso', { user: admin }) }))
    expect(await page.text()).not.toContain(provider.clientSecret)
  })

  it('with password sign-in off, only the break-glass admin signs in with a password, and nobody else can reset one', async () => {
    const { ws, admin } = await setUpWorkspace({ passwordSignIn: 'break-glass' })
    const member = await createUser(ws.id, { email: 'member@example.com' })
    // Earlier tests in this file left other workspaces' settings behind.
    await query(sql`delete from sso_settings where workspace_id <> ${ws.id}`)
    const page = await settle(async () => loginLoader({ ...ctx, request: await request('/login') }))
    expect(await page.json()).toMatchObject({ passwordsOff: true, sso: [{ workspaceId: ws.id, label: 'Acme SSO' }] })
    const login = (email: string) =>
      settle(async () => loginAction({ ...ctx, request: await request('/login', { form: { email, password: PASSWORD } }) }))
    const refused = await login(member.email)
    expect(refused.status).toBe(403)
    expect((await refused.json()).formError).toMatch(/Password sign-in is turned off/)
    expect((await login(admin.email)).status).toBe(302)
    const before = await query(sql`select 1 from outbox where to_address = ${member.email}`)
    const forgot = await settle(async () =>
      forgotAction({ ...ctx, request: await request('/forgot-password', { form: { email: member.email } }) }),
    )
    expect(forgot.status).toBeLessThan(400)
    expect(await query(sql`select 1 from outbox where to_address = ${member.email}`)).toHaveLength(before.length)
  })

  it('refuses settings that would lock people out or talk to a provider in clear text', async () => {
    const ws = await createWorkspace()
    const admin = await createUser(ws.id, { isAdmin: true })
    const save = (form: Record<string, string>) =>
      settle(async () => ssoSettingsAction({ ...ctx, request: await request('/admin/sso', { user: admin, form }) }))
    const base = { label: 'SSO', issuer: provider.issuer, clientId: provider.clientId, clientSecret: 'x', passwordSignIn: 'everyone' }
    const http = await save({ ...base, enabled: 'on', issuer: 'http://login.example.com' })
    expect(http.status).toBe(422)
    expect((await http.json()).errors.issuer[0]).toBe('The issuer must use https')
    const off = await save({ ...base, passwordSignIn: 'break-glass', breakGlassUserId: admin.id })
    expect(off.status).toBe(422)
    expect((await off.json()).errors.passwordSignIn[0]).toMatch(/Turn single sign-on on/)
    const unreachable = await save({ ...base, enabled: 'on', issuer: 'http://127.0.0.1:9/nothing' })
    expect(unreachable.status).toBe(422)
    expect((await unreachable.json()).errors.issuer[0]).toMatch(/could not read the provider's configuration/)
    expect(await query(sql`select 1 from sso_settings where workspace_id = ${ws.id}`)).toHaveLength(0)
  })
})
