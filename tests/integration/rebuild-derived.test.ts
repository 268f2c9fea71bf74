import { asc, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { rebuildDerived } from '../../db/rebuild-derived'
import { autopsyRollups, featureRollups, features, pulseRollups } from '../../db/schema'
import type { Discipline } from '~/domain/disciplines'
import { getPulseForAnswer, submitResponse } from '~/models/pulse/answering.server'
import { publishAutopsy } from '~/models/autopsies/lifecycle.server'
import { addActionItem, addCustomFactor, setFactors } from '~/models/autopsies/sections.server'
import { createFeature, updateFeature } from '~/models/features.server'
import { closeRoundNow, openRoundNow } from '~/models/pulse/rounds.server'
import { createMember, createTeam, createWorkspace } from '../factories'
import { featureInput, reviewedAutopsy } from '../autopsy-factories'

type Team = { id: string; workspaceId: string }

/** Everything the rebuild recomputes, in a stable order. */
async function derived() {
  const db = await getDb()
  return {
    pulse: await db
      .select()
      .from(pulseRollups)
      .orderBy(asc(pulseRollups.roundId), asc(pulseRollups.discipline), asc(pulseRollups.dimension)),
    featureMonths: await db.select().from(featureRollups).orderBy(asc(featureRollups.teamId), asc(featureRollups.month)),
    autopsyMonths: await db
      .select()
      .from(autopsyRollups)
      .orderBy(asc(autopsyRollups.teamId), asc(autopsyRollups.month), asc(autopsyRollups.kind), asc(autopsyRollups.key)),
    features: await db
      .select({
        id: features.id,
        classification: features.classification,
        before: features.engineeringBeforeSpec,
        words: features.specWords,
        pages: features.specPages,
      })
      .from(features)
      .orderBy(asc(features.id)),
  }
}

type Derived = Awaited<ReturnType<typeof derived>>

/**
 * Row for row. A score sum is a sum of floating-point means, and neither the
 * app's query nor the rebuild fixes the order in which the database adds them,
 * so sums may differ in the last bits; every other column must be equal.
 */
function expectSame(actual: Derived, expected: Derived) {
  expect(actual.pulse.map((c) => ({ ...c, scoreSum: 0 }))).toEqual(expected.pulse.map((c) => ({ ...c, scoreSum: 0 })))
  actual.pulse.forEach((c, i) => expect(c.scoreSum).toBeCloseTo(expected.pulse[i].scoreSum, 9))
  expect(actual.featureMonths).toEqual(expected.featureMonths)
  expect(actual.autopsyMonths).toEqual(expected.autopsyMonths)
  expect(actual.features).toEqual(expected.features)
}

/** Opens a round, has `who` answer it through the answer path, and closes it unless told not to. */
async function pulseRound(team: Team, who: readonly { id: string }[], seed: number, close = true) {
  const round = await openRoundNow(team.workspaceId, team.id, 3)
  for (const [p, person] of who.entries()) {
    const viewer = { id: person.id, workspaceId: team.workspaceId }
    const pulse = await getPulseForAnswer(viewer, round.id)
    // Varied values, and now and then an item left out, so means per dimension are not whole numbers.
    const answers = Object.fromEntries(
      pulse!.items.filter((_, i) => (i + p + seed) % 9 !== 0).map((item, i) => [item.id, ((i * 3 + p * 5 + seed) % 7) + 1]),
    )
    expect(await submitResponse(viewer, round.id, { answers, comment: p % 3 === 0 ? `Comment ${seed}-${p}` : null })).toBe('recorded')
  }
  if (close) await closeRoundNow(team.workspaceId, team.id, round.id)
  return round
}

async function people(team: Team, counts: Partial<Record<Discipline, number>>) {
  const out: { id: string; discipline: Discipline }[] = []
  for (const [discipline, n] of Object.entries(counts) as [Discipline, number][]) {
    for (let i = 0; i < n; i++)
      out.push({
        id: (await createMember(team, i === 0 && discipline === 'product' ? 'facilitator' : 'member', discipline)).id,
        discipline,
      })
  }
  return out
}

describe('db:rebuild-derived', () => {
  it('recomputes exactly what the app wrote as rounds closed, features were logged and autopsies published', async () => {
    const ws = await createWorkspace()
    const team = await createTeam(ws.id)
    const other = await createTeam(ws.id)
    const crew = await people(team, { product: 5, engineering: 6, design: 1 })
    const small = await people(other, { product: 3, engineering: 4 })
    await pulseRound(team, crew, 1)
    await pulseRound(team, crew.slice(0, 9), 2)
    await pulseRound(other, small, 3)
    // Still open: no rollup until it closes, before or after a rebuild.
    await pulseRound(other, small.slice(0, 4), 4, false)

    const scope = { workspaceId: ws.id, teamId: team.id, userId: crew[0].id }
    await createFeature(
      scope,
      featureInput({
        shippedOn: '2026-03-10',
        startedOn: '2026-02-01',
        spec: { text: 'Three numbers every Monday, by email.\n\nNo dashboard.' },
      }),
    )
    await createFeature(
      scope,
      featureInput({
        shippedOn: '2026-03-28',
        startedOn: '2026-03-01',
        engineeringJoinedStage: 'discovery',
        question: 'what_could',
        spec: { words: 400, pages: 1 },
        outcome: 'fine',
      }),
    )
    await createFeature(
      scope,
      featureInput({
        shippedOn: '2026-04-02',
        startedOn: '2026-03-01',
        shippedAs: 'differently',
        changeWhat: 'Smaller',
        changeWhy: 'Cheaper',
        upsetDisciplines: [],
      }),
    )
    const moved = await createFeature(
      { ...scope, teamId: other.id },
      featureInput({ shippedOn: '2026-01-15', startedOn: '2026-01-01', engineeringJoinedStage: 'spec' }),
    )
    // A new ship date moves the feature to another month: both months are refreshed.
    await updateFeature(
      { workspaceId: ws.id, teamId: other.id, featureId: moved.id },
      featureInput({ shippedOn: '2026-02-15', startedOn: '2026-01-01', engineeringJoinedStage: 'spec' }),
    )

    const authors = crew.filter((p) => p.discipline !== 'product').slice(0, 2)
    const made = await reviewedAutopsy(team, crew[0].id, authors, { shippedOn: '2026-03-20', startedOn: '2026-02-01' })
    await setFactors(made.scope, ['spec_as_handoff', 'how_fast_framing'])
    await addCustomFactor(made.scope, 'Vendor contract signed first')
    await addActionItem(made.scope, {
      kind: 'respect',
      title: 'Engineers join the next three user calls',
      ownerId: authors[0].id,
      dueOn: '2026-05-01',
    })
    await publishAutopsy({ ...made.scope, actorId: crew[0].id })
    // Reviewed but never published: counts nowhere.
    await reviewedAutopsy(team, crew[0].id, authors, { shippedOn: '2026-03-22', startedOn: '2026-02-01' })

    const written = await derived()
    expect(new Set(written.pulse.map((c) => c.roundId)).size).toBe(3)
    expect(written.featureMonths.map((m) => m.month).sort()).toEqual(['2026-02-01', '2026-03-01', '2026-04-01'])
    expect(written.autopsyMonths.length).toBeGreaterThan(0)

    // What a restore, an import or a bug can leave behind: rollups missing or stale, derived columns wrong.
    const db = await getDb()
    await db.execute(sql`delete from pulse_rollups where team_id = ${team.id}`)
    await db.execute(sql`update pulse_rollups set responses = responses + 1, score_sum = 0`)
    await db.execute(sql`delete from feature_rollups where month = '2026-03-01'`)
    await db.execute(sql`insert into feature_rollups (workspace_id, team_id, month, features, missed, different_without_upset, engineering_before_spec, handoff, collaboration, spec_words)
      values (${ws.id}, ${other.id}, '2026-01-01', 1, 1, 0, 0, 1, 0, '{}')`)
    await db.execute(sql`update autopsy_rollups set count = count + 5`)
    await db.execute(
      sql`insert into autopsy_rollups (workspace_id, team_id, month, kind, key, count) values (${ws.id}, ${team.id}, '2025-12-01', 'stage', 'launch', 2)`,
    )
    await db.execute(
      sql`update features set classification = case when classification = 'handoff' then 'collaboration' else 'handoff' end, engineering_before_spec = not engineering_before_spec`,
    )
    await db.execute(sql`update features set spec_words = 1, spec_pages = 9 where spec_text is not null`)
    expect(await derived()).not.toEqual(written)

    const summary = await rebuildDerived(db, { batch: 1, progress: false })
    expect(summary).toMatchObject({
      teams: 2,
      rounds: 3,
      pulseRollups: written.pulse.length,
      featureRollups: 3,
      autopsyRollups: written.autopsyMonths.length,
    })
    expectSame(await derived(), written)

    // And from nothing at all.
    await db.execute(sql`delete from pulse_rollups`)
    await db.execute(sql`delete from feature_rollups`)
    await db.execute(sql`delete from autopsy_rollups`)
    await rebuildDerived(db, { progress: false })
    expectSame(await derived(), written)
  })
})
