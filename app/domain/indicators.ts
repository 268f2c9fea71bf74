// Leading indicators: the numbers that move before "this isn't what we asked
// for" does. Pure: the model layer maps feature and autopsy rows to these facts.
import { STAGES, numberedStageLabel, type StageKey } from './stages'

export type Period = 'month' | 'quarter'
export const PERIODS: readonly Period[] = ['month', 'quarter']

export type FeatureFact = {
  teamId: string
  /** YYYY-MM-DD */
  shippedOn: string
  specWords: number | null
  engineeringBeforeSpec: boolean | null
  shippedDifferently: boolean
  anyoneUpset: boolean
  classification: 'collaboration' | 'handoff' | null
  /** the outcome was "this isn't what we asked for" */
  missed: boolean
}

/** The teamId of the overall row in a series. Team ids are UUIDs, so it cannot collide. */
export const ALL_TEAMS = 'all'

export type IndicatorKey = 'medianSpecWords' | 'shareDifferentWithoutUpset' | 'shareEngineeringBeforeSpec' | 'shareCollaboration'

export type IndicatorInfo = { key: IndicatorKey; label: string; goodDirection: 'up' | 'down'; why: string }

/** Which way is good, and why, for each leading indicator. Charts and legends read this. */
export const INDICATORS: readonly IndicatorInfo[] = [
  {
    key: 'medianSpecWords',
    label: 'Median spec length (words)',
    goodDirection: 'down',
    why: 'Should fall: a long spec fixes the solution before engineering can shape it, and length often stands in for understanding.',
  },
  {
    key: 'shareDifferentWithoutUpset',
    label: 'Shipped differently, nobody upset',
    goodDirection: 'up',
    why: 'Should rise: changing course as the team learns, without anyone feeling overruled, is what working together looks like.',
  },
  {
    key: 'shareEngineeringBeforeSpec',
    label: 'Engineering involved before the spec',
    goodDirection: 'up',
    why: 'Should rise: engineering can only shape what is not yet written down.',
  },
  {
    key: 'shareCollaboration',
    label: 'Collaboration rather than handoff',
    goodDirection: 'up',
    why: 'Should rise: a handoff means engineering joined after the spec was written.',
  },
]

function parseDay(date: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) throw new RangeError(`Not a date: ${date}`)
  const y = Number(m[1])
  const mo = Number(m[2])
  if (mo < 1 || mo > 12) throw new RangeError(`Not a date: ${date}`)
  return { y, mo, d: Number(m[3]) }
}

const pad2 = (n: number) => String(n).padStart(2, '0')

/** '2026-07' for a month, '2026-Q3' for a quarter. */
export function periodKey(date: string, period: Period): string {
  const { y, mo } = parseDay(date)
  return period === 'month' ? `${y}-${pad2(mo)}` : `${y}-Q${Math.ceil(mo / 3)}`
}

// Periods as consecutive integers, so a range is a plain loop.
function periodIndex(date: string, period: Period): number {
  const { y, mo } = parseDay(date)
  return period === 'month' ? y * 12 + (mo - 1) : y * 4 + Math.floor((mo - 1) / 3)
}

function keyOfIndex(index: number, period: Period): string {
  if (period === 'month') return `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`
}

/** Every period key from the one containing `from` to the one containing `to`, in order; empty when from > to. */
export function periodsBetween(from: string, to: string, period: Period): string[] {
  const keys: string[] = []
  for (let i = periodIndex(from, period), end = periodIndex(to, period); i <= end; i++) keys.push(keyOfIndex(i, period))
  return keys
}

/** The period a key such as '2026-Q3' or '2026-07' names. */
export function periodOfKey(key: string): Period {
  if (/^\d{4}-Q[1-4]$/.test(key)) return 'quarter'
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(key)) return 'month'
  throw new RangeError(`Not a period key: ${key}`)
}

/** Null for no numbers; the mean of the two middle values for an even count. */
export function median(numbers: readonly number[]): number | null {
  if (numbers.length === 0) return null
  const sorted = [...numbers].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole)

export type IndicatorSummary = {
  features: number
  /** over features with a known spec length; should FALL */
  medianSpecWords: number | null
  /** shipped differently AND nobody upset, over all features; should RISE */
  shareDifferentWithoutUpset: number | null
  /** over features where it is known; should RISE */
  shareEngineeringBeforeSpec: number | null
  /** collaboration ÷ (collaboration + handoff); should RISE */
  shareCollaboration: number | null
  handoff: number
  collaboration: number
  missed: number
}

