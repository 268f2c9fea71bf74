// The leader's dashboard. Reads rollups only (plus team names, round
// eligibility and the open action items of published autopsies), one query
// per table, so a range of years across hundreds of teams stays a handful of
// queries. Every score leaves through ~/domain/rollup-scores, and so through
// the anonymity rules; the CSV downloads are built from this same output.
import { and, asc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { autopsies, autopsyActions, autopsyRollups, features, pulseRollups, rounds, users } from '../../db/schema'
import { z } from 'zod'
import { DISCIPLINES, isDiscipline, isResponseGroup, type Discipline } from '~/domain/disciplines'
import { DAY_MS as DAY, dayNumber, dayStartUtc, localDay, monthStart } from '~/domain/calendar'
import { isUuid } from '~/domain/ids'
import { factorLabel } from '~/domain/factors'
import {
  ALL_TEAMS,
  PERIODS,
  periodKey,
  periodsBetween,
  readRespectVsFailure,
  respectVsFailure,
  summarizeFeatureMonths,
  type IndicatorSummary,
  type Period,
  type RespectFailurePoint,
  type RespectFailureReading,
  type StageBar,
} from '~/domain/indicators'
import { DIRECTION_LABELS, DIMENSION_KEYS, getDimension, type DimensionKey, type Direction } from '~/domain/instrument'
import {
  combine,
  disciplineScores,
  groupScores,
  periodScores,
  type GroupScores,
  type RollupCell,
} from '~/domain/rollup-scores'
import type { DeficitThresholds, RespectStatus } from '~/domain/scoring'
import { STAGES, numberedStageLabel, type StageKey } from '~/domain/stages'
import { ownGroup } from '~/domain/perception-split'
import { getResultSettings, type ResultSettings } from './anonymity-settings.server'
import { ownParticipationsInTeams } from '~/models/pulse/answering.server'
import { loadFeatureMonths } from './rollups.server'
import { listLedTeams } from './team.server'

export { ALL_TEAMS }
export const NOT_A_LEADER = 'The dashboard is for leaders of a team and workspace admins.'
export const ALL_TEAMS_NAME = 'All selected teams'

export type DashboardViewer = { id: string; workspaceId: string; isAdmin: boolean }
export type DashboardTeam = { id: string; name: string }

/** What the guard and the filter defaults need: the teams the viewer may read, and the workspace's settings. */
export type DashboardScope = { viewerId: string; teams: DashboardTeam[]; settings: ResultSettings; today: string }

export async function getDashboardScope(viewer: DashboardViewer): Promise<DashboardScope> {
  const [teams, settings] = await Promise.all([listLedTeams(viewer), getResultSettings(viewer.workspaceId)])
  return { viewerId: viewer.id, teams, settings, today: localDay(new Date(), settings.timeZone) }
}

// ------------------------------------------------------------------ filters
// Read from the URL by the page and by its CSV downloads alike, so a shared
// link and its downloads always show the same view.


/** Longer ranges are refused: the page must stay fast over years of history. */
export const MAX_RANGE_DAYS = 1096

export type DashboardFilters = {
  /** YYYY-MM-DD, inclusive, in the workspace's zone */
  from: string
  to: string
  /** the teams ticked; empty means every team the viewer leads */
  teamIds: string[]
  discipline: Discipline | null
  period: Period
}

/** The CSV tables, by the `section` parameter of /dashboard.csv. */
export const CSV_SECTIONS = [
  'respect-index',
  'participation',
  'directional',
  'heatmap',
  'stages',
  'stages-by-quarter',
  'factors',
  'indicators',
  'respect-vs-failure',
  'respect-first',
] as const
export type CsvSection = (typeof CSV_SECTIONS)[number]

export function isCsvSection(value: unknown): value is CsvSection {
  return typeof value === 'string' && CSV_SECTIONS.some((s) => s === value)
}


/** Default range: the twelve calendar months up to and including today's. */
export function defaultRange(today: string) {
  const [y, m] = today.split('-').map(Number)
  const start = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10)
  return { from: start, to: today }
}

