import type { Discipline, ResponseGroup } from './disciplines'
import {
  DIMENSION_KEYS,
  DIRECTIONS,
  DIRECTION_SIDES,
  SCALE,
  SCALE_MAX,
  SCALE_MIN,
  getDimension,
  isScaleValue,
  type DimensionKey,
  type Direction,
} from './instrument'

export type Answer = { itemId: string; value: number }

export type ScoredItem = {
  id: string
  dimension: DimensionKey
  direction: Direction | null
  reverseScored: boolean
}

export type ResponseForScoring = { discipline: ResponseGroup; answers: Answer[] }

export type DimensionScore = {
  dimension: DimensionKey
  /** 1–7, null when nobody answered an item of this dimension */
  mean: number | null
  /** 0–100, null when nobody answered an item of this dimension */
  score: number | null
  /** responses that answered at least one item of this dimension */
  n: number
}

export type DimensionScores = Record<DimensionKey, DimensionScore>

export type ViewScore = { score: number | null; n: number }

export type DirectionalView = {
  direction: Direction
  dimension: DimensionKey
  /** 0–100 across every respondent, null without data */
  overall: number | null
  /** respondents who answered at least one item of this direction */
  n: number
  selfView: ViewScore
  otherView: ViewScore
  /** selfView − otherView; positive = the side rates itself higher than the other side sees it */
  gap: number | null
}

export type RespectStatus = 'deficit' | 'healthy' | 'unknown'

export type DeficitThresholds = { respectIndex: number; directional: number; gap: number }

export const DEFAULT_DEFICIT_THRESHOLDS: Readonly<DeficitThresholds> = {
  respectIndex: 60,
  directional: 55,
  gap: 15,
}

export const RESPECT_INDEX_FORMULA =
  'Respect Index = average of the five dimension scores, where each dimension score = (average answer − 1) ÷ 6 × 100, after reverse-scored items are flipped (8 − answer). Each person counts equally: their answers within a dimension are averaged first, then those averages are averaged across people.'

function assertScaleValue(value: number): void {
  if (!isScaleValue(value)) {
    throw new RangeError(`Answer must be an integer from ${SCALE_MIN} to ${SCALE_MAX}, got ${value}`)
  }
}

export function itemScore(value: number, reverseScored: boolean): number {
  assertScaleValue(value)
  return reverseScored ? SCALE_MIN + SCALE_MAX - value : value
}

export function toPercent(mean1to7: number): number {
  if (!Number.isFinite(mean1to7) || mean1to7 < SCALE_MIN || mean1to7 > SCALE_MAX) {
    throw new RangeError(`Mean must be between ${SCALE_MIN} and ${SCALE_MAX}, got ${mean1to7}`)
  }
  return ((mean1to7 - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)) * 100
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null
  return values.reduce((sum, v) => sum + v, 0) / values.length
}

// If an item somehow appears twice in one response, the last answer counts, so a
// duplicate can never give one person extra weight.
function latestAnswers(answers: readonly Answer[]): Map<string, number> {
  const byItem = new Map<string, number>()
  for (const answer of answers) byItem.set(answer.itemId, answer.value)
  return byItem
}

/** One person's mean (1–7, after reversal) over their answered items that pass `include`. */
function personMean(
  response: ResponseForScoring,
  itemsById: ReadonlyMap<string, ScoredItem>,
  include: (item: ScoredItem) => boolean,
): number | null {
  const scores: number[] = []
  for (const [itemId, value] of latestAnswers(response.answers)) {
    const item = itemsById.get(itemId)
    if (!item || !include(item)) continue
    scores.push(itemScore(value, item.reverseScored))
  }
  return mean(scores)
}

function indexItems(items: readonly ScoredItem[]): Map<string, ScoredItem> {
  return new Map(items.map((item) => [item.id, item]))
}

function aggregate(
  responses: readonly ResponseForScoring[],
  itemsById: ReadonlyMap<string, ScoredItem>,
  include: (item: ScoredItem) => boolean,
): { mean: number | null; score: number | null; n: number } {
  const personMeans: number[] = []
  for (const response of responses) {
    const m = personMean(response, itemsById, include)
    if (m !== null) personMeans.push(m)
  }
  const overall = mean(personMeans)
  return { mean: overall, score: overall === null ? null : toPercent(overall), n: personMeans.length }
}

export function dimensionScores(responses: readonly ResponseForScoring[], items: readonly ScoredItem[]): DimensionScores {
  const itemsById = indexItems(items)
  const score = (dimension: DimensionKey): DimensionScore => ({
    dimension,
    ...aggregate(responses, itemsById, (item) => item.dimension === dimension),
  })
  return {
    product_values_technical: score('product_values_technical'),
    engineering_engages_product: score('engineering_engages_product'),
    early_involvement: score('early_involvement'),
    psychological_safety: score('psychological_safety'),
    shared_outcomes: score('shared_outcomes'),
  }
}

/** Mean of the 0–100 dimension scores that have data; null when none do. */
export function respectIndex(
  dimScores: Readonly<Record<string, { score: number | null }>> | ReadonlyArray<{ score: number | null }>,
): number | null {
  const scores = Object.values(dimScores)
    .map((d) => d.score)
    .filter((s): s is number => s !== null)
  return mean(scores)
}

