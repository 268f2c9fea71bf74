// Scores from rollup cells (round × respondent discipline × dimension sums), for
// trend views across rounds and teams. The arithmetic matches scoring.ts: a
// dimension's mean is the mean over people of each person's mean item score.
// Every number leaves through the anonymity rules, and aggregates across teams
// are built only from parts that are visible on their own, so no two results a
// viewer can see differ by a hidden group.
import { normalizeSettings, others, revealSplit, suppressOverlaps, type AnonymitySettings } from './anonymity'
import { RESPONSE_GROUPS, type Discipline, type ResponseGroup } from './disciplines'
import { DIMENSION_KEYS, DIRECTIONS, getDimension, type DimensionKey, type Direction } from './instrument'
import { ownGroup, perceptionView, type GroupSums } from './perception-split'
import { DEFAULT_DEFICIT_THRESHOLDS, respectIndex, respectStatus, toPercent, type DeficitThresholds, type RespectStatus } from './scoring'

export type RollupCell = {
  teamId: string
  /** the stored group: a discipline, or "rest" for disciplines merged at close */
  discipline: ResponseGroup
  dimension: string
  /** responses in this team-round × discipline cell */
  responses: number
  scoreSum: number
  scored: number
  /** the round's anonymity threshold (the workspace's passed settings when absent) */
  k?: number
  /** how many of the cell's responses are the viewer's own: 1 when the viewer answered that round under this discipline */
  own?: number
}

type Sums = { sum: number; n: number }
type Raw = {
  responses: number
  /** the strictest threshold of the rounds added up; null without cells */
  k: number | null
  dims: Record<DimensionKey, Sums>
  byDiscipline: Record<ResponseGroup, { responses: number; own: number; dims: Record<DimensionKey, Sums> }>
}

// combine runs for every round and period a company's dashboard reads (tens
// of thousands at 500 teams): these two are written for that.
function emptyDims(): Record<DimensionKey, Sums> {
  const dims = {} as Record<DimensionKey, Sums>
  for (const k of DIMENSION_KEYS) dims[k] = { sum: 0, n: 0 }
  return dims
}

const DIMENSION_SET: ReadonlySet<string> = new Set(DIMENSION_KEYS)

function isDimension(key: string): key is DimensionKey {
  return DIMENSION_SET.has(key)
}

/**
 * Marks the cells that hold the viewer's own response: the rounds they
 * answered, in the group their discipline is stored under (itself, or "rest"
 * when it was merged at close).
 */
export function withOwn<T extends RollupCell & { roundId: string }>(cells: readonly T[], own: ReadonlyMap<string, Discipline>): T[] {
  if (!own.size) return [...cells]
  const present = new Map<string, Set<ResponseGroup>>()
  for (const c of cells) {
    if (!own.has(c.roundId)) continue
    const set = present.get(c.roundId) ?? new Set<ResponseGroup>()
    set.add(c.discipline)
    present.set(c.roundId, set)
  }
  return cells.map((c) => {
    const group = ownGroup(own.get(c.roundId) ?? null, present.get(c.roundId) ?? new Set())
    return group !== null && group === c.discipline ? { ...c, own: 1 } : c
  })
}

/** Adds cells up. Responses are counted once per team × discipline (every dimension row repeats them). */
export function combine(cells: readonly RollupCell[]): Raw {
  const byDiscipline = Object.fromEntries(
    RESPONSE_GROUPS.map((d) => [d, { responses: 0, own: 0, dims: emptyDims() }]),
  ) as Raw['byDiscipline']
  // team → the disciplines whose responses are already counted
  const counted = new Map<string, Set<ResponseGroup>>()
  let k: number | null = null
  for (const cell of cells) {
    const slot = byDiscipline[cell.discipline]
    if (cell.k !== undefined) k = Math.max(k ?? 0, cell.k)
    let seen = counted.get(cell.teamId)
    if (!seen) counted.set(cell.teamId, (seen = new Set()))
    if (!seen.has(cell.discipline)) {
      seen.add(cell.discipline)
      slot.responses += cell.responses
      slot.own += cell.own ?? 0
    }
    if (isDimension(cell.dimension)) {
      slot.dims[cell.dimension].sum += cell.scoreSum
      slot.dims[cell.dimension].n += cell.scored
    }
  }
  const dims = emptyDims()
  let responses = 0
  for (const d of RESPONSE_GROUPS) {
    responses += byDiscipline[d].responses
    for (const k of DIMENSION_KEYS) {
      dims[k].sum += byDiscipline[d].dims[k].sum
      dims[k].n += byDiscipline[d].dims[k].n
    }
  }
  return { responses, k, dims, byDiscipline }
}

/** The threshold a combined group is held to: its rounds' own (the strictest), else the settings passed. */
function thresholdOf(raw: Raw, settings: Partial<AnonymitySettings> = {}): number {
  return normalizeSettings({ k: raw.k ?? settings.k }).k
}

