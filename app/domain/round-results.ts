// One round's results as a viewer may see them. Pure: the same rows, the
// round's own thresholds and the same viewer always give the same output,
// which is what lets every read path agree. Every number leaves through
// ./anonymity; the viewer's own response (if they answered) never counts
// toward a threshold they see.
import {
  SUPPRESSED_MESSAGE,
  hidden,
  normalizeSettings,
  reveal,
  revealComments,
  revealDistribution,
  type AnonymitySettings,
  type RevealedDistribution,
  type Suppressible,
} from './anonymity'
import { RESPONSE_GROUPS, type Discipline, type ResponseGroup } from './disciplines'
import {
  DIMENSIONS,
  DIRECTIONS,
  DIRECTION_LABELS,
  SCALE,
  SCALE_BANDS,
  getDimension,
  isDimensionKey,
  isDirection,
  type DimensionKey,
  type Direction,
} from './instrument'
import { ownGroup, perceptionView, type GroupSums, type PerceptionView, type RoundComparison } from './perception-split'
import {
  RESPECT_INDEX_FORMULA,
  dimensionScores,
  directionalViews,
  distribution,
  itemScore,
  respectIndex,
  respectStatus,
  type DeficitThresholds,
  type RespectStatus,
  type ResponseForScoring,
  type ScoredItem,
} from './scoring'
import { localDay } from './calendar'

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

export type RoundRow = {
  id: string
  status: RoundStatus
  opensAt: Date
  closesAt: Date
  closedAt: Date | null
  eligibleCount: number
  responded: number
  /** the thresholds the round opened with */
  anonymityK: number
  commentK: number
  /** how product and engineering can be compared, chosen from the roster at open */
  comparison: RoundComparison
}

/** The thresholds a round opened with, never below the floor. */
export function roundSettings(round: Pick<RoundRow, 'anonymityK' | 'commentK'>): AnonymitySettings {
  return normalizeSettings({ k: round.anonymityK, commentK: round.commentK })
}

/** What a read needs besides the round: deficit thresholds, the zone for dates, and who is looking. */
export type ReadContext = {
  thresholds: DeficitThresholds
  timeZone: string
  /**
   * The discipline the viewer's own response counts under, when they answered
   * this round; ANY_RESPONDENT to judge the round as any member who answered
   * would see it (the respect gate, whose verdict every member reads).
   */
  ownDiscipline: Discipline | typeof ANY_RESPONDENT | null
}

/** Stands for "whichever respondent reads this": one own response in every group. */
export const ANY_RESPONDENT = 'any-respondent'

type ScoreValue = { score: number; mean: number }

