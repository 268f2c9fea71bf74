import { and, asc, count, desc, eq, inArray, isNull, lte, notExists, sql } from 'drizzle-orm'
import { getDb, type Database } from '../../db/client.server'
import {
  answers,
  memberships,
  participations,
  pulsePrograms,
  responses,
  roundItems,
  rounds,
  surveyItems,
  teams,
  users,
  workspaces,
} from '../../db/schema'
import { currentOrNextWindow, reminderAt, type Cadence } from '~/domain/cadence'
import type { Discipline } from '~/domain/disciplines'
import { formatDate } from '~/domain/time-zones'
import { getEnv } from '~/utils/env.server'
import { queueMail } from '~/utils/mail.server'
import { appUrl } from '~/utils/urls.server'
import { notify } from './notification.server'
import { refreshRoundRollup } from './rollups.server'
import { ensureBuiltInTemplate } from './survey.server'
import { isUniqueViolation } from './team.server'

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0]

/** Who answers pulses: members and facilitators. Leaders read aggregates instead. */
export const RESPONDENT_ROLES = ['member', 'facilitator'] as const

export class RoundConflictError extends Error {}

// ------------------------------------------------------------------ programs

export async function getProgram(workspaceId: string, teamId: string) {
  const db = await getDb()
  const [row] = await db
    .select()
    .from(pulsePrograms)
    .where(and(eq(pulsePrograms.workspaceId, workspaceId), eq(pulsePrograms.teamId, teamId)))
  return row ?? null
}

/**
 * Creates or changes a team's program. Rounds already scheduled but not yet open
 * are dropped so the new cadence takes over; open and closed rounds are kept.
 */
export async function saveProgram(
  workspaceId: string,
  teamId: string,
  input: { cadence: Cadence; windowDays: number; startDate: string; active: boolean },
) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const templateId = await ensureBuiltInTemplate(workspaceId, tx)
    const [program] = await tx
      .insert(pulsePrograms)
      .values({ workspaceId, teamId, templateId, ...input })
      .onConflictDoUpdate({ target: pulsePrograms.teamId, set: input })
      .returning()
    await tx.delete(rounds).where(and(eq(rounds.programId, program.id), eq(rounds.status, 'scheduled')))
    return program
  })
}

// ------------------------------------------------------------------ rounds

export async function listTeamRoundsAdmin(workspaceId: string, teamId: string, { limit = 10, offset = 0 } = {}) {
  const db = await getDb()
  const where = and(eq(rounds.workspaceId, workspaceId), eq(rounds.teamId, teamId))
  const [{ total }] = await db.select({ total: count() }).from(rounds).where(where)
  const rows = await db
    .select({
      id: rounds.id,
      status: rounds.status,
      opensAt: rounds.opensAt,
      closesAt: rounds.closesAt,
      closedAt: rounds.closedAt,
      eligible: rounds.eligibleCount,
      manual: sql<boolean>`${rounds.programId} is null`,
      responded: sql<number>`(select count(*)::int from ${participations} p where p.round_id = ${rounds.id})`,
    })
    .from(rounds)
    .where(where)
    .orderBy(desc(rounds.opensAt))
    .limit(limit)
    .offset(offset)
  return { total, rows }
}

async function eligibleMembers(tx: Tx, workspaceId: string, teamId: string) {
  return tx
    .select({ userId: users.id, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.teamId, teamId), inArray(memberships.role, [...RESPONDENT_ROLES])))
}