const optionalDay = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || /^\d{4}-\d{2}-\d{2}$/.test(v), `${label}: use a date like 2026-03-31`)
    .refine(
      (v) => v === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(v) || dayNumber(v) !== null,
      `${label} is not a real date`
    )
    .refine(
      (v) => v === undefined || (v >= '2000-01-01' && v <= '2100-12-31'),
      `${label} must be between the years 2000 and 2100`
    )

const FilterSchema = z.object({
  from: optionalDay('Start date'),
  to: optionalDay('End date'),
  team: z.array(z.string().refine(isUuid, 'Pick teams from the list')).max(1000, 'Too many teams').default([]),
  discipline: z
    .union([z.literal(''), z.enum(DISCIPLINES, { error: 'Pick a discipline from the list' })])
    .optional()
    .transform((v) => v || null),
  period: z
    .union([z.literal(''), z.enum(PERIODS, { error: 'Pick month or quarter' })])
    .optional()
    .transform((v) => v || 'month'),
})

export type FilterErrors = Partial<Record<'from' | 'to' | 'team' | 'discipline' | 'period', string[]>>

/** The filters as typed into the form, to show them again next to their errors. */
export type FilterValues = { from: string; to: string; team: string[]; discipline: string; period: string }

export type ParsedFilters =
  | { ok: true; filters: DashboardFilters }
  | { ok: false; errors: FilterErrors; values: FilterValues }

export function filterValues(filters: DashboardFilters): FilterValues {
  return {
    from: filters.from,
    to: filters.to,
    team: filters.teamIds,
    discipline: filters.discipline ?? '',
    period: filters.period,
  }
}

/** Reads the filters from a URL; invalid values come back as errors by field, with what was sent. */
export function parseDashboardFilters(params: URLSearchParams, today: string): ParsedFilters {
  const raw = {
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    team: params.getAll('team').filter(Boolean),
    discipline: params.get('discipline') ?? undefined,
    period: params.get('period') ?? undefined,
  }
  const values: FilterValues = {
    ...raw,
    from: raw.from ?? '',
    to: raw.to ?? '',
    discipline: raw.discipline ?? '',
    period: raw.period ?? '',
  }
  const result = FilterSchema.safeParse(raw)
  if (!result.success) {
    const fields = z.flattenError(result.error).fieldErrors
    const errors: FilterErrors = {}
    for (const key of ['from', 'to', 'team', 'discipline', 'period'] as const)
      if (fields[key]?.length) errors[key] = fields[key]
    return { ok: false, errors, values }
  }
  const data = result.data
  const fallback = defaultRange(data.to ?? today)
  const to = data.to ?? today
  const from = data.from ?? fallback.from
  const span = (dayNumber(to) ?? 0) - (dayNumber(from) ?? 0)
  if (span < 0) return { ok: false, errors: { to: ['The end date must be on or after the start date'] }, values }
  if (span >= MAX_RANGE_DAYS) {
    return {
      ok: false,
      errors: { from: [`Pick a range of at most 3 years (${MAX_RANGE_DAYS} days); this one has ${span + 1} days`] },
      values,
    }
  }
  return {
    ok: true,
    filters: { from, to, teamIds: [...new Set(data.team)], discipline: data.discipline, period: data.period },
  }
}

// ------------------------------------------------------------------ output

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
  respect: {
    /** rounds read: each team's latest closed round in every period of the range, and its newest */
    rounds: number
    /** per period with any round: the overall line first, then a row per team that had a round in it */
    points: RespectPoint[]
    participation: ParticipationPoint[]
    /** at each team's latest round with a visible result; the overall rows first */
    directional: DirectionalRow[]
  }
  heatmap: { overall: HeatmapRow; rows: HeatmapRow[] }
  failures: { autopsies: number; stages: StageTotal[]; byQuarter: StageBar[]; factors: FactorTotal[] }
  indicators: {
    fromMonth: string
    toMonth: string
    /** per period: the overall row (always), then a row per team that shipped in it */
    points: IndicatorRow[]
    /** the whole range: overall first, then every selected team */
    totals: IndicatorRow[]
  }
  scatter: {
    points: RespectFailurePoint[]
    leftOut: { teamId: string; teamName: string; reason: string }[]
    reading: RespectFailureReading
  }
  respectFirst: { judged: number; teams: DeficitTeam[] }
}