function ownOf(raw: Raw): number {
  return RESPONSE_GROUPS.reduce((sum, d) => sum + raw.byDiscipline[d].own, 0)
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
    /** false when the comparison is hidden (a side or the remainder is below k) */
    splitVisible: boolean
    /** "versus-rest" when one side is compared with everyone else because a small third group would be exposed */
    comparison: 'disciplines' | 'versus-rest' | null
    selfLabel: string
    otherLabel: string
    selfView: number | null
    otherView: number | null
    gap: number | null
    note: string | null
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
  const k = thresholdOf(raw, settings)
  const visible = others(raw.responses, ownOf(raw)) >= k
  const dimensions = Object.fromEntries(DIMENSION_KEYS.map((key) => [key, visible ? round1(score(raw.dims[key])) : null])) as Record<
    DimensionKey,
    number | null
  >
  const ri = visible ? respectIndex(DIMENSION_KEYS.map((key) => ({ score: score(raw.dims[key]) }))) : null
  const directional = DIRECTIONS.map((direction) => {
    const dimension = DIMENSION_KEYS.find((key) => getDimension(key).direction === direction) ?? DIMENSION_KEYS[0]
    const sums = Object.fromEntries(
      RESPONSE_GROUPS.map((d) => {
        const slot = raw.byDiscipline[d]
        return [d, { responses: slot.responses, own: slot.own, sum: slot.dims[dimension].sum, scored: slot.dims[dimension].n }]
      }),
    ) as GroupSums
    const view = perceptionView(direction, sums, { k })
    const shown = visible && splitAllowed && view.visible
    return {
      direction,
      overall: dimensions[dimension],
      splitVisible: shown,
      comparison: shown ? view.comparison : null,
      selfLabel: view.self.label,
      otherLabel: view.other.label,
      selfView: shown ? view.self.score : null,
      otherView: shown ? view.other.score : null,
      gap: shown ? view.gap : null,
      note: visible && splitAllowed ? view.note : null,
    }
  })
  const status = respectStatus(
    {
      enough: visible,
      respectIndex: ri,
      directional: directional.map((d) => ({
        direction: d.direction,
        overall: d.overall,
        gap: d.gap,
        sides: d.comparison === 'versus-rest' ? { self: d.selfLabel, other: d.otherLabel } : undefined,
      })),
    },
    thresholds,
  )
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
  // Only teams showing product and engineering as they are: a team shown as
  // "product against everyone else" would hand its engineers to a subtraction.
  const splitTeams = new Set(
    included.filter((t) => t.scores.directional.some((d) => d.splitVisible && d.comparison === 'disciplines')).map((t) => t.teamId),
  )
  const includedIds = new Set(included.map((t) => t.teamId))
  const overallRaw = combine(perTeam.filter((t) => includedIds.has(t.teamId)).flatMap((t) => t.cells))
  // Discipline views of the aggregate come only from teams whose own split is shown.
  const splitRaw = combine(perTeam.filter((t) => splitTeams.has(t.teamId)).flatMap((t) => t.cells))
  const overall = groupScores(overallRaw, { k }, thresholds, { splitAllowed: false })
  if (splitTeams.size > 0) {
    const viaSplit = groupScores(splitRaw, { k }, thresholds)
    overall.directional = overall.directional.map((d, i) => ({ ...viaSplit.directional[i], overall: d.overall }))
  }

  // Last check: the overlapping-groups rule over the teams and the aggregate,
  // at the strictest threshold among the rounds on the page.
  const cellCounts: Record<string, number> = {}
  const ownCells: Record<string, number> = {}
  for (const t of perTeam) {
    for (const d of RESPONSE_GROUPS) {
      cellCounts[`${t.teamId}:${d}`] = t.raw.byDiscipline[d].responses
      ownCells[`${t.teamId}:${d}`] = t.raw.byDiscipline[d].own
    }
  }
  const groups = [
    { id: 'overall', cells: [...includedIds].flatMap((id) => RESPONSE_GROUPS.map((d) => `${id}:${d}`)) },
    ...scored.map((t) => ({ id: t.teamId, cells: RESPONSE_GROUPS.map((d) => `${t.teamId}:${d}`) })),
  ]
  const strictest = perTeam.reduce((max, t) => (t.cells.length ? Math.max(max, thresholdOf(t.raw, { k })) : max), k)
  const keep = suppressOverlaps(groups, cellCounts, { k: strictest }, ownCells)
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
      RESPONSE_GROUPS.map((d) => ({ key: d, n: raw.byDiscipline[d].responses, own: raw.byDiscipline[d].own, value: d })),
      raw.responses,
      { k: thresholdOf(raw, { k }) },
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
