import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { autopsies, autopsyStages } from '../../db/schema'
import { Refusal } from '~/domain/refusal'
import { PROCESS_FLAG } from '~/domain/respect-gate'
import { openAutopsy, publishAutopsy, revealPerspectives, startCollecting } from '~/models/autopsies/lifecycle.server'
import { addPerspective, setShowNames } from '~/models/autopsies/perspectives.server'
import { getAutopsyDetail, getTimeline, listAutopsyEvents, listOpenActions } from '~/models/autopsies/reads.server'
import {
  addActionItem,
  addCustomFactor,
  removeActionItem,
  saveHindsight,
  saveTimeline,
  setActionStatus,
  setFactors,
  updateMismatch,
} from '~/models/autopsies/sections.server'
import { getRespectSnapshots } from '~/models/autopsies/snapshots.server'
import { createTeam, createWorkspace } from '../factories'
import { autopsyTeam, createAutopsy, pulseRound, reviewedAutopsy } from '../autopsy-factories'

/** The status of a refused change, or 'ok'. */
async function outcome(fn: () => Promise<unknown>): Promise<number | 'ok'> {
  try {
    await fn()
    return 'ok'
  } catch (error) {
    if (error instanceof Refusal) return error.status
    throw error
  }
}

async function setup() {
  const ws = await createWorkspace()
  const team = await createTeam(ws.id)
  const people = await autopsyTeam(team)
  return { ws, team, ...people }
}

const facilitate = (id: string) => ({ id, access: 'facilitate' as const, discipline: 'product' as const, audience: 'team' as const })

