import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { rounds, webhookDeliveries } from '../../db/schema'
import { publishAutopsy } from '~/models/autopsies/lifecycle.server'
import { addActionItem, setActionStatus } from '~/models/autopsies/sections.server'
import { addPlanAction, setPlanActionStatus } from '~/models/plans/actions.server'
import { openPlan } from '~/models/plans/plans.server'
import { finishClose } from '~/models/pulse/lifecycle.server'
import { closeRoundNow } from '~/models/pulse/rounds.server'
import { createEndpoint } from '~/models/webhooks/endpoints.server'
import { appUrl } from '~/utils/urls.server'
import { autopsyTeam, reviewedAutopsy } from '../autopsy-factories'
import { createTeam, createUser, createWorkspace } from '../factories'
import { createRound, createTemplate, respond, times } from '../pulse-factories'

async function setup() {
  const ws = await createWorkspace()
  const admin = await createUser(ws.id, { isAdmin: true })
  const team = await createTeam(ws.id, 'Checkout')
  const all = await createEndpoint(ws.id, admin.id, {
    url: 'https://hooks.example.com/all',
    events: ['round.closed', 'autopsy.published', 'action.status_changed'],
    enabled: true,
  })
  const roundsOnly = await createEndpoint(ws.id, admin.id, {
    url: 'https://hooks.example.com/rounds',
    events: ['round.closed'],
    enabled: true,
  })
  const off = await createEndpoint(ws.id, admin.id, {
    url: 'https://hooks.example.com/off',
    events: ['round.closed', 'autopsy.published', 'action.status_changed'],
    enabled: false,
  })
  return { ws, admin, team, endpoints: { all: all.id, roundsOnly: roundsOnly.id, off: off.id } }
}

async function deliveries(workspaceId: string, event?: string) {
  const db = await getDb()
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), event ? eq(webhookDeliveries.event, event) : undefined))
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.body) }))
}

async function openRoundWithAnswers(team: { id: string; workspaceId: string }) {
  const { template, items } = await createTemplate(team.workspaceId)
  const opensAt = new Date(Date.now() - 86_400_000)
  const round = await createRound(team, template, items, { status: 'open', opensAt, closesAt: new Date(Date.now() + 86_400_000) })
  // Two answers: below every threshold, each with a comment that must never leave the app.
  await respond(round, items, times(2, { value: 2, comment: 'PRIVATE: my manager ignores engineering' }))
  return round
}

