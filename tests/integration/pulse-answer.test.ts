import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { answers, notifications, participations, responses, rounds, sessions, users } from '../../db/schema'
import { ensureBuiltInTemplate } from '~/models/pulse/template.server'
import { listPendingPulses, submitResponse } from '~/models/pulse/answering.server'
import { closeRoundNow, openRoundNow } from '~/models/pulse/rounds.server'
import { action as answerAction, loader as answerLoader } from '~/routes/pulse.$roundId'
import { createMember, createTeam, createWorkspace, query, request, settle } from '../factories'

const ctx = { context: {} }

async function setup() {
  const ws = await createWorkspace()
  await ensureBuiltInTemplate(ws.id)
  const team = await createTeam(ws.id)
  const member = await createMember(team, 'member', 'engineering')
  const round = await openRoundNow(ws.id, team.id, 3)
  const items = await query<{ item_id: string }>(sql`select item_id from round_items where round_id = ${round.id} order by position`)
  const itemIds = items.map((r) => r.item_id)
  return { ws, team, member, round, itemIds }
}

function fullForm(itemIds: string[], value = '5') {
  return { ...Object.fromEntries(itemIds.map((id) => [`item-${id}`, value])), comment: 'Good week' }
}

describe('answering a pulse', () => {
  it('records one anonymous response and redirects to a thank-you page', async () => {
    const { member, round, itemIds } = await setup()
    expect(itemIds.length).toBeGreaterThanOrEqual(10)
    expect((await listPendingPulses(member)).map((p) => p.roundId)).toEqual([round.id])
    const res = await settle(async () =>
      answerAction({
        ...ctx,
        params: { roundId: round.id },
        request: await request(`/pulse/${round.id}`, { user: member, form: fullForm(itemIds) }),
      }),
    )
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe(`/pulse/${round.id}?done=1`)
    const db = await getDb()
    const stored = await db.select().from(responses).where(eq(responses.roundId, round.id))
    expect(stored).toHaveLength(1)
    expect(stored[0].comment).toBe('Good week')
    expect(await db.select().from(answers).where(eq(answers.responseId, stored[0].id))).toHaveLength(itemIds.length)
    expect(await listPendingPulses(member)).toEqual([])
    const page = await settle(async () =>
      answerLoader({ ...ctx, params: { roundId: round.id }, request: await request(`/pulse/${round.id}?done=1`, { user: member }) }),
    )
    expect((await page.json()).state).toBe('thanks')
    const again = await settle(async () =>
      answerLoader({ ...ctx, params: { roundId: round.id }, request: await request(`/pulse/${round.id}`, { user: member }) }),
    )
    expect((await again.json()).state).toBe('answered')
  })

  it('records exactly one response under 20 concurrent submissions by the same member', async () => {
    const { ws, member, round, itemIds } = await setup()
    const input = { comment: null, answers: Object.fromEntries(itemIds.map((id) => [id, 4])) }
    const results = await Promise.all(Array.from({ length: 20 }, () => submitResponse(member, round.id, input)))
    expect(results.filter((r) => r === 'recorded')).toHaveLength(1)
    expect(results.filter((r) => r === 'already-answered')).toHaveLength(19)
    const db = await getDb()
    expect(await db.select().from(responses).where(eq(responses.roundId, round.id))).toHaveLength(1)
    expect(
      await db
        .select()
        .from(participations)
        .where(and(eq(participations.roundId, round.id), eq(participations.workspaceId, ws.id))),
    ).toHaveLength(1)
  })

  it('rejects missing, out-of-range and unknown answers with 422 and stores nothing', async () => {
    const { member, round, itemIds } = await setup()
    const cases: Record<string, string>[] = [
      { ...fullForm(itemIds), [`item-${itemIds[0]}`]: '8' },
      { ...fullForm(itemIds), [`item-${itemIds[1]}`]: '0' },
      Object.fromEntries(Object.entries(fullForm(itemIds)).filter(([k]) => k !== `item-${itemIds[2]}`)),
      { ...fullForm(itemIds), 'item-3b241101-e2bb-4255-8caf-4136c566a962': '4' },
      // The discipline comes from the roster; a form that claims one is refused.
      { ...fullForm(itemIds), discipline: 'product' },
      { ...fullForm(itemIds), comment: 'x'.repeat(2001) },
      { ...fullForm(itemIds), comment: 'evil \u202Egnp.exe' },
      { ...fullForm(itemIds), comment: 'bell \u0007' },
    ]
    for (const form of cases) {
      const res = await settle(async () =>
        answerAction({ ...ctx, params: { roundId: round.id }, request: await request(`/pulse/${round.id}`, { user: member, form }) }),
      )
      expect(res.status).toBe(422)
      const body = await res.json()
      expect(body.ok).toBe(false)
      expect(JSON.stringify(body.errors) + (body.formError ?? '')).not.toBe('{}')
    }
    const missing = await settle(async () =>
      answerAction({
        ...ctx,
        params: { roundId: round.id },
        request: await request(`/pulse/${round.id}`, { user: member, form: { ...fullForm(itemIds), [`item-${itemIds[0]}`]: '' } }),
      }),
    )
    expect((await missing.json()).errors[`item-${itemIds[0]}`]).toEqual(['Choose one of the seven answers'])
    const unknown = await settle(async () =>
      answerAction({
        ...ctx,
        params: { roundId: round.id },
        request: await request(`/pulse/${round.id}`, {
          user: member,
          form: { ...fullForm(itemIds), 'item-3b241101-e2bb-4255-8caf-4136c566a962': '4' },
        }),
      }),
    )
    expect((await unknown.json()).formError).toMatch(/not part of this pulse/)
    const db = await getDb()
    expect(await db.select().from(responses).where(eq(responses.roundId, round.id))).toHaveLength(0)
    expect(await db.select().from(participations).where(eq(participations.roundId, round.id))).toHaveLength(0)
  })

  it('keeps unicode comments intact (emoji, accents, CJK) within the limit', async () => {
    const { member, round, itemIds } = await setup()
    const comment = 'Café ☕ — 工程師 and 👩🏽‍💻 <script>alert(1)</script>'
    const res = await settle(async () =>
      answerAction({
        ...ctx,
        params: { roundId: round.id },
        request: await request(`/pulse/${round.id}`, { user: member, form: { ...fullForm(itemIds), comment } }),
      }),
    )
    expect(res.status).toBe(303)
    const db = await getDb()
    const [row] = await db.select().from(responses).where(eq(responses.roundId, round.id))
    expect(row.comment).toBe(comment)
  })

  it('tells a person plainly that a closed round is closed, and stores nothing', async () => {
    const { ws, team, member, round, itemIds } = await setup()
    await closeRoundNow(ws.id, team.id, round.id)
    const page = await settle(async () =>
      answerLoader({ ...ctx, params: { roundId: round.id }, request: await request(`/pulse/${round.id}`, { user: member }) }),
    )
    expect((await page.json()).state).toBe('closed')
    const res = await settle(async () =>
      answerAction({
        ...ctx,
        params: { roundId: round.id },
        request: await request(`/pulse/${round.id}`, { user: member, form: fullForm(itemIds) }),
      }),
    )
    expect(res.status).toBe(409)
    expect(await res.text()).toMatch(/closed/)
  })

  it('answers 404 for a forged, foreign or malformed round id', async () => {
    const { member, round, itemIds } = await setup()
    const otherWs = await createWorkspace({ name: 'Other' })
    await ensureBuiltInTemplate(otherWs.id)
    const otherTeam = await createTeam(otherWs.id)
    const foreign = await openRoundNow(otherWs.id, otherTeam.id, 3)
    for (const roundId of [foreign.id, 'nope', '3b241101-e2bb-4255-8caf-4136c566a962']) {
      const res = await settle(async () =>
        answerAction({
          ...ctx,
          params: { roundId },
          request: await request(`/pulse/${roundId}`, { user: member, form: fullForm(itemIds) }),
        }),
      )
      expect(res.status).toBe(404)
    }
    const db = await getDb()
    expect(await db.select().from(responses).where(eq(responses.roundId, foreign.id))).toHaveLength(0)
    expect(await db.select().from(responses).where(eq(responses.roundId, round.id))).toHaveLength(0)
  })

  it('notifies respondents (not leaders) when a round opens', async () => {
    const ws = await createWorkspace()
    const team = await createTeam(ws.id)
    const a = await createMember(team, 'member', 'product')
    const f = await createMember(team, 'facilitator', 'engineering')
    const leader = await createMember(team, 'leader', 'product')
    const round = await openRoundNow(ws.id, team.id, 3)
    const db = await getDb()
    const notes = await db
      .select()
      .from(notifications)
      .where(eq(notifications.href, `/pulse/${round.id}`))
    expect(notes.map((n) => n.userId).sort()).toEqual([a.id, f.id].sort())
    expect(notes.map((n) => n.userId)).not.toContain(leader.id)
    const [stored] = await db.select().from(rounds).where(eq(rounds.id, round.id))
    expect(stored.eligibleCount).toBe(2)
  })
})

