// Who may see and do what, through the routes: members read their team's
// autopsies, facilitators run them, leaders read published ones, and nobody
// outside the team sees anything. Malformed and foreign ids are 404, never 500.
import { describe, expect, it } from 'vitest'
import { loader as listLoader } from '~/routes/teams.$teamId.autopsies._index'
import { action as autopsyAction, loader as autopsyLoader } from '~/routes/teams.$teamId.autopsies.$autopsyId'
import { action as editAction, loader as editLoader } from '~/routes/teams.$teamId.autopsies.$autopsyId_.edit'
import { loader as historyLoader } from '~/routes/teams.$teamId.autopsies.$autopsyId_.history'
import { addActionItem } from '~/models/autopsies/sections.server'
import { createMember, createTeam, createUser, createWorkspace, request, settle } from '../factories'
import { autopsyTeam, createAutopsy, pulseRound, reviewedAutopsy } from '../autopsy-factories'

const ctx = { context: {} }
type User = { id: string }

function routes(teamId: string, autopsyId: string) {
  const params = { teamId, autopsyId }
  const path = `/teams/${teamId}/autopsies/${autopsyId}`
  return {
    page: async (user: User) => settle(async () => autopsyLoader({ ...ctx, params, request: await request(path, { user }) })),
    act: async (user: User, form: Record<string, string>) =>
      settle(async () => autopsyAction({ ...ctx, params, request: await request(path, { user, form }) })),
    editPage: async (user: User) => settle(async () => editLoader({ ...ctx, params, request: await request(`${path}/edit`, { user }) })),
    edit: async (user: User, form: Record<string, string>) =>
      settle(async () => editAction({ ...ctx, params, request: await request(`${path}/edit`, { user, form }) })),
    history: async (user: User) =>
      settle(async () => historyLoader({ ...ctx, params, request: await request(`${path}/history`, { user }) })),
  }
}

async function list(user: User, teamId: string, query = '') {
  return settle(async () =>
    listLoader({ ...ctx, params: { teamId }, request: await request(`/teams/${teamId}/autopsies${query}`, { user }) }),
  )
}

async function setup() {
  const ws = await createWorkspace()
  const team = await createTeam(ws.id)
  const people = await autopsyTeam(team)
  return { ws, team, ...people }
}

