import { describe, expect, it } from 'vitest'
import { action, loader } from '~/routes/admin.settings'
import { getWorkspaceById } from '~/models/workspace.server'
import { createMember, createTeam, createUser, createWorkspace, request, settle } from '../factories'

const ctx = { context: {}, params: {} }

const valid = {
  name: 'Acme Product',
  timeZone: 'Europe/Berlin',
  anonymityK: '6',
  commentK: '8',
  deficitRespectIndex: '62',
  deficitDirectional: '50',
  deficitGap: '12',
  digestWeekday: '5',
  digestHour: '9',
  teamFirstDays: '3',
}

async function setup() {
  const ws = await createWorkspace()
  const admin = await createUser(ws.id, { isAdmin: true })
  return { ws, admin }
}

function post(user: { id: string }, form: Record<string, string>) {
  return settle(async () => action({ ...ctx, request: await request('/admin/settings', { user, form }) }))
}

describe('admin settings', () => {
  it('is for admins only: 403 on the loader and the action', async () => {
    const { ws } = await setup()
    const member = await createMember(await createTeam(ws.id), 'leader')
    const page = await settle(async () => loader({ ...ctx, request: await request('/admin/settings', { user: member }) }))
    expect(page.status).toBe(403)
    const save = await post(member, valid)
    expect(save.status).toBe(403)
    expect((await getWorkspaceById(ws.id))?.name).toBe('Acme')
  })

  it('shows the current settings with the documented defaults', async () => {
    const { admin } = await setup()
    const res = await settle(async () => loader({ ...ctx, request: await request('/admin/settings', { user: admin }) }))
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.settings).toMatchObject({
      name: 'Acme',
      timeZone: 'UTC',
      anonymityK: 5,
      commentK: 7,
      deficitRespectIndex: 60,
      deficitDirectional: 55,
      deficitGap: 15,
      digestWeekday: 1,
      digestHour: 8,
      teamFirst: true,
      teamFirstDays: 2,
    })
    expect(body.zones).toContain('Europe/Berlin')
  })

  it('refuses k below 3 with a field error and writes nothing', async () => {
    const { ws, admin } = await setup()
    const res = await post(admin, { ...valid, anonymityK: '2', commentK: '7' })
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.errors.anonymityK[0]).toBe('Anonymity threshold must be at least 3')
    expect(body.values).toMatchObject({ name: 'Acme Product', anonymityK: '2' })
    const after = await getWorkspaceById(ws.id)
    expect(after).toMatchObject({ name: 'Acme', anonymityK: 5, timeZone: 'UTC' })
  })

  it('refuses a comment threshold below k and writes nothing', async () => {
    const { ws, admin } = await setup()
    const res = await post(admin, { ...valid, anonymityK: '6', commentK: '5' })
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.errors.commentK[0]).toBe('Comment threshold must be at least the anonymity threshold')
    expect(await getWorkspaceById(ws.id)).toMatchObject({ anonymityK: 5, commentK: 7 })
  })

  it('refuses out-of-range, empty and unknown values by field', async () => {
    const { ws, admin } = await setup()
    const res = await post(admin, {
      ...valid,
      name: ' ',
      timeZone: 'Mars/Olympus',
      deficitRespectIndex: '101',
      deficitDirectional: '',
      deficitGap: '-1',
      digestWeekday: '8',
      digestHour: '2.5',
    })
    expect(res.status).toBe(422)
    const { errors } = await res.json()
    expect(errors.name[0]).toBe('Workspace name is required')
    expect(errors.timeZone[0]).toMatch(/time zone/)
    expect(errors.deficitRespectIndex[0]).toBe('Respect Index threshold must be at most 100')
    expect(errors.deficitDirectional[0]).toBe('Directional score threshold is required')
    expect(errors.deficitGap[0]).toBe('Perception gap threshold must be at least 0')
    expect(errors.digestWeekday[0]).toBe('Digest day must be at most 7')
    expect(errors.digestHour[0]).toBe('Digest hour must be a whole number')
    expect(await getWorkspaceById(ws.id)).toMatchObject({ name: 'Acme', deficitDirectional: 55 })
  })

  it('saves valid settings and redirects with a flash', async () => {
    const { ws, admin } = await setup()
    const res = await post(admin, valid)
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/admin/settings')
    expect(res.headers.get('Set-Cookie')).toMatch(/__tandem=/)
    expect(await getWorkspaceById(ws.id)).toMatchObject({
      name: 'Acme Product',
      timeZone: 'Europe/Berlin',
      anonymityK: 6,
      commentK: 8,
      deficitRespectIndex: 62,
      deficitDirectional: 50,
      deficitGap: 12,
      digestWeekday: 5,
      digestHour: 9,
      // The box was left unticked: team first is off, and its days are kept for when it is on again.
      teamFirst: false,
      teamFirstDays: 3,
    })
  })

  it('turns team first on with its days, refusing days out of range', async () => {
    const { ws, admin } = await setup()
    const refused = await post(admin, { ...valid, teamFirst: 'on', teamFirstDays: '15' })
    expect(refused.status).toBe(422)
    expect((await refused.json()).errors.teamFirstDays[0]).toBe('Days the team sees results first must be at most 14')
    expect((await post(admin, { ...valid, teamFirst: 'on', teamFirstDays: '4' })).status).toBe(302)
    expect(await getWorkspaceById(ws.id)).toMatchObject({ teamFirst: true, teamFirstDays: 4 })
  })

  it('only changes the admin’s own workspace', async () => {
    const { admin } = await setup()
    const other = await createWorkspace({ name: 'Other Co' })
    await post(admin, valid)
    expect(await getWorkspaceById(other.id)).toMatchObject({ name: 'Other Co', anonymityK: 5 })
  })
})