describe('autopsy lifecycle', () => {
  it('runs draft → collecting → reviewing → published and refuses every illegal move', async () => {
    const { team, facilitator, pm, engineer } = await setup()
    const { scope, autopsy } = await createAutopsy(team, facilitator.id)
    expect(autopsy.stage).toBe('draft')
    // The timeline is prefilled from the feature log: engineering from the handoff on.
    const timeline = await getTimeline(scope)
    expect(timeline.map((s) => s.stage)).toEqual([
      'discovery',
      'framing',
      'ideation',
      'spec',
      'handoff',
      'build',
      'review',
      'launch',
      'feedback',
    ])
    expect(timeline.filter((s) => s.engineering).map((s) => s.stage)[0]).toBe('handoff')

    const pmAuthor = { id: pm.id, discipline: 'product' as const }
    const engAuthor = { id: engineer.id, discipline: 'engineering' as const }
    const body = 'We were asked for a dashboard and nobody asked what the numbers were for.'
    expect(await outcome(() => addPerspective({ ...scope, author: pmAuthor }, { body, originStage: null }))).toBe(409)
    expect(await outcome(() => revealPerspectives({ ...scope, actorId: facilitator.id, confirmedWritten: 0 }))).toBe(409)
    expect(await outcome(() => publishAutopsy({ ...scope, actorId: facilitator.id }))).toBe(409)

    await startCollecting({ ...scope, actorId: facilitator.id })
    expect(await outcome(() => startCollecting({ ...scope, actorId: facilitator.id }))).toBe(409)
    // Nothing to reveal yet.
    expect(await outcome(() => revealPerspectives({ ...scope, actorId: facilitator.id, confirmedWritten: 0 }))).toBe(422)
    await addPerspective({ ...scope, author: pmAuthor }, { body, originStage: 'framing' })
    // Rewriting replaces, it does not add a second.
    await addPerspective({ ...scope, author: pmAuthor }, { body: `${body} (edited)`, originStage: 'discovery' })
    await addPerspective(
      { ...scope, author: engAuthor },
      { body: 'The spec arrived finished. We built it well; it was the wrong thing.', originStage: 'spec' },
    )
    expect(await outcome(() => publishAutopsy({ ...scope, actorId: facilitator.id }))).toBe(409)

    // The reveal needs a confirmation of how many have written: none, or a stale count, is refused.
    expect(await outcome(() => revealPerspectives({ ...scope, actorId: facilitator.id, confirmedWritten: null }))).toBe(422)
    expect(await outcome(() => revealPerspectives({ ...scope, actorId: facilitator.id, confirmedWritten: 1 }))).toBe(409)
    await revealPerspectives({ ...scope, actorId: facilitator.id, confirmedWritten: 2 })
    // A second reveal is a conflict, and perspectives are frozen.
    expect(await outcome(() => revealPerspectives({ ...scope, actorId: facilitator.id, confirmedWritten: 2 }))).toBe(409)
    expect(
      await outcome(() => addPerspective({ ...scope, author: engAuthor }, { body: 'A late change of story.', originStage: null })),
    ).toBe(409)

    // Publishing needs a failure origin.
    expect(await outcome(() => publishAutopsy({ ...scope, actorId: facilitator.id }))).toBe(422)
    await saveTimeline(scope, {
      failureOriginStage: 'framing',
      stages: timeline.map((s) => ({ ...s, note: s.stage === 'framing' ? 'The ask was taken as the solution.' : '' })),
    })
    await setShowNames({ ...scope, actorId: facilitator.id }, true)
    const published = await publishAutopsy({ ...scope, actorId: facilitator.id })
    expect(published.stage).toBe('published')
    // No pulse round has closed: the gate could not tell, and said so.
    expect(published.gateState).toBe('unknown')
    expect(await outcome(() => publishAutopsy({ ...scope, actorId: facilitator.id }))).toBe(409)

    const events = await listAutopsyEvents({ ...scope, viewer: { access: 'facilitate' } })
    expect(events.map((e) => e.action).reverse()).toEqual(['opened', 'collecting_started', 'revealed', 'names_shown', 'published'])
  })

  it('makes a published autopsy read-only except action-item status, and records each status change', async () => {
    const { team, facilitator, pm, engineer } = await setup()
    const { scope } = await reviewedAutopsy(team, facilitator.id, [
      { id: pm.id, discipline: 'product' },
      { id: engineer.id, discipline: 'engineering' },
    ])
    const item = await addActionItem(scope, {
      kind: 'respect',
      title: 'Engineers join the next three user calls',
      ownerId: engineer.id,
      dueOn: '2026-06-01',
    })
    await publishAutopsy({ ...scope, actorId: facilitator.id })

    const refused = [
      () => updateMismatch(scope, { askedFor: 'x', specified: 'y', built: 'z', needed: 'w' }),
      () => saveHindsight(scope, { solution: 'An email', days: 2 }),
      () => setFactors(scope, ['spec_as_handoff']),
      () => addCustomFactor(scope, 'Too late'),
      () => addActionItem(scope, { kind: 'process', title: 'A new template', ownerId: pm.id, dueOn: '2026-06-01' }),
      () => removeActionItem(scope, item.id),
      () => setShowNames({ ...scope, actorId: facilitator.id }, false),
    ]
    for (const attempt of refused) expect(await outcome(attempt)).toBe(409)

    // The owner may move their own item; someone else (not facilitating) may not see it.
    expect(await outcome(() => setActionStatus({ ...scope, actionId: item.id, actor: { id: pm.id, access: 'participate' } }, 'done'))).toBe(
      404,
    )
    await setActionStatus({ ...scope, actionId: item.id, actor: { id: engineer.id, access: 'participate' } }, 'in_progress')
    await setActionStatus({ ...scope, actionId: item.id, actor: facilitate(facilitator.id) }, 'done')
    const events = await listAutopsyEvents({ ...scope, viewer: { access: 'facilitate' } })
    const changes = events.filter((e) => e.action === 'action_status').reverse()
    expect(changes.map((e) => [e.before, e.after])).toEqual([
      [
        { actionId: item.id, title: item.title, status: 'open' },
        { actionId: item.id, title: item.title, status: 'in_progress' },
      ],
      [
        { actionId: item.id, title: item.title, status: 'in_progress' },
        { actionId: item.id, title: item.title, status: 'done' },
      ],
    ])
    expect(changes[0].actorName).toBe(engineer.name)
  })

  it('refuses a second autopsy on one feature, and features of another team', async () => {
    const { ws, team, facilitator } = await setup()
    const { feature } = await createAutopsy(team, facilitator.id)
    expect(await outcome(() => openAutopsy({ workspaceId: ws.id, teamId: team.id, featureId: feature.id, actorId: facilitator.id }))).toBe(
      409,
    )
    const other = await createTeam(ws.id)
    expect(await outcome(() => openAutopsy({ workspaceId: ws.id, teamId: other.id, featureId: feature.id, actorId: facilitator.id }))).toBe(
      404,
    )
  })

  it('saves nothing when one stage of the timeline is invalid', async () => {
    const { team, facilitator } = await setup()
    const { scope } = await createAutopsy(team, facilitator.id)
    const stages = await getTimeline(scope)
    const broken = stages.map((s, i) => ({
      ...s,
      design: true,
      note: 'changed',
      // The last stage ends before it starts: the database refuses it.
      ...(i === stages.length - 1 ? { startedOn: '2026-05-10', endedOn: '2026-05-01' } : {}),
    }))
    await expect(saveTimeline(scope, { failureOriginStage: 'spec', stages: broken })).rejects.toThrow()
    const db = await getDb()
    const after = await db.select().from(autopsyStages).where(eq(autopsyStages.autopsyId, scope.autopsyId))
    expect(after.every((s) => !s.design && s.note === '')).toBe(true)
    const [row] = await db.select().from(autopsies).where(eq(autopsies.id, scope.autopsyId))
    expect(row.failureOriginStage).toBeNull()
  })

  it('owners must be on the team', async () => {
    const { ws, team, facilitator } = await setup()
    const { scope } = await createAutopsy(team, facilitator.id)
    const outsider = (await autopsyTeam(await createTeam(ws.id))).pm
    const error = await addActionItem(scope, { kind: 'process', title: 'Template', ownerId: outsider.id, dueOn: '2026-06-01' }).catch(
      (e) => e,
    )
    expect(error).toBeInstanceOf(Refusal)
    expect(error).toMatchObject({ status: 422, field: 'ownerId' })
  })
})