describe('autopsy permissions', () => {
  it('members read; only facilitators (and admins) run the autopsy', async () => {
    const { ws, team, facilitator, pm, engineer } = await setup()
    const { autopsy } = await createAutopsy(team, facilitator.id)
    const r = routes(team.id, autopsy.id)
    expect((await r.page(pm)).status).toBe(200)
    const forms: Record<string, string>[] = [
      { intent: 'start-collecting' },
      { intent: 'reveal' },
      { intent: 'publish' },
      { intent: 'add-action', kind: 'respect', title: 'Join calls', ownerId: pm.id, dueOn: '2026-06-01' },
    ]
    for (const form of forms) {
      expect((await r.act(engineer, form)).status, form.intent).toBe(403)
    }
    expect((await r.editPage(pm)).status).toBe(403)
    expect((await r.edit(pm, { intent: 'mismatch', askedFor: 'x', specified: '', built: '', needed: '' })).status).toBe(403)

    const admin = await createUser(ws.id, { isAdmin: true })
    expect((await r.act(admin, { intent: 'start-collecting' })).status).toBe(302)
    expect((await r.editPage(admin)).status).toBe(200)
  })

  it('leaders see published autopsies only, in the list and by id', async () => {
    const { team, facilitator, pm, engineer, leader } = await setup()
    const draft = await createAutopsy(team, facilitator.id, { name: 'Draft one' })
    const done = await reviewedAutopsy(team, facilitator.id, [{ id: engineer.id, discipline: 'engineering' }], { name: 'Published one' })
    await addActionItem(done.scope, { kind: 'process', title: 'Kickoff template', ownerId: pm.id, dueOn: '2020-01-01' })
    await addActionItem(draft.scope, { kind: 'process', title: 'Hidden draft action', ownerId: pm.id, dueOn: '2020-01-01' })
    expect((await routes(team.id, done.autopsy.id).act(facilitator, { intent: 'publish' })).status).toBe(302)

    expect((await routes(team.id, draft.autopsy.id).page(leader)).status).toBe(404)
    expect((await routes(team.id, draft.autopsy.id).history(leader)).status).toBe(404)
    const published = await routes(team.id, done.autopsy.id).page(leader)
    expect(published.status).toBe(200)
    expect((await published.json()).perspectives.revealed).toBe(true)

    const leaderList = await (await list(leader, team.id)).json()
    expect(leaderList.rows.map((a: { featureName: string }) => a.featureName)).toEqual(['Published one'])
    expect(leaderList.openActions.map((a: { title: string }) => a.title)).toEqual(['Kickoff template'])
    expect(leaderList.openActions[0].overdue).toBe(true)
    const memberList = await (await list(pm, team.id)).json()
    expect(memberList.rows).toHaveLength(2)
    expect(memberList.openActions).toHaveLength(2)
    // Leaders may not run anything either.
    expect((await routes(team.id, done.autopsy.id).act(leader, { intent: 'publish' })).status).toBe(403)
  })

  it('nobody outside the team sees anything; malformed and foreign ids are 404', async () => {
    const { ws, team, facilitator } = await setup()
    const { autopsy } = await createAutopsy(team, facilitator.id)
    const otherTeam = await createTeam(ws.id)
    const stranger = await createMember(otherTeam, 'facilitator', 'engineering')
    const r = routes(team.id, autopsy.id)
    expect((await r.page(stranger)).status).toBe(403)
    expect((await list(stranger, team.id)).status).toBe(403)
    expect((await r.act(stranger, { intent: 'start-collecting' })).status).toBe(403)

    const otherWs = await createWorkspace({ name: 'Elsewhere' })
    const foreignAdmin = await createUser(otherWs.id, { isAdmin: true })
    expect((await r.page(foreignAdmin)).status).toBe(404)

    // The stranger's own team cannot reach this autopsy by id.
    expect((await routes(otherTeam.id, autopsy.id).page(stranger)).status).toBe(404)
    expect((await routes(otherTeam.id, autopsy.id).act(stranger, { intent: 'start-collecting' })).status).toBe(404)
    expect((await routes(otherTeam.id, autopsy.id).edit(stranger, { intent: 'mismatch', askedFor: 'x' })).status).toBe(404)
    expect((await routes(team.id, 'not-a-uuid').page(facilitator)).status).toBe(404)
    expect((await routes(team.id, crypto.randomUUID()).page(facilitator)).status).toBe(404)
    expect((await routes(team.id, crypto.randomUUID()).act(facilitator, { intent: 'reveal' })).status).toBe(404)
  })

  it('owners update their own action items’ status; nobody else’s', async () => {
    const { team, facilitator, pm, engineer } = await setup()
    const { scope, autopsy } = await createAutopsy(team, facilitator.id)
    const item = await addActionItem(scope, { kind: 'respect', title: 'Join calls', ownerId: engineer.id, dueOn: '2026-06-01' })
    const r = routes(team.id, autopsy.id)
    expect((await r.act(pm, { intent: 'action-status', actionId: item.id, status: 'done' })).status).toBe(404)
    expect((await r.act(engineer, { intent: 'action-status', actionId: item.id, status: 'in_progress' })).status).toBe(302)
    expect((await r.act(engineer, { intent: 'action-status', actionId: item.id, status: 'finished' })).status).toBe(422)
  })
})

