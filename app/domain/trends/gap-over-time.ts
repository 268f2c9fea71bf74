// The self-vs-other gap over time for one team: per closed round and
// direction, how the side whose behaviour is described rates itself against
// how the other side experiences it. Built from a round's scores after the
// anonymity rules (rollup-scores), so a hidden round, or a round whose split
// would expose someone, has no gap: its row says why instead.
import { SUPPRESSED_MESSAGE } from '~/domain/anonymity'
import { DIRECTIONS, DIRECTION_LABELS, type Direction } from '~/domain/instrument'
import type { GroupScores } from '~/domain/rollup-scores'

export const SPLIT_HIDDEN_MESSAGE = 'Too few people on one side to compare the two views without exposing someone'

export type TrendGap = {
  direction: Direction
  comparison: 'disciplines' | 'versus-rest' | null
  selfLabel: string
  otherLabel: string
  selfView: number | null
  otherView: number | null
  /** selfView − otherView in points, only when the round and its split are shown */
  gap: number | null
  /** why there is no gap, when there is none */
  note: string | null
}

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10)

/** A round's two directions as its trend point carries them; everything null when the round is hidden. */
export function trendGaps(scores: Pick<GroupScores, 'visible' | 'directional'>): TrendGap[] {
  return DIRECTIONS.map((direction) => {
    const d = scores.directional.find((x) => x.direction === direction)
    const shown = Boolean(scores.visible && d?.splitVisible && d.gap !== null)
    return {
      direction,
      comparison: shown && d ? d.comparison : null,
      selfLabel: d?.selfLabel ?? '',
      otherLabel: d?.otherLabel ?? '',
      selfView: shown && d ? round1(d.selfView) : null,
      otherView: shown && d ? round1(d.otherView) : null,
      gap: shown && d ? round1(d.gap) : null,
      note: shown ? (d?.note ?? null) : !scores.visible ? SUPPRESSED_MESSAGE : (d?.note ?? SPLIT_HIDDEN_MESSAGE),
    }
  })
}

export type GapRow = {
  roundId: string
  closedOn: string
  direction: Direction
  directionLabel: string
} & Omit<TrendGap, 'direction'>

/** The long table: one row per round and direction, oldest round first. */
export function gapRows(points: readonly { roundId: string; closedOn: string; gaps: readonly TrendGap[] }[]): GapRow[] {
  return points.flatMap((p) =>
    p.gaps.map(({ direction, ...gap }) => ({
      roundId: p.roundId,
      closedOn: p.closedOn,
      direction,
      directionLabel: DIRECTION_LABELS[direction],
      ...gap,
    })),
  )
}

/** Chart rows: one per round, a column per direction's gap (null where none may be shown). */
export function gapChartRows(
  points: readonly { roundId: string; closedOn: string; gaps: readonly TrendGap[] }[],
): ({ roundId: string; closedOn: string } & Record<Direction, number | null>)[] {
  return points.map((p) => {
    const gapOf = (direction: Direction) => p.gaps.find((g) => g.direction === direction)?.gap ?? null
    return {
      roundId: p.roundId,
      closedOn: p.closedOn,
      product_to_engineering: gapOf('product_to_engineering'),
      engineering_to_product: gapOf('engineering_to_product'),
    }
  })
}
