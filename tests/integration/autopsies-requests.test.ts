// Perspectives are asked of the people involved in the feature's timeline,
// the facilitator can ask others or stop asking someone, "x of y" counts the
// people asked, and the reveal is a confirmed second step that the model
// refuses without the confirmation.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { autopsies, notifications } from '../../db/schema'
import { action as autopsyAction, loader as autopsyLoader } from '~/routes/teams.$teamId.autopsies.$autopsyId'
import { action as perspectiveAction } from '~/routes/teams.$teamId.autopsies.$autopsyId_.perspective'
import { createMember, createTeam, createWorkspace, request, settle } from '../factories'
import { autopsyTeam, createAutopsy } from '../autopsy-factories'

const ctx = { context: {} }
const TEXT = 'We were handed the finished spec and asked only how fast we could build it.'
type User = { id: string }

async function setup() {
  const ws = await createWorkspace()
  const team = await createTeam(ws.id)
  const people = await autopsyTeam(team)
  // Design worked on no stage of the prefilled timeline (product throughout, engineering from the handoff).
  const designer = await createMember(team, 'member', 'design')
  const { autopsy } = await createAutopsy(team, people.facilitator.id)
  const params = { teamId: team.id, autopsyId: autopsy.id }
  const path = `/teams/${team.id}/autopsies/${autopsy.id}`
  const page = async (user: User, query = '') =>
    (await settle(async () => autopsyLoader({ ...ctx, params, request: await request(`${path}${query}`, { user }) }))).json()
  const act = async (user: User, form: Record<string, string>) =>
    settle(async () => autopsyAction({ ...ctx, params, request: await request(path, { user, form }) }))
  const write = async (user: User) =>
    settle(async () =>
      perspectiveAction({ ...ctx, params, request: await request(`${path}/perspective`, { user, form: { body: TEXT, originStage: '' } }) }),
    )
  const asked = async (user: User) => {
    const db = await getDb()
    const rows = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.workspaceId, ws.id), eq(notifications.userId, user.id)))
    return rows.filter((n) => n.message.startsWith('Write your perspective')).length
  }
  const stage = async () => {
    const db = await getDb()
    const [row] = await db.select({ stage: autopsies.stage }).from(autopsies).where(eq(autopsies.id, autopsy.id))
    return row.stage
  }
  return { team, ...people, designer, page, act, write, asked, stage }
}

const names = (list: { name: string }[]) => list.map((p) => p.name).sort()

describe('perspectives asked of the people involved', () => {
  it('asks, and notifies, only the people whose discipline is on the timeline', async () => {
    const t = await setup()
    const draft = await t.page(t.facilitator)
    expect(names(draft.requests.requested)).toEqual(names([t.facilitator, t.pm, t.engineer]))
    // The leader is never asked; the designer can be.
    expect(names(draft.requests.others)).toEqual([t.designer.name])

    expect((await t.act(t.facilitator, { intent: 'start-collecting' })).status).toBe(302)
    expect(await t.asked(t.pm)).toBe(1)
    expect(await t.asked(t.engineer)).toBe(1)
    expect(await t.asked(t.designer)).toBe(0)
    expect(await t.asked(t.leader)).toBe(0)
    expect(await t.asked(t.facilitator)).toBe(0)

    const collecting = await t.page(t.facilitator)
    expect(collecting.requests.count).toEqual({ written: 0, requested: 3 })
  })

  it('lets the facilitator ask someone else, who is told at once, and stop asking someone who has not written', async () => {
    const t = await setup()
    await t.act(t.facilitator, { intent: 'start-collecting' })
    expect((await t.act(t.facilitator, { intent: 'request-add', userId: t.designer.id })).status).toBe(302)
    expect(await t.asked(t.designer)).toBe(1)
    expect((await t.act(t.facilitator, { intent: 'request-add', userId: t.designer.id })).status).toBe(409)
    expect((await t.act(t.facilitator, { intent: 'request-add', userId: t.leader.id })).status).toBe(422)
    // Only a facilitator changes the list.
    expect((await t.act(t.pm, { intent: 'request-add', userId: t.designer.id })).status).toBe(403)

    expect((await t.write(t.engineer)).status).toBe(302)
    const removeWriter = await t.act(t.facilitator, { intent: 'request-remove', userId: t.engineer.id })
    expect(removeWriter.status).toBe(409)
    expect((await removeWriter.json()).formError).toMatch(/already written/)
    expect((await t.act(t.facilitator, { intent: 'request-remove', userId: t.pm.id })).status).toBe(302)
    expect((await t.act(t.facilitator, { intent: 'request-remove', userId: t.leader.id })).status).toBe(404)

    const now = await t.page(t.facilitator)
    expect(names(now.requests.requested)).toEqual(names([t.facilitator, t.engineer, t.designer]))
    expect(now.requests.count).toEqual({ written: 1, requested: 3 })
  })

  it('reveals only through the confirmation, which states how many of those asked have written', async () => {
    const t = await setup()
    await t.act(t.facilitator, { intent: 'start-collecting' })
    await t.write(t.pm)
    // The first step is a page, not a change.
    const confirm = await t.page(t.facilitator, '?confirm=reveal')
    expect(confirm.confirmReveal).toBe(true)
    expect(confirm.requests.count).toEqual({ written: 1, requested: 3 })
    expect(await t.stage()).toBe('collecting')

    // A reveal without the confirmation is refused by the model, and changes nothing.
    const bare = await t.act(t.facilitator, { intent: 'reveal' })
    expect(bare.status).toBe(422)
    expect((await bare.json()).formError).toMatch(/1 of 3 have written their perspective/)
    expect(await t.stage()).toBe('collecting')

    // Someone wrote after the confirmation was shown: confirm again.
    await t.write(t.engineer)
    const stale = await t.act(t.facilitator, { intent: 'reveal', written: '1' })
    expect(stale.status).toBe(409)
    expect((await stale.json()).formError).toMatch(/now 2 of 3/)
    expect(await t.stage()).toBe('collecting')

    expect((await t.act(t.facilitator, { intent: 'reveal', written: '2' })).status).toBe(302)
    expect(await t.stage()).toBe('reviewing')
  })

  it('counts someone who writes unasked among those asked', async () => {
    const t = await setup()
    await t.act(t.facilitator, { intent: 'start-collecting' })
    expect((await t.write(t.designer)).status).toBe(302)
    const now = await t.page(t.facilitator)
    expect(now.requests.count).toEqual({ written: 1, requested: 4 })
    expect(now.requests.requested.find((p: { name: string }) => p.name === t.designer.name).written).toBe(true)
  })
})