describe('lifecycle over HTTP', () => {
  it('answers illegal moves with 409 and bad input with 422, by field', async () => {
    const { team, facilitator, pm } = await setup()
    const { autopsy } = await createAutopsy(team, facilitator.id)
    const r = routes(team.id, autopsy.id)
    const before = await (await r.page(pm)).json()
    const publish = await r.act(facilitator, { intent: 'publish' })
    expect(publish.status).toBe(409)
    expect((await publish.json()).formError).toMatch(/Reveal the perspectives before publishing/)

    const missing = await r.act(facilitator, { intent: 'add-action', kind: 'process', title: '', ownerId: '', dueOn: 'soon' })
    expect(missing.status).toBe(422)
    const errors = (await missing.json()).errors
    expect(Object.keys(errors).sort()).toEqual(['dueOn', 'ownerId', 'title'])

    const badTimeline = await r.edit(facilitator, {
      intent: 'timeline',
      failureOriginStage: 'spec',
      build_startedOn: '2026-05-10',
      build_endedOn: '2026-05-01',
      review_startedOn: '2026-13-01',
    })
    expect(badTimeline.status).toBe(422)
    const timelineErrors = (await badTimeline.json()).errors
    expect(timelineErrors.build_endedOn[0]).toMatch(/before it starts/)
    expect(timelineErrors.review_startedOn[0]).toMatch(/valid date/)

    const longMismatch = await r.edit(facilitator, { intent: 'mismatch', askedFor: 'x'.repeat(2001), specified: '', built: '', needed: '' })
    expect(longMismatch.status).toBe(422)
    expect((await longMismatch.json()).errors.askedFor[0]).toMatch(/at most 2000/)

    const negative = await r.edit(facilitator, { intent: 'hindsight', solution: 'An email', effort: '-2', effortUnit: 'days' })
    expect((await negative.json()).errors.effort[0]).toMatch(/negative/)
    // Every refusal left the autopsy as it was, for anyone reading it.
    const seen = await (await r.page(pm)).json()
    expect(seen.autopsy).toEqual(before.autopsy)
    expect(seen.autopsy.stage).toBe('draft')
    expect(seen.actions).toEqual([])
  })

  it('after publishing: edits are 409, action status still changes', async () => {
    const { team, facilitator, engineer } = await setup()
    await pulseRound(team, { state: 'deficit', closedAt: new Date(Date.now() - 86_400_000) })
    const { autopsy, scope } = await reviewedAutopsy(team, facilitator.id, [{ id: engineer.id, discipline: 'engineering' }])
    const r = routes(team.id, autopsy.id)
    // A process action on a team in deficit is flagged, and publishing waits for a respect action.
    expect(
      (
        await r.act(facilitator, {
          intent: 'add-action',
          kind: 'process',
          title: 'Spec review checklist',
          ownerId: engineer.id,
          dueOn: '2026-06-01',
        })
      ).status,
    ).toBe(302)
    const flagged = await (await r.page(facilitator)).json()
    // Without ?suggest the add form starts empty; with it, it carries the suggestion.
    expect(flagged.addDefaults).toMatchObject({ kind: '', title: '' })
    expect(flagged.gate.processFlag).toBe('Process change on a respect deficit: likely theater. Address respect first.')
    const blocked = await r.act(facilitator, { intent: 'publish' })
    expect(blocked.status).toBe(422)
    expect((await blocked.json()).formError).toMatch(/respect action/)
    const suggested = await settle(async () =>
      autopsyLoader({
        ...ctx,
        params: { teamId: team.id, autopsyId: autopsy.id },
        request: await request(`/teams/${team.id}/autopsies/${autopsy.id}?suggest=0`, { user: facilitator }),
      }),
    )
    expect((await suggested.json()).addDefaults).toMatchObject({ kind: 'respect', title: 'Engineers join the next three user calls' })
    expect(
      (
        await r.act(facilitator, {
          intent: 'add-action',
          kind: 'respect',
          title: 'Engineers join the next three user calls',
          targetDimension: 'early_involvement',
          ownerId: engineer.id,
          dueOn: '2026-06-01',
        })
      ).status,
    ).toBe(302)
    // The target dimension is kept, and the page says what the action aims at.
    const aimed = (await (await r.page(facilitator)).json()).actions.find((a: { kind: string }) => a.kind === 'respect')
    expect(aimed.targetDimension).toBe('early_involvement')
    const unknown = await r.act(facilitator, {
      intent: 'add-action',
      kind: 'respect',
      title: 'Something vague',
      targetDimension: 'vibes',
      ownerId: engineer.id,
      dueOn: '2026-06-01',
    })
    expect(unknown.status).toBe(422)
    expect((await unknown.json()).errors.targetDimension).toEqual(['Choose a dimension from the list'])
    expect((await r.act(facilitator, { intent: 'publish' })).status).toBe(302)

    const edit = await r.edit(facilitator, { intent: 'mismatch', askedFor: 'Rewritten history', specified: '', built: '', needed: '' })
    expect(edit.status).toBe(409)
    expect((await edit.json()).formError).toMatch(/published and read-only/)
    const add = await r.act(facilitator, {
      intent: 'add-action',
      kind: 'respect',
      title: 'One more',
      ownerId: engineer.id,
      dueOn: '2026-06-01',
    })
    expect(add.status).toBe(409)
    const data = await (await r.page(facilitator)).json()
    const item = data.actions.find((a: { kind: string }) => a.kind === 'respect')
    expect((await r.act(facilitator, { intent: 'action-status', actionId: item.id, status: 'done' })).status).toBe(302)
    const history = await (await r.history(facilitator)).json()
    expect(history.events[0].what).toMatch(/Open → Done/)
    expect(scope.autopsyId).toBe(autopsy.id)
  })
})
