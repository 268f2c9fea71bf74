// Answering a pulse: who may, and what they see first. The write itself is
// in intake.server.ts.
import { and, asc, desc, eq, notExists, sql } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { participations, roundRoster, rounds, teams } from '../../../db/schema'
import { normalizeSettings } from '~/domain/anonymity'
import type { Discipline } from '~/domain/disciplines'
import { refuse } from '~/domain/refusal'
import { rowsOf } from '../rows.server'
import { NOT_YOUR_PULSE, submitAnswer } from './intake.server'
import { RESPONDENT_ROLES } from './lifecycle.server'
import { inUuids } from '../sql.server'

type Viewer = { id: string; workspaceId: string }

/** How far back the answer page counts changes to the team, so a recent arrival is visible before anyone answers. */
const RECENT_CHANGES_DAYS = 60

/** Open rounds that list the viewer on their roster and that they have not answered yet. */
export async function listPendingPulses(viewer: Viewer) {
  const db = await getDb()
  return db
    .select({ roundId: rounds.id, teamName: teams.name, closesAt: rounds.closesAt })
    .from(rounds)
    .innerJoin(teams, eq(teams.id, rounds.teamId))
    .innerJoin(roundRoster, and(eq(roundRoster.roundId, rounds.id), eq(roundRoster.userId, viewer.id)))
    .where(
      and(
        eq(rounds.workspaceId, viewer.workspaceId),
        eq(rounds.status, 'open'),
        notExists(
          db
            .select({ one: sql`1` })
            .from(participations)
            .where(and(eq(participations.roundId, rounds.id), eq(participations.userId, viewer.id))),
        ),
      ),
    )
    .orderBy(asc(rounds.closesAt))
}

export type PulseForAnswer = {
  round: { id: string; teamId: string; status: 'scheduled' | 'open' | 'closed'; opensAt: Date; closesAt: Date; openedAt: Date | null }
  teamId: string
  teamName: string
  timeZone: string
  /** the discipline this answer counts under: the viewer's membership when the round opened */
  discipline: Discipline
  /** the thresholds results of this round are held to (for a round not open yet: today's settings) */
  k: number
  commentK: number
  answered: boolean
  /** membership changes on the team in the RECENT_CHANGES_DAYS before the round opened */
  recentChanges: number
  items: { id: string; wording: string; dimension: string }[]
}

type PulseRow = {
  id: string
  team_id: string
  status: PulseForAnswer['round']['status']
  opens_at: Date | string
  closes_at: Date | string
  opened_at: Date | string | null
  round_k: number
  round_comment_k: number
  team_name: string
  time_zone: string
  workspace_k: number
  workspace_comment_k: number
  roster_discipline: Discipline | null
  member_discipline: Discipline | null
  answered: boolean
  recent_changes: number
  items: PulseForAnswer['items'] | string
}

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value))

/**
 * The round as the viewer may answer it, or null (a 404) when they are not on
 * its roster. A round not open yet has no roster: today's respondents see
 * when it opens. One statement: the answer page is what everybody opens in
 * the same few minutes.
 */