/** Freezes the items, counts who may answer, opens the round and tells them. */
async function openRound(tx: Tx, round: typeof rounds.$inferSelect) {
  const items = await tx
    .select({ id: surveyItems.id, position: surveyItems.position })
    .from(surveyItems)
    .where(and(eq(surveyItems.templateId, round.templateId), isNull(surveyItems.retiredAt)))
    .orderBy(asc(surveyItems.position))
  if (items.length) {
    await tx
      .insert(roundItems)
      .values(items.map((i) => ({ workspaceId: round.workspaceId, roundId: round.id, itemId: i.id, position: i.position })))
      .onConflictDoNothing()
  }
  const people = await eligibleMembers(tx, round.workspaceId, round.teamId)
  await tx
    .update(rounds)
    .set({ status: 'open', openedAt: sql`now()`, eligibleCount: people.length })
    .where(eq(rounds.id, round.id))
  const [ctx] = await tx
    .select({ teamName: teams.name, timeZone: workspaces.timeZone })
    .from(teams)
    .innerJoin(workspaces, eq(workspaces.id, teams.workspaceId))
    .where(eq(teams.id, round.teamId))
  const due = formatDate(round.closesAt, ctx.timeZone)
  const href = `/pulse/${round.id}`
  const message = `A respect pulse is open for ${ctx.teamName}. It takes under a minute; answer by ${due}.`
  await notify(
    people.map((p) => ({ workspaceId: round.workspaceId, userId: p.userId, message, href })),
    tx,
  )
  if (getEnv().SMTP_URL) {
    for (const p of people) {
      await queueMail(
        {
          workspaceId: round.workspaceId,
          to: p.email,
          subject: `Pulse open for ${ctx.teamName}`,
          text: `${message}\n\nAnswer anonymously: ${appUrl(href)}\n\nHow anonymity works: ${appUrl('/anonymity')}`,
          dedupeKey: `round-open:${round.id}:${p.userId}`,
        },
        tx,
      )
    }
  }
}

/** A facilitator opens a round now, outside the schedule. */
export async function openRoundNow(workspaceId: string, teamId: string, windowDays: number, now = new Date()) {
  const db = await getDb()
  try {
    return await db.transaction(async (tx) => {
      const [open] = await tx
        .select({ id: rounds.id })
        .from(rounds)
        .where(and(eq(rounds.teamId, teamId), eq(rounds.status, 'open')))
      if (open) throw new RoundConflictError('A round is already open for this team. Close it first.')
      const templateId = await ensureBuiltInTemplate(workspaceId, tx)
      const [round] = await tx
        .insert(rounds)
        .values({ workspaceId, teamId, templateId, opensAt: now, closesAt: new Date(now.getTime() + windowDays * 86_400_000) })
        .returning()
      await openRound(tx, round)
      return round
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new RoundConflictError('A round is already open for this team. Close it first.')
    throw error
  }
}

export async function closeRoundNow(workspaceId: string, teamId: string, roundId: string) {
  const db = await getDb()
  const row = await db.transaction(async (tx) => {
    const [closed] = await tx
      .update(rounds)
      .set({ status: 'closed', closedAt: sql`now()`, closesAt: sql`least(${rounds.closesAt}, now())` })
      .where(and(eq(rounds.workspaceId, workspaceId), eq(rounds.teamId, teamId), eq(rounds.id, roundId), eq(rounds.status, 'open')))
      .returning()
    if (closed) await refreshRoundRollup(closed.id, tx)
    return closed
  })
  if (row) return row
  const [exists] = await db
    .select({ status: rounds.status })
    .from(rounds)
    .where(and(eq(rounds.workspaceId, workspaceId), eq(rounds.teamId, teamId), eq(rounds.id, roundId)))
  if (!exists) return null
  throw new RoundConflictError(exists.status === 'closed' ? 'This round is already closed.' : 'This round has not opened yet.')
}

// ------------------------------------------------------------------ scheduler jobs
// Each job claims its rows with FOR UPDATE SKIP LOCKED inside a transaction, so
// several app instances ticking at once never open, close or remind twice.

/** Makes sure every active program has its current or next round scheduled. Idempotent. */
export async function scheduleUpcomingRounds(now = new Date(), conn?: Database) {
  const db = conn ?? (await getDb())
  const programs = await db
    .select({ program: pulsePrograms, timeZone: workspaces.timeZone })
    .from(pulsePrograms)
    .innerJoin(workspaces, eq(workspaces.id, pulsePrograms.workspaceId))
    .where(eq(pulsePrograms.active, true))
  let created = 0
  for (const { program, timeZone } of programs) {
    const window = currentOrNextWindow(program, now, timeZone)
    const rows = await db
      .insert(rounds)
      .values({ workspaceId: program.workspaceId, teamId: program.teamId, programId: program.id, templateId: program.templateId, ...window })
      .onConflictDoNothing()
      .returning({ id: rounds.id })
    created += rows.length
  }
  return created
}

export async function openDueRounds(now = new Date(), limit = 50, conn?: Database) {
  const db = conn ?? (await getDb())
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(rounds)
      .where(and(eq(rounds.status, 'scheduled'), lte(rounds.opensAt, now)))
      .orderBy(asc(rounds.opensAt))
      .limit(limit)
      .for('update', { skipLocked: true })
    let opened = 0
    for (const round of due) {
      // A window that passed entirely (the app was down) is dropped, not opened late.
      if (round.closesAt <= now) {
        await tx.delete(rounds).where(eq(rounds.id, round.id))
        continue
      }
      try {
        // A savepoint: a team that already has an open round skips this one without
        // aborting the rest of the batch.
        await tx.transaction(async (inner) => openRound(inner, round))
        opened++
      } catch (error) {
        if (!isUniqueViolation(error)) throw error
      }
    }
    return opened
  })
}

