import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { SUPPRESSED_MESSAGE } from '~/domain/anonymity'
import { ALL_TEAMS } from '~/domain/indicators'
import { refreshAutopsyMonth, refreshRoundRollup } from '~/models/rollups.server'
import type { Dashboard } from '~/domain/dashboard/types'
import { loader as csvLoader } from '~/routes/dashboard[.]csv'
import { loader } from '~/routes/dashboard'
import { createFeatureRow } from '../autopsy-factories'
import { autopsyMonth, autopsyWithActions, cells, featureMonth, rolledUpRound } from '../dashboard-factories'
import { addMember, createMember, createTeam, createUser, createWorkspace, query, request, settle } from '../factories'
import { createRound, createTemplate, respond, times } from '../pulse-factories'

const RANGE = 'from=2026-01-01&to=2026-06-30'

async function load(user: { id: string }, query = RANGE) {
  const res = await settle(async () => loader({ request: await request(`/dashboard?${query}`, { user }), params: {}, context: {} }))
  return { res, status: res.status }
}

/** The page's dashboard, with `ledTeams` (the filter form's list), `teams` (those in view, by the heatmap's rows) and the scatter's points (its table) put back. */
async function dashboard(user: { id: string }, query = RANGE): Promise<{ data: Dashboard; text: string }> {
  const { res, status } = await load(user, query)
  expect(status).toBe(200)
  const text = await res.text()
  const json = JSON.parse(text)
  const teams = json.dashboard.heatmap.rows.map((r: { teamId: string; teamName: string }) => ({ id: r.teamId, name: r.teamName }))
  expect(teams).toHaveLength(json.dashboard.teamCount)
  // With few teams the scatter's table holds every plotted team.
  const scatter = json.dashboard.scatter
  expect(scatter.table).toHaveLength(scatter.dots.length)
  return { data: { ...json.dashboard, ledTeams: json.teams, teams, scatter: { ...scatter, points: scatter.table } }, text }
}

async function csv(user: { id: string }, section: string, query = RANGE) {
  const res = await settle(async () =>
    csvLoader({ request: await request(`/dashboard.csv?section=${section}&${query}`, { user }), params: {}, context: {} }),
  )
  const bytes = new Uint8Array(await res.clone().arrayBuffer())
  const body = await res.text()
  return {
    res,
    status: res.status,
    bytes,
    body,
    lines: body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean),
  }
}

/** A workspace with one leader of the given teams. */
async function leaderOf(names: string[], workspace: Parameters<typeof createWorkspace>[0] = {}) {
  const ws = await createWorkspace(workspace)
  const teams = []
  for (const name of names) teams.push(await createTeam(ws.id, name))
  const leader = await createMember(teams[0], 'leader', 'product')
  for (const team of teams.slice(1)) await addMember(team, leader, 'leader', 'product')
  return { ws, teams, leader }
}

const point = (d: Dashboard, period: string, teamId: string) => d.respect.points.find((p) => p.period === period && p.teamId === teamId)