// ------------------------------------------------------------------ helpers



type TeamRound = {
  roundId: string
  teamId: string
  closedAt: number
  closedOn: string
  eligible: number
  cells: RollupCell[]
}

type Scored = { teams: (GroupScores & { teamId: string })[]; overall: GroupScores }

function scoreTeams(
  inputs: { teamId: string; cells: readonly RollupCell[] }[],
  discipline: Discipline | null,
  settings: ResultSettings
): Scored {
  return discipline
    ? disciplineScores(inputs, discipline, settings.anonymity, settings.thresholds)
    : periodScores(inputs, settings.anonymity, settings.thresholds)
}

/** One team's own result, as it would be shown on its own. */
function teamAlone(cells: readonly RollupCell[], settings: ResultSettings): GroupScores {
  return groupScores(combine(cells), settings.anonymity, settings.thresholds)
}

/** The team's newest round whose result (or discipline slice) is visible on its own. */
function latestVisible(
  roundsDesc: readonly TeamRound[],
  discipline: Discipline | null,
  settings: ResultSettings
): TeamRound | null {
  for (const round of roundsDesc) {
    const visible = discipline
      ? disciplineScores([{ teamId: round.teamId, cells: round.cells }], discipline, settings.anonymity).teams[0]
          .visible
      : groupScores(combine(round.cells), settings.anonymity).visible
    if (visible) return round
  }
  return null
}

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

const stageIndex = new Map<string, number>(STAGES.map((s, i) => [s.key, i]))

function emptyStageBar(period: string): StageBar {
  return { period, stage1: 0, stage2: 0, stage3: 0, stage4: 0, stage5: 0, stage6: 0, stage7: 0, stage8: 0, stage9: 0 }
}

function addToStageBar(bar: StageBar, index: number, count: number) {
  switch (index) {
    case 0:
      bar.stage1 += count
      break
    case 1:
      bar.stage2 += count
      break
    case 2:
      bar.stage3 += count
      break
    case 3:
      bar.stage4 += count
      break
    case 4:
      bar.stage5 += count
      break
    case 5:
      bar.stage6 += count
      break
    case 6:
      bar.stage7 += count
      break
    case 7:
      bar.stage8 += count
      break
    case 8:
      bar.stage9 += count
      break
  }
}

/** Rows from db.execute, the same on both drivers (PGlite returns { rows }, postgres.js an array). */
function rowsOf(result: unknown): Record<string, unknown>[] {
  const rows: unknown = Array.isArray(result)
    ? result
    : result && typeof result === 'object' && 'rows' in result
    ? result.rows
    : []
  return Array.isArray(rows) ? rows : []
}

/**
 * A round's cells as loadRounds packs them: fields split by U+001F, cells by
 * U+001E. Each carries the round's threshold, and the viewer's own response
 * is marked where they answered the round (`own` is that discipline).
 */
function toCells(teamId: string, packed: unknown, k: number, own: Discipline | undefined): RollupCell[] {
  if (typeof packed !== 'string' || !packed) return []
  const cells: RollupCell[] = []
  for (const cell of packed.split('\u001e')) {
    const [discipline, dimension, responses, scoreSum, scored] = cell.split('\u001f')
    if (!isResponseGroup(discipline) || !dimension) continue
    cells.push({
      teamId,
      discipline,
      dimension,
      responses: Number(responses),
      scoreSum: Number(scoreSum),
      scored: Number(scored),
      k,
    })
  }
  // The viewer's own response is in the group her discipline was stored under (itself, or "rest").
  const mine = ownGroup(own ?? null, new Set(cells.map((c) => c.discipline)))
  return mine ? cells.map((c) => (c.discipline === mine ? { ...c, own: 1 } : c)) : cells
}

