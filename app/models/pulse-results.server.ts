// The read side of pulse results. Every number a page, CSV, JSON export or
// email shows about a round comes from here, and every anonymity decision is
// made by ~/domain/anonymity: `computeRound` wraps values in Suppressible and
// `toPublicResults` turns them into the plain, already-suppressed shape that
// all read paths share.
import { and, asc, count, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { answers, participations, responses, roundItems, rounds, surveyItems } from '../../db/schema'
import {
  SUPPRESSED_MESSAGE,
  hidden,
  reveal,
  revealComments,
  revealSplit,
  type RevealedSplit,
  type Suppressible,
} from '~/domain/anonymity'
import { DISCIPLINES, type Discipline } from '~/domain/disciplines'
import {
  DIMENSIONS,
  DIRECTIONS,
  DIRECTION_LABELS,
  DIRECTION_SIDES,
  SCALE,
  getDimension,
  isDimensionKey,
  isDirection,
  type DimensionKey,
  type Direction,
} from '~/domain/instrument'
import {
  RESPECT_INDEX_FORMULA,
  dimensionScores,
  directionalViews,
  distribution,
  respectIndex,
  respectStatus,
  type RespectStatus,
  type ResponseForScoring,
  type ScoredItem,
} from '~/domain/scoring'
import { combine, groupScores } from '~/domain/rollup-scores'
import { getResultSettings, type ResultSettings } from './anonymity-settings.server'
import { loadRoundCells } from './rollups.server'

export const RESULTS_AFTER_CLOSE_MESSAGE =
  'Results appear after this round closes. Showing them live would let someone watch a score move right after a colleague answers.'

export type RoundStatus = 'scheduled' | 'open' | 'closed'

export type RoundItemRow = {
  id: string
  itemKey: string
  version: number
  dimension: string
  direction: string | null
  wording: string
  reverseScored: boolean
  position: number
}

export type ResponseRow = ResponseForScoring & { comment: string | null }

type RoundRow = {
  id: string
  status: RoundStatus
  opensAt: Date
  closesAt: Date
  closedAt: Date | null
  eligibleCount: number
  responded: number
}

// ------------------------------------------------------------------ computing

type ScoreValue = { score: number; mean: number }

export type RoundComputation = {
  n: number
  total: Suppressible<number>
  dimensions: { key: DimensionKey; result: Suppressible<ScoreValue> }[]
  respectIndex: Suppressible<number>
  directional: {
    direction: Direction
    dimension: DimensionKey
    overall: Suppressible<number>
    split: RevealedSplit<number | null>
    gap: Suppressible<number>
  }[]
  items: { item: RoundItemRow; distribution: Suppressible<{ value: number; count: number }[]> }[]
  comments: Suppressible<string[]>
  status: { status: RespectStatus; reasons: string[] }
}

function scoredItems(items: readonly RoundItemRow[]): ScoredItem[] {
  // Items of a dimension this version of Tandem does not know are left out of
  // the Respect Index rather than guessed at.
  return items.flatMap((item) =>
    isDimensionKey(item.dimension)
      ? [
          {
            id: item.id,
            dimension: item.dimension,
            direction: isDirection(item.direction) ? item.direction : null,
            reverseScored: item.reverseScored,
          },
        ]
      : [],
  )
}

/**
 * Scores one closed round and decides what may be shown. Pure: the same input
 * always gives the same output, which is what lets every read path agree.
 */
export function computeRound(input: {
  roundId: string
  items: readonly RoundItemRow[]
  responses: readonly ResponseRow[]
  settings: ResultSettings
}): RoundComputation {
  const { roundId, items, settings } = input
  const k = settings.anonymity
  const people = input.responses
  const n = people.length
  const total = reveal(n, n, k)
  const scored = scoredItems(items)

  const dims = dimensionScores(total.visible ? people : [], scored)
  const dimensions = DIMENSIONS.map(({ key }) => {
    const d = dims[key]
    const result: Suppressible<ScoreValue> =
      total.visible && d.score !== null && d.mean !== null ? reveal({ score: d.score, mean: d.mean }, d.n, k) : hidden()
    return { key, result }
  })

  // Only dimensions that are themselves visible feed the index, so a hidden
  // dimension cannot be recovered from it.
  const ri = respectIndex(dimensions.map((d) => ({ score: d.result.visible ? d.result.value.score : null })))
  const riResult: Suppressible<number> = total.visible && ri !== null ? reveal(ri, n, k) : hidden()

  const views = directionalViews(total.visible ? people : [], scored)
  const byDiscipline = new Map(
    DISCIPLINES.map((d) => [d, directionalViews(total.visible ? people.filter((p) => p.discipline === d) : [], scored)]),
  )
  const directional = views.map((view, index) => {
    // Every discipline is a slice (even empty ones), so a remainder of 1..k-1
    // people outside product and engineering hides the whole split.
    const slices = DISCIPLINES.map((discipline) => {
      const own = byDiscipline.get(discipline)?.[index]
      return { key: discipline, n: own?.n ?? 0, value: own?.overall ?? null }
    })
    const split = revealSplit(slices, view.n, k)
    const sides = DIRECTION_SIDES[view.direction]
    const self = split.slices.find((s) => s.key === sides.self)?.result
    const other = split.slices.find((s) => s.key === sides.other)?.result
    const gap: Suppressible<number> =
      split.visible && self?.visible && other?.visible && view.gap !== null
        ? reveal(view.gap, Math.min(self.n, other.n), k)
        : hidden()
    const overall: Suppressible<number> = view.overall !== null ? reveal(view.overall, view.n, k) : hidden()
    return { direction: view.direction, dimension: view.dimension, overall, split, gap }
  })

  const itemResults = [...items]
    .sort((a, b) => a.position - b.position)
    .map((item) => {
      const answered = people.filter((p) => p.answers.some((a) => a.itemId === item.id)).length
      const dist = total.visible ? reveal(distribution(people, item.id), answered, k) : hidden<{ value: number; count: number }[]>()
      return { item, distribution: dist }
    })

  const comments = revealComments(
    people.map((p) => p.comment ?? ''),
    n,
    k,
    roundId,
  )

  const status = respectStatus(
    {
      enough: total.visible,
      respectIndex: riResult.visible ? riResult.value : null,
      // After suppression: a reason must never quote a hidden number.
      directional: directional.map((d) => ({
        direction: d.direction,
        overall: d.overall.visible ? d.overall.value : null,
        gap: d.gap.visible ? d.gap.value : null,
      })),
    },
    settings.thresholds,
  )

  return { n, total, dimensions, respectIndex: riResult, directional, items: itemResults, comments, status }
}

// ------------------------------------------------------------------ shaping

export type PublicRound = {
  id: string
  status: RoundStatus
  opensAt: string
  closesAt: string
  closedAt: string | null
  /** the close date in the workspace's zone, YYYY-MM-DD: the only date shown next to comments */
  closedOn: string
}

export type PublicDimension = {
  key: DimensionKey
  label: string
  description: string
  score: number | null
  mean: number | null
}

export type PublicView = { discipline: Discipline; score: number | null }

export type PublicDirectional = {
  direction: Direction
  label: string
  dimension: DimensionKey
  dimensionLabel: string
  overall: number | null
  /** false when the discipline split must stay hidden (too few, or a derivable remainder) */
  splitVisible: boolean
  selfView: PublicView
  otherView: PublicView
  /** selfView − otherView in points; positive = the side rates itself higher than the other side sees it */
  gap: number | null
}

export type PublicItem = {
  /** the item id names one wording (item_key + version); per-item series are keyed by it */
  id: string
  itemKey: string
  version: number
  wording: string
  dimension: string
  dimensionLabel: string
  reverseScored: boolean
  distribution: { value: number; label: string; count: number }[] | null
}

export type PublicRoundResults = {
  round: PublicRound
  participation: { responded: number; eligible: number; rate: number | null }
  k: number
  commentK: number
  /** true only for a closed round with at least k responses */
  visible: boolean
  /** why nothing is shown: SUPPRESSED_MESSAGE or RESULTS_AFTER_CLOSE_MESSAGE */
  message: string | null
  /** responses counted, only when visible */
  n: number | null
  respectIndex: number | null
  respectIndexFormula: string
  dimensions: PublicDimension[]
  directional: PublicDirectional[]
  items: PublicItem[]
  comments: { visible: boolean; message: string | null; closedOn: string; items: string[] }
  status: { status: RespectStatus; reasons: string[] }
  thresholds: ResultSettings['thresholds']
}

/** One decimal: enough to compare, and the same in every export. */
function round1(value: number): number {
  return Math.round(value * 10) / 10
}

function shownValue(result: Suppressible<number>): number | null {
  return result.visible ? round1(result.value) : null
}

function localDate(value: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(value)
}

function dimensionLabel(key: string): string {
  return isDimensionKey(key) ? getDimension(key).label : key
}

function publicRound(round: RoundRow, timeZone: string): PublicRound {
  return {
    id: round.id,
    status: round.status,
    opensAt: round.opensAt.toISOString(),
    closesAt: round.closesAt.toISOString(),
    closedAt: round.closedAt?.toISOString() ?? null,
    closedOn: localDate(round.closedAt ?? round.closesAt, timeZone),
  }
}

/**
 * The shape every read path returns. `computation` is null for a round that is
 * not closed: then only participation is shown.
 */
export function toPublicResults(
  round: RoundRow,
  computation: RoundComputation | null,
  settings: ResultSettings,
  items: readonly RoundItemRow[] = [],
): PublicRoundResults {
  const { k, commentK } = settings.anonymity
  const publicInfo = publicRound(round, settings.timeZone)
  const eligible = round.eligibleCount
  const participation = {
    responded: round.responded,
    eligible,
    rate: eligible > 0 ? round.responded / eligible : null,
  }
  const visible = Boolean(computation?.total.visible)
  const message = computation === null ? RESULTS_AFTER_CLOSE_MESSAGE : visible ? null : SUPPRESSED_MESSAGE

  const dimensions = DIMENSIONS.map((d) => {
    const result = computation?.dimensions.find((x) => x.key === d.key)?.result
    return {
      key: d.key,
      label: d.label,
      description: d.description,
      score: result?.visible ? round1(result.value.score) : null,
      mean: result?.visible ? Math.round(result.value.mean * 100) / 100 : null,
    }
  })

  const directional = DIRECTIONS.map((direction) => {
    const d = computation?.directional.find((x) => x.direction === direction)
    const sides = DIRECTION_SIDES[direction]
    const dimension = DIMENSIONS.find((x) => x.direction === direction)?.key ?? 'product_values_technical'
    const slice = (discipline: Discipline): PublicView => {
      const result = d?.split.slices.find((s) => s.key === discipline)?.result
      return { discipline, score: result?.visible && result.value !== null ? round1(result.value) : null }
    }
    return {
      direction,
      label: DIRECTION_LABELS[direction],
      dimension,
      dimensionLabel: getDimension(dimension).label,
      overall: d ? shownValue(d.overall) : null,
      splitVisible: Boolean(d?.split.visible),
      selfView: slice(sides.self),
      otherView: slice(sides.other),
      gap: d ? shownValue(d.gap) : null,
    }
  })

  const itemSource = computation ? computation.items : [...items].sort((a, b) => a.position - b.position).map((item) => ({ item, distribution: hidden<{ value: number; count: number }[]>() }))
  const publicItems = itemSource.map(({ item, distribution: dist }) => ({
    id: item.id,
    itemKey: item.itemKey,
    version: item.version,
    wording: item.wording,
    dimension: item.dimension,
    dimensionLabel: dimensionLabel(item.dimension),
    reverseScored: item.reverseScored,
    distribution: dist.visible
      ? dist.value.map((c) => ({ value: c.value, label: SCALE[c.value - 1]?.label ?? String(c.value), count: c.count }))
      : null,
  }))

  const comments = computation?.comments
  return {
    round: publicInfo,
    participation,
    k,
    commentK,
    visible,
    message,
    n: visible && computation ? computation.n : null,
    respectIndex: computation ? shownValue(computation.respectIndex) : null,
    respectIndexFormula: RESPECT_INDEX_FORMULA,
    dimensions,
    directional,
    items: publicItems,
    comments: {
      visible: Boolean(comments?.visible),
      message: comments === undefined ? RESULTS_AFTER_CLOSE_MESSAGE : comments.visible ? null : SUPPRESSED_MESSAGE,
      closedOn: publicInfo.closedOn,
      items: comments?.visible ? comments.value : [],
    },
    status: computation
      ? computation.status
      : respectStatus({ enough: false, respectIndex: null, directional: [] }, settings.thresholds),
    thresholds: settings.thresholds,
  }
}

// ------------------------------------------------------------------ queries

const roundColumns = {
  id: rounds.id,
  status: rounds.status,
  opensAt: rounds.opensAt,
  closesAt: rounds.closesAt,
  closedAt: rounds.closedAt,
  eligibleCount: rounds.eligibleCount,
  responded: sql<number>`(select count(*)::int from ${participations} p where p.round_id = ${rounds.id})`.mapWith(Number),
}

const closedOrder = sql`coalesce(${rounds.closedAt}, ${rounds.closesAt})`

async function loadItems(workspaceId: string, roundIds: readonly string[]) {
  if (roundIds.length === 0) return new Map<string, RoundItemRow[]>()
  const db = await getDb()
  const rows = await db
    .select({
      roundId: roundItems.roundId,
      id: surveyItems.id,
      itemKey: surveyItems.itemKey,
      version: surveyItems.version,
      dimension: surveyItems.dimension,
      direction: surveyItems.direction,
      wording: surveyItems.wording,
      reverseScored: surveyItems.reverseScored,
      position: roundItems.position,
    })
    .from(roundItems)
    .innerJoin(surveyItems, eq(surveyItems.id, roundItems.itemId))
    .where(and(eq(roundItems.workspaceId, workspaceId), inArray(roundItems.roundId, [...roundIds])))
    .orderBy(asc(roundItems.position))
  const byRound = new Map<string, RoundItemRow[]>()
  for (const { roundId, ...item } of rows) {
    const list = byRound.get(roundId) ?? []
    list.push(item)
    byRound.set(roundId, list)
  }
  return byRound
}

/**
 * Every response of the given rounds with its answers, in one query. A
 * response is keyed by its random id only while grouping; the id never leaves
 * this function.
 */
async function loadResponses(workspaceId: string, roundIds: readonly string[], { withComments = false } = {}) {
  if (roundIds.length === 0) return new Map<string, ResponseRow[]>()
  const db = await getDb()
  const rows = await db
    .select({
      responseId: responses.id,
      roundId: responses.roundId,
      discipline: responses.discipline,
      comment: withComments ? responses.comment : sql<string | null>`null`,
      itemId: answers.itemId,
      value: answers.value,
    })
    .from(responses)
    .leftJoin(answers, eq(answers.responseId, responses.id))
    .where(and(eq(responses.workspaceId, workspaceId), inArray(responses.roundId, [...roundIds])))
  const byResponse = new Map<string, ResponseRow & { roundId: string }>()
  for (const row of rows) {
    let response = byResponse.get(row.responseId)
    if (!response) {
      response = { roundId: row.roundId, discipline: row.discipline, comment: row.comment, answers: [] }
      byResponse.set(row.responseId, response)
    }
    if (row.itemId !== null && row.value !== null) response.answers.push({ itemId: row.itemId, value: row.value })
  }
  const byRound = new Map<string, ResponseRow[]>()
  for (const { roundId, ...response } of byResponse.values()) {
    const list = byRound.get(roundId) ?? []
    list.push(response)
    byRound.set(roundId, list)
  }
  return byRound
}

/**
 * Results of one round of a team. Without roundId: the team's latest closed
 * round. Returns null when there is no such round for this team in this
 * workspace (an unknown or foreign id, or no closed round yet).
 */
export async function getRoundResults({
  workspaceId,
  teamId,
  roundId,
  settings,
}: {
  workspaceId: string
  teamId: string
  roundId?: string
  settings?: ResultSettings
}): Promise<PublicRoundResults | null> {
  const db = await getDb()
  const resolved = settings ?? (await getResultSettings(workspaceId))
  const scope = and(eq(rounds.workspaceId, workspaceId), eq(rounds.teamId, teamId))
  const [round] = roundId
    ? await db.select(roundColumns).from(rounds).where(and(scope, eq(rounds.id, roundId)))
    : await db
        .select(roundColumns)
        .from(rounds)
        .where(and(scope, eq(rounds.status, 'closed')))
        .orderBy(desc(closedOrder))
        .limit(1)
  if (!round) return null
  const items = (await loadItems(workspaceId, [round.id])).get(round.id) ?? []
  if (round.status !== 'closed') return toPublicResults(round, null, resolved, items)
  const people = (await loadResponses(workspaceId, [round.id], { withComments: true })).get(round.id) ?? []
  const computation = computeRound({ roundId: round.id, items, responses: people, settings: resolved })
  return toPublicResults(round, computation, resolved, items)
}

export type RoundListEntry = {
  id: string
  status: RoundStatus
  opensAt: string
  closesAt: string
  closedAt: string | null
}

/** Open and closed rounds of a team, newest first, for a round picker. Scheduled rounds have nothing to show yet. */
export async function listTeamRounds(
  workspaceId: string,
  teamId: string,
  { limit = 50, offset = 0 }: { limit?: number; offset?: number } = {},
): Promise<{ total: number; rounds: RoundListEntry[] }> {
  const db = await getDb()
  const where = and(eq(rounds.workspaceId, workspaceId), eq(rounds.teamId, teamId), ne(rounds.status, 'scheduled'))
  const [[{ total }], rows] = await Promise.all([
    db.select({ total: count() }).from(rounds).where(where),
    db
      .select({ id: rounds.id, status: rounds.status, opensAt: rounds.opensAt, closesAt: rounds.closesAt, closedAt: rounds.closedAt })
      .from(rounds)
      .where(where)
      .orderBy(desc(rounds.opensAt), desc(rounds.id))
      .limit(limit)
      .offset(offset),
  ])
  return {
    total,
    rounds: rows.map((r) => ({
      id: r.id,
      status: r.status,
      opensAt: r.opensAt.toISOString(),
      closesAt: r.closesAt.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
    })),
  }
}

export type TrendPoint = {
  roundId: string
  closedAt: string
  closedOn: string
  visible: boolean
  /** responses, only when visible */
  n: number | null
  respectIndex: number | null
  dimensions: Record<DimensionKey, number | null>
  directional: Record<Direction, number | null>
}

/**
 * One point per closed round, oldest first, with hidden values as null (not
 * dropped) so a chart shows the gap. Reads the rollups written when each round
 * closed, never raw answers: two queries whatever the number of rounds.
 * Dimension scores are comparable across item versions; nothing here mixes two
 * wordings of one item.
 */
export async function getTeamTrend(
  workspaceId: string,
  teamId: string,
  { limit = 26, settings }: { limit?: number; settings?: ResultSettings } = {},
): Promise<TrendPoint[]> {
  const db = await getDb()
  const resolved = settings ?? (await getResultSettings(workspaceId))
  const newestFirst = await db
    .select({ id: rounds.id, closedAt: rounds.closedAt, closesAt: rounds.closesAt })
    .from(rounds)
    .where(and(eq(rounds.workspaceId, workspaceId), eq(rounds.teamId, teamId), eq(rounds.status, 'closed')))
    .orderBy(desc(closedOrder))
    .limit(limit)
  const closed = newestFirst.reverse()
  const cells = await loadRoundCells(workspaceId, closed.map((r) => r.id))
  return closed.map((round) => {
    const scores = groupScores(combine(cells.filter((c) => c.roundId === round.id)), resolved.anonymity, resolved.thresholds)
    const closedAt = round.closedAt ?? round.closesAt
    const directional = (direction: Direction) => scores.directional.find((d) => d.direction === direction)?.overall ?? null
    return {
      roundId: round.id,
      closedAt: closedAt.toISOString(),
      closedOn: localDate(closedAt, resolved.timeZone),
      visible: scores.visible,
      n: scores.n,
      respectIndex: scores.respectIndex,
      dimensions: scores.dimensions,
      directional: {
        product_to_engineering: directional('product_to_engineering'),
        engineering_to_product: directional('engineering_to_product'),
      },
    }
  })
}