export type RoundComputation = {
  n: number
  total: Suppressible<number>
  dimensions: { key: DimensionKey; result: Suppressible<ScoreValue> }[]
  respectIndex: Suppressible<number>
  directional: { direction: Direction; dimension: DimensionKey; overall: Suppressible<number>; perception: PerceptionView }[]
  items: { item: RoundItemRow; distribution: Suppressible<RevealedDistribution> }[]
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

/** Per stored group: responses, the viewer's own, and the sum of person means on one direction's items. */
function directionSums(
  people: readonly ResponseRow[],
  items: readonly ScoredItem[],
  direction: Direction,
  own: ResponseGroup | typeof ANY_RESPONDENT | null,
): GroupSums {
  const byId = new Map(items.filter((i) => i.direction === direction).map((i) => [i.id, i]))
  const present = new Set(people.map((p) => p.discipline))
  const ownIn = (g: ResponseGroup) => (own === ANY_RESPONDENT ? present.has(g) : g === own)
  const sums = Object.fromEntries(RESPONSE_GROUPS.map((g) => [g, { responses: 0, own: ownIn(g) ? 1 : 0, sum: 0, scored: 0 }])) as GroupSums
  for (const person of people) {
    const slot = sums[person.discipline]
    slot.responses++
    const values = person.answers.flatMap((a) => {
      const item = byId.get(a.itemId)
      return item ? [itemScore(a.value, item.reverseScored)] : []
    })
    if (values.length) {
      slot.sum += values.reduce((s, v) => s + v, 0) / values.length
      slot.scored++
    }
  }
  return sums
}

export function computeRound(input: {
  roundId: string
  items: readonly RoundItemRow[]
  responses: readonly ResponseRow[]
  settings: AnonymitySettings
  thresholds: DeficitThresholds
  ownDiscipline: Discipline | typeof ANY_RESPONDENT | null
  /** the round's comparison, chosen at open; only explains why none is shown */
  comparison?: RoundComparison | null
}): RoundComputation {
  const { roundId, items, settings, ownDiscipline } = input
  const people = input.responses
  const own = ownDiscipline ? 1 : 0
  const mine = ownDiscipline === ANY_RESPONDENT ? ANY_RESPONDENT : ownGroup(ownDiscipline, new Set(people.map((p) => p.discipline)))
  const n = people.length
  const total = reveal(n, n, settings, own)
  const scored = scoredItems(items)
  const counted = total.visible ? people : []

  const dims = dimensionScores(counted, scored)
  const dimensions = DIMENSIONS.map(({ key }) => {
    const d = dims[key]
    const result: Suppressible<ScoreValue> =
      total.visible && d.score !== null && d.mean !== null ? reveal({ score: d.score, mean: d.mean }, d.n, settings, own) : hidden()
    return { key, result }
  })
  // Only dimensions that are themselves visible feed the index, so a hidden
  // dimension cannot be recovered from it.
  const ri = respectIndex(dimensions.map((d) => ({ score: d.result.visible ? d.result.value.score : null })))
  const riResult: Suppressible<number> = total.visible && ri !== null ? reveal(ri, n, settings, own) : hidden()

  const views = directionalViews(counted, scored)
  const directional = views.map((view) => ({
    direction: view.direction,
    dimension: view.dimension,
    overall: view.overall !== null ? reveal(view.overall, view.n, settings, own) : hidden<number>(),
    perception: perceptionView(
      view.direction,
      directionSums(counted, scored, view.direction, total.visible ? mine : null),
      settings,
      input.comparison ?? null,
    ),
  }))

  const itemResults = [...items]
    .sort((a, b) => a.position - b.position)
    .map((item) => ({
      item,
      distribution: total.visible
        ? revealDistribution(distribution(people, item.id), SCALE_BANDS, settings, own)
        : hidden<RevealedDistribution>(),
    }))

  const comments = revealComments(
    people.map((p) => p.comment ?? ''),
    n,
    settings,
    roundId,
    own,
  )

  const status = respectStatus(
    {
      enough: total.visible,
      respectIndex: riResult.visible ? riResult.value : null,
      // After suppression: a reason must never quote a hidden number.
      directional: directional.map((d) => ({
        direction: d.direction,
        overall: d.overall.visible ? d.overall.value : null,
        gap: d.perception.visible ? d.perception.gap : null,
        sides:
          d.perception.visible && d.perception.comparison === 'versus-rest'
            ? { self: d.perception.self.label, other: d.perception.other.label }
            : undefined,
      })),
    },
    input.thresholds,
  )

  return { n, total, dimensions, respectIndex: riResult, directional, items: itemResults, comments, status }
}

// ------------------------------------------------------------------ the shape every read path returns

export type PublicRound = {
  id: string
  status: RoundStatus
  opensAt: string
  closesAt: string
  closedAt: string | null
  /** the close date in the workspace's zone, YYYY-MM-DD: the only date shown next to comments */
  closedOn: string
}

export type PublicDimension = { key: DimensionKey; label: string; description: string; score: number | null; mean: number | null }

export type PublicSide = { label: string; score: number | null }

export type PublicDirectional = {
  direction: Direction
  label: string
  dimension: DimensionKey
  dimensionLabel: string
  overall: number | null
  /** false when the comparison must stay hidden (too few on a side, or a derivable remainder) */
  splitVisible: boolean
  /** "disciplines" (product vs engineering), "versus-rest" (one side vs everyone else), or null when none can be shown */
  comparison: 'disciplines' | 'versus-rest' | null
  selfView: PublicSide
  otherView: PublicSide
  /** selfView − otherView in points; positive = the side rates itself higher than the other side sees it */
  gap: number | null
  /** why the comparison is hidden or replaced */
  note: string | null
}

export type PublicDistribution =
  | { kind: 'exact'; counts: { value: number; label: string; count: number }[] }
  | { kind: 'bands'; counts: { key: string; label: string; count: number }[] }

export type PublicItem = {
  /** the item id names one wording (item_key + version); per-item series are keyed by it */
  id: string
  itemKey: string
  version: number
  wording: string
  dimension: string
  dimensionLabel: string
  reverseScored: boolean
  distribution: PublicDistribution | null
}

export type PublicRoundResults = {
  round: PublicRound
  /** how many of the round's roster answered: shown for every round, open or closed, hidden or not */
  participation: { responded: number; eligible: number; rate: number | null }
  /** the round's own thresholds */
  k: number
  commentK: number
  /** whether the viewer answered this round: their answer never counts toward what they see */
  viewerAnswered: boolean
  /** true only for a closed round with at least k responses besides the viewer's own */
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
  thresholds: DeficitThresholds
}

const round1 = (value: number) => Math.round(value * 10) / 10
const shownValue = (result: Suppressible<number>) => (result.visible ? round1(result.value) : null)
const dimensionLabel = (key: string) => (isDimensionKey(key) ? getDimension(key).label : key)

function publicDistribution(result: Suppressible<RevealedDistribution>): PublicDistribution | null {
  if (!result.visible) return null
  const value = result.value
  if (value.kind === 'bands') return value
  return { kind: 'exact', counts: value.counts.map((c) => ({ ...c, label: SCALE[c.value - 1]?.label ?? String(c.value) })) }
}

/** The shape every read path returns. `computation` is null for a round that is not closed: then only participation is shown. */
export function toPublicResults(
  round: RoundRow,
  computation: RoundComputation | null,
  context: ReadContext,
  items: readonly RoundItemRow[] = [],
): PublicRoundResults {
  const closedOn = localDay(round.closedAt ?? round.closesAt, context.timeZone)
  const { k, commentK } = roundSettings(round)
  const visible = Boolean(computation?.total.visible)
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
  const directional = DIRECTIONS.map((direction): PublicDirectional => {
    const d = computation?.directional.find((x) => x.direction === direction)
    const dimension = DIMENSIONS.find((x) => x.direction === direction)?.key ?? 'product_values_technical'
    const p = d?.perception
    return {
      direction,
      label: DIRECTION_LABELS[direction],
      dimension,
      dimensionLabel: getDimension(dimension).label,
      overall: d ? shownValue(d.overall) : null,
      splitVisible: Boolean(p?.visible),
      comparison: p?.visible ? p.comparison : null,
      selfView: { label: p?.self.label ?? '', score: p?.visible ? p.self.score : null },
      otherView: { label: p?.other.label ?? '', score: p?.visible ? p.other.score : null },
      gap: p?.visible ? p.gap : null,
      note: visible ? (p?.note ?? null) : null,
    }
  })
  const itemSource = computation
    ? computation.items
    : [...items].sort((a, b) => a.position - b.position).map((item) => ({ item, distribution: hidden<RevealedDistribution>() }))
  const comments = computation?.comments
  return {
    round: {
      id: round.id,
      status: round.status,
      opensAt: round.opensAt.toISOString(),
      closesAt: round.closesAt.toISOString(),
      closedAt: round.closedAt?.toISOString() ?? null,
      closedOn,
    },
    participation: {
      responded: round.responded,
      eligible: round.eligibleCount,
      rate: round.eligibleCount > 0 ? Math.min(1, round.responded / round.eligibleCount) : null,
    },
    k,
    commentK,
    viewerAnswered: context.ownDiscipline !== null && context.ownDiscipline !== ANY_RESPONDENT,
    visible,
    message: computation === null ? RESULTS_AFTER_CLOSE_MESSAGE : visible ? null : SUPPRESSED_MESSAGE,
    n: visible && computation ? computation.n : null,
    respectIndex: computation ? shownValue(computation.respectIndex) : null,
    respectIndexFormula: RESPECT_INDEX_FORMULA,
    dimensions,
    directional,
    items: itemSource.map(({ item, distribution: dist }) => ({
      id: item.id,
      itemKey: item.itemKey,
      version: item.version,
      wording: item.wording,
      dimension: item.dimension,
      dimensionLabel: dimensionLabel(item.dimension),
      reverseScored: item.reverseScored,
      distribution: publicDistribution(dist),
    })),
    comments: {
      visible: Boolean(comments?.visible),
      message: comments === undefined ? RESULTS_AFTER_CLOSE_MESSAGE : comments.visible ? null : SUPPRESSED_MESSAGE,
      closedOn,
      items: comments?.visible ? comments.value : [],
    },
    status: computation ? computation.status : respectStatus({ enough: false, respectIndex: null, directional: [] }, context.thresholds),
    thresholds: context.thresholds,
  }
}

/** A round as a round picker lists it. */
export type RoundListEntry = {
  id: string
  status: RoundStatus
  opensAt: string
  closesAt: string
  closedAt: string | null
}

/** One closed round on a team's trend; hidden values are null so a chart shows the gap. */
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
