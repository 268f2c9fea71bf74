// 1. Respect over time: the Respect Index per period, for the teams together
// and each team, and participation, both from each team's latest round in the
// period.
import type { Discipline } from '~/domain/disciplines'
import { ALL_TEAMS } from '~/domain/indicators'
import { scoreTeams, teamAlone, type RoundsByTeam, type TeamRound } from '../rounds'
import { ALL_TEAMS_NAME, type DashboardTeam, type ParticipationPoint, type RespectPoint, type ScoreSettings } from '../types'

export type PeriodRespect = { points: RespectPoint[]; participation: ParticipationPoint[] }

/** One period's points: each team's latest round in it (`picked`, null where a team has none), scored together. */
export type RespectInPeriod = (
  teams: readonly DashboardTeam[],
  key: string,
  picked: readonly (TeamRound | null)[],
  discipline: Discipline | null,
  settings: ScoreSettings,
) => PeriodRespect

export function respectOverTime(
  teams: readonly DashboardTeam[],
  periods: readonly string[],
  rounds: RoundsByTeam,
  discipline: Discipline | null,
  settings: ScoreSettings,
  inPeriod: RespectInPeriod = respectInPeriod,
): PeriodRespect {
  const points: RespectPoint[] = []
  const participation: ParticipationPoint[] = []
  for (const key of periods) {
    const picked = teams.map((t) => rounds.latestInPeriod.get(t.id)?.get(key) ?? null)
    if (picked.every((r) => r === null)) continue
    const period = inPeriod(teams, key, picked, discipline, settings)
    points.push(...period.points)
    participation.push(...period.participation)
  }
  return { points, participation }
}

export function respectInPeriod(
  teams: readonly DashboardTeam[],
  key: string,
  picked: readonly (TeamRound | null)[],
  discipline: Discipline | null,
  settings: ScoreSettings,
): PeriodRespect {
  const points: RespectPoint[] = []
  const participation: ParticipationPoint[] = []
  const shown = scoreTeams(
    teams.map((t, i) => ({ teamId: t.id, cells: picked[i]?.cells ?? [] })),
    discipline,
    settings,
  )
  points.push({
    period: key,
    teamId: ALL_TEAMS,
    teamName: ALL_TEAMS_NAME,
    closedOn: null,
    respectIndex: shown.overall.respectIndex,
    n: shown.overall.n,
  })
  participation.push({
    period: key,
    teamId: ALL_TEAMS,
    teamName: ALL_TEAMS_NAME,
    closedOn: null,
    responded: null,
    eligible: null,
    rate: null,
  })
  let responded = 0
  let eligibleSum = 0
  teams.forEach((team, i) => {
    const round = picked[i]
    if (!round) return
    const s = shown.teams[i]
    points.push({ period: key, teamId: team.id, teamName: team.name, closedOn: round.closedOn, respectIndex: s.respectIndex, n: s.n })
    // Participation is a count of people, not of answers; still, it is shown
    // only where the whole team's result is shown (whatever the discipline filter).
    const w = discipline ? teamAlone(round.cells, settings) : s
    const e = round.eligible
    const visible = w.visible && w.n !== null && e > 0
    if (visible && w.n !== null) {
      responded += w.n
      eligibleSum += e
    }
    participation.push({
      period: key,
      teamId: team.id,
      teamName: team.name,
      closedOn: round.closedOn,
      responded: visible ? w.n : null,
      eligible: visible ? e : null,
      rate: visible && w.n !== null ? Math.min(1, w.n / e) : null,
    })
  })
  if (eligibleSum > 0)
    participation[0] = { ...participation[0], responded, eligible: eligibleSum, rate: Math.min(1, responded / eligibleSum) }
  return { points, participation }
}
