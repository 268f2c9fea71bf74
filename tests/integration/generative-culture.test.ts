// The optional generative-culture module: off by default, added only to
// rounds that open while it is on, shown as its own section under the
// pulse's anonymity rules, and never part of the Respect Index.
import { asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { roundItems, surveyItems, surveyTemplates } from '../../db/schema'
import { GENERATIVE_CULTURE, GENERATIVE_ITEMS, MODULE_POSITION_OFFSET } from '~/domain/generative-culture'
import { getRoundResults, getTeamTrend } from '~/models/pulse/results.server'
import { closeRoundNow, openRoundNow } from '~/models/pulse/rounds.server'
import { getWorkspaceTemplate } from '~/models/pulse/template.server'
import { getWorkspaceById } from '~/models/workspace.server'
import { action as settingsAction } from '~/routes/admin.settings'
import { createMember, createTeam, createUser, createWorkspace, request, settle } from '../factories'
import { respond, times } from '../pulse-factories'

const SETTINGS = {
  name: 'Acme',
  timeZone: 'UTC',
  anonymityK: '5',
  commentK: '7',
  deficitRespectIndex: '60',
  deficitDirectional: '55',
  deficitGap: '15',
  digestWeekday: '1',
  digestHour: '8',
  teamFirstDays: '2',
}

async function setup() {
  const ws = await createWorkspace()
  const admin = await createUser(ws.id, { isAdmin: true })
  const team = await createTeam(ws.id)
  await createMember(team, 'member', 'engineering')
  return { ws, admin, team }
}

async function setModule(admin: { id: string }, on: boolean) {
  const form = on ? { ...SETTINGS, generativeCulture: 'on' } : SETTINGS
  const res = await settle(async () =>
    settingsAction({ context: {}, params: {}, request: await request('/admin/settings', { user: admin, form }) }),
  )
  expect(res.status).toBe(302)
}

async function itemsOf(roundId: string) {
  const db = await getDb()
  return db
    .select({ item: surveyItems, position: roundItems.position })
    .from(roundItems)
    .innerJoin(surveyItems, eq(surveyItems.id, roundItems.itemId))
    .where(eq(roundItems.roundId, roundId))
    .orderBy(asc(roundItems.position))
}

let clock = Date.UTC(2026, 2, 2, 9)
/** Opens a round a week after the last, so rounds never overlap. */
async function open(ws: { id: string }, team: { id: string }) {
  clock += 7 * 86_400_000
  return openRoundNow(ws.id, team.id, 3, new Date(clock))
}

describe('generative-culture module', () => {
  it('is off by default: rounds ask the pulse only, and no module template exists', async () => {
    const { ws, team } = await setup()
    expect((await getWorkspaceById(ws.id))?.generativeCulture).toBe(false)
    const round = await open(ws, team)
    const items = await itemsOf(round.id)
    expect(items).toHaveLength(14)
    expect(items.some((i) => i.item.dimension === GENERATIVE_CULTURE)).toBe(false)
    const db = await getDb()
    expect(await db.select().from(surveyTemplates).where(eq(surveyTemplates.module, GENERATIVE_CULTURE))).toHaveLength(0)
  })

  it('adds its six items, after the pulse, to rounds opened while it is on, and to no other round', async () => {
    const { ws, admin, team } = await setup()
    const before = await open(ws, team)
    await setModule(admin, true)
    expect((await getWorkspaceById(ws.id))?.generativeCulture).toBe(true)
    // A round already open does not change.
    expect(await itemsOf(before.id)).toHaveLength(14)
    await closeRoundNow(ws.id, team.id, before.id)

    const during = await open(ws, team)
    const items = await itemsOf(during.id)
    expect(items).toHaveLength(20)
    const module = items.filter((i) => i.item.dimension === GENERATIVE_CULTURE)
    expect(module.map((i) => i.item.itemKey)).toEqual(GENERATIVE_ITEMS.map((i) => i.key))
    expect(module.every((i) => i.position > MODULE_POSITION_OFFSET && i.item.direction === null)).toBe(true)
    expect(items.slice(0, 14).every((i) => i.item.dimension !== GENERATIVE_CULTURE)).toBe(true)
    await closeRoundNow(ws.id, team.id, during.id)

    // The admin's template editor still edits the pulse, not the module.
    const template = await getWorkspaceTemplate(ws.id)
    expect(template.module).toBeNull()

    await setModule(admin, false)
    const after = await open(ws, team)
    expect(await itemsOf(after.id)).toHaveLength(14)
    // One module template, reused.
    const db = await getDb()
    expect(await db.select().from(surveyTemplates).where(eq(surveyTemplates.module, GENERATIVE_CULTURE))).toHaveLength(1)
  })

  it('scores as its own section and never feeds the Respect Index, on the page or in the trend', async () => {
    const { ws, admin, team } = await setup()
    await setModule(admin, true)
    const round = await open(ws, team)
    const items = (await itemsOf(round.id)).map((i) => i.item)
    const values = Object.fromEntries(items.map((i) => [i.itemKey, i.dimension === GENERATIVE_CULTURE ? 7 : 4]))
    await respond(round, items, times(8, { values }))
    await closeRoundNow(ws.id, team.id, round.id)

    const results = await getRoundResults({ workspaceId: ws.id, teamId: team.id, roundId: round.id, viewerId: null, audience: 'team' })
    expect(results?.visible).toBe(true)
    // Every pulse answer was 4, so every respect score is 50 whatever the module's 7s.
    expect(results?.respectIndex).toBe(50)
    expect(results?.dimensions.every((d) => d.score === 50)).toBe(true)
    expect(results?.items).toHaveLength(14)
    expect(results?.items.some((i) => i.dimension === GENERATIVE_CULTURE)).toBe(false)
    expect(results?.generativeCulture).toMatchObject({ mean: 7, score: 100, n: 8 })
    expect(results?.generativeCulture?.items.map((i) => i.aspect)).toEqual(GENERATIVE_ITEMS.map((i) => i.aspect))
    // 8 people, at least the comment threshold of 7: exact counts.
    expect(results?.generativeCulture?.items[0].distribution?.kind).toBe('exact')

    const [point] = await getTeamTrend(ws.id, team.id, { viewerId: null, audience: 'team' })
    expect(point.respectIndex).toBe(50)
  })

  it('follows the pulse’s anonymity rules: nothing below k, bands below the comment threshold', async () => {
    const { ws, admin, team } = await setup()
    await setModule(admin, true)
    const small = await open(ws, team)
    const smallItems = (await itemsOf(small.id)).map((i) => i.item)
    await respond(small, smallItems, times(4, { value: 6 }))
    await closeRoundNow(ws.id, team.id, small.id)
    const hidden = await getRoundResults({ workspaceId: ws.id, teamId: team.id, roundId: small.id, viewerId: null, audience: 'team' })
    expect(hidden?.generativeCulture).toMatchObject({ mean: null, score: null, n: null })
    expect(hidden?.generativeCulture?.items.every((i) => i.distribution === null)).toBe(true)

    const banded = await open(ws, team)
    const bandedItems = (await itemsOf(banded.id)).map((i) => i.item)
    await respond(banded, bandedItems, times(5, { value: 6 }))
    await closeRoundNow(ws.id, team.id, banded.id)
    const shown = await getRoundResults({ workspaceId: ws.id, teamId: team.id, roundId: banded.id, viewerId: null, audience: 'team' })
    expect(shown?.generativeCulture?.mean).toBe(6)
    expect(shown?.generativeCulture?.items.every((i) => i.distribution?.kind === 'bands')).toBe(true)
  })
})
