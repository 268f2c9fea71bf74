import { describe, expect, it } from 'vitest'
import { SUPPRESSED_MESSAGE } from '~/domain/anonymity'
import { RESULTS_AFTER_CLOSE_MESSAGE, getRoundResults, getTeamTrend, listTeamRounds } from '~/models/pulse/results.server'
import { refreshRoundRollup } from '~/models/rollups.server'
import { loader } from '~/routes/teams.$teamId.pulse'
import { sql } from 'drizzle-orm'
import { submitResponse } from '~/models/pulse/answering.server'
import { closeRoundNow, openRoundNow } from '~/models/pulse/rounds.server'
import { ensureBuiltInTemplate } from '~/models/pulse/template.server'
import { createMember, createTeam, createUser, createWorkspace, query, request, settle } from '../factories'
import { createRound, createTemplate, respond, rewordItem, times } from '../pulse-factories'

type Overrides = Parameters<typeof createWorkspace>[0]

async function setup(workspace: Overrides = {}) {
  const ws = await createWorkspace(workspace)
  const team = await createTeam(ws.id)
  const viewer = await createMember(team, 'member', 'product')
  const { template, items } = await createTemplate(ws.id)
  return { ws, team, viewer, template, items }
}

async function load(user: { id: string }, teamId: string, query = '') {
  const res = await settle(async () =>
    loader({ context: {}, params: { teamId }, request: await request(`/teams/${teamId}/pulse${query}`, { user }) }),
  )
  return { res, status: res.status, text: res.status === 200 ? await res.clone().text() : '' }
}

async function loadData(user: { id: string }, teamId: string, query = '') {
  const { res, status, text } = await load(user, teamId, query)
  expect(status).toBe(200)
  const data = await res.json()
  return { data, text }
}

describe('pulse results: the k threshold', () => {
  it('suppresses a round with k − 1 responses: no scores, no distributions, no comments', async () => {
    const { team, viewer, template, items } = await setup()
    const round = await createRound(team, template, items)
    await respond(round, items, times(4, { value: 6, comment: 'Great collaboration this sprint' }))
    const { data, text } = await loadData(viewer, team.id)
    const r = data.results
    expect(r.round.id).toBe(round.id)
    expect(r.visible).toBe(false)
    expect(r.message).toBe(SUPPRESSED_MESSAGE)
    expect(r.n).toBeNull()
    expect(r.respectIndex).toBeNull()
    expect(r.dimensions.every((d: { score: unknown; mean: unknown }) => d.score === null && d.mean === null)).toBe(true)
    expect(r.directional.every((d: { overall: unknown; gap: unknown }) => d.overall === null && d.gap === null)).toBe(true)
    expect(r.items.length).toBe(14)
    expect(r.items.every((i: { distribution: unknown }) => i.distribution === null)).toBe(true)
    expect(r.comments).toMatchObject({ visible: false, items: [], message: SUPPRESSED_MESSAGE })
    expect(text).not.toContain('Great collaboration')
    expect(r.status.status).toBe('unknown')
    // Participation is a count of people, not of answers.
    expect(r.participation).toEqual({ responded: 4, eligible: 10, rate: 0.4 })
    // The trend keeps the round as a gap.
    expect(data.trend).toHaveLength(1)
    expect(data.trend[0]).toMatchObject({ roundId: round.id, visible: false, n: null, respectIndex: null })
  })

  it('shows a round with exactly k responses', async () => {
    const { team, viewer, template, items } = await setup()
    const round = await createRound(team, template, items)
    await respond(round, items, times(5, { value: 6, discipline: 'engineering' }))
    const { data } = await loadData(viewer, team.id, `?round=${round.id}`)
    const r = data.results
    expect(r.visible).toBe(true)
    expect(r.message).toBeNull()
    expect(r.n).toBe(5)
    expect(r.respectIndex).not.toBeNull()
    // Below the comment threshold (7), answers per statement come in three bands, never exact counts.
    expect(r.items.every((i: { distribution: { kind: string } }) => i.distribution.kind === 'bands')).toBe(true)
    const first = r.items.find((i: { reverseScored: boolean }) => !i.reverseScored)
    expect(first.distribution.counts).toEqual([
      { key: 'disagree', label: 'Disagree (1–3)', count: 0 },
      { key: 'neutral', label: 'Neutral (4)', count: 0 },
      { key: 'agree', label: 'Agree (5–7)', count: 5 },
    ])
    expect(r.status.status).not.toBe('unknown')
  })

  it('shows exact counts per statement once the comment threshold is reached', async () => {
    const { team, viewer, template, items } = await setup()
    const round = await createRound(team, template, items)
    await respond(round, items, [...times(6, { value: 6 }), { value: 2 }])
    const { data } = await loadData(viewer, team.id, `?round=${round.id}`)
    const first = data.results.items.find((i: { reverseScored: boolean }) => !i.reverseScored)
    expect(first.distribution.kind).toBe('exact')
    expect(first.distribution.counts.find((c: { value: number }) => c.value === 6).count).toBe(6)
    expect(first.distribution.counts.find((c: { value: number }) => c.value === 2).count).toBe(1)
  })

  it('honours a workspace k above the default', async () => {
    const { team, viewer, template, items } = await setup({ anonymityK: 8, commentK: 8 })
    const round = await createRound(team, template, items)
    await respond(round, items, times(7, { value: 5 }))
    const { data } = await loadData(viewer, team.id)
    expect(data.results.visible).toBe(false)
    expect(data.k).toBe(8)
  })
})

