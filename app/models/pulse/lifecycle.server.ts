// Opening and closing a round: the two moments that decide what its results
// can ever reveal. Opening fixes the roster and the thresholds people answer
// under; closing waits for answers in flight, then freezes the numbers and
// erases everything that could link a participation to a response.
import { randomInt, randomUUID } from 'node:crypto'
import { and, asc, eq, inArray, isNull, like, ne, notExists, sql } from 'drizzle-orm'
import { getConnection, type Tx } from '../../../db/client.server'
import {
  answers,
  memberships,
  notifications,
  outbox,
  participations,
  responses,
  roundItems,
  roundRoster,
  rounds,
  surveyItems,
  teams,
  users,
  workspaces,
} from '../../../db/schema'
import { normalizeSettings } from '~/domain/anonymity'
import { DISCIPLINES, RESPONSE_GROUPS, type Discipline, type ResponseGroup } from '~/domain/disciplines'
import { chooseComparison, storedGroups } from '~/domain/perception-split'
import { slackBatchKey } from '~/domain/chat'
import { formatDate } from '~/domain/format'
import { renderTextMail } from '~/utils/mail-render.server'
import { appUrl } from '~/utils/urls.server'
import { notify } from '../nudges/notify.server'
import { tellResultsReady } from '../nudges/pulse-notices.server'
import { addModuleItems } from './generative-culture.server'
import { refreshRoundRollup } from '../rollups.server'
import { announceRoundClosed } from '../webhooks/events.server'

/** Who answers pulses: members and facilitators. Leaders read aggregates instead. */
export const RESPONDENT_ROLES = ['member', 'facilitator'] as const

const reminderBatch = (roundId: string) => `round-reminder:${roundId}`
/** Reminder notifications start with this; closing a round deletes them, as they say who had not answered. */
const REMINDER_PREFIX = 'Reminder:'
const openBatch = (roundId: string) => `round-open:${roundId}`

/**
 * Freezes the items, the roster (with the discipline each answer will count
 * under) and the workspace's anonymity thresholds of today, opens the round
 * and tells the people on the roster.
 */
export async function openRound(tx: Tx, round: typeof rounds.$inferSelect) {
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
  await addModuleItems(tx, round)
  const people = await tx
    .select({ userId: users.id, email: users.email, discipline: memberships.discipline })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.workspaceId, round.workspaceId),
        eq(memberships.teamId, round.teamId),
        inArray(memberships.role, [...RESPONDENT_ROLES]),
      ),
    )
  if (people.length) {
    await tx
      .insert(roundRoster)
      .values(people.map((p) => ({ workspaceId: round.workspaceId, roundId: round.id, userId: p.userId, discipline: p.discipline })))
      .onConflictDoNothing()
  }
  const [ctx] = await tx
    .select({ teamName: teams.name, timeZone: workspaces.timeZone, k: workspaces.anonymityK, commentK: workspaces.commentK })
    .from(teams)
    .innerJoin(workspaces, eq(workspaces.id, teams.workspaceId))
    .where(eq(teams.id, round.teamId))
  const thresholds = normalizeSettings({ k: ctx.k, commentK: ctx.commentK })
  const roster = countBy(people.map((p) => p.discipline))
  await tx
    .update(rounds)
    .set({
      status: 'open',
      openedAt: sql`now()`,
      eligibleCount: people.length,
      anonymityK: thresholds.k,
      commentK: thresholds.commentK,
      comparison: chooseComparison(roster, thresholds),
    })
    .where(eq(rounds.id, round.id))
  const due = formatDate(round.closesAt, ctx.timeZone)
  const href = `/pulse/${round.id}`
  const message = `A respect pulse is open for ${ctx.teamName}. It takes under a minute; answer by ${due}.`
  const mail = renderTextMail('pulseOpen', { teamName: ctx.teamName, due, answerUrl: appUrl(href), anonymityUrl: appUrl('/anonymity') })
  await notify(
    {
      workspaceId: round.workspaceId,
      userIds: people.map((p) => p.userId),
      kind: 'pulse',
      message,
      href,
      subjectId: round.id,
      dedupeKey: openBatch(round.id),
      mail,
      batchKey: openBatch(round.id),
    },
    tx,
  )
}

/**
 * One reminder to the people on the roster who have not answered. The mail is
 * the same for everyone and is queued as one batch, so the outbox shows a
 * count and never the names: the list of recipients is the list of people who
 * had not answered.
 */
export async function remindRound(tx: Tx, round: typeof rounds.$inferSelect) {
  const pending = await tx
    .select({ userId: users.id })
    .from(roundRoster)
    .innerJoin(users, eq(users.id, roundRoster.userId))
    .where(
      and(
        eq(roundRoster.roundId, round.id),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(participations)
            .where(and(eq(participations.roundId, round.id), eq(participations.userId, roundRoster.userId))),
        ),
      ),
    )
  const [ctx] = await tx
    .select({ teamName: teams.name, timeZone: workspaces.timeZone })
    .from(teams)
    .innerJoin(workspaces, eq(workspaces.id, teams.workspaceId))
    .where(eq(teams.id, round.teamId))
  const closes = formatDate(round.closesAt, ctx.timeZone)
  const href = `/pulse/${round.id}`
  // No dedupe key: it would keep who was reminded (who had not answered) in
  // the outbox after the close. The round's reminder count, taken under its
  // row lock, is what keeps a reminder from going out twice.
  await notify(
    {
      workspaceId: round.workspaceId,
      userIds: pending.map((p) => p.userId),
      kind: 'pulse',
      message: `${REMINDER_PREFIX} the ${ctx.teamName} pulse closes ${closes}. It takes under a minute.`,
      href,
      subjectId: round.id,
      mail: renderTextMail('pulseReminder', { teamName: ctx.teamName, closes, answerUrl: appUrl(href) }),
      batchKey: reminderBatch(round.id),
    },
    tx,
  )
  return pending.length
}