/** Each team's newest rounds, read whatever their period, for the "latest round that can be shown" views. */
const RECENT_ROUNDS = 3

/**
 * The rounds the dashboard reads, closed in [from, to] (days in the
 * workspace's zone): each team's latest in every period, which the trend
 * plots, and its RECENT_ROUNDS newest, among which the current state looks
 * first for one that can be shown. With their eligible counts and rollup
 * cells, in one query: rounds from the rounds table, cells from the rollups.
 */
async function loadRounds(scope: {
  workspaceId: string
  teamIds: string[]
  from: string
  to: string
  period: Period
  timeZone: string
  /** the rounds the viewer answered, and the discipline their answer counts under */
  own: ReadonlyMap<string, Discipline>
}): Promise<TeamRound[]> {
  if (!scope.teamIds.length) return []
  const db = await getDb()
  // Rounds are picked first and only their cells are read, each round's as
  // one string: PGlite returns a few thousand rows far faster than one row per
  // cell, and string_agg is several times cheaper to build than json_agg.
  const result = await db.execute(sql`
    with picked as (
      select r.* from (
        select r.*,
          row_number() over (partition by r.team_id, date_trunc(${
            scope.period
          }, r.local) order by r.closed_at desc) as in_period,
          row_number() over (partition by r.team_id order by r.closed_at desc) as recent
        from (
          select ${rounds.id}, ${rounds.teamId}, ${rounds.closedAt}, ${rounds.eligibleCount}, ${rounds.anonymityK},
            ${rounds.closedAt} at time zone ${scope.timeZone} as local
          from ${rounds}
          where ${and(
            eq(rounds.workspaceId, scope.workspaceId),
            inArray(rounds.teamId, scope.teamIds),
            eq(rounds.status, 'closed'),
            // a day either side in UTC; the exact local days below
            gte(rounds.closedAt, new Date(dayStartUtc(scope.from).getTime() - DAY)),
            lt(rounds.closedAt, new Date(dayStartUtc(scope.to).getTime() + 2 * DAY))
          )}
        ) r
        where r.local::date between ${scope.from}::date and ${scope.to}::date
      ) r
      where r.in_period = 1 or r.recent <= ${RECENT_ROUNDS}
    )
    select picked.id as "roundId",
      picked.team_id as "teamId",
      (extract(epoch from picked.closed_at) * 1000)::float8 as "closedAtMs",
      to_char(picked.local, 'YYYY-MM-DD') as "closedOn",
      picked.eligible_count as "eligible",
      picked.anonymity_k as "k",
      (
        select string_agg(concat_ws(chr(31), p.discipline, p.dimension, p.responses, p.score_sum, p.scored), chr(30))
        from ${pulseRollups} p
        where p.round_id = picked.id and p.workspace_id = ${scope.workspaceId}
      ) as "cells"
    from picked
  `)
  return rowsOf(result).map((row) => {
    const teamId = String(row.teamId)
    return {
      roundId: String(row.roundId),
      teamId,
      closedAt: Number(row.closedAtMs),
      closedOn: String(row.closedOn),
      eligible: Number(row.eligible),
      cells: toCells(teamId, row.cells, Number(row.k), scope.own.get(String(row.roundId))),
    }
  })
}

/** Published-autopsy counts by month, kind and key, added up across the teams in SQL (the dashboard shows no per-team split). */
async function loadAutopsyTotals(scope: {
  workspaceId: string
  teamIds: string[]
  fromMonth: string
  toMonth: string
}) {
  if (!scope.teamIds.length) return []
  const db = await getDb()
  return db
    .select({
      month: autopsyRollups.month,
      kind: autopsyRollups.kind,
      key: autopsyRollups.key,
      count: sql<number>`sum(${autopsyRollups.count})::int`.mapWith(Number),
    })
    .from(autopsyRollups)
    .where(
      and(
        eq(autopsyRollups.workspaceId, scope.workspaceId),
        inArray(autopsyRollups.teamId, scope.teamIds),
        gte(autopsyRollups.month, scope.fromMonth),
        lte(autopsyRollups.month, scope.toMonth)
      )
    )
    .groupBy(autopsyRollups.month, autopsyRollups.kind, autopsyRollups.key)
}

