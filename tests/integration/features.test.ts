import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { features } from '../../db/schema'
import { action as createAction, loader as newLoader } from '~/routes/teams.$teamId.features.new'
import { loader as listLoader } from '~/routes/teams.$teamId.features._index'
import { action as featureAction, loader as featureLoader } from '~/routes/teams.$teamId.features.$featureId'
import { action as editAction } from '~/routes/teams.$teamId.features.$featureId_.edit'
import { createMember, createTeam, createUser, createWorkspace, request, settle } from '../factories'
import { createFeatureRow } from '../autopsy-factories'

const ctx = { context: {} }

const valid = {
  name: 'Usage email',
  problem: 'Account owners want to know each Monday whether their team uses the product.',
  ask: 'Better analytics',
  specMode: 'count',
  specWords: '300',
  specPages: '',
  engineeringJoinedStage: 'discovery',
  question: 'what_could',
  planned: '2',
  plannedUnit: 'days',
  actual: '2',
  actualUnit: 'days',
  startedOn: '2026-03-02',
  shippedOn: '2026-03-04',
  shippedAs: 'as_planned',
  outcome: 'fine',
}

async function setup() {
  const ws = await createWorkspace()
  const team = await createTeam(ws.id)
  const member = await createMember(team, 'member', 'engineering')
  const facilitator = await createMember(team, 'facilitator', 'product')
  const leader = await createMember(team, 'leader', 'product')
  return { ws, team, member, facilitator, leader }
}

async function post(user: { id: string }, teamId: string, form: Record<string, string>) {
  return settle(async () =>
    createAction({ ...ctx, params: { teamId }, request: await request(`/teams/${teamId}/features/new`, { user, form }) }),
  )
}

async function count(teamId: string) {
  const db = await getDb()
  return (await db.select().from(features).where(eq(features.teamId, teamId))).length
}

