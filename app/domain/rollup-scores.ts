// Scores from rollup cells (round × respondent discipline × dimension sums), for
// trend views across rounds and teams. The arithmetic matches scoring.ts: a
// dimension's mean is the mean over people of each person's mean item score.
// Every number leaves through the anonymity rules, and aggregates across teams
// are built only from parts that are visible on their own, so no two results a
// viewer can see differ by a hidden group.
import { normalizeSettings, revealSplit, suppressOverlaps, type AnonymitySettings } from './anonymity'
import { DISCIPLINES, type Discipline } from './disciplines'
import { DIMENSION_KEYS, DIRECTIONS, DIRECTION_SIDES, getDimension, SCALE_MAX, SCALE_MIN, type DimensionKey, type Direction } from './instrument'
import { DEFAULT_DEFICIT_THRESHOLDS, respectIndex, respectStatus, toPercent, type DeficitThresholds, type RespectStatus } from './scoring'

export type RollupCell = {
  teamId: string
  discipline: Discipline
  dimension: string
  /** responses in this team-round × discipline cell */
  responses: number
  scoreSum: number
  scored: number
}

type Sums = { sum: number; n: number }
type Raw = { responses: number; dims: Record<DimensionKey, Sums>; byDiscipline: Record<Discipline, { responses: number; dims: Record<DimensionKey, Sums> }> }

function emptyDims(): Record<DimensionKey, Sums> {
  return Object.fromEntries(DIMENSION_KEYS.map((k) => [k, { sum: 0, n: 0 }])) as Record<DimensionKey, Sums>
}

function isDimension(key: string): key is DimensionKey {
  return DIMENSION_KEYS.some((k) => k === key)
}

/** Adds cells up. Responses are counted once per team × discipline (every dimension row repeats them). */
export function combine(cells: readonly RollupCell[]): Raw {
  const byDiscipline = Object.fromEntries(DISCIPLINES.map((d) => [d, { responses: 0, dims: emptyDims() }])) as Raw['byDiscipline']
  const counted = new Set<string>()
  for (const cell of cells) {
    const slot = byDiscipline[cell.discipline]
    const key = `${cell.teamId}:${cell.discipline}`
    if (!counted.has(key)) {
      counted.add(key)
      slot.responses += cell.responses
    }
    if (isDimension(cell.dimension)) {
      slot.dims[cell.dimension].sum += cell.scoreSum
      slot.dims[cell.dimension].n += cell.scored
    }
  }
  const dims = emptyDims()
  let responses = 0
  for (const d of DISCIPLINES) {
    responses += byDiscipline[d].responses
    for (const k of DIMENSION_KEYS) {
      dims[k].sum += byDiscipline[d].dims[k].sum
      dims[k].n += byDiscipline[d].dims[k].n
    }
  }
  return { responses, dims, byDiscipline }
}

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10)
const score = (s: Sums) => (s.n > 0 ? toPercent(s.sum / s.n) : null)

export type GroupScores = {
  visible: boolean
  /** responses, only when visible */
  n: number | null
  respectIndex: number | null
  dimensions: Record<DimensionKey, number | null>
  directional: {
    direction: Direction
    overall: number | null
    /** false when the discipline split is hidden (a slice or the remainder is below k) */
    splitVisible: boolean
    selfView: number | null
    otherView: number | null
    gap: number | null
  }[]
  status: RespectStatus
  reasons: string[]
}

/** The scores of one group (a team's round, or an aggregate), suppressed by the anonymity rules. */
export function groupScores(
  raw: Raw,
  settings: Partial<AnonymitySettings> = {},
  thresholds: DeficitThresholds = DEFAULT_DEFICIT_THRESHOLDS,
  { splitAllowed = true }: { splitAllowed?: boolean } = {},
): GroupScores {
  const { k } = normalizeSettings(settings)
  const visible = raw.responses >= k
  const dimensions = Object.fromEntries(DIMENSION_KEYS.map((key) => [key, visible ? round1(score(raw.dims[key])) : null])) as Record<DimensionKey, number | null>
  const ri = visible ? respectIndex(DIMENSION_KEYS.map((key) => ({ score: score(raw.dims[key]) }))) : null
  const split = revealSplit(
    DISCIPLINES.map((d) => ({ key: d, n: raw.byDiscipline[d].responses, value: d })),
    raw.responses,
    { k },
  )
  const splitVisible = visible && splitAllowed && split.visible
  const directional = DIRECTIONS.map((direction) => {
    const dimension = DIMENSION_KEYS.find((key) => getDimension(key).direction === direction) ?? DIMENSION_KEYS[0]
    const sides = DIRECTION_SIDES[direction]
    const sideSums = (d: Discipline) => raw.byDiscipline[d].dims[dimension]
    const sideShown = (d: Discipline) => splitVisible && split.slices.some((s) => s.key === d && s.result.visible)
    const self = sideShown(sides.self) ? sideSums(sides.self) : null
    const other = sideShown(sides.other) ? sideSums(sides.other) : null
    const selfMean = self && self.n ? self.sum / self.n : null
    const otherMean = other && other.n ? other.sum / other.n : null
    return {
      direction,
      overall: dimensions[dimension],
      splitVisible: self !== null && other !== null,
      selfView: round1(selfMean === null ? null : toPercent(selfMean)),
      otherView: round1(otherMean === null ? null : toPercent(otherMean)),
      gap: round1(selfMean !== null && otherMean !== null ? ((selfMean - otherMean) / (SCALE_MAX - SCALE_MIN)) * 100 : null),
    }
  })
  const status = respectStatus({ enough: visible, respectIndex: ri, directional }, thresholds)
  return { visible, n: visible ? raw.responses : null, respectIndex: round1(ri), dimensions, directional, ...status }
}

