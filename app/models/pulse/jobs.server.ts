// The scheduler's pulse jobs: schedule, open, remind and close rounds on time.
import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm'
import { getDb, type Database } from '../../../db/client.server'
import { pulsePrograms, rounds, workspaces } from '../../../db/schema'
import { currentOrNextWindow } from '~/domain/cadence'
import { dueReminder, reminderTimes } from '~/domain/nudges'
import { isUniqueViolation } from '../team.server'
import { finishClose, openRound, remindRound } from './lifecycle.server'

// ------------------------------------------------------------------ scheduler jobs
// Each job claims its rows with FOR UPDATE SKIP LOCKED inside a transaction, so
// several app instances ticking at once never open, close or remind twice.

// Rows per insert: eight columns each, well under PostgreSQL's 65,535 parameters.
const SCHEDULE_BATCH = 1_000

/**
 * Makes sure every active program has its current or next round scheduled.
 * Idempotent: a window already scheduled (or open, or closed) conflicts and is
 * skipped. One multi-row insert per thousand programs: every tick asks this of
 * every program, and a statement each cost a company of 500 teams 500 round
 * trips and about 300 ms of server CPU every tick.
 */
async function scheduleUpcomingRounds(now = new Date(), conn?: Database) {
  const db = conn ?? (await getDb())
  const programs = await db
    .select({ program: pulsePrograms, timeZone: workspaces.timeZone })
    .from(pulsePrograms)
    .innerJoin(workspaces, eq(workspaces.id, pulsePrograms.workspaceId))
    .where(eq(pulsePrograms.active, true))
    // The same order in every instance: two inserts waiting on each other's rows in opposite orders would deadlock.
    .orderBy(asc(pulsePrograms.id))
  const wanted = programs.map(({ program, timeZone }) => ({
    workspaceId: program.workspaceId,
    teamId: program.teamId,
    programId: program.id,
    templateId: program.templateId,
    ...currentOrNextWindow(program, now, timeZone),
  }))
  let created = 0
  for (let i = 0; i < wanted.length; i += SCHEDULE_BATCH) {
    const rows = await db
      .insert(rounds)
      .values(wanted.slice(i, i + SCHEDULE_BATCH))
      .onConflictDoNothing()
      .returning({ id: rounds.id })
    created += rows.length
  }
  return created
}

async function openDueRounds(now = new Date(), limit = 50, conn?: Database) {
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

async function closeDueRounds(now = new Date(), limit = 200, conn?: Database) {
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
      .where(
        inArray(
          rounds.id,
          due.map((r) => r.id),
        ),
      )
    // A round with an answer in flight holds a share lock and was skipped
    // above; it closes on the next tick. Trend views read these rollups.
    for (const round of due) await finishClose(tx, round.id)
    return due.length
  })
}

// When a round's next reminder is due, in SQL, so the claim picks only rounds
// with one due (a program's days are stored sorted; none: halfway). Null once
// all went out. ~/domain/nudges decides the same from the rows it claims.
const nextReminderAt = sql`case
  when ${rounds.remindersSent} >= coalesce(array_length(${pulsePrograms.reminderDays}, 1), 1) then null
  when array_length(${pulsePrograms.reminderDays}, 1) is null then ${rounds.opensAt} + (${rounds.closesAt} - ${rounds.opensAt}) / 2
  else ${rounds.opensAt} + make_interval(days => ${pulsePrograms.reminderDays}[${rounds.remindersSent} + 1])
end`

/**
 * The program's reminders (by default one, halfway through the window), to
 * those on a round's roster who have not answered. The count of reminders
 * sent moves in the transaction that holds the round's row lock, so each goes
 * out once however many instances tick.
 */
async function sendDueReminders(now = new Date(), limit = 50, conn?: Database) {
  const db = conn ?? (await getDb())
  return db.transaction(async (tx) => {
    const candidates = await tx
      .select({ round: rounds, reminderDays: pulsePrograms.reminderDays })
      .from(rounds)
      .leftJoin(pulsePrograms, eq(pulsePrograms.id, rounds.programId))
      .where(and(eq(rounds.status, 'open'), gt(rounds.closesAt, now), sql`${nextReminderAt} <= ${now.toISOString()}::timestamptz`))
      .orderBy(asc(nextReminderAt))
      .limit(limit)
      .for('update', { of: rounds, skipLocked: true })
    let sent = 0
    for (const { round, reminderDays } of candidates) {
      const next = dueReminder(reminderTimes(round, reminderDays), round.remindersSent, now)
      if (next === null) continue
      sent += await remindRound(tx, round)
      await tx.update(rounds).set({ reminderSentAt: now, remindersSent: next }).where(eq(rounds.id, round.id))
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
