// Attack: answers racing the close. If an answer could land after the rollups
// were written, or be counted on one read path and not another, two pages
// would differ by one person, and that difference is the person. On
// PostgreSQL the submissions really run at once (each holds a share lock on
// the round; the close waits for them); on PGlite transactions take turns.
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { runPulseJobs } from '~/models/pulse/jobs.server'
import { leaderSnapshot } from '~/models/snapshots.server'
import { autopsyWithActions } from '../../dashboard-factories'
import { createTeam, query } from '../../factories'
import { secondInstance } from '../../second-instance'
import {
  answer,
  answerOk,
  autopsyPage,
  closeRound,
  crew,
  csv,
  dashboard,
  digestRespectIndex,
  leaderOf,
  openRound,
  pulse,
  roundItemsFor,
  roundsPage,
  teamOnDashboard,
  uniform,
  world,
} from './helpers'

type Person = { id: string }

/**
 * Starts the submissions a few milliseconds apart, so they overlap one
 * another, and calls `midway` (the close) while they are under way: some land
 * before the close and some after.
 */
async function race(people: readonly Person[], roundId: string, midway: () => Promise<unknown>, { closeAfter = 8, gapMs = 4 } = {}) {
  const items = await roundItemsFor(people[0], roundId)
  const submissions: Promise<Response>[] = []
  let closing: Promise<unknown> = Promise.resolve()
  for (const [i, p] of people.entries()) {
    if (i === closeAfter) closing = midway()
    submissions.push(answer(p, roundId, uniform(1 + (i % 7)), { items }))
    await new Promise((resolve) => setTimeout(resolve, gapMs))
  }
  const [responses] = await Promise.all([Promise.all(submissions), closing])
  return Promise.all(
    responses.map(async (res) => ({
      status: res.status,
      location: res.headers.get('Location'),
      text: res.status === 303 ? '' : await res.text(),
    })),
  )
}

/** Every read path's count and Respect Index for the team's round, as each viewer receives them. */
async function everyPath(scope: {
  workspaceId: string
  teamId: string
  teamName: string
  roundId: string
  leader: Person
  admin: Person
  autopsyId: string
}) {
  const { teamId, teamName, roundId, leader, admin } = scope
  const page = await pulse(leader, teamId, roundId)
  const point = page.trend.find((t) => t.roundId === roundId)
  const dash = teamOnDashboard((await dashboard(leader)).data, teamId)
  const csvPoints = (await csv(leader, 'respect-index')).rows.filter((r) => r.Team === teamName)
  const csvPart = (await csv(leader, 'participation')).rows.filter((r) => r.Team === teamName)
  const csvHeat = (await csv(leader, 'heatmap')).rows.find((r) => r.Team === teamName)
  const snapshot = await leaderSnapshot({ workspaceId: scope.workspaceId, teamIds: [teamId], viewerId: leader.id })
  const autopsy = await autopsyPage(admin, teamId, scope.autopsyId)
  const rounds = await roundsPage(admin, teamId)
  return {
    n: {
      page: page.results?.n,
      participation: page.results?.participation.responded,
      trend: point?.n,
      dashboard: dash.point?.n,
      heatmap: dash.heat?.n,
      dashboardParticipation: dash.participation?.responded,
      csv: Number(csvPoints[csvPoints.length - 1]?.Responses),
      csvParticipation: Number(csvPart[csvPart.length - 1]?.Responded),
      digestSnapshot: snapshot.teams[0].scores.n,
      autopsy: autopsy.snapshots.latest?.n,
      autopsyParticipation: autopsy.snapshots.latest?.participation.responded,
      roundsPage: rounds.rounds.find((r: { id: string }) => r.id === roundId)?.responded,
    },
    respectIndex: {
      page: page.results?.respectIndex,
      trend: point?.respectIndex,
      dashboard: dash.point?.respectIndex,
      heatmap: dash.heat?.respectIndex,
      csv: Number(csvHeat?.['Respect Index']),
      autopsy: autopsy.snapshots.latest?.respectIndex,
    },
    digest: await digestRespectIndex(leader),
    eligible: page.results?.participation.eligible,
  }
}

