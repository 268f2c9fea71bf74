// 2. Where each team stands: the teams × dimensions heatmap and the
// directional views (who feels respected by whom, and the perception gap),
// at each team's latest round that can be shown.
import { ALL_TEAMS } from '~/domain/indicators'
import { DIMENSION_KEYS, DIRECTION_LABELS, getDimension } from '~/domain/instrument'
import type { GroupScores } from '~/domain/rollup-scores'
import type { CurrentState } from '../rounds'
import { ALL_TEAMS_NAME, type DashboardTeam, type DirectionalRow, type Heatmap, type HeatmapRow } from '../types'

const ALL: DashboardTeam = { id: ALL_TEAMS, name: ALL_TEAMS_NAME }

function heatmapRow(team: DashboardTeam, scores: GroupScores, closedOn: string | null): HeatmapRow {
  return {
    teamId: team.id,
    teamName: team.name,
    closedOn: scores.visible ? closedOn : null,
    n: scores.n,
    respectIndex: scores.respectIndex,
    dimensions: scores.dimensions,
    status: scores.status,
  }
}

function directionalRows(team: DashboardTeam, scores: GroupScores, closedOn: string | null): DirectionalRow[] {
  return scores.directional.map((d) => {
    const dimension = DIMENSION_KEYS.find((key) => getDimension(key).direction === d.direction) ?? DIMENSION_KEYS[0]
    return {
      teamId: team.id,
      teamName: team.name,
      closedOn: scores.visible ? closedOn : null,
      direction: d.direction,
      label: DIRECTION_LABELS[d.direction],
      dimension: getDimension(dimension).label,
      overall: d.overall,
      splitVisible: d.splitVisible,
      comparison: d.comparison,
      selfLabel: d.selfLabel,
      otherLabel: d.otherLabel,
      selfView: d.selfView,
      otherView: d.otherView,
      gap: d.gap,
    }
  })
}

/** The heatmap follows the discipline filter. */
export function heatmap(teams: readonly DashboardTeam[], state: CurrentState): Heatmap {
  return {
    overall: heatmapRow(ALL, state.currentShown.overall, null),
    rows: teams.map((t, i) => heatmapRow(t, state.currentShown.teams[i], state.shown.get(t.id)?.closedOn ?? null)),
  }
}

/** The directional views compare the disciplines, so they always read the whole team. */
export function directionalViews(teams: readonly DashboardTeam[], state: CurrentState): DirectionalRow[] {
  return [
    ...directionalRows(ALL, state.current.overall, null),
    ...teams.flatMap((t, i) => directionalRows(t, state.current.teams[i], state.whole.get(t.id)?.closedOn ?? null)),
  ]
}