describe('dashboard: who may see it', () => {
  it('refuses a member or facilitator who leads no team, on the page and the CSV', async () => {
    const ws = await createWorkspace()
    const team = await createTeam(ws.id)
    for (const role of ['member', 'facilitator'] as const) {
      const user = await createMember(team, role)
      expect((await load(user)).status).toBe(403)
      expect((await csv(user, 'heatmap')).status).toBe(403)
    }
  })

  it('shows a leader only the teams they lead, and answers 404 for another team put in the URL', async () => {
    const { ws, teams, leader } = await leaderOf(['Checkout'])
    const other = await createTeam(ws.id, 'Secret Squad')
    await rolledUpRound(teams[0], { closedAt: '2026-03-10T12:00:00Z', cells: cells(6, 6) })
    await rolledUpRound(other, { closedAt: '2026-03-10T12:00:00Z', cells: cells(9, 2) })

    const { data, text } = await dashboard(leader)
    expect(data.ledTeams.map((t) => t.name)).toEqual(['Checkout'])
    expect(data.teams.map((t) => t.id)).toEqual([teams[0].id])
    expect(text).not.toContain('Secret Squad')
    expect(text).not.toContain(other.id)
    // The aggregate is Checkout alone.
    expect(point(data, '2026-03', ALL_TEAMS)?.respectIndex).toBeCloseTo(83.3, 1)

    expect((await load(leader, `${RANGE}&team=${other.id}`)).status).toBe(404)
    expect((await load(leader, `${RANGE}&team=${teams[0].id}&team=${other.id}`)).status).toBe(404)
    const leak = await csv(leader, 'respect-index', `${RANGE}&team=${other.id}`)
    expect(leak.status).toBe(404)
    expect(leak.body).not.toContain('Secret Squad')
  })

  it('shows an admin every team in the workspace', async () => {
    const ws = await createWorkspace()
    await createTeam(ws.id, 'Alpha')
    await createTeam(ws.id, 'Beta')
    const admin = await createUser(ws.id, { isAdmin: true })
    const { data } = await dashboard(admin)
    expect(data.ledTeams.map((t) => t.name)).toEqual(['Alpha', 'Beta'])
  })
})

describe('dashboard: anonymity', () => {
  it('hides a team with fewer than k responses everywhere, and leaves it out of the all-teams line', async () => {
    const { teams, leader } = await leaderOf(['Alpha', 'Beta'])
    const [a, b] = teams
    await rolledUpRound(a, { closedAt: '2026-03-10T12:00:00Z', cells: cells(6, 6), eligible: 8 })
    await rolledUpRound(b, { closedAt: '2026-03-12T12:00:00Z', cells: cells(3, 2), eligible: 4 })

    const { data, text } = await dashboard(leader)
    expect(point(data, '2026-03', b.id)).toMatchObject({ respectIndex: null, n: null })
    expect(point(data, '2026-03', a.id)).toMatchObject({ respectIndex: 83.3, n: 6 })
    // Alpha alone, not (6 × 83.3 + 3 × 16.7) / 9 = 61.1
    expect(point(data, '2026-03', ALL_TEAMS)).toMatchObject({ respectIndex: 83.3, n: 6 })
    const beta = data.heatmap.rows.find((r) => r.teamId === b.id)
    expect(beta).toMatchObject({ respectIndex: null, n: null, closedOn: null, status: 'unknown' })
    expect(Object.values(beta!.dimensions).every((v) => v === null)).toBe(true)
    expect(data.heatmap.overall.respectIndex).toBe(83.3)
    // Participation is shown only where the team's result is.
    const part = data.respect.participation.filter((p) => p.period === '2026-03')
    expect(part.find((p) => p.teamId === b.id)).toMatchObject({ responded: null, eligible: null, rate: null })
    expect(part.find((p) => p.teamId === a.id)).toMatchObject({ responded: 6, eligible: 8, rate: 0.75 })
    expect(part.find((p) => p.teamId === ALL_TEAMS)).toMatchObject({ responded: 6, eligible: 8 })
    expect(text).not.toContain('16.7')
    expect(text).not.toContain('61.1')

    const { status, lines } = await csv(leader, 'respect-index')
    expect(status).toBe(200)
    expect(lines[0]).toBe('Period,Team,Round closed,Respect Index,Responses,Note')
    expect(lines).toContain('2026-03,Beta,2026-03-12,,,Not enough responses to protect anonymity')
    expect(lines).toContain('2026-03,Alpha,2026-03-10,83.3,6,')
    expect(lines).toContain('2026-03,All selected teams,,83.3,6,')
    const heat = await csv(leader, 'heatmap')
    expect(heat.lines.find((l) => l.startsWith('Beta,'))).toBe(`Beta,,,,,,,,not enough responses,${SUPPRESSED_MESSAGE}`)
    expect(heat.body).not.toContain('16.7')
  })

  it('with a discipline filter, hides a team whose split by discipline cannot be shown', async () => {
    const { teams, leader } = await leaderOf(['Clear', 'Lopsided'])
    const [clear, lopsided] = teams
    await rolledUpRound(clear, {
      closedAt: '2026-04-08T12:00:00Z',
      cells: [
        { discipline: 'engineering', responses: 5, score: 5 },
        { discipline: 'product', responses: 5, score: 3 },
      ],
    })
    // Six engineers and two product people: "everyone minus engineering" would expose the two.
    await rolledUpRound(lopsided, {
      closedAt: '2026-04-09T12:00:00Z',
      cells: [
        { discipline: 'engineering', responses: 6, score: 6 },
        { discipline: 'product', responses: 2, score: 2 },
      ],
    })

    const whole = (await dashboard(leader)).data
    expect(point(whole, '2026-04', lopsided.id)?.respectIndex).toBeCloseTo(66.7, 1)
    expect(whole.respect.directional.filter((d) => d.teamId === lopsided.id).every((d) => !d.splitVisible && d.selfView === null)).toBe(
      true,
    )
    const clearViews = whole.respect.directional.filter((d) => d.teamId === clear.id)
    expect(clearViews.every((d) => d.splitVisible)).toBe(true)
    // Product about itself (3 → 33.3) against engineering's view (5 → 66.7): a gap of −33.3.
    expect(clearViews.find((d) => d.direction === 'product_to_engineering')).toMatchObject({ selfView: 33.3, otherView: 66.7, gap: -33.3 })

    const { data } = await dashboard(leader, `${RANGE}&discipline=engineering`)
    expect(data.filters.discipline).toBe('engineering')
    expect(point(data, '2026-04', lopsided.id)).toMatchObject({ respectIndex: null, n: null })
    expect(point(data, '2026-04', clear.id)).toMatchObject({ respectIndex: 66.7, n: 5 })
    expect(point(data, '2026-04', ALL_TEAMS)).toMatchObject({ respectIndex: 66.7, n: 5 })
    expect(data.heatmap.rows.find((r) => r.teamId === lopsided.id)?.respectIndex).toBeNull()
    const { lines } = await csv(leader, 'respect-index', `${RANGE}&discipline=engineering`)
    expect(lines).toContain(`2026-04,Lopsided,2026-04-09,,,${SUPPRESSED_MESSAGE}`)
  })
})