describe('logging a feature', () => {
  it('saves a member’s record and classifies it by when engineering joined', async () => {
    const { team, member } = await setup()
    const res = await post(member, team.id, valid)
    expect(res.status).toBe(302)
    const db = await getDb()
    const [row] = await db.select().from(features).where(eq(features.teamId, team.id))
    expect(res.headers.get('Location')).toBe(`/teams/${team.id}/features/${row.id}`)
    expect(row).toMatchObject({
      classification: 'collaboration',
      engineeringBeforeSpec: true,
      specWords: 300,
      specPages: 0.5,
      plannedDays: 2,
      actualDays: 2,
      upsetDisciplines: [],
      createdBy: member.id,
    })

    const handoff = await post(member, team.id, {
      ...valid,
      name: 'Dashboard',
      engineeringJoinedStage: 'build',
      question: 'how_fast',
      planned: '8',
      plannedUnit: 'weeks',
      actual: '9',
      actualUnit: 'weeks',
    })
    expect(handoff.status).toBe(302)
    const [dash] = await db.select().from(features).where(eq(features.name, 'Dashboard'))
    expect(dash).toMatchObject({ classification: 'handoff', engineeringBeforeSpec: false, plannedDays: 40, actualDays: 45 })
  })

  it('counts the words of a pasted spec and keeps "shipped differently" details only when they apply', async () => {
    const { team, member } = await setup()
    const res = await post(member, team.id, {
      ...valid,
      specMode: 'paste',
      specText: '# Dashboard\nShow twelve charts, filters and an export.',
      specWords: '',
      shippedAs: 'differently',
      changeWhat: 'We cut the export.',
      changeWhy: 'It was not in the user calls.',
      upset_product: 'on',
      upset_design: 'on',
    })
    expect(res.status).toBe(302)
    const db = await getDb()
    const [row] = await db.select().from(features).where(eq(features.teamId, team.id))
    expect(row).toMatchObject({ specWords: 8, specPages: 0.5, upsetDisciplines: ['product', 'design'], changeWhat: 'We cut the export.' })
    expect(row.specText).toContain('Show twelve charts')

    const planned = await post(member, team.id, { ...valid, name: 'As planned', changeWhat: 'ignored', upset_product: 'on' })
    expect(planned.status).toBe(302)
    const [asPlanned] = await db.select().from(features).where(eq(features.name, 'As planned'))
    expect(asPlanned).toMatchObject({ changeWhat: null, upsetDisciplines: [] })
  })

  it('returns 422 with errors by field and what was typed, and saves nothing', async () => {
    const { team, member } = await setup()
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ planned: '-1' }, 'planned', /negative/],
      [{ actual: 'two' }, 'actual', /number/],
      [{ actual: '' }, 'actual', /actual effort/],
      [{ actual: '1200', actualUnit: 'weeks' }, 'actual', /at most/i],
      [{ specWords: '' }, 'specWords', /word count/],
      [{ specWords: '1.5' }, 'specWords', /whole number/],
      [{ specMode: 'paste', specText: '   ' }, 'specText', /Paste/],
      [{ shippedOn: '2026-03-01' }, 'shippedOn', /before work began/],
      [{ startedOn: '2026-02-30' }, 'startedOn', /day work began/],
      [{ shippedAs: 'differently' }, 'changeWhat', /what changed/],
      [{ shippedAs: 'differently', changeWhat: 'Cut the export' }, 'changeWhy', /why/],
      [{ engineeringJoinedStage: 'whenever' }, 'engineeringJoinedStage', /stage/],
      [{ question: 'why' }, 'question', /question/],
      [{ name: 'x'.repeat(121) }, 'name', /at most 120/],
      [{ problem: '' }, 'problem', /required/],
      [{ outcome: 'meh' }, 'outcome', /outcome/],
    ]
    for (const [change, field, message] of cases) {
      const res = await post(member, team.id, { ...valid, ...change })
      expect(res.status, JSON.stringify(change)).toBe(422)
      const body = await res.json()
      expect(body.errors[field]?.[0], JSON.stringify(change)).toMatch(message)
      expect(body.values.name).toBe(change.name ?? valid.name)
    }
    expect(await count(team.id)).toBe(0)
  })

  it('shows every error in one go, including the ones that depend on other fields', async () => {
    const { team, member } = await setup()
    const res = await post(member, team.id, {
      name: 'Half-filled',
      specMode: 'count',
      plannedUnit: 'days',
      actualUnit: 'days',
      planned: '-3',
    })
    expect(res.status).toBe(422)
    const { errors } = await res.json()
    for (const field of [
      'problem',
      'ask',
      'specWords',
      'engineeringJoinedStage',
      'question',
      'planned',
      'actual',
      'startedOn',
      'shippedOn',
      'shippedAs',
      'outcome',
    ]) {
      expect(errors[field], field).toBeTruthy()
    }
    expect(errors.planned).toEqual(['The planned effort cannot be negative'])
  })

  it('lets leaders read the log but not write to it; outsiders get 403 or 404', async () => {
    const { ws, team, leader, member } = await setup()
    expect((await post(leader, team.id, valid)).status).toBe(403)
    const newPage = await settle(async () =>
      newLoader({ ...ctx, params: { teamId: team.id }, request: await request(`/teams/${team.id}/features/new`, { user: leader }) }),
    )
    expect(newPage.status).toBe(403)
    await createFeatureRow(team)
    const list = await settle(async () =>
      listLoader({ ...ctx, params: { teamId: team.id }, request: await request(`/teams/${team.id}/features`, { user: leader }) }),
    )
    expect(list.status).toBe(200)
    expect((await list.json()).canWrite).toBe(false)

    const otherTeam = await createTeam(ws.id)
    const stranger = await createMember(otherTeam, 'facilitator')
    expect((await post(stranger, team.id, valid)).status).toBe(403)
    const otherWs = await createWorkspace({ name: 'Elsewhere' })
    const foreigner = await createUser(otherWs.id, { isAdmin: true })
    expect((await post(foreigner, team.id, valid)).status).toBe(404)
    expect(await count(team.id)).toBe(1)
    // A member of the team, who may write, sees it in the log the strangers could not reach.
    const own = await settle(async () =>
      listLoader({ ...ctx, params: { teamId: team.id }, request: await request(`/teams/${team.id}/features`, { user: member }) }),
    )
    expect((await own.json()).canWrite).toBe(true)
  })

  it('shows a feature only within its team: malformed and foreign ids are 404', async () => {
    const { ws, team, member } = await setup()
    const feature = await createFeatureRow(team)
    const load = async (teamId: string, featureId: string, user = member) =>
      settle(async () =>
        featureLoader({
          ...ctx,
          params: { teamId, featureId },
          request: await request(`/teams/${teamId}/features/${featureId}`, { user }),
        }),
      )
    const ok = await load(team.id, feature.id)
    expect(ok.status).toBe(200)
    const data = await ok.json()
    expect(data.verdict.classification).toBe('handoff')
    expect(data.verdict.reason).toMatch(/after the spec was written/)
    expect(data.feature).not.toHaveProperty('specText')
    expect((await load(team.id, 'not-a-uuid')).status).toBe(404)
    expect((await load(team.id, crypto.randomUUID())).status).toBe(404)
    const otherTeam = await createTeam(ws.id)
    const theirs = await createFeatureRow(otherTeam)
    expect((await load(team.id, theirs.id)).status).toBe(404)
  })

  it('re-derives the classification on edit', async () => {
    const { team, member } = await setup()
    const feature = await createFeatureRow(team)
    const res = await settle(async () =>
      editAction({
        ...ctx,
        params: { teamId: team.id, featureId: feature.id },
        request: await request(`/teams/${team.id}/features/${feature.id}/edit`, {
          user: member,
          form: { ...valid, engineeringJoinedStage: 'framing' },
        }),
      }),
    )
    expect(res.status).toBe(302)
    const db = await getDb()
    const [row] = await db.select().from(features).where(eq(features.id, feature.id))
    expect(row.classification).toBe('collaboration')
  })

  it('filters the log and counts the denominator', async () => {
    const { team, member } = await setup()
    await createFeatureRow(team, { name: 'A' })
    await createFeatureRow(team, {
      name: 'B',
      engineeringJoinedStage: 'discovery',
      outcome: 'fine',
      shippedAs: 'differently',
      changeWhat: 'x',
      changeWhy: 'y',
    })
    await createFeatureRow(team, {
      name: 'C',
      engineeringJoinedStage: 'ideation',
      outcome: 'fine',
      shippedAs: 'differently',
      changeWhat: 'x',
      changeWhy: 'y',
      upsetDisciplines: ['engineering'],
    })
    const load = async (query: string) =>
      (
        await settle(async () =>
          listLoader({
            ...ctx,
            params: { teamId: team.id },
            request: await request(`/teams/${team.id}/features${query}`, { user: member }),
          }),
        )
      ).json()
    const all = await load('')
    expect(all.summary).toEqual({
      total: 3,
      handoff: 1,
      collaboration: 2,
      missed: 1,
      differently: 2,
      differentlyCalm: 1,
      engineeringBeforeSpec: 2,
    })
    expect((await load('?classification=handoff')).rows.map((r: { name: string }) => r.name)).toEqual(['A'])
    expect((await load('?outcome=fine&shippedAs=differently')).total).toBe(2)
    // An unknown filter value is ignored, not an error.
    expect((await load('?classification=bogus')).total).toBe(3)
  })

  it('opens an autopsy from a feature: facilitators only, once', async () => {
    const { team, member, facilitator } = await setup()
    const feature = await createFeatureRow(team)
    const open = async (user: { id: string }) =>
      settle(async () =>
        featureAction({
          ...ctx,
          params: { teamId: team.id, featureId: feature.id },
          request: await request(`/teams/${team.id}/features/${feature.id}`, { user, form: { intent: 'open-autopsy' } }),
        }),
      )
    expect((await open(member)).status).toBe(403)
    const first = await open(facilitator)
    expect(first.status).toBe(302)
    expect(first.headers.get('Location')).toMatch(new RegExp(`^/teams/${team.id}/autopsies/[0-9a-f-]{36}$`))
    const second = await open(facilitator)
    expect(second.status).toBe(409)
    expect((await second.json()).formError).toMatch(/already has an autopsy/)
  })
})