function expectAgreement(seen: Awaited<ReturnType<typeof everyPath>>, n: number, eligible: number) {
  for (const [path, value] of Object.entries(seen.n)) expect({ path, value }).toEqual({ path, value: n })
  const ri = seen.respectIndex.page
  expect(ri).not.toBeNull()
  for (const [path, value] of Object.entries(seen.respectIndex)) expect({ path, value }).toEqual({ path, value: ri })
  // The digest shows whole points of the same unrounded value.
  expect(Math.abs(Number(seen.digest) - Number(ri))).toBeLessThanOrEqual(0.55)
  expect(seen.eligible).toBe(eligible)
}

async function stage() {
  const { ws, admin } = await world({ k: 5, commentK: 7 })
  const team = await createTeam(ws.id, 'Racing')
  const people = await crew(team, { product: 14, engineering: 15 })
  const leader = await leaderOf([team])
  const early = people.slice(0, 6)
  const racers = people.slice(6, 26)
  const late = people.slice(26)
  const roundId = await openRound(admin, team.id)
  for (const p of early) await answerOk(p, roundId, uniform(4))
  const { autopsy } = await autopsyWithActions(team, { stage: 'reviewing', actions: [] })
  return { ws, admin, team, leader, early, racers, late, roundId, autopsyId: autopsy.id, eligible: people.length }
}

describe('answers racing the close', () => {
  it('a close through the Rounds page racing 20 submissions: every path reports the same n, and answers after the close are refused and not counted', async () => {
    const s = await stage()
    const outcomes = await race(s.racers, s.roundId, () => closeRound(s.admin, s.team.id, s.roundId))
    const recorded = outcomes.filter((o) => o.status === 303 && o.location === `/pulse/${s.roundId}?done=1`).length
    const refused = outcomes.filter((o) => o.status === 409 && /closed/.test(o.text)).length
    expect(recorded + refused).toBe(20)

    for (const p of s.late) {
      const res = await answer(p, s.roundId, uniform(7))
      expect(res.status).toBe(409)
      expect(await res.text()).toMatch(/closed/)
    }
    const seen = await everyPath({
      workspaceId: s.ws.id,
      teamId: s.team.id,
      teamName: s.team.name,
      roundId: s.roundId,
      leader: s.leader,
      admin: s.admin,
      autopsyId: s.autopsyId,
    })
    expectAgreement(seen, s.early.length + recorded, s.eligible)
  })

  it('a scheduler close on a second app instance racing 20 submissions: the round closes once every answer in flight is in, and every path agrees', async () => {
    const s = await stage()
    const second = await secondInstance()
    try {
      // The window ends while people are still answering: submissions after
      // it are refused, and the second instance's scheduler closes the round
      // as soon as no answer holds it.
      await query(sql`update rounds set closes_at = now() + interval '100 milliseconds' where id = ${s.roundId}`)
      const closeOnSecond = async () => {
        for (let tick = 0; tick < 400; tick++) {
          await runPulseJobs(new Date(), second.db)
          const listed = (await roundsPage(s.admin, s.team.id)).rounds.find((r: { id: string }) => r.id === s.roundId)
          if (listed?.status === 'closed') return
          await new Promise((resolve) => setTimeout(resolve, 25))
        }
        throw new Error('The round never closed')
      }
      const outcomes = await race(s.racers, s.roundId, closeOnSecond)
      const recorded = outcomes.filter((o) => o.status === 303 && o.location === `/pulse/${s.roundId}?done=1`).length
      const refused = outcomes.filter((o) => o.status === 409).length
      expect(recorded + refused).toBe(20)
      for (const p of s.late) expect((await answer(p, s.roundId, uniform(7))).status).toBe(409)
      const seen = await everyPath({
        workspaceId: s.ws.id,
        teamId: s.team.id,
        teamName: s.team.name,
        roundId: s.roundId,
        leader: s.leader,
        admin: s.admin,
        autopsyId: s.autopsyId,
      })
      expectAgreement(seen, s.early.length + recorded, s.eligible)
    } finally {
      await second.close()
    }
  })
})