describe('storage keeps answers unlinkable', () => {
  it('has no column, key or timestamp in responses or answers that points at a person', async () => {
    const rows = await query<{ table_name: string; column_name: string; data_type: string; column_default: string | null }>(sql`
      select table_name, column_name, data_type, column_default from information_schema.columns
      where table_schema = 'public' and table_name in ('responses', 'answers', 'participations') order by table_name, ordinal_position`)
    const of = (t: string) => rows.filter((r) => r.table_name === t)
    expect(
      of('responses')
        .map((r) => r.column_name)
        .sort(),
    ).toEqual(['comment', 'discipline', 'id', 'round_id', 'team_id', 'workspace_id'])
    expect(
      of('answers')
        .map((r) => r.column_name)
        .sort(),
    ).toEqual(['item_id', 'response_id', 'value', 'workspace_id'])
    expect(
      of('participations')
        .map((r) => r.column_name)
        .sort(),
    ).toEqual(['round_id', 'user_id', 'workspace_id'])
    // No time of any kind on the answer side, nor on participation (it could be matched to submission order).
    for (const r of rows) expect(r.data_type).not.toMatch(/time|date/)
    // The response id is random, never a sequence.
    const id = of('responses').find((r) => r.column_name === 'id')
    expect(id?.data_type).toBe('uuid')
    expect(id?.column_default).toMatch(/gen_random_uuid/)
    const fks = await query<{ table_name: string; foreign_table: string }>(sql`
      select tc.table_name, ccu.table_name as foreign_table
      from information_schema.table_constraints tc
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_name in ('responses', 'answers', 'participations')`)
    const links = fks.map((r) => `${r.table_name}->${r.foreign_table}`)
    expect(links.filter((l) => l.startsWith('responses') || l.startsWith('answers'))).not.toContainEqual(expect.stringContaining('users'))
    expect(links).not.toContain('participations->responses')
    expect(links).not.toContain('responses->participations')
    // No sequences anywhere in the public schema.
    const seqs = await query(sql`select sequence_name from information_schema.sequences where sequence_schema = 'public'`)
    expect(seqs).toHaveLength(0)
  })
})

