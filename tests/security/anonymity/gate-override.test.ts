// Attack: learn the gate's verdict from an override. The respect-first gate
// can only be overridden when it says "deficit", and an override is shown to
// the team with its reason. A member who answered a round in a group of
// exactly k sees it hidden; if the gate could be in deficit on such a round,
// the override alone would tell her the verdict on her k − 1 colleagues. The
// gate judges a round as any member who answered it would see it, so on such
// a round it says "not enough pulse data", there is nothing to override, and
// no override can appear.
import { describe, expect, it } from 'vitest'
import { action as autopsyAction } from '~/routes/teams.$teamId.autopsies.$autopsyId'
import { loader as historyLoader } from '~/routes/teams.$teamId.autopsies.$autopsyId_.history'
import { autopsyWithActions } from '../../dashboard-factories'
import { addMember, createTeam, createUser, request, settle } from '../../factories'
import { answerOk, autopsyPage, closeRound, crew, openRound, uniform, world } from './helpers'

describe('an autopsy published with an override of the gate', () => {
  it('gives a reader to whom the round is hidden no sign that the gate was in deficit', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Overridden')
    const facilitator = await createUser(ws.id, { name: 'Fred Facilitator' })
    await addMember(team, facilitator, 'facilitator', 'product')
    const [she, ...others] = await crew(team, { engineering: 5 })
    const roundId = await openRound(admin, team.id)
    await answerOk(she, roundId, uniform(3))
    for (const p of others) await answerOk(p, roundId, uniform(2))
    await closeRound(admin, team.id, roundId)

    const { autopsy } = await autopsyWithActions(team, { stage: 'reviewing', actions: [] })
    // Exactly k answered, she among them: the gate does not guess, for anyone.
    expect((await autopsyPage(facilitator, team.id, autopsy.id)).gate.state).toBe('unknown')
    const published = await settle(async () =>
      autopsyAction({
        context: {},
        params: { teamId: team.id, autopsyId: autopsy.id },
        request: await request(`/teams/${team.id}/autopsies/${autopsy.id}`, {
          user: facilitator,
          form: {
            intent: 'publish',
            overrideReason: 'The process fix is already agreed with both sides; respect work follows next quarter.',
          },
        }),
      }),
    )
    expect(published.status).toBe(302)

    const hers = await autopsyPage(she, team.id, autopsy.id)
    expect(hers.snapshots.latest).toMatchObject({ roundId, visible: false })
    expect(hers.autopsy.publishedGateState).toBeNull()
    // An override exists only for a gate in deficit.
    expect(hers.autopsy.overrideReason).toBeNull()
    const history = await settle(async () =>
      historyLoader({
        context: {},
        params: { teamId: team.id, autopsyId: autopsy.id },
        request: await request(`/teams/${team.id}/autopsies/${autopsy.id}/history`, { user: she }),
      }),
    )
    expect(await history.text()).not.toMatch(/Overrode the respect-first gate/)
  })
})
