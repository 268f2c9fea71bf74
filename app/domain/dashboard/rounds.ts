// The rounds the dashboard reads, and which of them each view looks at: the
// latest of each team in every period (the trends), and each team's newest
// round whose result can be shown (the current state). Every score leaves
// through ~/domain/rollup-scores, and so through the anonymity rules.
import type { Discipline } from '~/domain/disciplines'
import { periodKey, type Period } from '~/domain/indicators'
import { combine, disciplineScores, groupScores, periodScores, type GroupScores, type RollupCell } from '~/domain/rollup-scores'
import type { DashboardTeam, ScoreSettings } from './types'

/** A closed round as loaded: its cells carry the round's threshold, and the viewer's own answer where they gave one. */
export type TeamRound = {
  roundId: string
  teamId: string
  closedAt: number
  closedOn: string
  eligible: number
  cells: RollupCell[]
  /**
   * What the cells were read from (the round's threshold, the viewer's own
   * discipline in it, its packed rollups): equal for a round read again
   * unchanged, so a result computed from it can be kept.
   */
  source?: string
}

export type Scored = { teams: (GroupScores & { teamId: string })[]; overall: GroupScores }

/** The teams' scores together, whole or (with a discipline) that discipline's answers only. */
export function scoreTeams(
  inputs: { teamId: string; cells: readonly RollupCell[] }[],
  discipline: Discipline | null,
  settings: ScoreSettings,
): Scored {
  return discipline
    ? disciplineScores(inputs, discipline, settings.anonymity, settings.thresholds)
    : periodScores(inputs, settings.anonymity, settings.thresholds)
}

/** One team's own result, as it would be shown on its own. */
export function teamAlone(cells: readonly RollupCell[], settings: ScoreSettings): GroupScores {
  return groupScores(combine(cells), settings.anonymity, settings.thresholds)
}

/** The team's newest round whose result (or discipline slice) is visible on its own. */
export function latestVisible(roundsDesc: readonly TeamRound[], discipline: Discipline | null, settings: ScoreSettings): TeamRound | null {
  for (const round of roundsDesc) {
    const visible = discipline
      ? disciplineScores([{ teamId: round.teamId, cells: round.cells }], discipline, settings.anonymity).teams[0].visible
      : groupScores(combine(round.cells), settings.anonymity).visible
    if (visible) return round
  }
  return null
}

export type RoundsByTeam = {
  /** each team's rounds, oldest first */
  all: Map<string, TeamRound[]>
  /** each team's latest round in each period */
  latestInPeriod: Map<string, Map<string, TeamRound>>
}

export function roundsByTeam(rounds: readonly TeamRound[], teamIds: readonly string[], period: Period): RoundsByTeam {
  const all = new Map<string, TeamRound[]>(teamIds.map((id) => [id, []]))
  for (const round of rounds) all.get(round.teamId)?.push(round)
  const latestInPeriod = new Map<string, Map<string, TeamRound>>()
  for (const [teamId, list] of all) {
    list.sort((a, b) => a.closedAt - b.closedAt)
    const perPeriod = new Map<string, TeamRound>()
    for (const round of list) perPeriod.set(periodKey(round.closedOn, period), round)
    latestInPeriod.set(teamId, perPeriod)
  }
  return { all, latestInPeriod }
}

/**
 * Where the teams stand now. `whole` is each team's latest round whose whole
 * result can be shown, scored as `current`; with a discipline filter, `shown`
 * is its latest round whose slice of that discipline can be shown, scored as
 * `currentShown` (without one, both are the same).
 */
export type CurrentState = {
  whole: Map<string, TeamRound | null>
  shown: Map<string, TeamRound | null>
  current: Scored
  currentShown: Scored
}

export function currentState(
  teams: readonly DashboardTeam[],
  rounds: RoundsByTeam,
  discipline: Discipline | null,
  settings: ScoreSettings,
): CurrentState {
  const whole = new Map<string, TeamRound | null>()
  const shown = new Map<string, TeamRound | null>()
  for (const team of teams) {
    const desc = [...(rounds.all.get(team.id) ?? [])].reverse()
    const latest = latestVisible(desc, null, settings)
    whole.set(team.id, latest)
    shown.set(team.id, discipline ? latestVisible(desc, discipline, settings) : latest)
  }
  const current = periodScores(
    teams.map((t) => ({ teamId: t.id, cells: whole.get(t.id)?.cells ?? [] })),
    settings.anonymity,
    settings.thresholds,
  )
  const currentShown = discipline
    ? scoreTeams(
        teams.map((t) => ({ teamId: t.id, cells: shown.get(t.id)?.cells ?? [] })),
        discipline,
        settings,
      )
    : current
  return { whole, shown, current, currentShown }
}