describe('the respect-first gate on publishing', () => {
  it('in deficit: flags process items, blocks publishing until a respect action exists', async () => {
    const { team, facilitator, pm, engineer } = await setup()
    await pulseRound(team, { state: 'deficit', closedAt: new Date(Date.now() - 86_400_000) })
    const { scope } = await reviewedAutopsy(team, facilitator.id, [{ id: engineer.id, discipline: 'engineering' }])
    await addActionItem(scope, { kind: 'process', title: 'A spec review checklist', ownerId: pm.id, dueOn: '2026-06-01' })

    const detail = await getAutopsyDetail({ ...scope, viewer: facilitate(facilitator.id) })
    expect(detail?.gate.state).toBe('deficit')
    expect(detail?.gate.processFlag).toBe(PROCESS_FLAG)
    expect(detail?.gate.suggestions.length).toBeGreaterThan(0)
    expect(detail?.blockers.join(' ')).toMatch(/respect action/)

    const refused = await publishAutopsy({ ...scope, actorId: facilitator.id }).catch((e) => e)
    expect(refused).toMatchObject({ status: 422 })
    expect(refused.message).toMatch(/respect action/)

    await addActionItem(scope, {
      kind: 'respect',
      title: 'Engineers join the next three user calls',
      ownerId: engineer.id,
      dueOn: '2026-06-01',
    })
    const published = await publishAutopsy({ ...scope, actorId: facilitator.id })
    expect(published).toMatchObject({ stage: 'published', gateState: 'deficit', overrideReason: null })
  })

  it('in deficit: publishes with an explicit override whose reason is recorded and shown', async () => {
    const { team, facilitator, engineer } = await setup()
    await pulseRound(team, { state: 'deficit', closedAt: new Date(Date.now() - 86_400_000) })
    const { scope } = await reviewedAutopsy(team, facilitator.id, [{ id: engineer.id, discipline: 'engineering' }])
    expect(await outcome(() => publishAutopsy({ ...scope, actorId: facilitator.id }, { overrideReason: 'too short' }))).toBe(422)
    const db = await getDb()
    const [untouched] = await db.select().from(autopsies).where(eq(autopsies.id, scope.autopsyId))
    expect(untouched).toMatchObject({ stage: 'reviewing', overrideReason: null })

    const reason = 'Respect actions were agreed at the team offsite last week; this autopsy records the process fix only.'
    const published = await publishAutopsy({ ...scope, actorId: facilitator.id }, { overrideReason: reason })
    expect(published).toMatchObject({ stage: 'published', overrideReason: reason, overrideBy: facilitator.id })
    const events = await listAutopsyEvents({ ...scope, viewer: { access: 'facilitate' } })
    expect(events.map((e) => e.action)).toContain('gate_overridden')
    const detail = await getAutopsyDetail({ ...scope, viewer: facilitate(facilitator.id) })
    expect(detail?.gate.satisfiedBy).toBe('override')
  })

  it('with too few pulse responses: says it cannot tell, flags nothing and does not block', async () => {
    const { team, facilitator, pm, engineer } = await setup()
    await pulseRound(team, { state: 'unknown', closedAt: new Date(Date.now() - 86_400_000) })
    const { scope } = await reviewedAutopsy(team, facilitator.id, [{ id: engineer.id, discipline: 'engineering' }])
    await addActionItem(scope, { kind: 'process', title: 'A spec review checklist', ownerId: pm.id, dueOn: '2026-06-01' })
    const detail = await getAutopsyDetail({ ...scope, viewer: facilitate(facilitator.id) })
    expect(detail?.gate).toMatchObject({ state: 'unknown', processFlag: null, requiresRespectAction: false })
    expect(detail?.gate.explanation).toMatch(/too few responses/)
    expect(detail?.snapshots.latest?.visible).toBe(false)
    expect(detail?.snapshots.latest?.respectIndex).toBeNull()
    const published = await publishAutopsy({ ...scope, actorId: facilitator.id })
    expect(published.gateState).toBe('unknown')
  })

  it('override is refused when the team is not in deficit', async () => {
    const { team, facilitator, engineer } = await setup()
    await pulseRound(team, { state: 'healthy', closedAt: new Date(Date.now() - 86_400_000) })
    const { scope } = await reviewedAutopsy(team, facilitator.id, [{ id: engineer.id, discipline: 'engineering' }])
    const { overrideGate } = await import('~/models/autopsies/lifecycle.server')
    expect(await outcome(() => overrideGate({ ...scope, actorId: facilitator.id }, 'A long enough reason to override the gate.'))).toBe(409)
    expect((await publishAutopsy({ ...scope, actorId: facilitator.id })).gateState).toBe('healthy')
  })
})