describe('dashboard: which rounds', () => {
  it('plots the latest round of each month, and shows the current state from the newest round that can be shown', async () => {
    const { teams, leader } = await leaderOf(['Steady'])
    const [team] = teams
    await rolledUpRound(team, { closedAt: '2026-04-20T12:00:00Z', cells: cells(6, 4) })
    await rolledUpRound(team, { closedAt: '2026-05-05T12:00:00Z', cells: cells(6, 6) })
    await rolledUpRound(team, { closedAt: '2026-05-19T12:00:00Z', cells: cells(2, 1) })
    const { data } = await dashboard(leader)
    expect(point(data, '2026-04', team.id)).toMatchObject({ respectIndex: 50, closedOn: '2026-04-20' })
    // May's latest round had two responses: a gap, not the earlier May round.
    expect(point(data, '2026-05', team.id)).toMatchObject({ respectIndex: null, closedOn: '2026-05-19' })
    expect(data.heatmap.rows[0]).toMatchObject({ respectIndex: 83.3, closedOn: '2026-05-05', status: 'healthy' })
    expect(data.respect.directional.find((d) => d.teamId === team.id)?.closedOn).toBe('2026-05-05')
  })

  it('places rounds by the day they closed in the workspace’s time zone', async () => {
    const { teams, leader } = await leaderOf(['Kiwis'], { timeZone: 'Pacific/Auckland' })
    // 13:00 UTC on 30 June is 1 July in Auckland: outside a range that ends on 30 June.
    await rolledUpRound(teams[0], { closedAt: '2026-06-30T13:00:00Z', cells: cells(6, 6) })
    await rolledUpRound(teams[0], { closedAt: '2025-12-31T12:00:00Z', cells: cells(6, 4) })
    const { data } = await dashboard(leader)
    expect(data.respect.points.filter((p) => p.teamId === teams[0].id)).toEqual([
      { period: '2026-01', teamId: teams[0].id, teamName: 'Kiwis', closedOn: '2026-01-01', respectIndex: 50, n: 6 },
    ])
    const july = await dashboard(leader, 'from=2026-07-01&to=2026-07-31')
    expect(point(july.data, '2026-07', teams[0].id)).toMatchObject({ closedOn: '2026-07-01', respectIndex: 83.3 })
  })

  it('reads the rollups, not the raw answers', async () => {
    const { ws, teams, leader } = await leaderOf(['Readers'])
    const { template, items } = await createTemplate(ws.id)
    const round = await createRound(teams[0], template, items, {
      opensAt: new Date('2026-03-01T09:00:00Z'),
      closesAt: new Date('2026-03-04T09:00:00Z'),
      closedAt: new Date('2026-03-04T09:00:00Z'),
    })
    await respond(round, items, times(5, { value: 6 }))
    await refreshRoundRollup(round.id)
    const before = (await dashboard(leader)).data
    // With the raw answers gone, the dashboard still reads the same numbers.
    await query(sql`delete from responses where round_id = ${round.id}`)
    const after = (await dashboard(leader)).data
    expect(point(after, '2026-03', teams[0].id)).toEqual(point(before, '2026-03', teams[0].id))
    expect(point(after, '2026-03', teams[0].id)?.n).toBe(5)
  })
})