describe('submitting twice through the page', () => {
  it('records the first answer only and tells the second submission so', async () => {
    const ws = await createWorkspace()
    const team = await createTeam(ws.id)
    const member = await createMember(team, 'member', 'product')
    const round = await openRoundNow(ws.id, team.id, 3)
    const items = await query<{ item_id: string }>(sql`select item_id from round_items where round_id = ${round.id}`)
    const form = Object.fromEntries(items.map((r) => [`item-${r.item_id}`, '6']))
    const first = await settle(async () =>
      answerAction({ ...ctx, params: { roundId: round.id }, request: await request(`/pulse/${round.id}`, { user: member, form }) }),
    )
    const second = await settle(async () =>
      answerAction({
        ...ctx,
        params: { roundId: round.id },
        request: await request(`/pulse/${round.id}`, { user: member, form: { ...form, comment: 'second thoughts' } }),
      }),
    )
    expect(first.headers.get('Location')).toBe(`/pulse/${round.id}?done=1`)
    expect(second.headers.get('Location')).toBe(`/pulse/${round.id}`)
    const page = await settle(async () =>
      answerLoader({ ...ctx, params: { roundId: round.id }, request: await request(second.headers.get('Location')!, { user: member }) }),
    )
    expect((await page.json()).state).toBe('answered')
    const db = await getDb()
    const stored = await db.select().from(responses).where(eq(responses.roundId, round.id))
    // Counted under the member's discipline on the roster, with the first submission's content.
    expect(stored.map((r) => [r.discipline, r.comment])).toEqual([['product', null]])
  })

  it('sends a browser whose session has ended, or whose person was deactivated, to sign in, and stores nothing', async () => {
    const { member, round, itemIds } = await setup()
    const db = await getDb()
    for (const end of [
      () => db.delete(sessions).where(eq(sessions.userId, member.id)),
      () => db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, member.id)),
    ]) {
      const req = await request(`/pulse/${round.id}`, { user: member, form: fullForm(itemIds) })
      await end()
      const res = await settle(async () => answerAction({ ...ctx, params: { roundId: round.id }, request: req }))
      expect(res.status).toBe(302)
      expect(res.headers.get('Location')).toBe(`/login?redirectTo=${encodeURIComponent(`/pulse/${round.id}`)}`)
    }
    expect(await db.select().from(participations).where(eq(participations.roundId, round.id))).toEqual([])
    expect(await db.select().from(responses).where(eq(responses.roundId, round.id))).toEqual([])
  })

  it('an answer sent while a close is under way waits for it, then is refused and stores nothing', async () => {
    const { member, round, itemIds } = await setup()
    const db = await getDb()
    const input = { comment: null, answers: Object.fromEntries(itemIds.map((id) => [id, 4])) }
    let settledDuringClose = false
    let submission: Promise<unknown> = Promise.resolve()
    await db.transaction(async (tx) => {
      // The close has taken the round row and not committed: its rollups are still to be written.
      await tx.update(rounds).set({ status: 'closed', closedAt: new Date() }).where(eq(rounds.id, round.id))
      submission = submitResponse(member, round.id, input).finally(() => (settledDuringClose = true))
      submission.catch(() => {})
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(settledDuringClose).toBe(false)
    })
    await expect(submission).rejects.toMatchObject({ status: 409 })
    expect(await db.select().from(participations).where(eq(participations.roundId, round.id))).toEqual([])
    expect(await db.select().from(responses).where(eq(responses.roundId, round.id))).toEqual([])
  })
})
