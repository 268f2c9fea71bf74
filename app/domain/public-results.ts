// The shape every read path returns for one round: the page, the CSV, the
// JSON export, the autopsy snapshot and the weekly email all receive this and
// nothing more. Hidden values are null here, never zero, so a chart or a
// table shows the gap instead of a number that was never revealed.
import { SUPPRESSED_MESSAGE, hidden, type RevealedDistribution, type Suppressible } from './anonymity'
import {
  DIMENSIONS,
  DIRECTIONS,
  DIRECTION_LABELS,
  SCALE,
  getDimension,
  isDimensionKey,
  type DimensionKey,
  type Direction,
} from './instrument'
import { RESPECT_INDEX_FORMULA, respectStatus, type DeficitThresholds, type RespectStatus } from './scoring'
import { localDay } from './calendar'
import { GENERATIVE_CULTURE_NAME, generativeAspect, isGenerativeItem } from './generative-culture'
import type { TrendGap } from './trends/gap-over-time'
import {
  ANY_RESPONDENT,
  roundSettings,
  type ReadContext,
  type RoundComputation,
  type RoundItemRow,
  type RoundRow,
  type RoundStatus,
} from './round-results'

export const RESULTS_AFTER_CLOSE_MESSAGE =
  'Results appear after this round closes. Showing them live would let someone watch a score move right after a colleague answers.'

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
  /** the optional generative-culture module, when the round asked it; its items are not in `items` */
  generativeCulture: PublicGenerativeCulture | null
}

export type PublicGenerativeCulture = {
  /** the mean over people of each person's mean answer, 1–7; null when hidden */
  mean: number | null
  /** the same on 0–100 */
  score: number | null
  /** people counted, only when shown */
  n: number | null
  items: (PublicItem & { aspect: string })[]
}

const round1 = (value: number) => Math.round(value * 10) / 10
const shownValue = (result: Suppressible<number>) => (result.visible ? round1(result.value) : null)
const dimensionLabel = (key: string) =>
  isDimensionKey(key) ? getDimension(key).label : isGenerativeItem({ dimension: key }) ? GENERATIVE_CULTURE_NAME : key

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
  const publicItems = itemSource.map(({ item, distribution: dist }) => ({
    id: item.id,
    itemKey: item.itemKey,
    version: item.version,
    wording: item.wording,
    dimension: item.dimension,
    dimensionLabel: dimensionLabel(item.dimension),
    reverseScored: item.reverseScored,
    distribution: publicDistribution(dist),
  }))
  const moduleItems = publicItems.filter(isGenerativeItem)
  const generative = computation?.generative
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
    items: publicItems.filter((i) => !isGenerativeItem(i)),
    comments: {
      visible: Boolean(comments?.visible),
      message: comments === undefined ? RESULTS_AFTER_CLOSE_MESSAGE : comments.visible ? null : SUPPRESSED_MESSAGE,
      closedOn,
      items: comments?.visible ? comments.value : [],
    },
    status: computation ? computation.status : respectStatus({ enough: false, respectIndex: null, directional: [] }, context.thresholds),
    thresholds: context.thresholds,
    generativeCulture: moduleItems.length
      ? {
          mean: generative?.visible ? Math.round(generative.value.mean * 100) / 100 : null,
          score: generative?.visible ? round1(generative.value.score) : null,
          n: generative?.visible ? generative.n : null,
          items: moduleItems.map((i) => ({ ...i, aspect: generativeAspect(i.itemKey) })),
        }
      : null,
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
  /** each direction's self-view, other view and gap; null wherever the round or its split is hidden */
  gaps: TrendGap[]
}
