import { and, asc, count, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm'
import { getDb, type Database } from '../../db/client.server'
import { participations, pulsePrograms, rounds, workspaces } from '../../db/schema'
import { currentOrNextWindow, reminderAt, type Cadence } from '~/domain/cadence'
import { refuse } from '~/domain/refusal'
import { finishClose, openRound, remindRound } from './round-lifecycle.server'
import { ensureBuiltInTemplate } from './survey.server'
import { isUniqueViolation } from './team.server'

export const ROUND_ALREADY_OPEN = 'A round is already open for this team. Close it first.'

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

/** A facilitator opens a round now, outside the schedule. */
export async function openRoundNow(workspaceId: string, teamId: string, windowDays: number, now = new Date()) {
  const db = await getDb()
  try {
    return await db.transaction(async (tx) => {
      const [open] = await tx
        .select({ id: rounds.id })
        .from(rounds)
        .where(and(eq(rounds.teamId, teamId), eq(rounds.status, 'open')))
      if (open) refuse(409, ROUND_ALREADY_OPEN)
      const templateId = await ensureBuiltInTemplate(workspaceId, tx)
      const [round] = await tx
        .insert(rounds)
        .values({ workspaceId, teamId, templateId, opensAt: now, closesAt: new Date(now.getTime() + windowDays * 86_400_000) })
        .returning()
      await openRound(tx, round)
      return round
    })
  } catch (error) {
    if (isUniqueViolation(error)) refuse(409, ROUND_ALREADY_OPEN)
    throw error
  }
}

/**
 * Closes a round now. The update takes the round row's exclusive lock, so it
 * waits for every answer in flight (each holds a share lock until it commits);
 * answers that arrive later find the round closed.
 */
export async function closeRoundNow(workspaceId: string, teamId: string, roundId: string) {
  const db = await getDb()
  const row = await db.transaction(async (tx) => {
    const [closed] = await tx
      .update(rounds)
      .set({ status: 'closed', closedAt: sql`now()`, closesAt: sql`least(${rounds.closesAt}, now())` })
      .where(and(eq(rounds.workspaceId, workspaceId), eq(rounds.teamId, teamId), eq(rounds.id, roundId), eq(rounds.status, 'open')))
      .returning()
    if (closed) await finishClose(tx, closed.id)
    return closed
  })
  if (row) return row
  const [exists] = await db
    .select({ status: rounds.status })
    .from(rounds)
    .where(and(eq(rounds.workspaceId, workspaceId), eq(rounds.teamId, teamId), eq(rounds.id, roundId)))
  if (!exists) refuse(404, 'Round not found.')
  refuse(409, exists.status === 'closed' ? 'This round is already closed.' : 'This round has not opened yet.')
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
    // A round with an answer in flight holds a share lock and was skipped
    // above; it closes on the next tick. Trend views read these rollups.
    for (const round of due) await finishClose(tx, round.id)
    return due.length
  })
}

/** One reminder per round, halfway through its window, to those on its roster who have not answered. */
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
      sent += await remindRound(tx, round)
      await tx.update(rounds).set({ reminderSentAt: now }).where(eq(rounds.id, round.id))
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