export async function closeDueRounds(now = new Date(), limit = 200, conn?: Database) {
  const db = conn ?? (await getDb())
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: rounds.id })
      .from(rounds)
      .where(and(eq(rounds.status, 'open'), lte(rounds.closesAt, now)))
      .limit(limit)
      .for('update', { skipLocked: true })
    if (!due.length) return 0
    await tx
      .update(rounds)
      .set({ status: 'closed', closedAt: now })
      .where(inArray(rounds.id, due.map((r) => r.id)))
    // Trend views read these rollups, never raw answers.
    for (const round of due) await refreshRoundRollup(round.id, tx)
    return due.length
  })
}

/**
 * One reminder per round, halfway through its window, to those who have not
 * answered. Only the server knows who they are; nobody is shown the list.
 */
export async function sendDueReminders(now = new Date(), limit = 50, conn?: Database) {
  const db = conn ?? (await getDb())
  return db.transaction(async (tx) => {
    const candidates = await tx
      .select()
      .from(rounds)
      .where(and(eq(rounds.status, 'open'), isNull(rounds.reminderSentAt)))
      .limit(limit)
      .for('update', { skipLocked: true })
    let sent = 0
    for (const round of candidates) {
      if (reminderAt(round) > now || round.closesAt <= now) continue
      const pending = await tx
        .select({ userId: users.id, email: users.email, teamName: teams.name, timeZone: workspaces.timeZone })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .innerJoin(teams, eq(teams.id, memberships.teamId))
        .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
        .where(
          and(
            eq(memberships.teamId, round.teamId),
            inArray(memberships.role, [...RESPONDENT_ROLES]),
            notExists(
              tx
                .select({ one: sql`1` })
                .from(participations)
                .where(and(eq(participations.roundId, round.id), eq(participations.userId, memberships.userId))),
            ),
          ),
        )
      const href = `/pulse/${round.id}`
      await notify(
        pending.map((p) => ({
          workspaceId: round.workspaceId,
          userId: p.userId,
          message: `Reminder: the ${p.teamName} pulse closes ${formatDate(round.closesAt, p.timeZone)}. It takes under a minute.`,
          href,
        })),
        tx,
      )
      if (getEnv().SMTP_URL) {
        for (const p of pending) {
          await queueMail(
            {
              workspaceId: round.workspaceId,
              to: p.email,
              subject: `Reminder: ${p.teamName} pulse closes soon`,
              text: `The ${p.teamName} pulse closes ${formatDate(round.closesAt, p.timeZone)}. Answer anonymously: ${appUrl(href)}`,
              dedupeKey: `round-reminder:${round.id}:${p.userId}`,
            },
            tx,
          )
        }
      }
      await tx.update(rounds).set({ reminderSentAt: now }).where(eq(rounds.id, round.id))
      sent += pending.length
    }
    return sent
  })
}

/** Scheduled rounds that never opened (their team had another round open) are dropped once their window passes. */
async function dropMissedRounds(now: Date, conn?: Database) {
  const db = conn ?? (await getDb())
  await db.delete(rounds).where(and(eq(rounds.status, 'scheduled'), lte(rounds.closesAt, now)))
}

/** One scheduler pass. `conn` lets a test play a second app instance with its own connection. */
export async function runPulseJobs(now = new Date(), conn?: Database) {
  await closeDueRounds(now, undefined, conn)
  await dropMissedRounds(now, conn)
  await scheduleUpcomingRounds(now, conn)
  await openDueRounds(now, undefined, conn)
  await sendDueReminders(now, undefined, conn)
}

// ------------------------------------------------------------------ answering

type Viewer = { id: string; workspaceId: string }