export async function getPulseForAnswer(viewer: Viewer, roundId: string, now = new Date()): Promise<PulseForAnswer | null> {
  const db = await getDb()
  const result = await db.execute(sql`
    select r.id, r.team_id, r.status, r.opens_at, r.closes_at, r.opened_at, r.anonymity_k as round_k, r.comment_k as round_comment_k,
      t.name as team_name, w.time_zone, w.anonymity_k as workspace_k, w.comment_k as workspace_comment_k,
      rr.discipline as roster_discipline,
      (select m.discipline from memberships m
        where m.team_id = r.team_id and m.user_id = ${viewer.id} and m.role = any(${`{${RESPONDENT_ROLES.join(',')}}`}::text[]) limit 1) as member_discipline,
      exists (select 1 from participations p where p.round_id = r.id and p.user_id = ${viewer.id}) as answered,
      (select count(*)::int from membership_events e
        where e.workspace_id = r.workspace_id and e.team_id = r.team_id
          and e.created_at >= coalesce(r.opened_at, ${now.toISOString()}::timestamptz) - ${`${RECENT_CHANGES_DAYS} days`}::interval) as recent_changes,
      coalesce((select json_agg(json_build_object('id', si.id, 'wording', si.wording, 'dimension', si.dimension) order by ri.position)
        from round_items ri join survey_items si on si.id = ri.item_id where ri.round_id = r.id), '[]'::json) as items
    from rounds r
    join teams t on t.id = r.team_id
    join workspaces w on w.id = r.workspace_id
    left join round_roster rr on rr.round_id = r.id and rr.user_id = ${viewer.id}
    where r.id = ${roundId} and r.workspace_id = ${viewer.workspaceId}
  `)
  const [row] = rowsOf<PulseRow>(result)
  if (!row) return null
  const scheduled = row.status === 'scheduled'
  const discipline = row.roster_discipline ?? (scheduled ? row.member_discipline : null)
  if (!discipline) return null
  const thresholds = normalizeSettings(
    scheduled ? { k: row.workspace_k, commentK: row.workspace_comment_k } : { k: row.round_k, commentK: row.round_comment_k },
  )
  return {
    round: {
      id: row.id,
      teamId: row.team_id,
      status: row.status,
      opensAt: asDate(row.opens_at),
      closesAt: asDate(row.closes_at),
      openedAt: row.opened_at === null ? null : asDate(row.opened_at),
    },
    teamId: row.team_id,
    teamName: row.team_name,
    timeZone: row.time_zone,
    discipline,
    ...thresholds,
    answered: row.answered,
    recentChanges: row.recent_changes,
    items: typeof row.items === 'string' ? JSON.parse(row.items) : row.items,
  }
}

export type SubmitResult = 'recorded' | 'already-answered'

/**
 * Records one anonymous response for a person already known (scripts, tests),
 * through the answer form's own statement (see submitAnswer), or refuses: 404
 * when they are not on the round's roster, 409 when it is closed, 422 for an
 * item the round did not ask. Items may be left out.
 */
export async function submitResponse(
  viewer: Viewer,
  roundId: string,
  input: { answers: Record<string, number>; comment: string | null },
): Promise<SubmitResult> {
  const outcome = await submitAnswer(viewer, roundId, input, { every: false })
  if (outcome === 'recorded' || outcome === 'already-answered') return outcome
  refuse(outcome === 'signed-out' ? 404 : 422, outcome === 'signed-out' ? NOT_YOUR_PULSE : 'These answers are not to this pulse.')
}

/** The rounds among `roundIds` that the viewer answered, with the discipline their answer counts under. */
export async function ownParticipations(viewer: Viewer, roundIds: readonly string[]): Promise<Map<string, Discipline>> {
  if (!roundIds.length) return new Map()
  const db = await getDb()
  const rows = await db
    .select({ roundId: participations.roundId, discipline: roundRoster.discipline })
    .from(participations)
    .innerJoin(roundRoster, and(eq(roundRoster.roundId, participations.roundId), eq(roundRoster.userId, participations.userId)))
    .where(
      and(
        eq(participations.workspaceId, viewer.workspaceId),
        eq(participations.userId, viewer.id),
        inUuids(participations.roundId, roundIds),
      ),
    )
  return new Map(rows.map((r) => [r.roundId, r.discipline]))
}

/** Every round the viewer answered among the given teams' rounds: for aggregate views across many rounds. */
export async function ownParticipationsInTeams(viewer: Viewer, teamIds: readonly string[]): Promise<Map<string, Discipline>> {
  if (!teamIds.length) return new Map()
  const db = await getDb()
  const rows = await db
    .select({ roundId: participations.roundId, discipline: roundRoster.discipline })
    .from(participations)
    .innerJoin(roundRoster, and(eq(roundRoster.roundId, participations.roundId), eq(roundRoster.userId, participations.userId)))
    .innerJoin(rounds, eq(rounds.id, participations.roundId))
    .where(and(eq(participations.workspaceId, viewer.workspaceId), eq(participations.userId, viewer.id), inUuids(rounds.teamId, teamIds)))
    .orderBy(desc(rounds.opensAt))
  return new Map(rows.map((r) => [r.roundId, r.discipline]))
}
