// The CSV download of a team's pulse page: the page's own guard, the page's
// own numbers, and empty cells wherever the page hides a value.
import { describe, expect, it } from 'vitest'
import { SUPPRESSED_MESSAGE } from '~/domain/anonymity'
import { PULSE_CSV_SECTIONS } from '~/domain/trends/pulse-csv'
import { refreshRoundRollup } from '~/models/rollups.server'
import { loader as pageLoader } from '~/routes/teams.$teamId.pulse'
import { loader as csvLoader } from '~/routes/teams.$teamId.pulse[.]csv'
import { addMember, createMember, createTeam, createUser, createWorkspace, request, settle } from '../factories'
import { createRound, createTemplate, respond, times } from '../pulse-factories'
import { parseCsvRecords } from '~/domain/csv-parse'

async function setup() {
  const ws = await createWorkspace()
  const team = await createTeam(ws.id)
  const viewer = await createMember(team, 'member', 'product')
  const { template, items } = await createTemplate(ws.id)
  return { ws, team, viewer, template, items }
}

async function csv(user: { id: string }, teamId: string, query: string) {
  return settle(async () =>
    csvLoader({ context: {}, params: { teamId }, request: await request(`/teams/${teamId}/pulse.csv${query}`, { user }) }),
  )
}

/** RFC 4180 records as objects keyed by header, the byte order mark dropped. */
function parse(text: string): Record<string, string>[] {
  const [header, ...rest] = parseCsvRecords(text)
  return rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])))
}

async function table(user: { id: string }, teamId: string, query: string) {
  const res = await csv(user, teamId, query)
  expect(res.status).toBe(200)
  expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
  return parse(await res.text())
}

async function page(user: { id: string }, teamId: string, query = '') {
  const res = await settle(async () =>
    pageLoader({ context: {}, params: { teamId }, request: await request(`/teams/${teamId}/pulse${query}`, { user }) }),
  )
  expect(res.status).toBe(200)
  return res.json()
}

const num = (value: number | null) => (value === null ? '' : String(value))

