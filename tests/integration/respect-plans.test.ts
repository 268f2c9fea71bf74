import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { notifications } from '../../db/schema'
import { addPlanAction, listOpenTeamActions } from '~/models/plans/actions.server'
import { getEffectByKind } from '~/models/plans/effects.server'
import { openPlan } from '~/models/plans/plans.server'
import { teamWithHistory } from '../dashboard-factories'
import { createMember, createTeam, createWorkspace } from '../factories'

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n * 14, 12))

describe('respect plans and the measured effect of their actions', () => {
  it('opens one plan per round, announces an assignment to its owner, and reviews plan actions with the team’s open actions', async () => {
    const ws = await createWorkspace()
    const { team, rounds } = await teamWithHistory(ws, 5.5)
    const facilitator = await createMember(team, 'facilitator', 'product')
    const owner = await createMember(team, 'member', 'engineering')
    const scope = { workspaceId: ws.id, teamId: team.id }
    const plan = await openPlan({ ...scope, roundId: rounds[4].id, userId: facilitator.id })
    expect(await openPlan({ ...scope, roundId: rounds[4].id, userId: facilitator.id })).toEqual({ id: plan.id, created: false })
    await addPlanAction(
      { ...scope, planId: plan.id, actor: { id: facilitator.id, facilitates: true }, at: new Date(day(4).getTime() + 86_400_000) },
      {
        kind: 'respect',
        title: 'Joint sessions',
        targetDimension: 'early_involvement',
        practiceKey: 'joint-build-session',
        ownerId: owner.id,
        dueOn: '2026-12-31',
      },
    )
    const db = await getDb()
    const told = await db.select().from(notifications)
    expect(told.filter((n) => n.userId === owner.id).map((n) => n.message)).toEqual([
      expect.stringMatching(/^An action is yours: “Joint sessions”, due \d{4}-\d{2}-\d{2}\.$/),
    ])
    await expect(
      addPlanAction(
        { ...scope, planId: plan.id, actor: { id: facilitator.id, facilitates: true } },
        {
          kind: 'process',
          title: 'x',
          targetDimension: null,
          practiceKey: null,
          ownerId: (await createMember(await createTeam(ws.id))).id,
          dueOn: '2026-12-31',
        },
      ),
    ).rejects.toMatchObject({ status: 422 })
    const open = await listOpenTeamActions({ ...scope, timeZone: 'UTC', publishedAutopsiesOnly: false })
    expect(open.map((a) => [a.source, a.title])).toEqual([['plan', 'Joint sessions']])
  })

  it('tallies respect against process actions across a leader’s teams, with no mean for a kind seen on one team', async () => {
    const ws = await createWorkspace()
    const a = await teamWithHistory(ws, 5.5)
    const b = await teamWithHistory(ws, 5.4)
    const c = await teamWithHistory(ws, 4)
    const leader = await createMember(a.team, 'leader', 'product')
    for (const { team, rounds } of [a, b, c]) {
      const facilitator = await createMember(team, 'facilitator', 'product')
      const plan = await openPlan({ workspaceId: ws.id, teamId: team.id, roundId: rounds[4].id, userId: facilitator.id })
      const isProcess = team.id === c.team.id
      await addPlanAction(
        {
          workspaceId: ws.id,
          teamId: team.id,
          planId: plan.id,
          actor: { id: facilitator.id, facilitates: true },
          at: new Date(day(4).getTime() + 86_400_000),
        },
        {
          kind: isProcess ? 'process' : 'respect',
          title: 'Something',
          targetDimension: isProcess ? null : 'early_involvement',
          practiceKey: null,
          ownerId: facilitator.id,
          dueOn: '2026-12-31',
        },
      )
    }
    const [respect, process] = await getEffectByKind({
      workspaceId: ws.id,
      teamIds: [a.team.id, b.team.id, c.team.id],
      viewerId: leader.id,
      audience: 'leaders',
    })
    expect(respect).toMatchObject({ kind: 'respect', measured: 2, rose: 2, teams: 2 })
    expect(respect.meanChange).toBeGreaterThan(20)
    expect(process).toMatchObject({ kind: 'process', measured: 1, withinNoise: 1, teams: 1, meanChange: null })
    expect(await getEffectByKind({ workspaceId: ws.id, teamIds: [], viewerId: leader.id, audience: 'leaders' })).toEqual([
      expect.objectContaining({ kind: 'respect', measured: 0 }),
      expect.objectContaining({ kind: 'process', measured: 0 }),
    ])
  })
})