describe('pulse results: scoring', () => {
  it('counts a reverse-scored item reversed (dimension score checked by hand)', async () => {
    const { team, viewer, template, items } = await setup()
    const round = await createRound(team, template, items)
    // Psychological safety: one normal item and two reverse-scored ones.
    const values = { psafe_disagree_across_disciplines: 6, psafe_errors_remembered: 2, psafe_help_feels_weak: 3 }
    await respond(round, items, times(5, { values }))
    const { data } = await loadData(viewer, team.id)
    const psafe = data.results.dimensions.find((d: { key: string }) => d.key === 'psychological_safety')
    // (6 + (8 − 2) + (8 − 3)) / 3 = 17/3; (17/3 − 1) / 6 × 100 = 77.78 (44.4 if not reversed)
    expect(psafe.mean).toBeCloseTo(5.67, 2)
    expect(psafe.score).toBeCloseTo(77.8, 1)
    // Only this dimension was answered, so it alone is the Respect Index.
    expect(data.results.respectIndex).toBeCloseTo(77.8, 1)
    // Distributions stay as answered, not reversed: a 2 is in the disagree band.
    const item = data.results.items.find((i: { itemKey: string }) => i.itemKey === 'psafe_errors_remembered')
    expect(item.distribution.counts.find((c: { key: string }) => c.key === 'disagree').count).toBe(5)
  })
})