describe('webhook events are queued with the change they announce', () => {
  it('queues nothing when the closing transaction rolls back, and one event per subscribed endpoint when it commits', async () => {
    const { ws, team, endpoints } = await setup()
    const round = await openRoundWithAnswers({ id: team.id, workspaceId: ws.id })
    const db = await getDb()
    await expect(
      db.transaction(async (tx) => {
        await tx.update(rounds).set({ status: 'closed', closedAt: new Date() }).where(eq(rounds.id, round.id))
        await finishClose(tx, round.id)
        const inside = await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, ws.id))
        expect(inside).toHaveLength(2)
        throw new Error('the close failed after the event was queued')
      }),
    ).rejects.toThrow('the close failed')
    expect(await deliveries(ws.id)).toEqual([])

    await closeRoundNow(ws.id, team.id, round.id)
    const queued = await deliveries(ws.id)
    expect(queued.map((d) => d.endpointId).sort()).toEqual([endpoints.all, endpoints.roundsOnly].sort())
    expect(new Set(queued.map((d) => d.eventId)).size).toBe(1)
  })

  it('gives round.closed its participation, team and link, and no score or comment below the thresholds', async () => {
    const { ws, team } = await setup()
    const round = await openRoundWithAnswers({ id: team.id, workspaceId: ws.id })
    await closeRoundNow(ws.id, team.id, round.id)
    const [first] = await deliveries(ws.id, 'round.closed')
    expect(first.payload).toEqual({
      version: 1,
      id: first.eventId,
      type: 'round.closed',
      occurredAt: expect.any(String),
      team: { id: team.id, name: 'Checkout' },
      data: {
        round: {
          id: round.id,
          opensAt: round.opensAt.toISOString(),
          closedAt: expect.any(String),
          url: appUrl(`/teams/${team.id}/pulse?round=${round.id}`),
        },
        participation: { responded: 2, eligible: 10 },
      },
    })
    expect(first.body).not.toMatch(/PRIVATE|manager|comment|score|value|discipline|user/i)
  })

  it('announces a published autopsy with its feature and link', async () => {
    const { ws, team, endpoints } = await setup()
    const ref = { id: team.id, workspaceId: ws.id }
    const people = await autopsyTeam(ref)
    const { scope, feature, autopsy } = await reviewedAutopsy(ref, people.facilitator.id, [
      { id: people.pm.id, discipline: 'product' },
      { id: people.engineer.id, discipline: 'engineering' },
    ])
    expect(await deliveries(ws.id)).toEqual([])
    await publishAutopsy({ ...scope, actorId: people.facilitator.id })
    const queued = await deliveries(ws.id)
    expect(queued.map((d) => d.endpointId)).toEqual([endpoints.all])
    expect(queued[0].payload).toMatchObject({
      version: 1,
      type: 'autopsy.published',
      team: { id: team.id, name: 'Checkout' },
      data: {
        autopsy: { id: autopsy.id, url: appUrl(`/teams/${team.id}/autopsies/${autopsy.id}`) },
        feature: { id: feature.id, name: feature.name },
      },
    })
  })

  it('announces each real change of an action’s status, from an autopsy or a plan, and nothing for the same status', async () => {
    const { ws, team, endpoints } = await setup()
    const ref = { id: team.id, workspaceId: ws.id }
    const people = await autopsyTeam(ref)
    const { scope } = await reviewedAutopsy(ref, people.facilitator.id, [{ id: people.pm.id, discipline: 'product' }])
    const item = await addActionItem(scope, {
      kind: 'process',
      title: 'Demo the spec to engineering',
      ownerId: people.engineer.id,
      dueOn: '2026-09-01',
    })
    const actor = { id: people.facilitator.id, access: 'facilitate' as const }
    await setActionStatus({ workspaceId: ws.id, teamId: team.id, actionId: item.id, actor }, 'in_progress')
    // An autopsy still in review is the team's alone: its actions are not announced outside it.
    expect(await deliveries(ws.id, 'action.status_changed')).toEqual([])
    await publishAutopsy({ ...scope, actorId: people.facilitator.id })
    await setActionStatus({ workspaceId: ws.id, teamId: team.id, actionId: item.id, actor }, 'done')
    await setActionStatus({ workspaceId: ws.id, teamId: team.id, actionId: item.id, actor }, 'done')

    const { template, items } = await createTemplate(ws.id)
    const closed = await createRound(ref, template, items)
    const plan = await openPlan({ workspaceId: ws.id, teamId: team.id, roundId: closed.id, userId: people.facilitator.id })
    const planScope = { workspaceId: ws.id, teamId: team.id, planId: plan.id, actor: { id: people.facilitator.id, facilitates: true } }
    const planAction = await addPlanAction(planScope, {
      kind: 'process',
      title: 'Engineers join discovery calls',
      targetDimension: null,
      practiceKey: null,
      ownerId: people.pm.id,
      dueOn: '2026-09-01',
    })
    await setPlanActionStatus({ ...planScope, actionId: planAction.id }, 'done')
    await setPlanActionStatus({ ...planScope, actionId: planAction.id }, 'done')

    const queued = await deliveries(ws.id, 'action.status_changed')
    expect(queued.every((d) => d.endpointId === endpoints.all)).toBe(true)
    expect(queued.map((d) => d.payload.data).sort((a, b) => a.action.source.localeCompare(b.action.source))).toEqual([
      {
        action: {
          id: item.id,
          title: 'Demo the spec to engineering',
          source: 'autopsy',
          dueOn: '2026-09-01',
          url: appUrl(`/teams/${team.id}/autopsies/${scope.autopsyId}#action-${item.id}`),
        },
        previousStatus: 'in_progress',
        status: 'done',
        changedAt: expect.any(String),
      },
      {
        action: {
          id: planAction.id,
          title: 'Engineers join discovery calls',
          source: 'plan',
          dueOn: '2026-09-01',
          url: appUrl(`/teams/${team.id}/plans/${plan.id}#action-${planAction.id}`),
        },
        previousStatus: 'open',
        status: 'done',
        changedAt: expect.any(String),
      },
    ])
  })
})
