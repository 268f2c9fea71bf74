import { describe, expect, it } from 'vitest'
import { today } from '~/domain/calendar'
import { action as roundsAction } from '~/routes/teams.$teamId.rounds'
import { loader as teamsLoader } from '~/routes/teams._index'
import { createMember, createTeam, createUser, createWorkspace, request, settle } from '../factories'

const ctx = { context: {} }

describe('the Teams list', () => {
  it('counts every team’s members, for an admin as for a member', async () => {
    const ws = await createWorkspace()
    const admin = await createUser(ws.id, { isAdmin: true })
    const big = await createTeam(ws.id)
    const empty = await createTeam(ws.id)
    const members = []
    for (let i = 0; i < 12; i++)
      members.push(await createMember(big, i === 0 ? 'facilitator' : 'member', i % 2 ? 'product' : 'engineering'))
    const list = async (user: { id: string }) =>
      (await settle(async () => teamsLoader({ ...ctx, params: {}, request: await request('/teams', { user }) }))).json()
    const forAdmin = await list(admin)
    const count = (teams: { id: string; memberCount: number }[], id: string) => teams.find((t) => t.id === id)?.memberCount
    expect(count(forAdmin.teams, big.id)).toBe(12)
    expect(count(forAdmin.teams, empty.id)).toBe(0)
    expect(count((await list(members[3])).teams, big.id)).toBe(12)
  })
})

describe('a pulse program’s start date', () => {
  it('refuses a past start date with a clear message, and takes today', async () => {
    const ws = await createWorkspace()
    const team = await createTeam(ws.id)
    const facilitator = await createMember(team, 'facilitator', 'product')
    const save = async (startDate: string) =>
      settle(async () =>
        roundsAction({
          ...ctx,
          params: { teamId: team.id },
          request: await request(`/teams/${team.id}/rounds`, {
            user: facilitator,
            form: { intent: 'program', cadence: 'biweekly', windowDays: '3', startDate, active: 'on' },
          }),
        }),
      )
    const now = today(ws.timeZone)
    const past = await save('2020-01-06')
    expect(past.status).toBe(422)
    const body = await past.json()
    expect(body.errors.startDate[0]).toBe(`The start date cannot be in the past. Choose today (${now}) or a later day.`)
    expect(body.values.startDate).toBe('2020-01-06')
    expect((await save(now)).status).toBe(302)
    // Its own start date stays acceptable once it has passed, so other settings can change.
    expect((await save(now)).status).toBe(302)
  })
})
