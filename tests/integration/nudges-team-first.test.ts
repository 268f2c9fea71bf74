// Team first: the team reads a closed round at once, leaders only after the
// workspace's days, on every leader read path this module owns: the team's
// pulse page read as a leader (results, round picker, trend) and the digest.
import { and, eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { rounds, workspaces } from '../../db/schema'
import { getRespectSnapshots } from '~/models/autopsies/snapshots.server'
import { roundsVisibleToLeaders } from '~/models/nudges/team-first.server'
import { measureActions } from '~/models/plans/effects.server'
import { refreshRoundRollup } from '~/models/rollups.server'
import { leaderSnapshot } from '~/models/snapshots.server'
import { loader as pulseLoader } from '~/routes/teams.$teamId.pulse'
import { loader as pulseCsvLoader } from '~/routes/teams.$teamId.pulse[.]csv'
import { createMember, createTeam, createUser, createWorkspace, request, settle } from '../factories'
import { createRound, createTemplate, respond, times } from '../pulse-factories'

const HOUR = 3_600_000

async function teamWithRound(closedHoursAgo: number) {
  const ws = await createWorkspace()
  const team = await createTeam(ws.id)
  const member = await createMember(team, 'member', 'product')
  const leader = await createMember(team, 'leader', 'product')
  const admin = await createUser(ws.id, { isAdmin: true })
  const { template, items } = await createTemplate(ws.id)
  const closedAt = new Date(Date.now() - closedHoursAgo * HOUR)
  const round = await createRound(team, template, items, {
    opensAt: new Date(closedAt.getTime() - 72 * HOUR),
    closesAt: closedAt,
    closedAt,
  })
  await respond(round, items, times(7, { value: 6 }))
  await refreshRoundRollup(round.id)
  return { ws, team, member, leader, admin, round }
}

async function pulsePage(teamId: string, user: { id: string }, query = '') {
  const res = await settle(async () =>
    pulseLoader({ context: {}, params: { teamId }, request: await request(`/teams/${teamId}/pulse${query}`, { user }) }),
  )
  return { status: res.status, data: res.status === 200 ? await res.json() : null }
}

describe('team first', () => {
  it('shows a round closed a day ago to its team and not yet to leaders or admins off the team', async () => {
    const { team, member, leader, admin, round } = await teamWithRound(24)
    const mine = await pulsePage(team.id, member)
    expect(mine.data.results.round.id).toBe(round.id)
    expect(mine.data.results.visible).toBe(true)
    expect(mine.data.trend.map((p: { roundId: string }) => p.roundId)).toEqual([round.id])
    expect(mine.data.teamFirstUntil).toBeNull()

    for (const reader of [leader, admin]) {
      const theirs = await pulsePage(team.id, reader)
      expect(theirs.data.results).toBeNull()
      expect(theirs.data.rounds).toEqual([])
      expect(theirs.data.trend).toEqual([])
      expect(theirs.data.teamFirstUntil).toMatch(/\d/)
      expect((await pulsePage(team.id, reader, `?round=${round.id}`)).status).toBe(404)
    }
  })

  it('shows it to leaders once the days have passed, or at once when the setting is off', async () => {
    const later = await teamWithRound(49)
    expect((await pulsePage(later.team.id, later.leader)).data.results.round.id).toBe(later.round.id)

    const off = await teamWithRound(1)
    expect((await pulsePage(off.team.id, off.leader)).data.results).toBeNull()
    const db = await getDb()
    await db.update(workspaces).set({ teamFirst: false }).where(eq(workspaces.id, off.ws.id))
    expect((await pulsePage(off.team.id, off.leader)).data.results.round.id).toBe(off.round.id)
  })

  it('keeps the round out of the pulse page CSV for leaders as on the page', async () => {
    const { team, member, leader } = await teamWithRound(24)
    const download = async (user: { id: string }) =>
      (
        await settle(async () =>
          pulseCsvLoader({
            context: {},
            params: { teamId: team.id },
            request: await request(`/teams/${team.id}/pulse.csv?section=dimensions`, { user }),
          }),
        )
      ).text()
    // The team reads the round's dimension scores; a leader's download has no round to read yet.
    const rows = async (user: { id: string }) => (await download(user)).split('\r\n').filter(Boolean).slice(1)
    expect((await rows(member)).some((line) => line.includes('Respect Index'))).toBe(true)
    expect(await rows(leader)).toEqual([])
  })

  it('keeps the round out of the digest until leaders may see it', async () => {
    const { ws, team, leader, round } = await teamWithRound(24)
    const now = await leaderSnapshot({ workspaceId: ws.id, teamIds: [team.id], viewerId: leader.id })
    expect(now.teams[0].roundId).toBeNull()
    const inTwoDays = await leaderSnapshot({
      workspaceId: ws.id,
      teamIds: [team.id],
      viewerId: leader.id,
      asOf: new Date(Date.now() + 25 * HOUR),
    })
    expect(inTwoDays.teams[0].roundId).toBe(round.id)
  })

  it('keeps the round out of what a leader reads beside an autopsy and out of measured effects', async () => {
    const { ws, team, member, leader, round } = await teamWithRound(24)
    const scope = { workspaceId: ws.id, teamId: team.id, startedOn: null, at: new Date() }
    const asTeam = await getRespectSnapshots({ ...scope, viewerId: member.id, audience: 'team' })
    expect(asTeam.latest).not.toBeNull()
    const asLeader = await getRespectSnapshots({ ...scope, viewerId: leader.id, audience: 'leaders' })
    expect(asLeader.latest).toBeNull()
    const action = { id: 'a', targetDimension: null, startedAt: new Date(round.opensAt.getTime() - 86_400_000) }
    const seen = async (audience: 'team' | 'leaders') =>
      (await measureActions({ workspaceId: ws.id, teamId: team.id, viewerId: null, audience }, [action])).a.after.map((p) => p.roundId)
    expect(await seen('team')).toEqual([round.id])
    expect(await seen('leaders')).toEqual([])
  })

  it('roundsVisibleToLeaders() picks closed rounds closed at least the days ago, and never open ones', async () => {
    const db = await getDb()
    const a = await teamWithRound(47)
    const b = await teamWithRound(49)
    const { template, items } = await createTemplate(a.ws.id)
    const open = await createRound(a.team, template, items, { status: 'open', closedAt: null })
    const ids = [a.round.id, b.round.id, open.id]
    const pick = async (setting: { on: boolean; days: number }) =>
      (
        await db
          .select({ id: rounds.id })
          .from(rounds)
          .where(and(inArray(rounds.id, ids), roundsVisibleToLeaders(setting)))
      ).map((r) => r.id)
    expect(await pick({ on: true, days: 2 })).toEqual([b.round.id])
    expect((await pick({ on: false, days: 2 })).sort()).toEqual([a.round.id, b.round.id].sort())
  })
})
