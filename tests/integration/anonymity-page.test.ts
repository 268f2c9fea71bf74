import { describe, expect, it } from 'vitest'
import { handle, loader } from '~/routes/anonymity'
import { createUser, createWorkspace, request, settle } from '../factories'

// Its own file, so the database starts without a workspace: the page must work
// before onboarding. The tests run in order and build on each other's rows.
async function load(user?: { id: string }) {
  const res = await settle(async () => loader({ context: {}, params: {}, request: await request('/anonymity', { user }) }))
  expect(res.status).toBe(200)
  return res.json()
}

describe('anonymity page', () => {
  it('ships no JavaScript', () => {
    expect(handle).toEqual({ scripts: false })
  })

  it('shows the defaults before any workspace exists', async () => {
    expect(await load()).toMatchObject({ k: 5, commentK: 7, fromWorkspace: false, minK: 3 })
  })

  it('tells a visitor who is not signed in the defaults, nothing about any workspace', async () => {
    await createWorkspace({ anonymityK: 6, commentK: 9 })
    expect(await load()).toMatchObject({ k: 5, commentK: 7, fromWorkspace: false, changes: null })
  })

  it('reads the viewer’s own workspace, normalised so k never falls below 3', async () => {
    const ws = await createWorkspace({ name: 'Loose Co', anonymityK: 1, commentK: 1 })
    const user = await createUser(ws.id)
    expect(await load(user)).toMatchObject({ k: 3, commentK: 3, fromWorkspace: true })
  })
})
