import { describe, expect, it } from 'vitest'
import { loader as homeLoader } from '~/routes/_index'
import { action as loginAction, loader as loginLoader } from '~/routes/login'
import { loader as rootLoader } from '~/root'
import { createUser, createWorkspace, PASSWORD, request, settle } from '../factories'

const ctx = { context: {}, params: {} }

describe('workspace names', () => {
  it('shows each person their own workspace, and signed-out pages none at all', async () => {
    await createWorkspace({ name: 'First Corp' })
    const second = await createWorkspace({ name: 'Second Ltd' })
    const user = await createUser(second.id)
    const home = await settle(async () => homeLoader({ ...ctx, request: await request('/', { user }) }))
    const data = await home.json()
    expect(data.workspaceName).toBe('Second Ltd')
    expect(JSON.stringify(data)).not.toContain('First Corp')

    for (const load of [loginLoader, rootLoader]) {
      const res = await settle(async () => load({ ...ctx, request: await request('/login') }))
      expect(res.status).toBe(200)
      const text = await res.text()
      expect(text).not.toContain('First Corp')
      expect(text).not.toContain('Second Ltd')
    }
    const signedOutHome = await settle(async () => homeLoader({ ...ctx, request: await request('/') }))
    expect(signedOutHome.headers.get('Location')).toBe('/login')
  })
})

describe('redirect after sign-in', () => {
  const hostile = [
    '/\t/evil.example',
    '/%09/evil.example',
    '//evil.example',
    '/\\evil.example',
    '/\n/evil.example',
    '/.//evil.example',
    'https://evil.example',
    'https:evil.example',
    'javascript:alert(1)',
    '\\\\evil.example',
  ]

  it.each(hostile)('keeps a genuine sign-in on the site for redirectTo=%j', async (redirectTo) => {
    const ws = await createWorkspace()
    const user = await createUser(ws.id)
    const res = await settle(async () =>
      loginAction({ ...ctx, request: await request('/login', { form: { email: user.email, password: PASSWORD, redirectTo } }) }),
    )
    expect(res.status).toBe(302)
    const location = res.headers.get('Location') ?? ''
    expect(new URL(location, 'http://localhost').origin).toBe('http://localhost')
    expect(location).not.toMatch(/[\t\n\r\\]/)
  })

  it('still goes back to the page that asked for sign-in', async () => {
    const ws = await createWorkspace()
    const user = await createUser(ws.id)
    const res = await settle(async () =>
      loginAction({
        ...ctx,
        request: await request('/login', { form: { email: user.email, password: PASSWORD, redirectTo: '/teams?tab=mine' } }),
      }),
    )
    expect(res.headers.get('Location')).toBe('/teams?tab=mine')
  })
})
