// A closed round's point on a team's trend, kept between requests. The point
// is a function of the round's rollup cells, its threshold, the viewer's own
// discipline in it (if they answered), its close time and the workspace's
// result settings, and nothing else; every one of those is in the key or
// compared with what was kept, so a kept point is exactly what computing it
// again would give. When a round closes, a leader's dashboard measures its
// actions over every team's last 40 rounds again (20,000 at 500 teams): all
// but the newly closed are taken from here instead of being unpacked and
// scored again (docs/decisions/024).
import type { Discipline } from '~/domain/disciplines'
import type { Direction } from '~/domain/instrument'
import type { TrendPoint } from '~/domain/public-results'
import { combine, groupScores } from '~/domain/rollup-scores'
import { localDay } from '~/domain/calendar'
import { trendGaps } from '~/domain/trends/gap-over-time'
import type { ResultSettings } from '../anonymity-settings.server'
import { lruMap } from '~/utils/lru'
import { unpackCells, type PackedRound } from '../rollups.server'

/** Enough for one leader of 500 teams (20,000 points) and the teams others read, at about a kilobyte each. */
const KEPT = 30_000
const kept = lruMap<{ cells: string; point: TrendPoint }>(KEPT)

export type TrendRound = { id: string; teamId: string; at: Date }

/** What the settings contribute to a point, as one string for the key. */
export function settingsKey(settings: ResultSettings) {
  return JSON.stringify([settings.anonymity, settings.thresholds, settings.timeZone])
}

/** The round's point: kept, or computed and kept. Callers share kept points and must not change them. */
export function trendPoint(
  round: TrendRound,
  packed: PackedRound | undefined,
  own: Discipline | undefined,
  settings: ResultSettings,
  settingsKeyOf: string,
): TrendPoint {
  const cells = packed?.cells ?? ''
  const key = `${round.id}|${packed?.k ?? ''}|${own ?? ''}|${round.at.getTime()}|${settingsKeyOf}`
  const found = kept.get(key)
  if (found && found.cells === cells) return found.point
  const point = computePoint(round, packed ? unpackCells(round.teamId, cells, packed.k, own) : [], settings)
  kept.set(key, { cells, point })
  return point
}

function computePoint(round: TrendRound, cells: ReturnType<typeof unpackCells>, settings: ResultSettings): TrendPoint {
  const scores = groupScores(combine(cells), settings.anonymity, settings.thresholds)
  const directional = (direction: Direction) => scores.directional.find((d) => d.direction === direction)?.overall ?? null
  return {
    roundId: round.id,
    closedAt: round.at.toISOString(),
    closedOn: localDay(round.at, settings.timeZone),
    visible: scores.visible,
    n: scores.n,
    respectIndex: scores.respectIndex,
    dimensions: scores.dimensions,
    directional: {
      product_to_engineering: directional('product_to_engineering'),
      engineering_to_product: directional('engineering_to_product'),
    },
    gaps: trendGaps(scores),
  }
}