const UNFINISHED = ['open', 'in_progress'] as const

/** Unfinished action items of published autopsies of the given teams, soonest due first. */
async function loadOpenActions(workspaceId: string, teamIds: string[]) {
  if (!teamIds.length) return []
  const db = await getDb()
  return db
    .select({
      id: autopsyActions.id,
      teamId: autopsyActions.teamId,
      kind: autopsyActions.kind,
      title: autopsyActions.title,
      dueOn: autopsyActions.dueOn,
      status: autopsyActions.status,
      ownerName: users.name,
      autopsyId: autopsies.id,
      featureName: features.name,
    })
    .from(autopsyActions)
    .innerJoin(autopsies, and(eq(autopsies.id, autopsyActions.autopsyId), eq(autopsies.teamId, autopsyActions.teamId)))
    .innerJoin(features, eq(features.id, autopsies.featureId))
    .leftJoin(users, eq(users.id, autopsyActions.ownerId))
    .where(
      and(
        eq(autopsyActions.workspaceId, workspaceId),
        eq(autopsies.workspaceId, workspaceId),
        inArray(autopsyActions.teamId, teamIds),
        inArray(autopsyActions.status, [...UNFINISHED]),
        // Leaders read published autopsies only; a draft's items are not commitments yet.
        eq(autopsies.stage, 'published')
      )
    )
    .orderBy(asc(autopsyActions.dueOn), asc(autopsyActions.createdAt))
    .limit(1000)
}

// ------------------------------------------------------------------ the dashboard

/**
 * The dashboard for one viewer and one set of filters. Returns null when a
 * requested team is not one the viewer leads (or the viewer leads none): the
 * caller answers 404 and no number about that team is computed.
 */