describe('dashboard: numbers', () => {
  it('computes the leading indicators exactly, across teams and months', async () => {
    const { teams, leader } = await leaderOf(['Eagles', 'Falcons'])
    const [e, f] = teams
    const base = { startedOn: '2026-01-05', outcome: 'fine' as const, shippedAs: 'as_planned' as const }
    await createFeatureRow(e, { ...base, shippedOn: '2026-02-10', spec: { words: 100, pages: 1 }, engineeringJoinedStage: 'discovery' })
    await createFeatureRow(e, {
      ...base,
      shippedOn: '2026-02-11',
      spec: { words: 300, pages: 1 },
      engineeringJoinedStage: 'spec',
      shippedAs: 'differently',
    })
    await createFeatureRow(e, {
      ...base,
      shippedOn: '2026-02-12',
      spec: { words: 900, pages: 2 },
      engineeringJoinedStage: 'build',
      shippedAs: 'differently',
      upsetDisciplines: ['engineering'],
      outcome: 'not_what_we_asked',
    })
    await createFeatureRow(e, { ...base, shippedOn: '2026-03-03', spec: { words: 0, pages: 0 }, engineeringJoinedStage: 'framing' })
    await createFeatureRow(f, { ...base, shippedOn: '2026-02-20', spec: { words: 50, pages: 1 }, engineeringJoinedStage: 'discovery' })
    await createFeatureRow(f, { ...base, shippedOn: '2026-02-21', spec: { words: 60, pages: 1 }, engineeringJoinedStage: 'discovery' })

    const monthly = (await dashboard(leader)).data
    const feb = monthly.indicators.points.filter((p) => p.period === '2026-02')
    expect(feb.find((p) => p.teamId === ALL_TEAMS)).toMatchObject({
      features: 5,
      medianSpecWords: 100, // of 50, 60, 100, 300, 900: a median over every feature, not of team medians
      shareDifferentWithoutUpset: 0.2,
      shareEngineeringBeforeSpec: 0.6,
      shareCollaboration: 0.8,
      handoff: 1,
      collaboration: 4,
      missed: 1,
    })
    expect(feb.find((p) => p.teamId === e.id)).toMatchObject({ features: 3, medianSpecWords: 300, handoff: 1, missed: 1 })
    expect(feb.find((p) => p.teamId === e.id)?.shareDifferentWithoutUpset).toBeCloseTo(1 / 3)
    // A team that shipped nothing in a month has no row; the overall row is always there.
    expect(monthly.indicators.points.filter((p) => p.period === '2026-01').map((p) => p.teamId)).toEqual([ALL_TEAMS])

    const quarterly = (await dashboard(leader, `${RANGE}&period=quarter`)).data
    const q1 = quarterly.indicators.points.find((p) => p.period === '2026-Q1' && p.teamId === ALL_TEAMS)!
    expect(q1).toMatchObject({ features: 6, medianSpecWords: 100, handoff: 1, collaboration: 5 })
    expect(q1.shareDifferentWithoutUpset).toBeCloseTo(1 / 6)
    expect(q1.shareEngineeringBeforeSpec).toBeCloseTo(4 / 6)
    expect(q1.shareCollaboration).toBeCloseTo(5 / 6)
    expect(quarterly.indicators.totals[0]).toMatchObject({ teamId: ALL_TEAMS, features: 6, medianSpecWords: 100 })

    const { lines } = await csv(leader, 'indicators', `${RANGE}&period=quarter`)
    expect(lines[0]).toContain('Median spec length (words) (should fall)')
    expect(lines).toContain('2026-Q1,All selected teams,6,100,16.7,66.7,83.3,1,5,1')
  })

  it('counts autopsies by origin stage (all nine, zeros included), by quarter and by factor', async () => {
    const { ws, teams, leader } = await leaderOf(['Insights'])
    const [team] = teams
    const notLed = await createTeam(ws.id, 'Elsewhere')
    await autopsyMonth(team, '2026-02-01', { stages: { framing: 2 }, factors: { spec_as_handoff: 2, 'custom:Nobody owned the metric': 1 } })
    await autopsyMonth(team, '2025-11-01', { stages: { build: 5 } })
    await autopsyMonth(notLed, '2026-02-01', { stages: { launch: 7 } })
    // Through the real rollup writer: a published autopsy of a feature shipped in May, origin "framing".
    await autopsyWithActions(team, { actions: [] })
    await refreshAutopsyMonth({ workspaceId: ws.id, teamId: team.id, shippedOn: '2026-05-01' })
    await autopsyMonth(team, '2026-04-01', { stages: { spec: 1 } })

    const { data } = await dashboard(leader)
    expect(data.failures.stages).toHaveLength(9)
    expect(Object.fromEntries(data.failures.stages.map((s) => [s.key, s.count]))).toEqual({
      discovery: 0,
      framing: 3,
      ideation: 0,
      spec: 1,
      handoff: 0,
      build: 0,
      review: 0,
      launch: 0,
      feedback: 0,
    })
    expect(data.failures.autopsies).toBe(4)
    expect(data.failures.byQuarter).toEqual([
      { period: '2026-Q1', stage1: 0, stage2: 2, stage3: 0, stage4: 0, stage5: 0, stage6: 0, stage7: 0, stage8: 0, stage9: 0 },
      { period: '2026-Q2', stage1: 0, stage2: 1, stage3: 0, stage4: 1, stage5: 0, stage6: 0, stage7: 0, stage8: 0, stage9: 0 },
    ])
    expect(data.failures.factors).toEqual([
      { key: 'spec_as_handoff', label: 'Spec as handoff', count: 2 },
      { key: 'custom:Nobody owned the metric', label: 'Nobody owned the metric', count: 1 },
    ])
    const { lines } = await csv(leader, 'stages')
    expect(lines).toEqual([
      'Failure-origin stage,Autopsies',
      '1. Discovery / user calls,0',
      '2. Problem framing,3',
      '3. Solution ideation,0',
      '4. Spec writing,1',
      '5. Handoff,0',
      '6. Build,0',
      '7. Review / QA,0',
      '8. Launch,0',
      '9. Feedback,0',
    ])
  })

  it('lists teams in respect deficit with their open process actions from published autopsies', async () => {
    const { teams, leader } = await leaderOf(['Growth', 'Checkout'])
    const [growth, checkout] = teams
    await rolledUpRound(growth, { closedAt: '2026-05-05T12:00:00Z', cells: cells(6, 2) })
    await rolledUpRound(checkout, { closedAt: '2026-05-05T12:00:00Z', cells: cells(6, 6) })
    const { autopsy } = await autopsyWithActions(growth, {
      actions: [
        { kind: 'process', title: 'Adopt a new spec template', dueOn: '2026-01-15' },
        { kind: 'process', title: 'Add a launch checklist', dueOn: '2099-01-01', status: 'in_progress' },
        { kind: 'process', title: 'Already done', dueOn: '2026-01-10', status: 'done' },
        { kind: 'respect', title: 'Engineers join user calls', dueOn: '2026-06-01' },
      ],
    })
    await autopsyWithActions(growth, {
      stage: 'reviewing',
      actions: [{ kind: 'process', title: 'Not yet published', dueOn: '2026-02-01' }],
    })
    await autopsyWithActions(checkout, { actions: [{ kind: 'process', title: 'Healthy team process', dueOn: '2026-02-01' }] })

    const { data, text } = await dashboard(leader)
    expect(data.respectFirst.judged).toBe(2)
    expect(data.respectFirst.teams).toHaveLength(1)
    const [team] = data.respectFirst.teams
    expect(team).toMatchObject({ teamId: growth.id, respectIndex: 16.7, openRespectActions: 1, closedOn: '2026-05-05' })
    expect(team.reasons[0]).toMatch(/Respect Index 17 is below 60/)
    expect(team.processActions.map((a) => [a.title, a.overdue, a.status])).toEqual([
      ['Adopt a new spec template', true, 'open'],
      ['Add a launch checklist', false, 'in_progress'],
    ])
    expect(team.processActions[0].href).toBe(`/teams/${growth.id}/autopsies/${autopsy.id}`)
    expect(text).not.toContain('Not yet published')
    expect(text).not.toContain('Healthy team process')

    const { lines } = await csv(leader, 'respect-first')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toMatch(/^Growth,16.7,2026-05-05,.*,1,Adopt a new spec template,2026-01-15,open,yes,,Analytics dashboard$/)
  })

  it('lists the twenty teams in deficit with the lowest Respect Index, each with all its open actions, and the CSV every one', async () => {
    const names = Array.from({ length: 22 }, (_, i) => `Team ${String(i + 1).padStart(2, '0')}`)
    const { teams, leader } = await leaderOf(names)
    // The first two are in deficit but less deeply than the other twenty.
    for (const [i, team] of teams.entries()) {
      await rolledUpRound(team, { closedAt: '2026-05-05T12:00:00Z', cells: cells(6, i < 2 ? 3 : 2) })
      await autopsyWithActions(team, {
        featureName: `Feature of ${team.name}`,
        actions: [
          { kind: 'process', title: `First step for ${team.name}`, dueOn: '2026-01-15' },
          { kind: 'process', title: `Second step for ${team.name}`, dueOn: '2099-01-01' },
        ],
      })
    }
    const { data } = await dashboard(leader)
    const page = data.respectFirst as typeof data.respectFirst & { total: number }
    expect(page.total).toBe(22)
    expect(page.teams.map((t) => t.teamName).sort()).toEqual(names.slice(2))
    for (const team of page.teams)
      expect(team.processActions.map((a) => a.title)).toEqual([`First step for ${team.teamName}`, `Second step for ${team.teamName}`])

    const { lines } = await csv(leader, 'respect-first')
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(names))
  })

  it('plots respect against failure per team, with a reading, leaving out teams without enough data', async () => {
    const { teams, leader } = await leaderOf(['High', 'Middle', 'Low', 'Quiet'])
    const [high, middle, low, quiet] = teams
    const shipped = [
      [high, 6, 10, 1],
      [middle, 4, 10, 5],
      [low, 2, 5, 4],
      [quiet, 6, 3, 0],
    ] as const
    for (const [team, score, features, missed] of shipped) {
      await rolledUpRound(team, { closedAt: '2026-04-01T12:00:00Z', cells: cells(6, score) })
      await featureMonth(team, '2026-03-01', { features, missed })
    }
    const { data } = await dashboard(leader)
    expect(data.scatter.points.map((p) => [p.teamName, p.respectIndex, p.ratePer10])).toEqual([
      ['High', 83.3, 1],
      ['Low', 16.7, 8],
      ['Middle', 50, 5],
    ])
    expect(data.scatter.leftOut).toEqual([{ teamId: quiet.id, teamName: 'Quiet', reason: '3 shipped features; a rate needs at least 5' }])
    expect(data.scatter.reading.r).toBeLessThan(-0.9)
    expect(data.scatter.reading.text).toMatch(/^Teams with higher respect have fewer/)
  })
})