export function directionalViews(responses: readonly ResponseForScoring[], items: readonly ScoredItem[]): DirectionalView[] {
  const itemsById = indexItems(items)
  return DIRECTIONS.map((direction) => {
    const inDirection = (item: ScoredItem) => item.direction === direction
    const sides = DIRECTION_SIDES[direction]
    const all = aggregate(responses, itemsById, inDirection)
    const self = aggregate(
      responses.filter((r) => r.discipline === sides.self),
      itemsById,
      inDirection,
    )
    const other = aggregate(
      responses.filter((r) => r.discipline === sides.other),
      itemsById,
      inDirection,
    )
    return {
      direction,
      dimension: dimensionFor(direction),
      overall: all.score,
      n: all.n,
      selfView: { score: self.score, n: self.n },
      otherView: { score: other.score, n: other.n },
      // from the means, not the percents, so an exact gap stays exact at the threshold
      gap: self.mean !== null && other.mean !== null ? ((self.mean - other.mean) / (SCALE_MAX - SCALE_MIN)) * 100 : null,
    }
  })
}

// Reasons quote rounded numbers; a rounding that contradicts the verdict
// ("Respect Index 60 is below 60") would undermine trust, so add decimals until
// the shown number tells the truth.
function shown(value: number, truthful: (rounded: number) => boolean): string {
  for (let decimals = 0; decimals < 4; decimals++) {
    const factor = 10 ** decimals
    const rounded = Math.round(value * factor) / factor
    if (truthful(rounded)) return rounded.toFixed(decimals)
  }
  return String(value)
}

const PEOPLE: Readonly<Record<Discipline, string>> = {
  product: 'product people',
  engineering: 'engineers',
  design: 'designers',
  other: 'other roles',
}

function directionName(direction: Direction | undefined): string {
  return direction ? getDimension(dimensionFor(direction)).label : 'A directional score'
}

function dimensionFor(direction: Direction): DimensionKey {
  const key = DIMENSION_KEYS.find((k) => getDimension(k).direction === direction)
  if (!key) throw new Error(`No dimension carries direction ${direction}`)
  return key
}

export type RespectStatusInput = {
  respectIndex: number | null
  /**
   * Pass gaps and overalls AFTER anonymity suppression (null when hidden): a
   * reason that quotes a suppressed gap would leak it.
   */
  directional: ReadonlyArray<{
    overall: number | null
    gap: number | null
    direction?: Direction
    /** who the gap compares, when it is not product against engineering (e.g. "Everyone but product") */
    sides?: { self: string; other: string }
  }>
  /** false when the round lacks enough responses to judge; the status is then 'unknown' */
  enough: boolean
}

export function respectStatus(
  input: RespectStatusInput,
  thresholds: DeficitThresholds = DEFAULT_DEFICIT_THRESHOLDS,
): { status: RespectStatus; reasons: string[] } {
  if (!input.enough || input.respectIndex === null) {
    return { status: 'unknown', reasons: ['Not enough responses yet to judge the state of mutual respect.'] }
  }
  const reasons: string[] = []
  const ri = input.respectIndex
  if (ri < thresholds.respectIndex) {
    reasons.push(`Respect Index ${shown(ri, (r) => r < thresholds.respectIndex)} is below ${thresholds.respectIndex}`)
  }
  for (const view of input.directional) {
    const name = directionName(view.direction)
    const { overall, gap } = view
    if (overall !== null && overall < thresholds.directional) {
      reasons.push(`${name} scores ${shown(overall, (r) => r < thresholds.directional)}, below ${thresholds.directional}`)
    }
    if (gap !== null && Math.abs(gap) >= thresholds.gap) {
      const size = shown(Math.abs(gap), (r) => r >= thresholds.gap)
      if (view.sides) {
        const [higher, lower] = gap > 0 ? [view.sides.self, view.sides.other] : [view.sides.other, view.sides.self]
        reasons.push(`${name}: ${higher} rate it ${size} points higher than ${lower.toLowerCase()} (gap threshold ${thresholds.gap})`)
      } else if (view.direction) {
        const sides = DIRECTION_SIDES[view.direction]
        const [higher, lower] = gap > 0 ? [sides.self, sides.other] : [sides.other, sides.self]
        reasons.push(`${name}: ${PEOPLE[higher]} rate it ${size} points higher than ${PEOPLE[lower]} do (gap threshold ${thresholds.gap})`)
      } else {
        reasons.push(`${name} differs by ${size} points between the two sides (gap threshold ${thresholds.gap})`)
      }
    }
  }
  return { status: reasons.length > 0 ? 'deficit' : 'healthy', reasons }
}

/** Counts of raw (not reversed) answers for one item, one entry per scale point, in scale order. */
export function distribution(responses: readonly ResponseForScoring[], itemId: string): { value: number; count: number }[] {
  const counts = SCALE.map((point) => ({ value: point.value, count: 0 }))
  for (const response of responses) {
    const value = latestAnswers(response.answers).get(itemId)
    if (value === undefined) continue
    assertScaleValue(value)
    counts[value - SCALE_MIN].count += 1
  }
  return counts
}