describe('respect snapshots', () => {
  it('takes the last round closed before work began, and the latest at the time of the autopsy', async () => {
    const { ws, team } = await setup()
    const first = await pulseRound(team, { state: 'healthy', closedAt: new Date('2026-02-20T17:00:00Z') })
    // Closes on the day work begins: not "before" it.
    const sameDay = await pulseRound(team, { state: 'deficit', closedAt: new Date('2026-03-02T08:00:00Z') }, first.template)
    const later = await pulseRound(team, { state: 'deficit', closedAt: new Date('2026-04-20T17:00:00Z') }, first.template)
    const snaps = await getRespectSnapshots({
      workspaceId: ws.id,
      teamId: team.id,
      startedOn: '2026-03-02',
      at: new Date('2026-05-01T00:00:00Z'),
      viewerId: null,
      audience: 'team',
    })
    expect(snaps.before?.roundId).toBe(first.round.id)
    expect(snaps.before?.status.status).toBe('healthy')
    expect(snaps.latest?.roundId).toBe(later.round.id)
    expect(snaps.latest?.status.status).toBe('deficit')
    const earlier = await getRespectSnapshots({
      workspaceId: ws.id,
      teamId: team.id,
      startedOn: '2026-03-02',
      at: new Date('2026-03-10T00:00:00Z'),
      viewerId: null,
      audience: 'team',
    })
    expect(earlier.latest?.roundId).toBe(sameDay.round.id)
    const none = await getRespectSnapshots({
      workspaceId: ws.id,
      teamId: team.id,
      startedOn: '2026-01-01',
      at: new Date('2026-01-02T00:00:00Z'),
      viewerId: null,
      audience: 'team',
    })
    expect(none).toEqual({ before: null, latest: null })
  })

  it('can be published as of a past day (for seeded history): the gate and snapshot are that day’s', async () => {
    const { team, facilitator, engineer } = await setup()
    const first = await pulseRound(team, { state: 'healthy', closedAt: new Date('2026-02-20T17:00:00Z') })
    await pulseRound(team, { state: 'deficit', closedAt: new Date(Date.now() - 86_400_000) }, first.template)
    const { scope } = await reviewedAutopsy(team, facilitator.id, [{ id: engineer.id, discipline: 'engineering' }], {
      startedOn: '2026-01-05',
      shippedOn: '2026-02-02',
    })
    const at = new Date('2026-03-01T10:00:00Z')
    const published = await publishAutopsy({ ...scope, actorId: facilitator.id, at })
    expect(published).toMatchObject({ gateState: 'healthy', publishedAt: at })
    const detail = await getAutopsyDetail({ ...scope, viewer: facilitate(facilitator.id) })
    expect(detail?.snapshots.latest?.roundId).toBe(first.round.id)
    const events = await listAutopsyEvents({ ...scope, viewer: { access: 'facilitate' } })
    expect(events.find((e) => e.action === 'published')?.createdAt).toEqual(at)
  })

  it('reads the day work began in the workspace time zone', async () => {
    const ws = await createWorkspace({ timeZone: 'Pacific/Auckland' })
    const team = await createTeam(ws.id)
    // 2026-03-01 20:00 UTC is already 2 March in Auckland: the day work began, so not before it.
    await pulseRound(team, { state: 'healthy', closedAt: new Date('2026-03-01T20:00:00Z') })
    const snaps = await getRespectSnapshots({
      workspaceId: ws.id,
      teamId: team.id,
      startedOn: '2026-03-02',
      at: new Date('2026-05-01T00:00:00Z'),
      viewerId: null,
      audience: 'team',
    })
    expect(snaps.before).toBeNull()
    expect(snaps.latest).not.toBeNull()
  })
})

