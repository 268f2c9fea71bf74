// Answering a pulse: who may, what they see first, and the one write that
// records an anonymous response.
import { and, asc, count, desc, eq, gte, inArray, notExists, sql } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import {
  memberships,
  membershipEvents,
  participations,
  roundItems,
  roundRoster,
  rounds,
  surveyItems,
  teams,
  workspaces,
} from '../../../db/schema'
import { normalizeSettings } from '~/domain/anonymity'
import type { Discipline } from '~/domain/disciplines'
import { refuse } from '~/domain/refusal'
import { NOT_YOUR_PULSE, submitAnswer } from './intake.server'
import { RESPONDENT_ROLES } from './lifecycle.server'

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
  round: typeof rounds.$inferSelect
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

/**
 * The round as the viewer may answer it, or null (a 404) when they are not on
 * its roster. A round not open yet has no roster: today's respondents see
 * when it opens.
 */
export async function getPulseForAnswer(viewer: Viewer, roundId: string): Promise<PulseForAnswer | null> {
  const db = await getDb()
  const [row] = await db
    .select({
      round: rounds,
      teamName: teams.name,
      timeZone: workspaces.timeZone,
      workspaceK: workspaces.anonymityK,
      workspaceCommentK: workspaces.commentK,
      rosterDiscipline: roundRoster.discipline,
      memberDiscipline: memberships.discipline,
    })
    .from(rounds)
    .innerJoin(teams, eq(teams.id, rounds.teamId))
    .innerJoin(workspaces, eq(workspaces.id, rounds.workspaceId))
    .leftJoin(roundRoster, and(eq(roundRoster.roundId, rounds.id), eq(roundRoster.userId, viewer.id)))
    .leftJoin(
      memberships,
      and(eq(memberships.teamId, rounds.teamId), eq(memberships.userId, viewer.id), inArray(memberships.role, [...RESPONDENT_ROLES])),
    )
    .where(and(eq(rounds.id, roundId), eq(rounds.workspaceId, viewer.workspaceId)))
  if (!row) return null
  const scheduled = row.round.status === 'scheduled'
  const discipline = row.rosterDiscipline ?? (scheduled ? row.memberDiscipline : null)
  if (!discipline) return null
  const thresholds = normalizeSettings(
    scheduled ? { k: row.workspaceK, commentK: row.workspaceCommentK } : { k: row.round.anonymityK, commentK: row.round.commentK },
  )
  const since = new Date((row.round.openedAt ?? new Date()).getTime() - RECENT_CHANGES_DAYS * 86_400_000)
  const [[answered], [changes], items] = await Promise.all([
    db
      .select({ one: sql`1` })
      .from(participations)
      .where(and(eq(participations.roundId, roundId), eq(participations.userId, viewer.id))),
    db
      .select({ n: count() })
      .from(membershipEvents)
      .where(
        and(
          eq(membershipEvents.workspaceId, viewer.workspaceId),
          eq(membershipEvents.teamId, row.round.teamId),
          gte(membershipEvents.createdAt, since),
        ),
      ),
    db
      .select({ id: surveyItems.id, wording: surveyItems.wording, dimension: surveyItems.dimension })
      .from(roundItems)
      .innerJoin(surveyItems, eq(surveyItems.id, roundItems.itemId))
      .where(eq(roundItems.roundId, roundId))
      .orderBy(asc(roundItems.position)),
  ])
  return {
    round: row.round,
    teamId: row.round.teamId,
    teamName: row.teamName,
    timeZone: row.timeZone,
    discipline,
    ...thresholds,
    answered: Boolean(answered),
    recentChanges: changes?.n ?? 0,
    items,
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
        inArray(participations.roundId, [...roundIds]),
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
    .where(
      and(eq(participations.workspaceId, viewer.workspaceId), eq(participations.userId, viewer.id), inArray(rounds.teamId, [...teamIds])),
    )
    .orderBy(desc(rounds.opensAt))
  return new Map(rows.map((r) => [r.roundId, r.discipline]))
}
