// Attack: an admin moves the thresholds to uncover rounds people already
// answered. People answered under a round's thresholds, so lowering them must
// change no earlier round on any read path, "apply to rounds already opened"
// must only ever make rounds stricter, and a raise that hides a round must hide
// it everywhere at once.
import { describe, expect, it } from 'vitest'
import { autopsyWithActions } from '../../dashboard-factories'
import { createTeam } from '../../factories'
import {
  anonymityPage,
  answerOk,
  answerPage,
  autopsyPage,
  closeRound,
  crew,
  csv,
  dashboard,
  digestRespectIndex,
  expectNothingShown,
  leaderOf,
  openRound,
  pulse,
  runRound,
  saveSettings,
  teamOnDashboard,
  uniform,
  world,
} from './helpers'

type Who = { id: string }

/** What each read path shows about the team's round: null everywhere when hidden. */
async function readEverywhere(scope: { leader: Who; admin: Who; teamId: string; teamName: string; roundId: string; autopsyId: string }) {
  const { leader, admin, teamId, teamName, roundId } = scope
  const page = await pulse(leader, teamId, roundId)
  const dash = teamOnDashboard((await dashboard(leader)).data, teamId)
  const csvPoint = (await csv(leader, 'respect-index')).rows.filter((r) => r.Team === teamName).pop()
  const csvHeat = (await csv(leader, 'heatmap')).rows.find((r) => r.Team === teamName)
  const autopsy = await autopsyPage(admin, teamId, scope.autopsyId)
  return {
    results: page.results,
    values: {
      page: page.results?.respectIndex ?? null,
      trend: page.trend.find((t) => t.roundId === roundId)?.respectIndex ?? null,
      dashboard: dash.point?.respectIndex ?? null,
      heatmap: dash.heat?.respectIndex ?? null,
      csv: csvPoint?.['Respect Index'] || null,
      csvHeatmap: csvHeat?.['Respect Index'] || null,
      digest: await digestRespectIndex(leader),
      autopsy: autopsy.snapshots.latest?.respectIndex ?? null,
    },
  }
}

const allNull = (values: Record<string, unknown>) => Object.fromEntries(Object.keys(values).map((key) => [key, null]))

async function teamRound(k: number, commentK: number, respondents: number, name: string) {
  const { ws, admin } = await world({ k, commentK })
  const team = await createTeam(ws.id, name)
  const people = await crew(team, { engineering: respondents })
  const leader = await leaderOf([team])
  const roundId = await runRound(
    admin,
    team.id,
    people,
    () => uniform(3),
    (i) => `Comment ${i}`,
  )
  const { autopsy } = await autopsyWithActions(team, { stage: 'reviewing', actions: [] })
  return {
    ws,
    admin,
    team,
    people,
    leader,
    roundId,
    scope: { leader, admin, teamId: team.id, teamName: name, roundId, autopsyId: autopsy.id },
  }
}

