// Attack: read the verdict frozen into a published autopsy. When an autopsy
// is published, the respect-first gate's state is stored with it. A member who
// answered that round in a group of exactly k sees the round hidden (her own
// answer never counts toward what she sees), so "published in respect deficit"
// on the page or in its history would tell her the verdict on her four
// colleagues. The gate therefore judges a round as any member who answered it
// would see it: at exactly k it does not guess for anyone, and a verdict is
// only ever frozen on a round every member can see.
import { describe, expect, it } from 'vitest'
import { action as autopsyAction } from '~/routes/teams.$teamId.autopsies.$autopsyId'
import { loader as historyLoader } from '~/routes/teams.$teamId.autopsies.$autopsyId_.history'
import { autopsyWithActions } from '../../dashboard-factories'
import { addMember, createTeam, createUser, request, settle } from '../../factories'
import { answerOk, autopsyPage, closeRound, crew, openRound, uniform, world } from './helpers'

describe('a published autopsy', () => {
  it('gives a reader no respect verdict about a round that is hidden from her', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Verdict')
    const facilitator = await createUser(ws.id, { name: 'Fred Facilitator' })
    await addMember(team, facilitator, 'facilitator', 'product')
    const [she, ...others] = await crew(team, { engineering: 5 })
    const roundId = await openRound(admin, team.id)
    await answerOk(she, roundId, uniform(3))
    for (const p of others) await answerOk(p, roundId, uniform(2))
    await closeRound(admin, team.id, roundId)

    const { autopsy } = await autopsyWithActions(team, {
      stage: 'reviewing',
      actions: [{ kind: 'respect', title: 'Engineers join the next three user calls', dueOn: '2027-01-15' }],
    })
    // The facilitator did not answer: the round is visible to him, but the gate
    // judges it as a member who answered would see it, so it does not guess.
    const his = await autopsyPage(facilitator, team.id, autopsy.id)
    expect(his.snapshots.latest).toMatchObject({ roundId, visible: true, n: 5 })
    expect(his.gate.state).toBe('unknown')
    const published = await settle(async () =>
      autopsyAction({
        context: {},
        params: { teamId: team.id, autopsyId: autopsy.id },
        request: await request(`/teams/${team.id}/autopsies/${autopsy.id}`, { user: facilitator, form: { intent: 'publish' } }),
      }),
    )
    expect(published.status).toBe(302)

    const hers = await autopsyPage(she, team.id, autopsy.id)
    expect(hers.autopsy.stage).toBe('published')
    // To her the round is hidden, and her own gate does not guess...
    expect(hers.snapshots.latest).toMatchObject({ roundId, visible: false, respectIndex: null })
    expect(hers.gate.state).toBe('unknown')
    // ...and neither does the verdict frozen at publishing, on the page or in the history.
    expect(hers.autopsy.publishedGateState).toBeNull()
    const history = async (user: { id: string }) => {
      const res = await settle(async () =>
        historyLoader({
          context: {},
          params: { teamId: team.id, autopsyId: autopsy.id },
          request: await request(`/teams/${team.id}/autopsies/${autopsy.id}/history`, { user }),
        }),
      )
      expect(res.status).toBe(200)
      return res.text()
    }
    const hersHistory = await history(she)
    expect(hersHistory).toContain('"what":"Published."')
    expect(hersHistory).not.toMatch(/deficit/)
    // A reader who did not answer sees the round, and the frozen verdict: none.
    expect((await autopsyPage(admin, team.id, autopsy.id)).autopsy.publishedGateState).toBe('unknown')
    expect(await history(admin)).toMatch(/Published, without enough pulse data to know/)
  })

  it('freezes a verdict only on a round every member can see, and then shows it to each of them', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Verdict plus one')
    const facilitator = await createUser(ws.id, { name: 'Fran Facilitator' })
    await addMember(team, facilitator, 'facilitator', 'product')
    const [she, ...others] = await crew(team, { engineering: 6 })
    const roundId = await openRound(admin, team.id)
    await answerOk(she, roundId, uniform(3))
    for (const p of others) await answerOk(p, roundId, uniform(2))
    await closeRound(admin, team.id, roundId)
    const { autopsy } = await autopsyWithActions(team, {
      stage: 'reviewing',
      actions: [{ kind: 'respect', title: 'Engineers join the next three user calls', dueOn: '2027-01-15' }],
    })
    expect((await autopsyPage(facilitator, team.id, autopsy.id)).gate.state).toBe('deficit')
    const published = await settle(async () =>
      autopsyAction({
        context: {},
        params: { teamId: team.id, autopsyId: autopsy.id },
        request: await request(`/teams/${team.id}/autopsies/${autopsy.id}`, { user: facilitator, form: { intent: 'publish' } }),
      }),
    )
    expect(published.status).toBe(302)
    // Six answered: with her own answer left out, five others remain, so she sees the round and its verdict.
    const hers = await autopsyPage(she, team.id, autopsy.id)
    expect(hers.snapshots.latest).toMatchObject({ roundId, visible: true, n: 6 })
    expect(hers.autopsy.publishedGateState).toBe('deficit')
  })
})