describe('open action items', () => {
  it('lists earlier autopsies’ unfinished items for review, marking overdue ones', async () => {
    const { team, facilitator, engineer, pm } = await setup()
    const first = await createAutopsy(team, facilitator.id, { name: 'First' })
    const overdue = await addActionItem(first.scope, {
      kind: 'respect',
      title: 'Join user calls',
      ownerId: engineer.id,
      dueOn: '2020-01-01',
    })
    await addActionItem(first.scope, { kind: 'process', title: 'Kickoff template', ownerId: pm.id, dueOn: '2999-01-01' })
    const done = await addActionItem(first.scope, { kind: 'process', title: 'Done already', ownerId: pm.id, dueOn: '2020-01-01' })
    await setActionStatus({ ...first.scope, actionId: done.id, actor: facilitate(facilitator.id) }, 'done')
    const second = await createAutopsy(team, facilitator.id, { name: 'Second' })

    const detail = await getAutopsyDetail({ ...second.scope, viewer: facilitate(facilitator.id) })
    expect(detail?.earlierActions.map((a) => [a.title, a.overdue, a.featureName])).toEqual([
      ['Join user calls', true, 'First'],
      ['Kickoff template', false, 'First'],
    ])
    // The first autopsy does not list its own items as "earlier".
    const own = await getAutopsyDetail({ ...first.scope, viewer: facilitate(facilitator.id) })
    expect(own?.earlierActions).toEqual([])
    // Leaders only see items of published autopsies.
    const forLeader = await listOpenActions({ workspaceId: team.workspaceId, teamId: team.id, publishedOnly: true, timeZone: 'UTC' })
    expect(forLeader).toEqual([])
    expect(overdue.status).toBe('open')
  })
})
