// The edit page is one form: every section is sent and saved together, so
// saving never drops what was typed in another section, and a refusal in one
// section stores nothing in any of them and hands back everything typed.
import { describe, expect, it } from 'vitest'
import { MAX_CUSTOM_FACTORS } from '~/domain/factors'
import { getAutopsy, getTimeline, listFactors } from '~/models/autopsies/reads.server'
import { addCustomFactor } from '~/models/autopsies/sections.server'
import { action as editAction, loader as editLoader } from '~/routes/teams.$teamId.autopsies.$autopsyId_.edit'
import { createTeam, createWorkspace, request, settle } from '../factories'
import { autopsyTeam, createAutopsy } from '../autopsy-factories'

const ctx = { context: {} }
const facilitate = (id: string) => ({ id, access: 'facilitate' as const, discipline: 'product' as const, audience: 'team' as const })

async function setup() {
  const ws = await createWorkspace()
  const team = await createTeam(ws.id)
  const people = await autopsyTeam(team)
  const made = await createAutopsy(team, people.facilitator.id)
  const params = { teamId: team.id, autopsyId: made.autopsy.id }
  const path = `/teams/${team.id}/autopsies/${made.autopsy.id}/edit`
  const page = async () =>
    (await settle(async () => editLoader({ ...ctx, params, request: await request(path, { user: people.facilitator }) }))).json()
  const save = async (form: Record<string, string>) =>
    settle(async () => editAction({ ...ctx, params, request: await request(path, { user: people.facilitator, form }) }))
  return { ...made, ...people, page, save }
}

describe('the autopsy edit page', () => {
  it('saves the mismatch, timeline, factors and hindsight together in one submit', async () => {
    const t = await setup()
    const old = await addCustomFactor(t.scope, 'Vendor contract signed first')
    const { values } = await t.page()
    const res = await t.save({
      ...values,
      askedFor: 'Better analytics',
      built: 'A dashboard nobody opened',
      failureOriginStage: 'framing',
      discovery_engineering: 'on',
      build_startedOn: '2026-03-10',
      build_endedOn: '2026-04-20',
      build_note: 'Two sprints over',
      factor_spec_as_handoff: 'on',
      factor_how_fast_framing: 'on',
      [`removeFactor_${old.id}`]: 'on',
      customFactor: 'Launch date promised to a customer',
      solution: 'A Monday email with three numbers',
      effort: '2',
      effortUnit: 'weeks',
    })
    expect(res.status).toBe(302)

    const found = await getAutopsy({ ...t.scope, viewer: facilitate(t.facilitator.id) })
    expect(found?.autopsy).toMatchObject({
      askedFor: 'Better analytics',
      built: 'A dashboard nobody opened',
      failureOriginStage: 'framing',
      hindsightSolution: 'A Monday email with three numbers',
      hindsightDays: 10,
    })
    const timeline = await getTimeline(t.scope)
    expect(timeline.find((s) => s.stage === 'discovery')?.engineering).toBe(true)
    expect(timeline.find((s) => s.stage === 'build')).toMatchObject({
      startedOn: '2026-03-10',
      endedOn: '2026-04-20',
      note: 'Two sprints over',
    })
    const factors = await listFactors(t.scope)
    expect(
      factors
        .filter((f) => !f.custom)
        .map((f) => f.factor)
        .sort(),
    ).toEqual(['how_fast_framing', 'spec_as_handoff'])
    expect(factors.filter((f) => f.custom).map((f) => f.text)).toEqual(['Launch date promised to a customer'])
  })

  it('stores nothing when any section is refused, and hands back what was typed in every section', async () => {
    const t = await setup()
    const before = await getAutopsy({ ...t.scope, viewer: facilitate(t.facilitator.id) })
    const { values } = await t.page()
    const typed = {
      ...values,
      askedFor: 'Typed in the mismatch',
      build_note: 'Typed in the timeline',
      build_startedOn: '2026-05-10',
      build_endedOn: '2026-05-01',
      solution: 'Typed in the hindsight',
      customFactor: 'ab',
    }
    const res = await t.save(typed)
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.errors.build_endedOn[0]).toMatch(/before it starts/)
    expect(body.errors.customFactor[0]).toMatch(/3 to 80 characters/)
    expect(body.values).toMatchObject({
      askedFor: 'Typed in the mismatch',
      build_note: 'Typed in the timeline',
      solution: 'Typed in the hindsight',
    })

    const after = await getAutopsy({ ...t.scope, viewer: facilitate(t.facilitator.id) })
    expect(after?.autopsy).toEqual(before?.autopsy)
    expect((await getTimeline(t.scope)).find((s) => s.stage === 'build')?.note).toBe('')
  })

  it('refuses a custom factor past the limit without saving the other sections', async () => {
    const t = await setup()
    for (let i = 1; i <= MAX_CUSTOM_FACTORS; i++) await addCustomFactor(t.scope, `Reason number ${i}`)
    const { values } = await t.page()
    const res = await t.save({ ...values, askedFor: 'Should not be stored', customFactor: 'A sixth reason' })
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.errors.customFactor[0]).toMatch(/At most 10 custom factors/)
    expect(body.values.askedFor).toBe('Should not be stored')
    const after = await getAutopsy({ ...t.scope, viewer: facilitate(t.facilitator.id) })
    expect(after?.autopsy.askedFor).toBe('Better analytics')
  })
})
