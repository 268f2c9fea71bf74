// Attack: tell who answered from the shape of the perception gap. On a team
// with one designer, "product against everyone else" (chosen because a small
// third group would be exposed) against "product and engineering" would say
// whether the designer answered. The comparison is chosen from the roster when
// the round opens, never from who answers, so two rounds with the same
// participation read the same whoever skipped.
import { describe, expect, it } from 'vitest'
import { createTeam } from '../../factories'
import { answerOk, closeRound, crew, leaderOf, openRound, pulse, teamPage, uniform, world } from './helpers'

describe('the perception-gap comparison', () => {
  it('does not depend on whether the team’s only designer answered', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Six five one')
    const people = await crew(team, { engineering: 6, product: 5, design: 1 })
    const leader = await leaderOf([team])
    const designer = people.find((p) => p.discipline === 'design')
    const anEngineer = people.find((p) => p.discipline === 'engineering')
    // Everyone can see there is exactly one designer.
    const roster = (await teamPage(people[0], team.id)).members as { discipline: string }[]
    expect(roster.filter((m) => m.discipline === 'design')).toHaveLength(1)

    const roundWithout = async (absent: { id: string } | undefined) => {
      const roundId = await openRound(admin, team.id)
      for (const p of people) if (p.id !== absent?.id) await answerOk(p, roundId, uniform(p.discipline === 'product' ? 3 : 6))
      await closeRound(admin, team.id, roundId)
      return (await pulse(leader, team.id, roundId)).results
    }
    const designerSkipped = await roundWithout(designer)
    const engineerSkipped = await roundWithout(anEngineer)
    // The same participation: 11 of 12.
    expect(designerSkipped?.participation).toEqual(engineerSkipped?.participation)
    expect(designerSkipped?.participation).toMatchObject({ responded: 11, eligible: 12 })
    // What the page says about the comparison must not tell the two rounds apart.
    const shape = (r: typeof designerSkipped) =>
      r?.directional.map((d) => ({ comparison: d.comparison, note: d.note, sides: [d.selfView.label, d.otherView.label] }))
    expect(shape(designerSkipped)).toEqual(shape(engineerSkipped))
  })
})