/** The indicators over one set of features (shares are 0..1, null when the denominator is 0). */
export function summarizeFeatures(facts: readonly FeatureFact[]): IndicatorSummary {
  const specWords: number[] = []
  let differentWithoutUpset = 0
  let beforeSpecKnown = 0
  let beforeSpec = 0
  let handoff = 0
  let collaboration = 0
  let missed = 0
  for (const f of facts) {
    if (f.specWords !== null) specWords.push(f.specWords)
    if (f.shippedDifferently && !f.anyoneUpset) differentWithoutUpset++
    if (f.engineeringBeforeSpec !== null) {
      beforeSpecKnown++
      if (f.engineeringBeforeSpec) beforeSpec++
    }
    if (f.classification === 'handoff') handoff++
    if (f.classification === 'collaboration') collaboration++
    if (f.missed) missed++
  }
  return {
    features: facts.length,
    medianSpecWords: median(specWords),
    shareDifferentWithoutUpset: share(differentWithoutUpset, facts.length),
    shareEngineeringBeforeSpec: share(beforeSpec, beforeSpecKnown),
    shareCollaboration: share(collaboration, collaboration + handoff),
    handoff,
    collaboration,
    missed,
  }
}

/** One row of a series: `teamId` is a team's id, or ALL_TEAMS for the overall row. */
export type IndicatorPoint = { period: string; teamId: string } & IndicatorSummary

export type SeriesOptions = {
  period: Period
  /** YYYY-MM-DD, inclusive; features shipped outside [from, to] are left out */
  from: string
  to: string
  /**
   * Which teams get rows, in this order, so a team with no features still shows
   * gaps. Defaults to the teams that shipped in the range, sorted by id. The
   * overall row always covers every fact in the range.
   */
  teamIds?: readonly string[]
}

/** Every period in the range, each with the overall row first and then one row per team. Empty periods have nulls. */
export function indicatorSeries(facts: readonly FeatureFact[], options: SeriesOptions): IndicatorPoint[] {
  const { period, from, to } = options
  const inRange = facts.filter((f) => f.shippedOn >= from && f.shippedOn <= to)
  const teamIds = options.teamIds ?? [...new Set(inRange.map((f) => f.teamId))].sort()
  const byPeriod = new Map<string, FeatureFact[]>()
  for (const f of inRange) {
    const key = periodKey(f.shippedOn, period)
    const list = byPeriod.get(key)
    if (list) list.push(f)
    else byPeriod.set(key, [f])
  }
  const points: IndicatorPoint[] = []
  for (const key of periodsBetween(from, to, period)) {
    const inPeriod = byPeriod.get(key) ?? []
    points.push({ period: key, teamId: ALL_TEAMS, ...summarizeFeatures(inPeriod) })
    for (const teamId of teamIds) {
      points.push({ period: key, teamId, ...summarizeFeatures(inPeriod.filter((f) => f.teamId === teamId)) })
    }
  }
  return points
}

export type AutopsyFact = {
  /** 1..9 in stage order, or the stage key as stored; null when the autopsy has not named one */
  failureOriginStage: number | StageKey | null
  /** YYYY-MM-DD */
  closedOn: string
}

export type StageCount = { stage: number; key: StageKey; label: string; count: number }

function stageNumber(value: number | StageKey): number {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1 || value > STAGES.length) throw new RangeError(`Not a stage number: ${value}`)
    return value
  }
  const index = STAGES.findIndex((s) => s.key === value)
  if (index < 0) throw new RangeError(`Not a stage: ${value}`)
  return index + 1
}

function countByStage(autopsies: readonly AutopsyFact[]): number[] {
  const counts = STAGES.map(() => 0)
  for (const a of autopsies) {
    if (a.failureOriginStage !== null) counts[stageNumber(a.failureOriginStage) - 1]++
  }
  return counts
}

/**
 * Where mismatches started: one entry per stage in stage order, zeros included.
 * With a period key ('2026-Q3' or '2026-07'), only autopsies closed in it count.
 */