describe('dashboard: filters', () => {
  it('defaults to the last twelve calendar months, per month, every led team', async () => {
    const { leader, teams } = await leaderOf(['Solo'])
    const { data } = await dashboard(leader, '')
    const today = new Date().toISOString().slice(0, 10)
    const [y, m] = today.split('-').map(Number)
    expect(data.filters).toEqual({
      from: new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10),
      to: today,
      teamIds: [],
      discipline: null,
      period: 'month',
    })
    expect(data.periods).toHaveLength(12)
    expect(data.teams.map((t) => t.id)).toEqual([teams[0].id])
  })

  it.each([
    ['from=2026-13-01', 'from'],
    ['from=2026-02-30', 'from'],
    ['from=yesterday', 'from'],
    ['from=2026-06-01&to=2026-01-01', 'to'],
    ['from=2020-01-01&to=2026-01-01', 'from'],
    ['discipline=marketing', 'discipline'],
    ['period=week', 'period'],
    ['team=not-a-uuid', 'team'],
  ])('answers 422 with a message for %s, on the page and the CSV', async (query, field) => {
    const { leader } = await leaderOf(['Solo'])
    const { res, status } = await load(leader, query)
    expect(status).toBe(422)
    const data = await res.json()
    expect(data.dashboard).toBeNull()
    expect(data.errors[field]?.[0]).toEqual(expect.any(String))
    expect((await csv(leader, 'heatmap', query)).status).toBe(422)
  })

  it('answers 400 for an unknown CSV section', async () => {
    const { leader } = await leaderOf(['Solo'])
    const { status, body } = await csv(leader, 'passwords')
    expect(status).toBe(400)
    expect(body).toMatch(/Unknown section/)
  })
})

describe('dashboard: CSV', () => {
  it('sends a named attachment whose team names cannot run as formulas', async () => {
    const { teams, leader } = await leaderOf(['=HYPERLINK("x")'])
    await rolledUpRound(teams[0], { closedAt: '2026-02-03T12:00:00Z', cells: cells(5, 5.5) })
    const { res, status, bytes, lines } = await csv(leader, 'heatmap')
    expect(status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="tandem-heatmap-2026-01-01-2026-06-30.csv"')
    // A byte order mark, so spreadsheet apps read the names as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(lines[0]).toBe(
      'Team,Round closed,Respect Index,Product values technical input,Engineering engages with product thinking,Early involvement,Psychological safety,Shared outcomes,Status,Note',
    )
    expect(lines[1]).toBe('All selected teams,,75,75,75,75,75,75,healthy,')
    expect(lines[2]).toBe(`"'=HYPERLINK(""x"")",2026-02-03,75,75,75,75,75,75,healthy,`)
  })
})
