// Attack: "I know my own answers. In a group of exactly k, I subtract them and
// get the other k − 1." Every path must leave the viewer's own response out of
// every threshold she is held to, and must still show the same round to people
// who did not answer it.
import { describe, expect, it } from 'vitest'
import { autopsyWithActions } from '../../dashboard-factories'
import { addMember, createTeam, createUser } from '../../factories'
import {
  answerOk,
  autopsyPage,
  changeMembership,
  closeRound,
  crew,
  csv,
  dashboard,
  digestRespectIndex,
  expectNothingShown,
  indexOf,
  leaderOf,
  openRound,
  pulse,
  runRound,
  teamOnDashboard,
  teamWith,
  uniform,
  world,
} from './helpers'

describe('a respondent subtracting her own answers', () => {
  it('at exactly k responses including hers, she sees no score, distribution, comment or trend point; a leader who did not answer sees them', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const { team, people } = await teamWith(ws.id, { engineering: 5 })
    const leader = await leaderOf([team])
    const roundId = await openRound(admin, team.id)
    const [she, ...others] = people
    await answerOk(she, roundId, uniform(7), { comment: 'I am the one who wrote this' })
    for (const [i, p] of others.entries()) await answerOk(p, roundId, uniform(2 + (i % 3)), { comment: `other ${i}` })
    await closeRound(admin, team.id, roundId)

    const mine = await pulse(she, team.id, roundId)
    expect(mine.results?.viewerAnswered).toBe(true)
    expectNothingShown(mine.results)
    // Participation is a count of people, shown for every round.
    expect(mine.results?.participation).toMatchObject({ responded: 5, eligible: 5 })
    expect(mine.trend.find((t) => t.roundId === roundId)).toMatchObject({ visible: false, n: null, respectIndex: null })
    expect(Object.values(mine.trend.find((t) => t.roundId === roundId)?.dimensions ?? {}).every((v) => v === null)).toBe(true)
    // Not even the comment she wrote herself comes back to her.
    expect(mine.text).not.toContain('I am the one who wrote this')
    expect(mine.text).not.toContain('other 0')

    const theirs = await pulse(leader, team.id, roundId)
    expect(theirs.results).toMatchObject({ visible: true, n: 5, viewerAnswered: false })
    expect(theirs.results?.respectIndex).not.toBeNull()
    expect(theirs.trend.find((t) => t.roundId === roundId)).toMatchObject({ visible: true, n: 5 })
    // Five is below the comment threshold of 7: bands, and no comments, for everyone.
    expect(theirs.results?.items.every((i) => i.distribution?.kind === 'bands')).toBe(true)
    expect(theirs.results?.comments.visible).toBe(false)
  })

  it('at exactly the comment threshold including hers, comments and exact counts stay hidden from her and are shown to a leader', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const { team, people } = await teamWith(ws.id, { product: 3, engineering: 4 })
    const leader = await leaderOf([team])
    const roundId = await openRound(admin, team.id)
    for (const [i, p] of people.entries()) await answerOk(p, roundId, uniform(3 + (i % 4)), { comment: `Comment number ${i}` })
    await closeRound(admin, team.id, roundId)
    const she = people[0]

    const mine = (await pulse(she, team.id, roundId)).results
    // Six others are at least k: scores are hers to see, in bands.
    expect(mine).toMatchObject({ visible: true, n: 7, viewerAnswered: true })
    expect(mine?.items.every((i) => i.distribution?.kind === 'bands')).toBe(true)
    expect(mine?.comments).toMatchObject({ visible: false, items: [] })

    const theirs = (await pulse(leader, team.id, roundId)).results
    expect(theirs?.items.every((i) => i.distribution?.kind === 'exact')).toBe(true)
    expect(theirs?.comments.visible).toBe(true)
    expect([...(theirs?.comments.items ?? [])].sort()).toEqual(people.map((_, i) => `Comment number ${i}`).sort())
  })

  it('an admin who answered as a team member gets nothing for that round on the dashboard, its CSV or the round page; another admin does', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Checkout')
    const people = await crew(team, { engineering: 4 })
    // The admin is also an engineer on the team and answers like anyone else.
    await addMember(team, admin, 'member', 'engineering')
    const other = await createUser(ws.id, { isAdmin: true, name: 'Other Admin' })
    const roundId = await openRound(admin, team.id)
    await answerOk(admin, roundId, uniform(7))
    for (const p of people) await answerOk(p, roundId, uniform(2))
    await closeRound(admin, team.id, roundId)

    const mine = (await dashboard(admin)).data
    const row = teamOnDashboard(mine, team.id)
    expect(row.point).toMatchObject({ respectIndex: null, n: null })
    expect(row.heat).toMatchObject({ respectIndex: null, n: null, status: 'unknown' })
    expect(row.participation).toMatchObject({ responded: null, rate: null })
    const heat = (await csv(admin, 'heatmap')).rows.find((r) => r.Team === 'Checkout')
    expect(heat?.['Respect Index']).toBe('')
    const points = (await csv(admin, 'respect-index')).rows.filter((r) => r.Team === 'Checkout')
    expect(points.length).toBeGreaterThan(0)
    expect(points.every((r) => r['Respect Index'] === '' && r.Responses === '')).toBe(true)
    expectNothingShown((await pulse(admin, team.id, roundId)).results)

    const theirs = (await dashboard(other)).data
    expect(teamOnDashboard(theirs, team.id).point).toMatchObject({ n: 5 })
    expect(teamOnDashboard(theirs, team.id).point?.respectIndex).toBeCloseTo((4 * indexOf(2) + indexOf(7)) / 5, 0)
  })

  it('the digest of a leader who answered a round before becoming its team’s leader leaves that round out; it still counts for another leader', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const a = await createTeam(ws.id, 'Alpha')
    const b = await createTeam(ws.id, 'Bravo')
    const alpha = await crew(a, { engineering: 5 })
    const bravo = await crew(b, { engineering: 4 })
    // She answers Bravo's round as a member, then is made its leader.
    const she = await createUser(ws.id, { name: 'Sam Switcher' })
    await addMember(a, she, 'leader', 'product')
    const hersOnBravo = await addMember(b, she, 'member', 'product')
    const otherLeader = await leaderOf([a, b], 'Olga Other')

    const ra = await openRound(admin, a.id)
    for (const p of alpha) await answerOk(p, ra, uniform(6))
    await closeRound(admin, a.id, ra)
    const rb = await openRound(admin, b.id)
    await answerOk(she, rb, uniform(2))
    for (const p of bravo) await answerOk(p, rb, uniform(2))
    await closeRound(admin, b.id, rb)
    await changeMembership(admin, hersOnBravo.id, b.id, 'product', 'leader')

    // Hers: Alpha alone (83); Bravo, with her among its five, is left out.
    expect(await digestRespectIndex(she)).toBe(Math.round(indexOf(6)))
    // The other leader did not answer: both teams, ten people, (83.3 + 16.7) / 2 = 50.
    expect(await digestRespectIndex(otherLeader)).toBe(50)
    expectNothingShown((await pulse(she, b.id, rb)).results)
    expect((await pulse(otherLeader, b.id, rb)).results).toMatchObject({ visible: true, n: 5 })
  })

  it('a leader who answered on another team: her digest and dashboard cover only the team she leads, in full, and nothing of the team she answered on', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const led = await createTeam(ws.id, 'Led')
    const answered = await createTeam(ws.id, 'Answered')
    const ledPeople = await crew(led, { engineering: 5 })
    const colleagues = await crew(answered, { engineering: 5 })
    const she = await createUser(ws.id, { name: 'Lena Leader' })
    await addMember(led, she, 'leader', 'product')
    await addMember(answered, she, 'member', 'product')
    await runRound(admin, led.id, ledPeople, () => uniform(5))
    const theirs = await runRound(admin, answered.id, [she, ...colleagues], (i) => uniform(i === 0 ? 7 : 2))

    // The team she leads: she did not answer there, so all five count.
    expect(await digestRespectIndex(she)).toBe(Math.round(indexOf(5)))
    const board = (await dashboard(she)).data
    expect(board.heatmap.rows.map((r) => r.teamName)).toEqual(['Led'])
    expect(teamOnDashboard(board, led.id).heat).toMatchObject({ n: 5, respectIndex: indexOf(5) })
    expect((await dashboard(she)).text).not.toContain(answered.id)
    // The team she answered on: six responses, five besides hers, shown to her as to anyone.
    expect((await pulse(she, answered.id, theirs)).results).toMatchObject({ visible: true, n: 6, viewerAnswered: true })
  })

  it('the autopsy respect snapshot hides a round from the facilitator who answered it, and the gate does not guess for her', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Growth')
    const facilitator = await createUser(ws.id, { name: 'Fay Facilitator' })
    await addMember(team, facilitator, 'facilitator', 'product')
    const people = await crew(team, { engineering: 4 })
    const roundId = await openRound(admin, team.id)
    await answerOk(facilitator, roundId, uniform(1))
    for (const p of people) await answerOk(p, roundId, uniform(2))
    await closeRound(admin, team.id, roundId)
    const { autopsy } = await autopsyWithActions(team, { stage: 'reviewing', actions: [] })

    const hers = await autopsyPage(facilitator, team.id, autopsy.id)
    expect(hers.snapshots.latest).toMatchObject({ roundId, visible: false, n: null, respectIndex: null })
    expect(hers.snapshots.latest.dimensions.every((d: { score: number | null }) => d.score === null)).toBe(true)
    expect(hers.gate.state).toBe('unknown')

    const admins = await autopsyPage(admin, team.id, autopsy.id)
    expect(admins.snapshots.latest).toMatchObject({ roundId, visible: true, n: 5 })
    // The gate judges the round as any member who answered would see it: at exactly k it guesses for nobody.
    expect(admins.gate.state).toBe('unknown')
  })
})