export async function getDashboard({
  viewer,
  filters,
  scope: given,
}: {
  viewer: DashboardViewer
  filters: DashboardFilters
  scope?: DashboardScope
}): Promise<Dashboard | null> {
  const scope = given && given.viewerId === viewer.id ? given : await getDashboardScope(viewer)
  const { settings } = scope
  if (!scope.teams.length) return null
  const ledIds = new Set(scope.teams.map((t) => t.id))
  if (filters.teamIds.some((id) => !ledIds.has(id))) return null
  const chosen = new Set(filters.teamIds)
  const teams = chosen.size ? scope.teams.filter((t) => chosen.has(t.id)) : scope.teams
  const teamIds = teams.map((t) => t.id)

  const { from, to, period, discipline } = filters
  const span = (dayStartUtc(to).getTime() - dayStartUtc(from).getTime()) / DAY
  if (!(span >= 0 && span < MAX_RANGE_DAYS))
    throw new RangeError(`The range ${from}..${to} is empty or longer than ${MAX_RANGE_DAYS} days`)

  const fromMonth = monthStart(from)
  const toMonth = monthStart(to)
  const own = await ownParticipationsInTeams(viewer, teamIds)
  const [teamRounds, featureMonths, autopsyMonths] = await Promise.all([
    loadRounds({ workspaceId: viewer.workspaceId, teamIds, from, to, period, timeZone: settings.timeZone, own }),
    loadFeatureMonths({ workspaceId: viewer.workspaceId, teamIds, fromMonth, toMonth }),
    loadAutopsyTotals({ workspaceId: viewer.workspaceId, teamIds, fromMonth, toMonth }),
  ])

  // ---- rounds by team, oldest first; the latest of each period
  const roundsByTeam = new Map<string, TeamRound[]>(teamIds.map((id) => [id, []]))
  for (const round of teamRounds) roundsByTeam.get(round.teamId)?.push(round)
  const latestInPeriod = new Map<string, Map<string, TeamRound>>()
  for (const [teamId, list] of roundsByTeam) {
    list.sort((a, b) => a.closedAt - b.closedAt)
    const perPeriod = new Map<string, TeamRound>()
    for (const round of list) perPeriod.set(periodKey(round.closedOn, period), round)
    latestInPeriod.set(teamId, perPeriod)
  }

  // ---- 1. Respect Index and participation over time
  const periods = periodsBetween(from, to, period)
  const points: RespectPoint[] = []
  const participation: ParticipationPoint[] = []
  for (const key of periods) {
    const picked = teams.map((t) => latestInPeriod.get(t.id)?.get(key) ?? null)
    if (picked.every((r) => r === null)) continue
    const inputs = teams.map((t, i) => ({ teamId: t.id, cells: picked[i]?.cells ?? [] }))
    const shown = scoreTeams(inputs, discipline, settings)
    points.push({
      period: key,
      teamId: ALL_TEAMS,
      teamName: ALL_TEAMS_NAME,
      closedOn: null,
      respectIndex: shown.overall.respectIndex,
      n: shown.overall.n,
    })
    const overallAt = participation.length
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
      points.push({
        period: key,
        teamId: team.id,
        teamName: team.name,
        closedOn: round.closedOn,
        respectIndex: s.respectIndex,
        n: s.n,
      })
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
    if (eligibleSum > 0) {
      participation[overallAt] = {
        ...participation[overallAt],
        responded,
        eligible: eligibleSum,
        rate: Math.min(1, responded / eligibleSum),
      }
    }
  }

  // ---- the current state: each team's latest round with a visible result
  const wholeLatest = new Map<string, TeamRound | null>()
  const shownLatest = new Map<string, TeamRound | null>()
  for (const team of teams) {
    const desc = [...(roundsByTeam.get(team.id) ?? [])].reverse()
    const whole = latestVisible(desc, null, settings)
    wholeLatest.set(team.id, whole)
    shownLatest.set(team.id, discipline ? latestVisible(desc, discipline, settings) : whole)
  }
  const current = periodScores(
    teams.map((t) => ({ teamId: t.id, cells: wholeLatest.get(t.id)?.cells ?? [] })),
    settings.anonymity,
    settings.thresholds
  )
  const currentShown = discipline
    ? scoreTeams(
        teams.map((t) => ({ teamId: t.id, cells: shownLatest.get(t.id)?.cells ?? [] })),
        discipline,
        settings
      )
    : current
  const all = { id: ALL_TEAMS, name: ALL_TEAMS_NAME }

  // ---- 2. Heatmap, and the directional views
  const heatmap = {
    overall: heatmapRow(all, currentShown.overall, null),
    rows: teams.map((t, i) => heatmapRow(t, currentShown.teams[i], shownLatest.get(t.id)?.closedOn ?? null)),
  }
  const directional = [
    ...directionalRows(all, current.overall, null),
    ...teams.flatMap((t, i) => directionalRows(t, current.teams[i], wholeLatest.get(t.id)?.closedOn ?? null)),
  ]

  // ---- 3. Where features fail
  const stageCounts = STAGES.map(() => 0)
  const quarters = new Map(periodsBetween(fromMonth, to, 'quarter').map((q) => [q, emptyStageBar(q)]))
  const factorCounts = new Map<string, number>()
  for (const row of autopsyMonths) {
    if (row.kind === 'stage') {
      const index = stageIndex.get(row.key)
      if (index === undefined) continue
      stageCounts[index] += row.count
      const bar = quarters.get(periodKey(row.month, 'quarter'))
      if (bar) addToStageBar(bar, index, row.count)
    } else {
      factorCounts.set(row.key, (factorCounts.get(row.key) ?? 0) + row.count)
    }
  }
  const failures = {
    autopsies: stageCounts.reduce((s, n) => s + n, 0),
    stages: STAGES.map((s, i) => ({ key: s.key, label: numberedStageLabel(s.key), count: stageCounts[i] })),
    byQuarter: [...quarters.values()],
    factors: [...factorCounts]
      .map(([key, count]) => ({
        key,
        count,
        label: key.startsWith('custom:') ? key.slice('custom:'.length) : factorLabel(key),
      }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
  }

  // ---- 4. Leading indicators
  const monthsByPeriod = new Map<string, typeof featureMonths>()
  for (const row of featureMonths) {
    const key = periodKey(row.month, period)
    const list = monthsByPeriod.get(key)
    if (list) list.push(row)
    else monthsByPeriod.set(key, [row])
  }
  const indicatorPoints: IndicatorRow[] = []
  for (const key of periods) {
    const rows = monthsByPeriod.get(key) ?? []
    indicatorPoints.push({ period: key, teamId: ALL_TEAMS, teamName: ALL_TEAMS_NAME, ...summarizeFeatureMonths(rows) })
    for (const team of teams) {
      const mine = rows.filter((r) => r.teamId === team.id)
      if (mine.length)
        indicatorPoints.push({ period: key, teamId: team.id, teamName: team.name, ...summarizeFeatureMonths(mine) })
    }
  }
  const monthsByTeam = new Map<string, typeof featureMonths>(teamIds.map((id) => [id, []]))
  for (const row of featureMonths) monthsByTeam.get(row.teamId)?.push(row)
  const totals: IndicatorRow[] = [
    { period: null, teamId: ALL_TEAMS, teamName: ALL_TEAMS_NAME, ...summarizeFeatureMonths(featureMonths) },
    ...teams.map((t) => ({
      period: null,
      teamId: t.id,
      teamName: t.name,
      ...summarizeFeatureMonths(monthsByTeam.get(t.id) ?? []),
    })),
  ]

  // ---- 5. Respect against failure
  const scatterInput = teams.map((t, i) => ({
    teamId: t.id,
    teamName: t.name,
    respectIndex: currentShown.teams[i].respectIndex,
    shipped: totals[i + 1].features,
    missed: totals[i + 1].missed,
  }))
  const plotted = respectVsFailure(scatterInput)
  const plottedIds = new Set(plotted.map((p) => p.teamId))
  const scatter = {
    points: plotted,
    leftOut: scatterInput
      .filter((p) => !plottedIds.has(p.teamId))
      .map((p) => ({
        teamId: p.teamId,
        teamName: p.teamName,
        reason:
          p.respectIndex === null
            ? 'No Respect Index that can be shown in this range'
            : `${p.shipped} shipped ${p.shipped === 1 ? 'feature' : 'features'}; a rate needs at least 5`,
      })),
    reading: readRespectVsFailure(plotted),
  }

  // ---- 6. Respect first
  const deficit = teams
    .map((t, i) => ({ team: t, scores: current.teams[i] }))
    .filter((x) => x.scores.status === 'deficit')
  const actions = await loadOpenActions(
    viewer.workspaceId,
    deficit.map((d) => d.team.id)
  )
  const respectFirst = {
    judged: current.teams.filter((t) => t.status !== 'unknown').length,
    teams: deficit.map(({ team, scores }) => {
      const mine = actions.filter((a) => a.teamId === team.id)
      return {
        teamId: team.id,
        teamName: team.name,
        closedOn: wholeLatest.get(team.id)?.closedOn ?? null,
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
            overdue: a.dueOn < scope.today,
            ownerName: a.ownerName,
            autopsyId: a.autopsyId,
            featureName: a.featureName,
            href: `/teams/${team.id}/autopsies/${a.autopsyId}`,
          })),
      }
    }),
  }

  return {
    filters,
    teams,
    ledTeams: scope.teams,
    periods,
    k: settings.anonymity.k,
    thresholds: settings.thresholds,
    today: scope.today,
    respect: { rounds: teamRounds.length, points, participation, directional },
    heatmap,
    failures,
    indicators: { fromMonth, toMonth, points: indicatorPoints, totals },
    scatter,
    respectFirst,
  }
}