/** Open rounds on the viewer's teams that they have not answered yet. */
export async function listPendingPulses(viewer: Viewer) {
  const db = await getDb()
  return db
    .select({ roundId: rounds.id, teamName: teams.name, closesAt: rounds.closesAt })
    .from(rounds)
    .innerJoin(teams, eq(teams.id, rounds.teamId))
    .innerJoin(memberships, and(eq(memberships.teamId, rounds.teamId), eq(memberships.userId, viewer.id)))
    .where(
      and(
        eq(rounds.workspaceId, viewer.workspaceId),
        eq(rounds.status, 'open'),
        inArray(memberships.role, [...RESPONDENT_ROLES]),
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
  teamName: string
  timeZone: string
  discipline: Discipline
  answered: boolean
  items: { id: string; wording: string; dimension: string }[]
}

/** The round as the viewer may answer it, or null when they are not a respondent of its team (a 404). */
export async function getPulseForAnswer(viewer: Viewer, roundId: string): Promise<PulseForAnswer | null> {
  const db = await getDb()
  const [row] = await db
    .select({ round: rounds, teamName: teams.name, timeZone: workspaces.timeZone, discipline: memberships.discipline })
    .from(rounds)
    .innerJoin(teams, eq(teams.id, rounds.teamId))
    .innerJoin(workspaces, eq(workspaces.id, rounds.workspaceId))
    .innerJoin(memberships, and(eq(memberships.teamId, rounds.teamId), eq(memberships.userId, viewer.id)))
    .where(and(eq(rounds.id, roundId), eq(rounds.workspaceId, viewer.workspaceId), inArray(memberships.role, [...RESPONDENT_ROLES])))
  if (!row) return null
  const [answered] = await db
    .select({ one: sql`1` })
    .from(participations)
    .where(and(eq(participations.roundId, roundId), eq(participations.userId, viewer.id)))
  const items = await db
    .select({ id: surveyItems.id, wording: surveyItems.wording, dimension: surveyItems.dimension })
    .from(roundItems)
    .innerJoin(surveyItems, eq(surveyItems.id, roundItems.itemId))
    .where(eq(roundItems.roundId, roundId))
    .orderBy(asc(roundItems.position))
  return { ...row, answered: Boolean(answered), items }
}

export type SubmitResult = 'recorded' | 'already-answered' | 'closed' | 'not-found'

/**
 * Records one anonymous response. The participation row (who) and the response
 * row (what) are written in one transaction; the participation primary key makes
 * a second submission, however concurrent, record nothing.
 */
export async function submitResponse(
  viewer: Viewer,
  roundId: string,
  input: { discipline: Discipline; answers: Record<string, number>; comment: string | null },
): Promise<SubmitResult> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [round] = await tx
      .select({ id: rounds.id, teamId: rounds.teamId, status: rounds.status, closesAt: rounds.closesAt })
      .from(rounds)
      .innerJoin(memberships, and(eq(memberships.teamId, rounds.teamId), eq(memberships.userId, viewer.id)))
      .where(and(eq(rounds.id, roundId), eq(rounds.workspaceId, viewer.workspaceId), inArray(memberships.role, [...RESPONDENT_ROLES])))
    if (!round) return 'not-found'
    if (round.status !== 'open' || round.closesAt <= new Date()) return 'closed'
    const claimed = await tx
      .insert(participations)
      .values({ workspaceId: viewer.workspaceId, roundId, userId: viewer.id })
      .onConflictDoNothing()
      .returning({ roundId: participations.roundId })
    if (!claimed.length) return 'already-answered'
    const [response] = await tx
      .insert(responses)
      .values({ workspaceId: viewer.workspaceId, roundId, teamId: round.teamId, discipline: input.discipline, comment: input.comment })
      .returning({ id: responses.id })
    await tx.insert(answers).values(
      Object.entries(input.answers).map(([itemId, value]) => ({ workspaceId: viewer.workspaceId, responseId: response.id, itemId, value })),
    )
    return 'recorded'
  })
}

/** The item ids a round asks, to validate a submission against. */
export async function getRoundItemIds(roundId: string) {
  const db = await getDb()
  const rows = await db.select({ id: roundItems.itemId }).from(roundItems).where(eq(roundItems.roundId, roundId))
  return rows.map((r) => r.id)
}