describe('pulse results: discipline splits', () => {
  it('shows self-view and other view with 5 product + 5 engineering', async () => {
    const { team, viewer, template, items } = await setup()
    const round = await createRound(team, template, items)
    await respond(round, items, [...times(5, { discipline: 'product', value: 7 }), ...times(5, { discipline: 'engineering', value: 4 })])
    const { data } = await loadData(viewer, team.id)
    const p2e = data.results.directional.find((d: { direction: string }) => d.direction === 'product_to_engineering')
    expect(p2e.splitVisible).toBe(true)
    expect(p2e.selfView).toEqual({ label: 'Product', score: 100 })
    expect(p2e.otherView).toEqual({ label: 'Engineering', score: 50 })
    expect(p2e.comparison).toBe('disciplines')
    expect(p2e.note).toBeNull()
    expect(p2e.gap).toBe(50)
    expect(p2e.overall).toBe(75)
    const e2p = data.results.directional.find((d: { direction: string }) => d.direction === 'engineering_to_product')
    expect(e2p.selfView.label).toBe('Engineering')
    expect(e2p.gap).toBe(-50)
    expect(data.results.status.status).toBe('deficit')
    expect(data.results.status.reasons.join(' ')).toMatch(/points higher/)
  })

  it('hides the split with 6 engineering + 1 product, and says the team is too small on one side', async () => {
    const { team, viewer, template, items } = await setup()
    // As opening would choose from a roster with one product person: no comparison.
    const a = await createRound(team, template, items, { comparison: 'none' })
    await respond(a, items, [...times(6, { discipline: 'engineering', value: 6 }), { discipline: 'product', value: 1 }])
    const { data } = await loadData(viewer, team.id, `?round=${a.id}`)
    expect(data.results.visible).toBe(true)
    for (const view of data.results.directional) {
      expect(view.splitVisible).toBe(false)
      expect(view.selfView.score).toBeNull()
      expect(view.otherView.score).toBeNull()
      expect(view.gap).toBeNull()
      expect(view.note).toBe(
        'This team has fewer than 5 product people or fewer than 5 engineers, so how each side sees the other can’t be shown.',
      )
      // The team-wide directional score is not a split and stays visible.
      expect(view.overall).not.toBeNull()
    }
    // A reason must never quote a hidden gap.
    expect(data.results.status.reasons.join(' ')).not.toMatch(/points higher/)
  })

  it('compares product with everyone else when one designer would be exposed (product 5 / engineering 6 / design 1)', async () => {
    const { ws, team, viewer } = await setup()
    await ensureBuiltInTemplate(ws.id)
    const people = [
      ...(await Promise.all(Array.from({ length: 5 }, () => createMember(team, 'member', 'product')))).map((user) => ({ user, value: 6 })),
      ...(await Promise.all(Array.from({ length: 6 }, () => createMember(team, 'member', 'engineering')))).map((user) => ({
        user,
        value: 5,
      })),
      { user: await createMember(team, 'member', 'design'), value: 1 },
    ]
    // Opened with the team as it is: the comparison is chosen from this roster.
    const round = await openRoundNow(ws.id, team.id, 3)
    const itemIds = (await query<{ item_id: string }>(sql`select item_id from round_items where round_id = ${round.id}`)).map(
      (r) => r.item_id,
    )
    for (const p of people) {
      const result = await submitResponse(p.user, round.id, {
        comment: null,
        answers: Object.fromEntries(itemIds.map((id) => [id, p.value])),
      })
      expect(result).toBe('recorded')
    }
    await closeRoundNow(ws.id, team.id, round.id)
    const { data, text } = await loadData(viewer, team.id, `?round=${round.id}`)
    const p2e = data.results.directional.find((d: { direction: string }) => d.direction === 'product_to_engineering')
    const e2p = data.results.directional.find((d: { direction: string }) => d.direction === 'engineering_to_product')
    for (const view of [p2e, e2p]) {
      expect(view.splitVisible).toBe(true)
      expect(view.comparison).toBe('versus-rest')
      expect(view.note).toMatch(/Shown instead: product against everyone else/)
    }
    // Product answered 6 throughout → 83.3; everyone else: six engineers at 5 and a designer at 1 → 31/7 → 57.1.
    expect(p2e.selfView).toEqual({ label: 'Product', score: 83.3 })
    expect(p2e.otherView).toEqual({ label: 'Everyone but product', score: 57.1 })
    expect(e2p.selfView).toEqual({ label: 'Everyone but product', score: 57.1 })
    expect(e2p.otherView).toEqual({ label: 'Product', score: 83.3 })
    // Engineering alone (66.7), which with "everyone but product" would expose the designer, appears nowhere.
    expect(text).not.toContain('66.7')
  })
})

