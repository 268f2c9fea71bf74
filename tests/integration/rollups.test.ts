import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { autopsyRollups, featureRollups, pulseRollups } from '../../db/schema'
import { combine, groupScores } from '~/domain/rollup-scores'
import { getRoundResults } from '~/models/pulse/results.server'
import { publishAutopsy } from '~/models/autopsies/lifecycle.server'
import { setFactors } from '~/models/autopsies/sections.server'
import { closeRoundNow } from '~/models/pulse/rounds.server'
import { refreshRoundRollup } from '~/models/rollups.server'
import { createTeam, createWorkspace } from '../factories'
import { autopsyTeam, reviewedAutopsy } from '../autopsy-factories'
import { createRound, createTemplate, respond, times } from '../pulse-factories'

async function cellsOf(roundId: string) {
  const db = await getDb()
  return db.select().from(pulseRollups).where(eq(pulseRollups.roundId, roundId))
}

describe('pulse rollups', () => {
  it('give the same scores as the raw answers, reverse items included', async () => {
    const ws = await createWorkspace()
    const team = await createTeam(ws.id)
    const { template, items } = await createTemplate(ws.id)
    const round = await createRound(team, template, items)
    // Varied answers per person so person-weighting and reverse scoring matter.
    const values = (base: number) => Object.fromEntries(items.map((item, i) => [item.itemKey, ((base + i) % 7) + 1]))
    await respond(round, items, [
      ...[0, 1, 2, 3, 4].map((b) => ({ discipline: 'product' as const, values: values(b) })),
      ...[2, 3, 5, 6, 1, 4].map((b) => ({ discipline: 'engineering' as const, values: values(b) })),
    ])
    await refreshRoundRollup(round.id)
    const cells = await cellsOf(round.id)
    expect(new Set(cells.map((c) => c.discipline))).toEqual(new Set(['product', 'engineering']))
    expect(cells.every((c) => c.responses === (c.discipline === 'product' ? 5 : 6))).toBe(true)

    const fromRollup = groupScores(combine(cells), { k: 5 })
    const fromRaw = await getRoundResults({ workspaceId: ws.id, teamId: team.id, roundId: round.id, viewerId: null, audience: 'team' })
    expect(fromRaw?.visible).toBe(true)
    expect(fromRollup.n).toBe(11)
    expect(fromRollup.respectIndex).toBeCloseTo(fromRaw!.respectIndex!, 1)
    for (const d of fromRaw!.dimensions) expect(fromRollup.dimensions[d.key]).toBeCloseTo(d.score!, 1)
    for (const view of fromRaw!.directional) {
      const mine = fromRollup.directional.find((v) => v.direction === view.direction)!
      expect(mine.splitVisible).toBe(true)
      expect(mine.selfView).toBeCloseTo(view.selfView.score!, 1)
      expect(mine.otherView).toBeCloseTo(view.otherView.score!, 1)
      expect(mine.gap).toBeCloseTo(view.gap!, 1)
    }
  })

  it('are written when a facilitator closes a round, and refresh is idempotent', async () => {
    const ws = await createWorkspace()
    const team = await createTeam(ws.id)
    const { template, items } = await createTemplate(ws.id)
    const round = await createRound(team, template, items, { status: 'open', closedAt: null, closesAt: new Date(Date.now() + 86_400_000) })
    await respond(round, items, times(6, { value: 6 }))
    expect(await cellsOf(round.id)).toHaveLength(0)
    await closeRoundNow(ws.id, team.id, round.id)
    const first = await cellsOf(round.id)
    expect(first).toHaveLength(5)
    await refreshRoundRollup(round.id)
    expect(await cellsOf(round.id)).toHaveLength(5)
    expect(groupScores(combine(first), { k: 5 }).dimensions.shared_outcomes).toBeCloseTo(83.3, 1)
  })
})

describe('feature and autopsy rollups', () => {
  it('count a published autopsy by failure-origin stage and factor in its feature ship month', async () => {
    const ws = await createWorkspace()
    const team = await createTeam(ws.id)
    const { facilitator, engineer } = await autopsyTeam(team)
    const made = await reviewedAutopsy(team, facilitator.id, [{ id: engineer.id, discipline: 'engineering' }], {
      shippedOn: '2026-03-20',
      startedOn: '2026-02-01',
    })
    await setFactors(made.scope, ['spec_as_handoff'])
    const db = await getDb()
    const before = await db.select().from(autopsyRollups).where(eq(autopsyRollups.teamId, team.id))
    expect(before).toHaveLength(0)
    await publishAutopsy({ ...made.scope, actorId: facilitator.id })
    const rows = await db.select().from(autopsyRollups).where(eq(autopsyRollups.teamId, team.id))
    expect(rows.map((r) => [r.month, r.kind, r.key, r.count]).sort()).toEqual([
      ['2026-03-01', 'factor', 'spec_as_handoff', 1],
      ['2026-03-01', 'stage', 'framing', 1],
    ])
    const months = await db.select().from(featureRollups).where(eq(featureRollups.teamId, team.id))
    expect(months).toHaveLength(1)
    expect(months[0]).toMatchObject({ month: '2026-03-01', features: 1 })
  })
})
