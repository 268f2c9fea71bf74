// Respect against "this isn't what we asked for": one point per team, and a
// reading that describes a correlation without ever claiming a cause. Pure:
// the dashboard passes rows in, already filtered by the anonymity rules.

/** Below this many shipped features one miss swings a team's rate by 2 per 10 or more: too noisy to plot. */
export const MIN_FEATURES_FOR_RATE = 5
const MIN_TEAMS_FOR_READING = 3

export type RespectFailureInput = {
  teamId: string
  teamName: string
  /** null when hidden by the anonymity rules or without pulse data */
  respectIndex: number | null
  shipped: number
  missed: number
}

export type RespectFailurePoint = {
  teamId: string
  teamName: string
  respectIndex: number
  shipped: number
  missed: number
  ratePer10: number
}

/** Scatter points, leaving out teams without a visible Respect Index or with fewer than MIN_FEATURES_FOR_RATE shipped. */
export function respectVsFailure(points: readonly RespectFailureInput[]): RespectFailurePoint[] {
  const plotted: RespectFailurePoint[] = []
  for (const p of points) {
    if (p.respectIndex === null || p.shipped < MIN_FEATURES_FOR_RATE) continue
    plotted.push({ ...p, respectIndex: p.respectIndex, ratePer10: (p.missed / p.shipped) * 10 })
  }
  return plotted
}

/** Pearson's r; null with fewer than two pairs or when either side does not vary. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length) throw new RangeError('pearson needs pairs: the two lists differ in length')
  const n = xs.length
  if (n < 2) return null
  const mx = xs.reduce((s, x) => s + x, 0) / n
  const my = ys.reduce((s, y) => s + y, 0) / n
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx
    const dy = ys[i] - my
    sxy += dx * dy
    sxx += dx * dx
    syy += dy * dy
  }
  if (sxx === 0 || syy === 0) return null
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)))
}

export type RespectFailureReading = { r: number | null; teams: number; text: string }

const MISSED = '“this isn’t what we asked for” features'
const CAVEAT = 'Correlation, not proof: other differences between teams could explain both, and with few teams one team can move r a lot.'

function formatR(r: number): string {
  const fixed = r.toFixed(2)
  // −0.00 would read as a (tiny) negative relation
  return fixed === '-0.00' ? '0.00' : fixed.replace('-', '−')
}

/** A short plain-language reading of the scatter. It describes a correlation and never claims a cause. */
export function readRespectVsFailure(points: readonly RespectFailurePoint[]): RespectFailureReading {
  const teams = points.length
  if (teams < MIN_TEAMS_FOR_READING) {
    return {
      r: null,
      teams,
      text: `Not enough teams with both a Respect Index and ${MIN_FEATURES_FOR_RATE}+ shipped features to read a pattern.`,
    }
  }
  const r = pearson(
    points.map((p) => p.respectIndex),
    points.map((p) => p.ratePer10),
  )
  if (r === null) {
    return {
      r,
      teams,
      text: `No clear relation yet: across ${teams} teams, either the Respect Index or the rate of ${MISSED} is the same everywhere.`,
    }
  }
  const stats = `(r = ${formatR(r)} across ${teams} teams)`
  const strength = Math.abs(r)
  let finding: string
  if (strength < 0.3) finding = `No clear relation yet between respect and ${MISSED} ${stats}.`
  else if (r < 0) finding = `Teams with higher respect ${strength < 0.5 ? 'tend to have somewhat' : 'have'} fewer ${MISSED} ${stats}.`
  else finding = `Teams with higher respect ${strength < 0.5 ? 'tend to have somewhat' : 'have'} more ${MISSED} ${stats}.`
  return { r, teams, text: `${finding} ${CAVEAT}` }
}