export type TeamPeriodInput = { teamId: string; cells: readonly RollupCell[] }

/**
 * One period (or round) seen by one viewer: every team's result and the
 * aggregate of the selected teams. The aggregate includes only teams whose own
 * result is visible, and discipline views only from teams whose own split is
 * visible, so the difference between any two aggregates a viewer could request
 * (with other team filters) is made of groups that are visible anyway. The
 * overlapping-groups rule then runs over everything on the page as a last check.
 */
export function periodScores(
  teams: readonly TeamPeriodInput[],
  settings: Partial<AnonymitySettings> = {},
  thresholds: DeficitThresholds = DEFAULT_DEFICIT_THRESHOLDS,
): { teams: (GroupScores & { teamId: string })[]; overall: GroupScores } {
  const { k } = normalizeSettings(settings)
  const perTeam = teams.map((t) => ({ teamId: t.teamId, cells: t.cells, raw: combine(t.cells) }))
  const scored = perTeam.map((t) => ({ teamId: t.teamId, raw: t.raw, scores: groupScores(t.raw, { k }, thresholds) }))
  const included = scored.filter((t) => t.scores.visible)
  const splitTeams = new Set(included.filter((t) => t.scores.directional.some((d) => d.splitVisible)).map((t) => t.teamId))
  const includedIds = new Set(included.map((t) => t.teamId))
  const overallRaw = combine(perTeam.filter((t) => includedIds.has(t.teamId)).flatMap((t) => t.cells))
  // Discipline views of the aggregate come only from teams whose own split is shown.
  const splitRaw = combine(perTeam.filter((t) => splitTeams.has(t.teamId)).flatMap((t) => t.cells))
  const overall = groupScores(overallRaw, { k }, thresholds, { splitAllowed: false })
  if (splitTeams.size > 0) {
    const viaSplit = groupScores(splitRaw, { k }, thresholds)
    overall.directional = overall.directional.map((d, i) => ({ ...viaSplit.directional[i], overall: d.overall }))
  }

  // Last check: the overlapping-groups rule over the teams and the aggregate.
  const cellCounts: Record<string, number> = {}
  for (const t of perTeam) for (const d of DISCIPLINES) cellCounts[`${t.teamId}:${d}`] = t.raw.byDiscipline[d].responses
  const groups = [
    { id: 'overall', cells: [...includedIds].flatMap((id) => DISCIPLINES.map((d) => `${id}:${d}`)) },
    ...scored.map((t) => ({ id: t.teamId, cells: DISCIPLINES.map((d) => `${t.teamId}:${d}`) })),
  ]
  const keep = suppressOverlaps(groups, cellCounts, { k })
  const hidden = groupScores(combine([]), { k }, thresholds)
  return {
    teams: scored.map((t) => ({ teamId: t.teamId, ...(keep.has(t.teamId) ? t.scores : hidden) })),
    overall: keep.has('overall') ? overall : hidden,
  }
}

/**
 * One discipline's view across teams (a dashboard discipline filter). A team's
 * slice is shown only where that team's own split is visible, because "team"
 * minus "team's engineers" would otherwise expose the rest; the aggregate adds
 * up shown slices only.
 */
export function disciplineScores(
  teams: readonly TeamPeriodInput[],
  discipline: Discipline,
  settings: Partial<AnonymitySettings> = {},
  thresholds: DeficitThresholds = DEFAULT_DEFICIT_THRESHOLDS,
): { teams: (GroupScores & { teamId: string })[]; overall: GroupScores } {
  const { k } = normalizeSettings(settings)
  const hidden = groupScores(combine([]), { k }, thresholds)
  const shown: RollupCell[] = []
  const perTeam = teams.map((t) => {
    const raw = combine(t.cells)
    const split = revealSplit(
      DISCIPLINES.map((d) => ({ key: d, n: raw.byDiscipline[d].responses, value: d })),
      raw.responses,
      { k },
    )
    const slice = split.slices.find((s) => s.key === discipline)
    if (!split.visible || !slice?.result.visible) return { teamId: t.teamId, ...hidden }
    const cells = t.cells.filter((c) => c.discipline === discipline)
    shown.push(...cells)
    return { teamId: t.teamId, ...groupScores(combine(cells), { k }, thresholds, { splitAllowed: false }) }
  })
  const overall = shown.length ? groupScores(combine(shown), { k }, thresholds, { splitAllowed: false }) : hidden
  return { teams: perTeam, overall }
}