export function stageCounts(autopsies: readonly AutopsyFact[], period?: string): StageCount[] {
  const kind = period === undefined ? null : periodOfKey(period)
  const counted = kind === null ? autopsies : autopsies.filter((a) => periodKey(a.closedOn, kind) === period)
  const counts = countByStage(counted)
  return STAGES.map((s, i) => ({ stage: i + 1, key: s.key, label: s.label, count: counts[i] }))
}

export type StageBar = {
  period: string
  stage1: number
  stage2: number
  stage3: number
  stage4: number
  stage5: number
  stage6: number
  stage7: number
  stage8: number
  stage9: number
}

/** The stacked-bar series, in stage order, with the label a legend shows for each. */
export const STAGE_BAR_SERIES: readonly { dataKey: Exclude<keyof StageBar, 'period'>; label: string }[] = [
  { dataKey: 'stage1', label: numberedStageLabel('discovery') },
  { dataKey: 'stage2', label: numberedStageLabel('framing') },
  { dataKey: 'stage3', label: numberedStageLabel('ideation') },
  { dataKey: 'stage4', label: numberedStageLabel('spec') },
  { dataKey: 'stage5', label: numberedStageLabel('handoff') },
  { dataKey: 'stage6', label: numberedStageLabel('build') },
  { dataKey: 'stage7', label: numberedStageLabel('review') },
  { dataKey: 'stage8', label: numberedStageLabel('launch') },
  { dataKey: 'stage9', label: numberedStageLabel('feedback') },
]

/** Counts per origin stage for every period in [from, to] (by closing date), empty periods as zeros. */
export function stageCountsByPeriod(autopsies: readonly AutopsyFact[], options: { period?: Period; from: string; to: string }): StageBar[] {
  const period = options.period ?? 'quarter'
  const byPeriod = new Map<string, AutopsyFact[]>()
  for (const a of autopsies) {
    if (a.closedOn < options.from || a.closedOn > options.to) continue
    const key = periodKey(a.closedOn, period)
    const list = byPeriod.get(key)
    if (list) list.push(a)
    else byPeriod.set(key, [a])
  }
  return periodsBetween(options.from, options.to, period).map((key) => {
    const c = countByStage(byPeriod.get(key) ?? [])
    return {
      period: key,
      stage1: c[0],
      stage2: c[1],
      stage3: c[2],
      stage4: c[3],
      stage5: c[4],
      stage6: c[5],
      stage7: c[6],
      stage8: c[7],
      stage9: c[8],
    }
  })
}

/** How often each contributing factor was named, most frequent first, ties by name. One autopsy counts a factor once. */
export function factorCounts(factors: readonly (readonly string[])[]): { factor: string; count: number }[] {
  const counts = new Map<string, number>()
  for (const list of factors) {
    for (const factor of new Set(list)) counts.set(factor, (counts.get(factor) ?? 0) + 1)
  }
  return [...counts]
    .map(([factor, count]) => ({ factor, count }))
    .sort((a, b) => b.count - a.count || (a.factor < b.factor ? -1 : a.factor > b.factor ? 1 : 0))
}

/** A month of one team's feature log as the rollup table keeps it. */
export type FeatureMonth = {
  features: number
  missed: number
  differentWithoutUpset: number
  engineeringBeforeSpec: number
  handoff: number
  collaboration: number
  /** every non-zero spec word count of the month, so medians stay exact when months and teams combine */
  specWords: readonly number[]
}

/** The same summary as summarizeFeatures, from month rollups (every feature records when engineering joined). */
export function summarizeFeatureMonths(months: readonly FeatureMonth[]): IndicatorSummary {
  let features = 0
  let missed = 0
  let differentWithoutUpset = 0
  let beforeSpec = 0
  let handoff = 0
  let collaboration = 0
  const specWords: number[] = []
  for (const m of months) {
    features += m.features
    missed += m.missed
    differentWithoutUpset += m.differentWithoutUpset
    beforeSpec += m.engineeringBeforeSpec
    handoff += m.handoff
    collaboration += m.collaboration
    specWords.push(...m.specWords)
  }
  return {
    features,
    medianSpecWords: median(specWords),
    shareDifferentWithoutUpset: share(differentWithoutUpset, features),
    shareEngineeringBeforeSpec: share(beforeSpec, features),
    shareCollaboration: share(collaboration, collaboration + handoff),
    handoff,
    collaboration,
    missed,
  }
}
