// Perspectives are written privately first: before the reveal, no loader
// returns anyone's text but the viewer's own, not even the facilitator's.
import { describe, expect, it } from 'vitest'
import { action as autopsyAction, loader as autopsyLoader } from '~/routes/teams.$teamId.autopsies.$autopsyId'
import { action as perspectiveAction, loader as perspectiveLoader } from '~/routes/teams.$teamId.autopsies.$autopsyId_.perspective'
import { createTeam, createWorkspace, request, settle } from '../factories'
import { autopsyTeam, createAutopsy } from '../autopsy-factories'

const ctx = { context: {} }
const PM_TEXT = 'PM-SECRET: I specced the dashboard because sales promised it to the customer.'
const ENG_TEXT = 'ENG-SECRET: We were told the dates before anyone told us the problem.'

async function setup() {
  const ws = await createWorkspace()
  const team = await createTeam(ws.id)
  const people = await autopsyTeam(team)
  const { autopsy, feature } = await createAutopsy(team, people.facilitator.id)
  const params = { teamId: team.id, autopsyId: autopsy.id }
  const path = `/teams/${team.id}/autopsies/${autopsy.id}`
  const page = async (user: { id: string }) => settle(async () => autopsyLoader({ ...ctx, params, request: await request(path, { user }) }))
  const act = async (user: { id: string }, form: Record<string, string>) =>
    settle(async () => autopsyAction({ ...ctx, params, request: await request(path, { user, form }) }))
  const write = async (user: { id: string }, body: string, originStage = '') =>
    settle(async () =>
      perspectiveAction({ ...ctx, params, request: await request(`${path}/perspective`, { user, form: { body, originStage } }) }),
    )
  const writePage = async (user: { id: string }) =>
    settle(async () => perspectiveLoader({ ...ctx, params, request: await request(`${path}/perspective`, { user }) }))
  return { ws, team, ...people, autopsy, feature, page, act, write, writePage }
}

describe('perspectives, written privately first', () => {
  it('stay hidden from every other loader until the facilitator reveals them all at once', async () => {
    const t = await setup()
    // Not open in draft.
    expect((await t.write(t.pm, PM_TEXT)).status).toBe(409)
    expect((await t.act(t.facilitator, { intent: 'start-collecting' })).status).toBe(302)

    expect((await t.write(t.pm, PM_TEXT, 'framing')).status).toBe(302)
    expect((await t.write(t.engineer, ENG_TEXT, 'spec')).status).toBe(302)

    // The engineer sees their own text and a count, never the PM's words.
    const engRes = await t.page(t.engineer)
    const engText = await engRes.clone().text()
    expect(engText).toContain('ENG-SECRET')
    expect(engText).not.toContain('PM-SECRET')
    const engData = await engRes.json()
    expect(engData.perspectives).toMatchObject({
      revealed: false,
      count: 2,
      submitters: null,
      mine: { body: ENG_TEXT, originStage: 'spec' },
    })
    // The writing page returns only their own perspective too.
    const engWrite = await (await t.writePage(t.engineer)).text()
    expect(engWrite).toContain('ENG-SECRET')
    expect(engWrite).not.toContain('PM-SECRET')

    // The facilitator sees who has written, not what.
    const facRes = await t.page(t.facilitator)
    const facText = await facRes.clone().text()
    expect(facText).not.toContain('PM-SECRET')
    expect(facText).not.toContain('ENG-SECRET')
    const facData = await facRes.json()
    expect(facData.perspectives.submitters.map((s: { name: string }) => s.name).sort()).toEqual([t.pm.name, t.engineer.name].sort())
    expect(facData.perspectives.mine).toBeNull()

    // The PM, likewise, reads only their own.
    const other = await (await t.page(t.pm)).json()
    expect(other.perspectives.mine.body).toBe(PM_TEXT)
    expect(JSON.stringify(other)).not.toContain('ENG-SECRET')

    // The reveal: everyone reads both, by discipline, without names.
    expect((await t.act(t.facilitator, { intent: 'reveal', written: '2' })).status).toBe(302)
    const revealed = await (await t.page(t.engineer)).json()
    expect(revealed.perspectives.revealed).toBe(true)
    expect(revealed.perspectives.showNames).toBe(false)
    const items = revealed.perspectives.items
    expect(items.map((p: { body: string }) => p.body).sort()).toEqual([ENG_TEXT, PM_TEXT].sort())
    expect(items.map((p: { discipline: string }) => p.discipline).sort()).toEqual(['engineering', 'product'])
    expect(items.every((p: { authorName: unknown }) => p.authorName === null)).toBe(true)
    expect(items.find((p: { mine: boolean }) => p.mine).body).toBe(ENG_TEXT)
    const revealedText = JSON.stringify(revealed.perspectives)
    expect(revealedText).not.toContain(t.pm.name)

    // The facilitator may choose to show names.
    expect((await t.act(t.facilitator, { intent: 'show-names', show: 'yes' })).status).toBe(302)
    const named = await (await t.page(t.engineer)).json()
    expect(named.perspectives.items.map((p: { authorName: string }) => p.authorName).sort()).toEqual([t.pm.name, t.engineer.name].sort())
  })

  it('refuses a second reveal and any writing after the reveal', async () => {
    const t = await setup()
    await t.act(t.facilitator, { intent: 'start-collecting' })
    expect((await t.act(t.facilitator, { intent: 'reveal', written: '0' })).status).toBe(422)
    await t.write(t.pm, PM_TEXT)
    expect((await t.act(t.facilitator, { intent: 'reveal', written: '1' })).status).toBe(302)
    const again = await t.act(t.facilitator, { intent: 'reveal', written: '1' })
    expect(again.status).toBe(409)
    expect((await again.json()).formError).toMatch(/already been revealed/)
    const late = await t.write(t.engineer, ENG_TEXT)
    expect(late.status).toBe(409)
    expect((await late.json()).formError).toMatch(/revealed/)
  })

  it('validates a perspective by field and keeps what was typed', async () => {
    const t = await setup()
    await t.act(t.facilitator, { intent: 'start-collecting' })
    const short = await t.write(t.pm, 'Too short')
    expect(short.status).toBe(422)
    const body = await short.json()
    expect(body.errors.body[0]).toMatch(/at least 20/)
    expect(body.values.body).toBe('Too short')
    const long = await t.write(t.pm, 'x'.repeat(5001))
    expect((await long.json()).errors.body[0]).toMatch(/at most 5000/)
    const badStage = await t.write(t.pm, PM_TEXT, 'somewhere')
    expect(badStage.status).toBe(422)
  })

  it('leaders write none and read none before publishing', async () => {
    const t = await setup()
    await t.act(t.facilitator, { intent: 'start-collecting' })
    await t.write(t.pm, PM_TEXT)
    expect((await t.write(t.leader, ENG_TEXT)).status).toBe(403)
    expect((await t.writePage(t.leader)).status).toBe(403)
    expect((await t.page(t.leader)).status).toBe(404)
  })
})
