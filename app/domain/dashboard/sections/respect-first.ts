// 6. Respect first: the teams in respect deficit, and the process actions
// they have open, which are likely theater until respect is repaired.
import type { CurrentState } from '../rounds'
import type { DashboardTeam, RespectFirst } from '../types'

/** An unfinished action item of a published autopsy, as loaded. */
export type OpenAction = {
  id: string
  teamId: string
  kind: 'respect' | 'process'
  title: string
  dueOn: string
  status: 'open' | 'in_progress' | 'done' | 'dropped'
  ownerName: string | null
  autopsyId: string
  featureName: string
}

/**
 * The teams in deficit at their latest round whose whole result can be shown:
 * whose actions to load. With `limit`, at most that many, lowest Respect Index
 * first: the page lists those (the CSV has every one), so it reads only their actions.
 */
export function teamsInDeficit(teams: readonly DashboardTeam[], state: CurrentState, limit = Infinity): DashboardTeam[] {
  const deficit = teams.flatMap((team, i) => {
    const scores = state.current.teams[i]
    return scores.status === 'deficit' ? [{ team, respectIndex: scores.respectIndex ?? Infinity }] : []
  })
  if (deficit.length > limit) deficit.sort((a, b) => a.respectIndex - b.respectIndex).splice(limit)
  return deficit.map((d) => d.team)
}

export function respectFirst(
  teams: readonly DashboardTeam[],
  state: CurrentState,
  actions: readonly OpenAction[],
  today: string,
  /** only these of the teams in deficit (see teamsInDeficit's limit); all of them when left out */
  listed?: readonly DashboardTeam[],
): RespectFirst {
  const only = listed && new Set(listed.map((t) => t.id))
  const deficit = teams
    .map((team, i) => ({ team, scores: state.current.teams[i] }))
    .filter((x) => x.scores.status === 'deficit' && (!only || only.has(x.team.id)))
  const byTeam = new Map<string, OpenAction[]>()
  for (const a of actions) {
    const mine = byTeam.get(a.teamId)
    if (mine) mine.push(a)
    else byTeam.set(a.teamId, [a])
  }
  return {
    judged: state.current.teams.filter((t) => t.status !== 'unknown').length,
    teams: deficit.map(({ team, scores }) => {
      const mine = byTeam.get(team.id) ?? []
      return {
        teamId: team.id,
        teamName: team.name,
        closedOn: state.whole.get(team.id)?.closedOn ?? null,
        respectIndex: scores.respectIndex,
        reasons: scores.reasons,
        openRespectActions: mine.filter((a) => a.kind === 'respect').length,
        processActions: mine
          .filter((a) => a.kind === 'process')
          .map((a) => ({
            id: a.id,
            title: a.title,
            dueOn: a.dueOn,
            status: a.status === 'in_progress' ? ('in_progress' as const) : ('open' as const),
            overdue: a.dueOn < today,
            ownerName: a.ownerName,
            autopsyId: a.autopsyId,
            featureName: a.featureName,
            href: `/teams/${team.id}/autopsies/${a.autopsyId}`,
          })),
      }
    }),
  }
}