describe('pulse results: comments', () => {
  const comment = (i: number) => `Comment ${i}: <script>alert("x")</script> & "quotes"`

  it('hides comments with 6 responses at commentK 7 and shows them with 7, as plain text and without times', async () => {
    const { team, viewer, template, items } = await setup({ anonymityK: 5, commentK: 7 })
    const six = await createRound(team, template, items)
    await respond(
      six,
      items,
      Array.from({ length: 6 }, (_, i) => ({ value: 5, comment: comment(i) })),
    )
    const seven = await createRound(team, template, items)
    await respond(seven, items, [...Array.from({ length: 6 }, (_, i) => ({ value: 5, comment: comment(i) })), { value: 5, comment: '   ' }])
    await respond(seven, items, [{ value: 5, comment: comment(6) }])

    const hiddenRound = (await loadData(viewer, team.id, `?round=${six.id}`)).data.results
    expect(hiddenRound.visible).toBe(true)
    expect(hiddenRound.comments).toMatchObject({ visible: false, items: [], message: SUPPRESSED_MESSAGE })

    const { data, text } = await loadData(viewer, team.id, `?round=${seven.id}`)
    const c = data.results.comments
    expect(c.visible).toBe(true)
    // The blank one is dropped; the rest come back exactly as typed, to be escaped by React.
    expect([...c.items].sort()).toEqual(Array.from({ length: 7 }, (_, i) => comment(i)).sort())
    expect(c.items).toContain('Comment 3: <script>alert("x")</script> & "quotes"')
    for (const item of c.items) expect(typeof item).toBe('string')
    // Only the round's close date travels with comments: no time.
    expect(Object.keys(c).sort()).toEqual(['closedOn', 'items', 'message', 'visible'])
    expect(c.closedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // Shuffled by a seed, not in the order written, and stable between loads.
    const again = (await loadData(viewer, team.id, `?round=${seven.id}`)).data.results.comments.items
    expect(again).toEqual(c.items)
    expect(text).not.toMatch(/"comments":\{[^}]*T\d{2}:\d{2}/)
  })
})

describe('pulse results: rounds and access', () => {
  it('shows only participation for an open round, even with k responses', async () => {
    const { team, viewer, template, items } = await setup()
    const round = await createRound(team, template, items, { status: 'open', closedAt: null, eligibleCount: 8 })
    await respond(round, items, times(6, { value: 7, comment: 'Live comment' }))
    const { data, text } = await loadData(viewer, team.id, `?round=${round.id}`)
    const r = data.results
    expect(r.round.status).toBe('open')
    expect(r.participation).toEqual({ responded: 6, eligible: 8, rate: 0.75 })
    expect(r.visible).toBe(false)
    expect(r.message).toBe(RESULTS_AFTER_CLOSE_MESSAGE)
    expect(r.respectIndex).toBeNull()
    expect(r.dimensions.every((d: { score: unknown }) => d.score === null)).toBe(true)
    expect(r.items.every((i: { distribution: unknown }) => i.distribution === null)).toBe(true)
    expect(r.comments.items).toEqual([])
    expect(text).not.toContain('Live comment')
    // Without ?round the page shows the latest closed round: none yet, so the empty state.
    const latest = (await loadData(viewer, team.id)).data
    expect(latest.results).toBeNull()
    expect(latest.rounds.map((x: { id: string }) => x.id)).toEqual([round.id])
    expect(latest.trend).toEqual([])
  })

  it('refuses a member of another team with 403', async () => {
    const { ws, team, template, items } = await setup()
    const round = await createRound(team, template, items)
    await respond(round, items, times(5))
    const otherTeam = await createTeam(ws.id)
    const outsider = await createMember(otherTeam, 'leader', 'engineering')
    expect((await load(outsider, team.id)).status).toBe(403)
    expect((await load(outsider, team.id, `?round=${round.id}`)).status).toBe(403)
  })

  it('lets an admin who is not on the team view it', async () => {
    const { ws, team, template, items } = await setup()
    await respond(await createRound(team, template, items), items, times(5))
    const admin = await createUser(ws.id, { isAdmin: true })
    const { data } = await loadData(admin, team.id)
    expect(data.results.visible).toBe(true)
  })

  it('answers 404 for a round of another team, another workspace, an unknown or a malformed id', async () => {
    const { ws, team, viewer, template, items } = await setup()
    const otherTeam = await createTeam(ws.id)
    const foreignRound = await createRound(otherTeam, template, items)
    await respond(foreignRound, items, times(5))
    const ws2 = await createWorkspace({ name: 'Other Co' })
    const team2 = await createTeam(ws2.id)
    const t2 = await createTemplate(ws2.id)
    const foreignWsRound = await createRound(team2, t2.template, t2.items)
    for (const query of [
      `?round=${foreignRound.id}`,
      `?round=${foreignWsRound.id}`,
      '?round=00000000-0000-4000-8000-000000000000',
      '?round=not-a-uuid',
      "?round=1' or '1'='1",
    ]) {
      expect((await load(viewer, team.id, query)).status, query).toBe(404)
    }
    // The model itself cannot return another team's round either.
    expect(
      await getRoundResults({ workspaceId: ws.id, teamId: team.id, roundId: foreignRound.id, viewerId: null, audience: 'team' }),
    ).toBeNull()
  })

  it('never puts participants’ user ids in the loader JSON', async () => {
    const { team, viewer, template, items } = await setup()
    const closed = await createRound(team, template, items)
    const ids = await respond(closed, items, [
      ...times(5, { discipline: 'product', value: 6, comment: 'ok' }),
      ...times(5, { discipline: 'engineering', value: 3, comment: 'fine' }),
    ])
    const open = await createRound(team, template, items, { status: 'open', closedAt: null })
    ids.push(...(await respond(open, items, times(3))))
    for (const query of ['', `?round=${closed.id}`, `?round=${open.id}`]) {
      const { text } = await loadData(viewer, team.id, query)
      for (const id of ids) expect(text).not.toContain(id)
    }
  })
})

describe('pulse results: trend and round list', () => {
  it('lists closed rounds oldest first, with null (not a dropped point) for a suppressed round', async () => {
    const { ws, team, viewer, template, items } = await setup()
    const r1 = await createRound(team, template, items)
    await respond(r1, items, times(5, { value: 5 }))
    const r2 = await createRound(team, template, items)
    await respond(r2, items, times(3, { value: 7 }))
    const r3 = await createRound(team, template, items)
    await respond(r3, items, times(6, { value: 6 }))
    await createRound(team, template, items, { status: 'scheduled', closedAt: null, openedAt: null })
    // The trend reads the rollups a round leaves when it closes.
    for (const round of [r1, r2, r3]) await refreshRoundRollup(round.id)

    const trend = await getTeamTrend(ws.id, team.id, { viewerId: null, audience: 'team' })
    expect(trend.map((p) => p.roundId)).toEqual([r1.id, r2.id, r3.id])
    expect(trend[1]).toMatchObject({ visible: false, n: null, respectIndex: null })
    expect(Object.values(trend[1].dimensions).every((v) => v === null)).toBe(true)
    expect(Object.values(trend[1].directional).every((v) => v === null)).toBe(true)
    expect(trend[0]).toMatchObject({ visible: true, n: 5 })
    // Every answer 5: four dimensions score 66.7; psychological safety has two reverse items, (5 + 3 + 3) / 3 → 44.4.
    expect(trend[0].respectIndex).toBeCloseTo((4 * 66.667 + 44.444) / 5, 1)
    expect(trend[2].n).toBe(6)
    expect(trend[0].closedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)

    // The latest closed round is the default; scheduled rounds are not offered.
    const { data } = await loadData(viewer, team.id)
    expect(data.results.round.id).toBe(r3.id)
    const list = await listTeamRounds(ws.id, team.id, { limit: 2, audience: 'team' })
    expect(list.total).toBe(3)
    expect(list.rounds.map((r) => r.id)).toEqual([r3.id, r2.id])
  })

  it('keeps reworded items apart: each version is its own item id', async () => {
    const { team, viewer, template, items } = await setup()
    const r1 = await createRound(team, template, items)
    await respond(r1, items, times(5, { value: 6 }))
    const old = items.find((i) => i.itemKey === 'early_before_spec')!
    const reworded = await rewordItem(old, 'Engineers were involved before anything was written down.')
    const v2Items = items.map((i) => (i.id === old.id ? reworded : i))
    const r2 = await createRound(team, template, v2Items)
    await respond(r2, v2Items, times(5, { value: 6 }))
    const first = (await loadData(viewer, team.id, `?round=${r1.id}`)).data.results.items
    const second = (await loadData(viewer, team.id, `?round=${r2.id}`)).data.results.items
    const a = first.find((i: { itemKey: string }) => i.itemKey === 'early_before_spec')
    const b = second.find((i: { itemKey: string }) => i.itemKey === 'early_before_spec')
    expect([a.version, b.version]).toEqual([1, 2])
    expect(a.id).not.toBe(b.id)
    expect(b.wording).toMatch(/before anything was written/)
    // Dimension scores stay comparable across versions.
    const trend = (await loadData(viewer, team.id)).data.trend
    expect(trend[0].dimensions.early_involvement).toBe(trend[1].dimensions.early_involvement)
  })
})
