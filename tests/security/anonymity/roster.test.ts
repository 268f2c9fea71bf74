// Attack: choose the group an answer falls in. A form that claims a
// discipline, an admin who moves someone into a discipline of one after the
// round opened, or changes to the team after the close must not move an
// answer into a slice small enough to read, nor change a number already shown.
import { describe, expect, it } from 'vitest'
import { action as peopleAction } from '~/routes/admin.people'
import { addMember, createTeam, createUser, request, settle } from '../../factories'
import {
  answer,
  answerOk,
  answerPage,
  changeMembership,
  closeRound,
  crew,
  csv,
  dashboard,
  leaderOf,
  openRound,
  pulse,
  roundItemsFor,
  teamOnDashboard,
  teamPage,
  uniform,
  world,
} from './helpers'

describe('choosing the group an answer counts in', () => {
  it('a form that claims a discipline, a team or a person is refused with 422 and stores nothing', async () => {
    const { ws, admin } = await world()
    const team = await createTeam(ws.id, 'Forgers')
    const [forger] = await crew(team, { engineering: 1 })
    const roundId = await openRound(admin, team.id)
    const items = await roundItemsFor(forger, roundId)
    const forged: Record<string, string>[] = [
      { discipline: 'design' },
      { discipline: 'engineering' },
      { teamId: team.id },
      { userId: admin.id },
      { roundId },
    ]
    for (const extra of forged) {
      const res = await answer(forger, roundId, uniform(5), { items, extra })
      expect(res.status).toBe(422)
      expect((await res.json()).formError).toMatch(/not part of this pulse/)
    }
    // Nothing was recorded: the pulse is still open to them, and nobody has answered.
    expect((await (await answerPage(forger, roundId)).json()).state).toBe('open')
    expect((await pulse(admin, team.id, roundId)).results?.participation).toMatchObject({ responded: 0, eligible: 1 })
  })

  it('an answer counts under the discipline its author had when the round opened, even when an admin moves her into a discipline of one after it opened', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Moved')
    const people = await crew(team, { engineering: 5, product: 5 })
    const alice = await createUser(ws.id, { name: 'Alice' })
    const membership = await addMember(team, alice, 'member', 'engineering')
    const leader = await leaderOf([team])
    const roundId = await openRound(admin, team.id)
    // After the round opened, the admin makes Alice the team's only designer,
    // hoping her answer lands in a group of one.
    await changeMembership(admin, membership.id, team.id, 'design', 'member')
    expect((await (await answerPage(alice, roundId)).json()).discipline).toBe('Engineering')
    await answerOk(alice, roundId, uniform(1))
    for (const p of people) await answerOk(p, roundId, uniform(6))
    await closeRound(admin, team.id, roundId)

    // Counted as an engineer: 6 engineers and 5 product people, nobody else,
    // so the split is shown as it is and there is no design slice at all.
    const results = (await pulse(leader, team.id, roundId)).results
    expect(results).toMatchObject({ visible: true, n: 11 })
    expect(results?.directional.every((d) => d.comparison === 'disciplines')).toBe(true)
    const design = (await dashboard(leader, 'discipline=design')).data
    expect(teamOnDashboard(design, team.id).heat).toMatchObject({ respectIndex: null, n: null })
    const designCsv = (await csv(leader, 'respect-index', 'discipline=design')).rows.filter((r) => r.Team === 'Moved')
    expect(designCsv.every((r) => r['Respect Index'] === '' && r.Responses === '')).toBe(true)
    const engineering = teamOnDashboard((await dashboard(leader, 'discipline=engineering')).data, team.id)
    expect(engineering.heat?.n).toBe(6)
    // The move is on the team's public change log.
    const log = await teamPage(people[0], team.id)
    expect(log.changes.events[0]).toMatchObject({
      kind: 'discipline_changed',
      personName: 'Alice',
      actorName: 'Ada Admin',
      fromValue: 'engineering',
      toValue: 'design',
    })
  })

  it('changes to the team after the close (someone leaves, someone changes discipline, someone joins) change no number already shown', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Settled')
    const people = await crew(team, { engineering: 6, product: 5 })
    const leader = await leaderOf([team])
    const roundId = await openRound(admin, team.id)
    for (const [i, p] of people.entries()) await answerOk(p, roundId, uniform(2 + (i % 5)))
    await closeRound(admin, team.id, roundId)
    const beforePage = await pulse(leader, team.id, roundId)
    const beforeDash = (await dashboard(leader)).data
    const beforeCsv = (await csv(leader, 'directional')).text

    const roster = (await teamPage(admin, team.id)).members as { userId: string; membershipId: string }[]
    const leaving = roster.find((m) => m.userId === people[0].id)
    const moving = roster.find((m) => m.userId === people[7].id)
    const removed = await settle(async () =>
      peopleAction({
        context: {},
        params: {},
        request: await request('/admin/people', {
          user: admin,
          form: { intent: 'remove-membership', membershipId: String(leaving?.membershipId) },
        }),
      }),
    )
    expect(removed.status).toBe(302)
    await changeMembership(admin, String(moving?.membershipId), team.id, 'design', 'member')
    await crew(team, { design: 2 })

    const afterPage = await pulse(leader, team.id, roundId)
    expect(afterPage.results).toEqual(beforePage.results)
    expect(afterPage.trend).toEqual(beforePage.trend)
    const afterDash = (await dashboard(leader)).data
    expect(afterDash.respect).toEqual(beforeDash.respect)
    expect(afterDash.heatmap).toEqual(beforeDash.heatmap)
    expect((await csv(leader, 'directional')).text).toBe(beforeCsv)
  })
})