function countBy(disciplines: readonly Discipline[]): Record<Discipline, number> {
  const counts = Object.fromEntries(DISCIPLINES.map((d) => [d, 0])) as Record<Discipline, number>
  for (const d of disciplines) counts[d]++
  return counts
}

function countGroups(groups: readonly ResponseGroup[]): Record<ResponseGroup, number> {
  const counts = Object.fromEntries(RESPONSE_GROUPS.map((g) => [g, 0])) as Record<ResponseGroup, number>
  for (const g of groups) counts[g]++
  return counts
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

const BATCH = 1000

/**
 * Rewrites a closed round's responses, answers and participations in random
 * order with fresh random ids, inside the closing transaction. Before this, a
 * response and the participation written with it share a transaction id and
 * sit at the same place in their tables; after it, every row of the round was
 * written by one transaction in an order that means nothing. Each response
 * keeps only the group it can ever be shown in (a discipline too small to be
 * shown on its own becomes "rest"), and a round below its threshold keeps no
 * response at all: nothing of it can ever be shown.
 */
export async function scrambleRound(tx: Tx, roundId: string) {
  const [round] = await tx.select({ k: rounds.anonymityK, comparison: rounds.comparison }).from(rounds).where(eq(rounds.id, roundId))
  const rows = await tx
    .select({
      id: responses.id,
      workspaceId: responses.workspaceId,
      teamId: responses.teamId,
      discipline: responses.discipline,
      comment: responses.comment,
    })
    .from(responses)
    .where(eq(responses.roundId, roundId))
  const ids = rows.map((r) => r.id)
  const given: { responseId: string; itemId: string; value: number; workspaceId: string }[] = []
  for (let i = 0; i < ids.length; i += BATCH) {
    given.push(
      ...(await tx
        .select({ responseId: answers.responseId, itemId: answers.itemId, value: answers.value, workspaceId: answers.workspaceId })
        .from(answers)
        .where(inArray(answers.responseId, ids.slice(i, i + BATCH)))),
    )
  }
  const who = await tx.select().from(participations).where(eq(participations.roundId, roundId))
  await tx.delete(responses).where(eq(responses.roundId, roundId))
  await tx.delete(participations).where(eq(participations.roundId, roundId))
  const newWho = shuffled(who)
  for (let i = 0; i < newWho.length; i += BATCH) await tx.insert(participations).values(newWho.slice(i, i + BATCH))

  const groups = storedGroups(countGroups(rows.map((r) => r.discipline)), round?.comparison ?? 'disciplines', { k: round?.k })
  if (groups === 'discard') return
  const fresh = new Map(rows.map((r) => [r.id, randomUUID()]))
  const newResponses = shuffled(rows).map((r) => ({
    ...r,
    id: fresh.get(r.id) ?? randomUUID(),
    roundId,
    discipline: groups[r.discipline],
  }))
  const newAnswers = shuffled(given).map((a) => ({ ...a, responseId: fresh.get(a.responseId) ?? '' }))
  for (let i = 0; i < newResponses.length; i += BATCH) await tx.insert(responses).values(newResponses.slice(i, i + BATCH))
  for (let i = 0; i < newAnswers.length; i += BATCH) await tx.insert(answers).values(newAnswers.slice(i, i + BATCH))
}

/**
 * Everything that happens when a round closes, in the closing transaction,
 * after its status changed (which waited for every answer in flight): the
 * rows are scrambled, the rollups written from exactly those rows, reminders
 * that only said who had not answered are forgotten, webhooks are queued.
 */
export async function finishClose(tx: Tx, roundId: string) {
  await scrambleRound(tx, roundId)
  await refreshRoundRollup(roundId, tx)
  await tellResultsReady(tx, roundId)
  await tx.delete(notifications).where(and(eq(notifications.href, `/pulse/${roundId}`), like(notifications.message, `${REMINDER_PREFIX}%`)))
  // Mail and Slack direct messages alike: a Slack row names its person by id as well as by email.
  const reminders = inArray(outbox.batchKey, [reminderBatch(roundId), slackBatchKey(reminderBatch(roundId))])
  await tx.delete(outbox).where(and(reminders, ne(outbox.status, 'sent')))
  await tx.update(outbox).set({ toAddress: '', recipientId: null }).where(reminders)
  await announceRoundClosed(tx, roundId)
  vacuumDue = true
}

let vacuumDue = false

/**
 * Removes the old row versions that a close left behind, so a copy of the
 * data files holds only the scrambled rows. Runs outside any transaction (a
 * database rule for VACUUM); the scheduler calls it after rounds close.
 */
export async function vacuumClosedRounds({ force = false } = {}) {
  if (!vacuumDue && !force) return false
  vacuumDue = false
  const { db } = await getConnection()
  await db.execute(sql`vacuum responses, answers, participations, notifications, outbox`)
  return true
}
