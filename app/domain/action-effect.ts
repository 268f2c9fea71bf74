// The measured effect of an action: its target dimension at the last visible
// round before it started and at each visible round since, and whether the
// change is larger than the team's usual movement from one round to the next.
// It reads only TrendPoints, which hold null for every hidden value, so a
// number the anonymity rules hide never enters a comparison.
import { getDimension, type DimensionKey } from './instrument'
import type { ActionKind } from './respect-gate'

/** how many earlier round-to-round changes set the team's usual movement */
export const NOISE_WINDOW = 6
/** fewer earlier changes than this and the usual movement is not known */
export const MIN_NOISE_CHANGES = 3

export type EffectPoint = { roundId: string; closedOn: string; score: number }

export type EffectVerdict = 'rose' | 'fell' | 'within_noise' | 'not_enough_data'

export type ActionEffect = {
  /** the dimension read; null when the action has none and the Respect Index is read instead */
  dimension: DimensionKey | null
  verdict: EffectVerdict
  before: EffectPoint | null
  /** visible rounds closed after the action started, oldest first */
  after: EffectPoint[]
  /** latest after − before, in points */
  change: number | null
  /** the largest round-to-round change among the previous NOISE_WINDOW, in points */
  usualMovement: number | null
  /** the finding in one or two plain sentences */
  summary: string
}

type TrendLike = {
  roundId: string
  closedAt: string
  closedOn: string
  visible: boolean
  respectIndex: number | null
  dimensions: Record<DimensionKey, number | null>
}

const whole = (n: number) => Math.round(n)
const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(whole(n))}`
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * The effect of an action on its target dimension, from the team's trend (any
 * order). An action without a target dimension (most process actions) is read
 * against the Respect Index, so respect and process actions can be compared.
 */
export function measureEffect(action: { dimension: DimensionKey | null; startedAt: string }, trend: readonly TrendLike[]): ActionEffect {
  const { dimension } = action
  const value = (p: TrendLike) => (dimension === null ? p.respectIndex : p.dimensions[dimension])
  const started = Date.parse(action.startedAt)
  const visible = visibleSeries(trend, dimension, value)
  const earlier = visible.filter((p) => p.at <= started).map((p) => p.point)
  const after = visible.filter((p) => p.at > started).map((p) => p.point)
  const before = earlier.at(-1) ?? null
  const label = dimension === null ? 'Respect Index' : getDimension(dimension).label
  if (!before) {
    return { ...empty(dimension, `Not enough data: no visible round of “${label}” before this started.`), after }
  }
  const window = earlier.slice(-(NOISE_WINDOW + 1))
  const changes = window.slice(1).map((p, i) => Math.abs(p.score - window[i].score))
  const usualMovement = changes.length >= MIN_NOISE_CHANGES ? Math.max(...changes) : null
  const latest = after.at(-1)
  if (!latest) {
    return {
      ...empty(
        dimension,
        `Not enough data yet: no visible round has closed since this started. “${label}” was ${whole(before.score)} before.`,
      ),
      before,
      usualMovement,
    }
  }
  const change = latest.score - before.score
  const moved = `“${label}” went from ${whole(before.score)} to ${whole(latest.score)} (${signed(change)} points) over ${plural(after.length, 'round')} since this started.`
  if (usualMovement === null) {
    return {
      dimension,
      verdict: 'not_enough_data',
      before,
      after,
      change,
      usualMovement,
      summary: `${moved} Not enough earlier rounds (${changes.length} of ${MIN_NOISE_CHANGES} changes needed) to know the team’s usual movement, so it cannot say whether that is more than noise.`,
    }
  }
  const beyond = Math.abs(change) > usualMovement
  const verdict: EffectVerdict = beyond ? (change > 0 ? 'rose' : 'fell') : 'within_noise'
  const usual = `the team’s usual movement (at most ${plural(whole(usualMovement), 'point')} between rounds, over the previous ${plural(changes.length, 'change')})`
  const reading = beyond
    ? `That is larger than ${usual}: a real change ${change > 0 ? 'upward' : 'downward'}.`
    : `That is within ${usual}: it could be noise.`
  return { dimension, verdict, before, after, change, usualMovement, summary: `${moved} ${reading}` }
}

type Series = { at: number; point: EffectPoint }[]
const seriesMemo = new WeakMap<readonly TrendLike[], Map<DimensionKey | null, Series>>()

/**
 * The visible rounds of one value of a trend, oldest first, each date parsed
 * once. Kept per trend (which is never changed once built) and value: a
 * company's thousands of actions share their team's few trends.
 */
function visibleSeries(trend: readonly TrendLike[], dimension: DimensionKey | null, value: (p: TrendLike) => number | null): Series {
  let byValue = seriesMemo.get(trend)
  if (!byValue) seriesMemo.set(trend, (byValue = new Map()))
  let series = byValue.get(dimension)
  if (!series) {
    series = trend
      .filter((p) => p.visible && value(p) !== null)
      .map((p) => ({ at: Date.parse(p.closedAt), point: { roundId: p.roundId, closedOn: p.closedOn, score: value(p) ?? 0 } }))
      .sort((a, b) => a.at - b.at)
    byValue.set(dimension, series)
  }
  return series
}

function empty(dimension: DimensionKey | null, summary: string): ActionEffect {
  return { dimension, verdict: 'not_enough_data', before: null, after: [], change: null, usualMovement: null, summary }
}

export type EffectTally = {
  kind: ActionKind
  /** actions whose change could be judged against the team's usual movement */
  measured: number
  rose: number
  fell: number
  withinNoise: number
  notEnoughData: number
  /** the mean change of the measured actions, in points; null when none */
  meanChange: number | null
  /** how many teams the measured actions come from */
  teams: number
}

/** the fewest teams behind a figure for a leader to see it: one team's figure is that team's own, shown on its page */
export const MIN_TEAMS_FOR_AGGREGATE = 2

/**
 * Respect actions against process actions across teams, for leaders. Built
 * only from measured effects (which read only visible rounds), and a kind
 * whose measured actions come from fewer than MIN_TEAMS_FOR_AGGREGATE teams
 * shows counts but no mean change.
 */
export function effectByKind(rows: readonly { teamId: string; kind: ActionKind; effect: ActionEffect }[]): EffectTally[] {
  return (['respect', 'process'] as const).map((kind) => {
    const own = rows.filter((r) => r.kind === kind)
    const measured = own.filter((r) => r.effect.verdict !== 'not_enough_data' && r.effect.change !== null)
    const teams = new Set(measured.map((r) => r.teamId)).size
    const sum = measured.reduce((total, r) => total + (r.effect.change ?? 0), 0)
    return {
      kind,
      measured: measured.length,
      rose: own.filter((r) => r.effect.verdict === 'rose').length,
      fell: own.filter((r) => r.effect.verdict === 'fell').length,
      withinNoise: own.filter((r) => r.effect.verdict === 'within_noise').length,
      notEnoughData: own.filter((r) => r.effect.verdict === 'not_enough_data').length,
      meanChange: measured.length && teams >= MIN_TEAMS_FOR_AGGREGATE ? Math.round((sum / measured.length) * 10) / 10 : null,
      teams,
    }
  })
}
