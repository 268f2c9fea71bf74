// Rows for dashboard tests. Pulse rounds are written as rollup cells directly
// (the rollup writer has its own tests), so a test states the responses and
// scores it needs in one line; feature and autopsy months likewise. Action
// items need real autopsies, which are inserted as published rows.
import { getDb } from '../db/client.server'
import { createTeam } from './factories'
import {
  autopsies,
  actions as autopsyActions,
  autopsyRollups,
  featureRollups,
  features,
  pulseRollups,
  rounds,
  surveyTemplates,
} from '../db/schema'
import type { Discipline } from '~/domain/disciplines'
import { DIMENSION_KEYS, type DimensionKey } from '~/domain/instrument'
import type { StageKey } from '~/domain/stages'

type TeamRef = { id: string; workspaceId: string }

const templates = new Map<string, string>()

/** A survey template for rounds made by hand in a test. */
export async function templateFor(workspaceId: string) {
  const known = templates.get(workspaceId)
  if (known) return known
  const db = await getDb()
  const [row] = await db.insert(surveyTemplates).values({ workspaceId, name: 'Mutual respect pulse' }).returning()
  templates.set(workspaceId, row.id)
  return row.id
}

export type CellSpec = {
  discipline: Discipline
  responses: number
  /** every dimension's mean item score, 1–7 */
  score: number
  /** per-dimension overrides of `score` */
  dimensions?: Partial<Record<DimensionKey, number>>
}

/**
 * A closed round with its rollup cells, as refreshRoundRollup would write
 * them: one row per discipline × dimension, every response scoring every
 * dimension. Returns the round.
 */
export async function rolledUpRound(
  team: TeamRef,
  { closedAt, cells, eligible = 12 }: { closedAt: Date | string; cells: CellSpec[]; eligible?: number },
) {
  const db = await getDb()
  const closed = typeof closedAt === 'string' ? new Date(closedAt) : closedAt
  const [round] = await db
    .insert(rounds)
    .values({
      workspaceId: team.workspaceId,
      teamId: team.id,
      templateId: await templateFor(team.workspaceId),
      status: 'closed',
      opensAt: new Date(closed.getTime() - 3 * 86_400_000),
      closesAt: closed,
      openedAt: new Date(closed.getTime() - 3 * 86_400_000),
      closedAt: closed,
      eligibleCount: eligible,
    })
    .returning()
  const rows = cells.flatMap((cell) =>
    DIMENSION_KEYS.map((dimension) => ({
      workspaceId: team.workspaceId,
      teamId: team.id,
      roundId: round.id,
      closedAt: closed,
      discipline: cell.discipline,
      dimension,
      responses: cell.responses,
      scoreSum: (cell.dimensions?.[dimension] ?? cell.score) * cell.responses,
      scored: cell.responses,
    })),
  )
  if (rows.length) await db.insert(pulseRollups).values(rows)
  return round
}

/** Shorthand: n responses from one discipline, all scoring `score`. */
export function cells(n: number, score: number, discipline: Discipline = 'engineering'): CellSpec[] {
  return [{ discipline, responses: n, score }]
}

/** A feature-log month rollup; counts default to "all fine, as planned, collaboration". */
export async function featureMonth(
  team: TeamRef,
  month: string,
  values: Partial<Omit<typeof featureRollups.$inferInsert, 'workspaceId' | 'teamId' | 'month'>> & { features: number },
) {
  const db = await getDb()
  await db.insert(featureRollups).values({
    workspaceId: team.workspaceId,
    teamId: team.id,
    month,
    missed: 0,
    differentWithoutUpset: 0,
    engineeringBeforeSpec: 0,
    handoff: 0,
    collaboration: values.features,
    specWords: [],
    ...values,
  })
}

/** Published-autopsy month rollups: counts by origin stage and by factor key ('custom:<label>' for custom factors). */
export async function autopsyMonth(
  team: TeamRef,
  month: string,
  counts: { stages?: Partial<Record<StageKey, number>>; factors?: Record<string, number> },
) {
  const db = await getDb()
  const rows = [
    ...Object.entries(counts.stages ?? {}).map(([key, count]) => ({ kind: 'stage' as const, key, count: count ?? 0 })),
    ...Object.entries(counts.factors ?? {}).map(([key, count]) => ({ kind: 'factor' as const, key, count })),
  ]
  if (rows.length) {
    await db.insert(autopsyRollups).values(rows.map((r) => ({ workspaceId: team.workspaceId, teamId: team.id, month, ...r })))
  }
}

/** An autopsy (published unless said otherwise) on a fresh feature, with the given action items. */
export async function autopsyWithActions(
  team: TeamRef,
  {
    stage = 'published',
    featureName = 'Analytics dashboard',
    actions,
  }: {
    stage?: 'draft' | 'collecting' | 'reviewing' | 'published'
    featureName?: string
    actions: { kind: 'respect' | 'process'; title: string; dueOn: string; status?: 'open' | 'in_progress' | 'done' | 'dropped' }[]
  },
) {
  const db = await getDb()
  const [feature] = await db
    .insert(features)
    .values({
      workspaceId: team.workspaceId,
      teamId: team.id,
      name: featureName,
      problem: 'Account owners cannot tell whether their team uses the product.',
      ask: 'Better analytics',
      specWords: 6200,
      specPages: 14,
      engineeringJoinedStage: 'handoff',
      question: 'how_fast',
      plannedDays: 40,
      actualDays: 45,
      startedOn: '2026-03-02',
      shippedOn: '2026-05-01',
      shippedAs: 'as_planned',
      outcome: 'not_what_we_asked',
      classification: 'handoff',
      engineeringBeforeSpec: false,
    })
    .returning()
  const [autopsy] = await db
    .insert(autopsies)
    .values({
      workspaceId: team.workspaceId,
      teamId: team.id,
      featureId: feature.id,
      stage,
      failureOriginStage: 'framing',
      publishedAt: stage === 'published' ? new Date('2026-05-20T10:00:00Z') : null,
    })
    .returning()
  if (actions.length) {
    await db
      .insert(autopsyActions)
      .values(
        actions.map((a) => ({ workspaceId: team.workspaceId, teamId: team.id, autopsyId: autopsy.id, status: 'open' as const, ...a })),
      )
  }
  return { feature, autopsy }
}

const fortnight = (n: number) => new Date(Date.UTC(2026, 0, 1 + n * 14, 12))

/**
 * A team with seven rounds two weeks apart from 1 January 2026: early
 * involvement holds near 4 for five rounds, then sits at `after` for two. The
 * round that closed at `fortnight(i)` is `rounds[i]`.
 */
export async function teamWithHistory(ws: { id: string }, after: number) {
  const team = await createTeam(ws.id)
  const rounds = []
  for (let i = 0; i < 7; i++) {
    const score = i < 5 ? 4 + (i % 2) * 0.1 : after
    rounds.push(
      await rolledUpRound(team, {
        closedAt: fortnight(i),
        cells: [{ discipline: 'engineering', responses: 8, score: 4, dimensions: { early_involvement: score } }],
      }),
    )
  }
  return { team, rounds }
}
