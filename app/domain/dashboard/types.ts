// What the dashboard is made of: the view types the page, its components and
// the CSV downloads read, and the loaded rows the sections are computed from.
// The model fills them; nothing here knows where the rows come from.
import type { EffectTally } from '~/domain/action-effect'
import type { AnonymitySettings } from '~/domain/anonymity'
import type { IndicatorSummary, StageBar } from '~/domain/indicators'
import type { RespectFailurePoint, RespectFailureReading } from '~/domain/respect-vs-failure'
import type { DimensionKey, Direction } from '~/domain/instrument'
import type { DeficitThresholds, RespectStatus } from '~/domain/scoring'
import type { StageKey } from '~/domain/stages'
import type { FactorsOverTime } from '~/domain/trends/factors-over-time'
import type { RollingIndicators } from '~/domain/trends/rolling-indicators'
import type { DashboardFilters } from './filters'

export type { DashboardFilters }

/** The name of the overall row or line, whose team id is ALL_TEAMS. */
export const ALL_TEAMS_NAME = 'All selected teams'

export type DashboardTeam = { id: string; name: string }

/** The workspace settings the numbers pass through: the anonymity rules and the respect-deficit thresholds. */
export type ScoreSettings = { anonymity: AnonymitySettings; thresholds: DeficitThresholds }

export type RespectPoint = {
  period: string
  /** a team's id, or ALL_TEAMS */
  teamId: string
  teamName: string
  /** the day the team's latest round in the period closed; null on the overall line */
  closedOn: string | null
  /** null when hidden by the anonymity rules */
  respectIndex: number | null
  n: number | null
}

export type ParticipationPoint = {
  period: string
  teamId: string
  teamName: string
  closedOn: string | null
  /** shown only for rounds whose team result is shown */
  responded: number | null
  eligible: number | null
  rate: number | null
}

export type DirectionalRow = {
  teamId: string
  teamName: string
  closedOn: string | null
  direction: Direction
  label: string
  dimension: string
  overall: number | null
  splitVisible: boolean
  /** who the two sides are: product and engineering, or one of them against everyone else */
  comparison: 'disciplines' | 'versus-rest' | null
  selfLabel: string
  otherLabel: string
  selfView: number | null
  otherView: number | null
  gap: number | null
}

export type HeatmapRow = {
  teamId: string
  teamName: string
  closedOn: string | null
  n: number | null
  respectIndex: number | null
  dimensions: Record<DimensionKey, number | null>
  status: RespectStatus
}

export type StageTotal = { key: StageKey; label: string; count: number }
export type FactorTotal = { key: string; label: string; count: number }

export type IndicatorRow = { period: string | null; teamId: string; teamName: string } & IndicatorSummary

export type DeficitAction = {
  id: string
  title: string
  dueOn: string
  status: 'open' | 'in_progress'
  overdue: boolean
  ownerName: string | null
  autopsyId: string
  featureName: string
  href: string
}

export type DeficitTeam = {
  teamId: string
  teamName: string
  closedOn: string | null
  respectIndex: number | null
  reasons: string[]
  processActions: DeficitAction[]
  openRespectActions: number
}

export type RespectOverTime = {
  /** rounds read: each team's latest closed round in every period of the range, and its newest */
  rounds: number
  /** per period with any round: the overall line first, then a row per team that had a round in it */
  points: RespectPoint[]
  participation: ParticipationPoint[]
  /** at each team's latest round with a visible result; the overall rows first */
  directional: DirectionalRow[]
}

export type Heatmap = { overall: HeatmapRow; rows: HeatmapRow[] }

export type Failures = { autopsies: number; stages: StageTotal[]; byQuarter: StageBar[]; factors: FactorTotal[] }

export type LeadingIndicators = {
  fromMonth: string
  toMonth: string
  /** per period: the overall row (always), then a row per team that shipped in it */
  points: IndicatorRow[]
  /** the whole range: overall first, then every selected team */
  totals: IndicatorRow[]
}

export type RespectAgainstFailure = {
  points: RespectFailurePoint[]
  leftOut: { teamId: string; teamName: string; reason: string }[]
  reading: RespectFailureReading
}

export type RespectFirst = { judged: number; teams: DeficitTeam[] }

export type Dashboard = {
  filters: DashboardFilters
  /** the teams in view, by name */
  teams: DashboardTeam[]
  /** every team the viewer may pick */
  ledTeams: DashboardTeam[]
  periods: string[]
  k: number
  thresholds: DeficitThresholds
  today: string
  respect: RespectOverTime
  heatmap: Heatmap
  failures: Failures
  indicators: LeadingIndicators
  /** the same indicators over rolling three-month windows, each with its number of features */
  rolling: RollingIndicators
  /** contributing factors per quarter (per month for a monthly view) */
  factorsOverTime: FactorsOverTime
  scatter: RespectAgainstFailure
  respectFirst: RespectFirst
  /** the measured effect of respect actions against process actions, across the teams in view */
  actionEffects: EffectTally[]
}