describe('pulse page CSV', () => {
  it('has the same numbers as the page, section by section', async () => {
    const { team, viewer, template, items } = await setup()
    const round = await createRound(team, template, items)
    await respond(round, items, [...times(6, { discipline: 'product', value: 6 }), ...times(6, { discipline: 'engineering', value: 3 })])
    await refreshRoundRollup(round.id)
    const data = await page(viewer, team.id)

    const dims = await table(viewer, team.id, `?section=dimensions&round=${round.id}`)
    expect(dims[0]).toMatchObject({ Measure: 'Respect Index', 'Score (0–100)': num(data.results.respectIndex), Note: '' })
    for (const d of data.results.dimensions) {
      expect(dims.find((r) => r.Measure === d.label)).toMatchObject({ 'Score (0–100)': num(d.score), 'Average answer (1–7)': num(d.mean) })
    }

    const directional = await table(viewer, team.id, '?section=directional')
    for (const d of data.results.directional) {
      expect(directional.find((r) => r.Direction === d.label)).toMatchObject({
        'Self-view': num(d.selfView.score),
        'Gap (points)': num(d.gap),
      })
    }

    const itemRows = await table(viewer, team.id, '?section=items')
    expect(itemRows).toHaveLength(data.results.items.length * 7)
    expect(itemRows.find((r) => r.Statement === items[0].wording && r.Answer.startsWith('6 '))?.People).toBe('6')

    const trend = await table(viewer, team.id, '?section=trend')
    expect(trend).toHaveLength(1)
    expect(trend[0]).toMatchObject({ 'Respect Index': num(data.trend[0].respectIndex), Responses: '12' })

    const gaps = await table(viewer, team.id, '?section=gaps')
    expect(gaps).toHaveLength(2)
    const p2e = data.trend[0].gaps.find((g: { direction: string }) => g.direction === 'product_to_engineering')
    expect(p2e.gap).not.toBeNull()
    expect(gaps[0]).toMatchObject({ Direction: 'Product → Engineering', 'Gap (points)': num(p2e.gap), 'Self-view': num(p2e.selfView) })
    // The gap on the trend is the one the round's own page shows.
    expect(p2e.gap).toBeCloseTo(data.results.directional[0].gap, 1)
  })

  it('leaves every cell of a hidden round empty, with the reason', async () => {
    const { team, viewer, template, items } = await setup()
    const hiddenRound = await createRound(team, template, items)
    await respond(hiddenRound, items, times(4, { discipline: 'product', value: 7 }))
    await refreshRoundRollup(hiddenRound.id)
    const shownRound = await createRound(team, template, items)
    await respond(shownRound, items, times(6, { value: 5 }))
    await refreshRoundRollup(shownRound.id)

    const dims = await table(viewer, team.id, `?section=dimensions&round=${hiddenRound.id}`)
    expect(dims).toHaveLength(6)
    for (const r of dims)
      expect(r).toMatchObject({ 'Score (0–100)': '', 'Average answer (1–7)': '', Responses: '', Note: SUPPRESSED_MESSAGE })
    const itemRows = await table(viewer, team.id, `?section=items&round=${hiddenRound.id}`)
    expect(itemRows.every((r) => r.Answer === '' && r.People === '' && r.Note === SUPPRESSED_MESSAGE)).toBe(true)
    const directional = await table(viewer, team.id, `?section=directional&round=${hiddenRound.id}`)
    expect(directional.every((r) => r['Self-view'] === '' && r['Gap (points)'] === '' && r['Everyone’s score'] === '')).toBe(true)

    const trend = await table(viewer, team.id, '?section=trend')
    expect(trend.map((r) => [r['Respect Index'] === '', r.Responses === '', r.Note])).toEqual([
      [true, true, SUPPRESSED_MESSAGE],
      [false, false, ''],
    ])
    const gaps = await table(viewer, team.id, '?section=gaps')
    expect(gaps).toHaveLength(4)
    for (const r of gaps.slice(0, 2)) {
      expect(r).toMatchObject({ 'Self-view': '', 'Other side’s view': '', 'Gap (points)': '', Self: '', Note: SUPPRESSED_MESSAGE })
    }
  })

  it('does not count the viewer’s own answer, as the page does not', async () => {
    const { team, template, items } = await setup()
    const round = await createRound(team, template, items)
    // Five answered; one of them reads: only four others, below k = 5.
    const [first] = await respond(round, items, times(5, { value: 6 }))
    await addMember(team, { id: first }, 'member', 'engineering')
    await refreshRoundRollup(round.id)
    const data = await page({ id: first }, team.id)
    expect(data.results.visible).toBe(false)
    const dims = await table({ id: first }, team.id, '?section=dimensions')
    expect(dims.every((r) => r['Score (0–100)'] === '' && r.Note === SUPPRESSED_MESSAGE)).toBe(true)
    const trend = await table({ id: first }, team.id, '?section=trend')
    expect(trend[0]).toMatchObject({ 'Respect Index': '', Note: SUPPRESSED_MESSAGE })
    // Someone who did not answer sees five others.
    const reader = await createMember(team, 'member', 'product')
    expect((await table(reader, team.id, '?section=trend'))[0].Note).toBe('')
  })

  it('asks for the page’s access: members and admins in, other teams out, unknown sections and rounds refused', async () => {
    const { ws, team, viewer, template, items } = await setup()
    const round = await createRound(team, template, items)
    await respond(round, items, times(5))
    const outsider = await createMember(await createTeam(ws.id), 'leader', 'engineering')
    expect((await csv(outsider, team.id, '?section=trend')).status).toBe(403)
    const admin = await createUser(ws.id, { isAdmin: true })
    expect((await csv(admin, team.id, '?section=trend')).status).toBe(200)
    const res = await settle(async () =>
      csvLoader({ context: {}, params: { teamId: team.id }, request: await request(`/teams/${team.id}/pulse.csv?section=trend`) }),
    )
    expect([302, 401]).toContain(res.status)
    expect((await csv(viewer, team.id, '?section=everything')).status).toBe(400)
    expect((await csv(viewer, team.id, '?section=items&round=not-a-uuid')).status).toBe(404)
    const otherTeam = await createTeam(ws.id)
    const foreign = await createRound(otherTeam, template, items)
    expect((await csv(viewer, team.id, `?section=items&round=${foreign.id}`)).status).toBe(404)
    for (const section of PULSE_CSV_SECTIONS) expect((await csv(viewer, team.id, `?section=${section}`)).status).toBe(200)
  })
})