describe('moving the thresholds after people answered', () => {
  it('lowering k (even with “apply to rounds already opened” ticked) uncovers no earlier round on the page, trend, dashboard, CSV, digest or autopsy snapshot', async () => {
    const s = await teamRound(5, 7, 4, 'Four people')
    const before = await readEverywhere(s.scope)
    expect(before.values).toEqual(allNull(before.values))

    expect((await saveSettings(s.admin, { k: 3, commentK: 3, tightenPast: true })).status).toBe(302)
    const after = await readEverywhere(s.scope)
    expect(after.values).toEqual(allNull(after.values))
    expectNothingShown(after.results)
    // The round keeps the thresholds it opened with: "apply" never lowers.
    expect(after.results).toMatchObject({ k: 5, commentK: 7 })
    // The change is public, with who made it.
    const changes = (await anonymityPage(s.people[0])).changes.changes
    expect(changes[0]).toMatchObject({
      actorName: 'Ada Admin',
      kBefore: 5,
      kAfter: 3,
      commentKBefore: 7,
      commentKAfter: 3,
      roundsRaised: 0,
    })

    // The same four people in a round opened after the change are shown: the
    // lowering did take effect, for rounds opening from then on.
    const next = await runRound(s.admin, s.team.id, s.people, () => uniform(3))
    expect((await pulse(s.leader, s.team.id, next)).results).toMatchObject({ visible: true, n: 4, k: 3 })
    expectNothingShown((await pulse(s.leader, s.team.id, s.roundId)).results)
  })

  it('raising k with “apply to rounds already opened” hides a round that no longer qualifies on every path at once', async () => {
    const s = await teamRound(5, 7, 5, 'Five people')
    const before = await readEverywhere(s.scope)
    expect(Object.values(before.values).every((v) => v !== null)).toBe(true)

    expect((await saveSettings(s.admin, { k: 6, commentK: 7, tightenPast: true })).status).toBe(302)
    const after = await readEverywhere(s.scope)
    expect(after.values).toEqual(allNull(after.values))
    expectNothingShown(after.results)
    expect(after.results).toMatchObject({ k: 6 })
    const changes = (await anonymityPage(s.leader)).changes.changes
    expect(changes[0]).toMatchObject({ actorName: 'Ada Admin', kBefore: 5, kAfter: 6, roundsRaised: 1 })
  })

  it('lowering the comment threshold shows no comment and no exact count of an earlier round', async () => {
    const s = await teamRound(5, 8, 7, 'Seven people')
    const before = (await pulse(s.leader, s.team.id, s.roundId)).results
    expect(before).toMatchObject({ visible: true, n: 7, commentK: 8 })
    expect(before?.comments.visible).toBe(false)

    expect((await saveSettings(s.admin, { k: 5, commentK: 5, tightenPast: true })).status).toBe(302)
    const page = await pulse(s.leader, s.team.id, s.roundId)
    expect(page.results).toMatchObject({ commentK: 8, comments: { visible: false, items: [] } })
    expect(page.results?.items.every((i) => i.distribution?.kind === 'bands')).toBe(true)
    expect(page.text).not.toContain('Comment 0')
  })

  it('a threshold lowered while a round is open does not apply to that round: its answer page and its results keep k as it opened', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Open during change')
    const people = await crew(team, { engineering: 4 })
    const leader = await leaderOf([team])
    const roundId = await openRound(admin, team.id)
    expect((await saveSettings(admin, { k: 3, commentK: 3 })).status).toBe(302)
    // Everyone about to answer is told the thresholds their answer is held to.
    const promise = await (await answerPage(people[0], roundId)).json()
    expect(promise).toMatchObject({ state: 'open', k: 5, commentK: 7 })
    for (const p of people) await answerOk(p, roundId, uniform(6))
    await closeRound(admin, team.id, roundId)
    const results = (await pulse(leader, team.id, roundId)).results
    expectNothingShown(results)
    expect(results).toMatchObject({ k: 5, commentK: 7, participation: { responded: 4, eligible: 4 } })
  })

  it('k below 3 is refused with 422 and changes nothing; raising without “apply” leaves earlier rounds as they opened', async () => {
    const s = await teamRound(5, 7, 5, 'Floor')
    const refused = await saveSettings(s.admin, { k: 2, commentK: 2, tightenPast: true })
    expect(refused.status).toBe(422)
    expect(JSON.stringify((await refused.json()).errors)).toMatch(/at least 3/)
    const page = await anonymityPage(s.leader)
    expect(page).toMatchObject({ k: 5, commentK: 7, changes: { total: 0 } })

    expect((await saveSettings(s.admin, { k: 6, commentK: 7 })).status).toBe(302)
    // People were told k = 5 for that round; it stays as it opened.
    expect((await pulse(s.leader, s.team.id, s.roundId)).results).toMatchObject({ visible: true, n: 5, k: 5 })
    expect((await anonymityPage(s.leader)).changes.changes[0]).toMatchObject({ kBefore: 5, kAfter: 6, roundsRaised: 0 })
  })
})
