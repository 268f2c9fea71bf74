import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Database } from '../client.server'
import { answers, participations, pulsePrograms, responses, roundItems, roundRoster, rounds, surveyItems } from '../schema'
import { occurrence } from '~/domain/cadence'
import { ANONYMITY_DEFAULTS } from '~/domain/anonymity'
import { DISCIPLINES, type Discipline } from '~/domain/disciplines'
import { chooseComparison, storedGroups } from '~/domain/perception-split'
import type { DimensionKey } from '~/domain/instrument'
import { refreshRoundRollup } from '~/models/rollups.server'
import type { Rng } from './random'
import { at, type TeamStory } from './story'

type Member = { userId: string; discipline: Discipline; demo: boolean }

/**
 * A year of biweekly rounds for one team, written the way the app writes them:
 * responses carry no user, participation is a separate row. The current window,
 * if open, stays open with some answers so demo people can answer it themselves.
 */
export async function seedPulseHistory(
  db: Database,
  input: {
    workspaceId: string
    teamId: string
    templateId: string
    timeZone: string
    startDate: string
    story: TeamStory
    members: Member[]
    now: Date
  },
  random: Rng,
) {
  const { workspaceId, teamId, templateId, timeZone, startDate, story, members, now } = input
  const [program] = await db
    .insert(pulsePrograms)
    .values({ workspaceId, teamId, templateId, cadence: 'biweekly', windowDays: 3, startDate, active: true })
    .returning()
  const items = await db
    .select()
    .from(surveyItems)
    .where(and(eq(surveyItems.templateId, templateId), isNull(surveyItems.retiredAt)))
    .orderBy(asc(surveyItems.position))
  const schedule = { cadence: 'biweekly' as const, windowDays: 3, startDate }
  const first = occurrence(schedule, 0, timeZone).opensAt.getTime()
  const span = now.getTime() - first
  // A stable personal tendency: some people answer a little higher or lower.
  const offsets = new Map(members.map((m) => [m.userId, random.normal() * 0.35]))
  let roundsMade = 0
  let responsesMade = 0
  const windows: { opensAt: Date; closesAt: Date; scheduled: boolean }[] = []
  for (let index = 0; ; index++) {
    const window = occurrence(schedule, index, timeZone)
    if (window.opensAt > now) break
    windows.push({ ...window, scheduled: true })
  }
  // The demo always has a pulse to answer: between scheduled windows, the
  // facilitator opened one by hand an hour ago.
  if (!windows.some((w) => w.closesAt > now)) {
    windows.push({ opensAt: new Date(now.getTime() - 3_600_000), closesAt: new Date(now.getTime() + 3 * 86_400_000), scheduled: false })
  }
  const roster = Object.fromEntries(DISCIPLINES.map((d) => [d, members.filter((m) => m.discipline === d).length])) as Record<
    Discipline,
    number
  >
  // As a round opening does: the comparison comes from the roster, at the default threshold.
  const comparison = chooseComparison(roster, { k: ANONYMITY_DEFAULTS.k })
  for (const { scheduled, ...window } of windows) {
    const open = window.closesAt > now
    const t = Math.min(1, (window.opensAt.getTime() - first) / span)
    const [round] = await db
      .insert(rounds)
      .values({
        workspaceId,
        teamId,
        programId: scheduled ? program.id : null,
        templateId,
        status: open ? 'open' : 'closed',
        ...window,
        openedAt: window.opensAt,
        closedAt: open ? null : window.closesAt,
        reminderSentAt: open ? null : new Date((window.opensAt.getTime() + window.closesAt.getTime()) / 2),
        eligibleCount: members.length,
        comparison,
      })
      .returning()
    await db.insert(roundItems).values(items.map((i) => ({ workspaceId, roundId: round.id, itemId: i.id, position: i.position })))
    await db
      .insert(roundRoster)
      .values(members.map((m) => ({ workspaceId, roundId: round.id, userId: m.userId, discipline: m.discipline })))
    roundsMade++
    // In the open round only some have answered so far, and never the demo logins.
    const rate = open ? story.participation * 0.5 : story.participation
    const answering = members.filter((m) => !(open && m.demo) && random.next() < rate)
    const commentPool = story.comments.find((c) => t <= c.until)?.lines ?? []
    const responseRows: (typeof responses.$inferInsert & { id: string })[] = []
    const answerRows: (typeof answers.$inferInsert)[] = []
    for (const member of random.shuffle(answering)) {
      const id = crypto.randomUUID()
      const comment = commentPool.length && random.next() < 0.3 ? random.pick(commentPool) : null
      responseRows.push({ id, workspaceId, roundId: round.id, teamId, discipline: member.discipline, comment })
      for (const item of items) {
        const dimension = item.dimension as DimensionKey
        const leanCurve = story.lean[dimension]?.[member.discipline]
        const level = at(story.levels[dimension], t) + (leanCurve ? at(leanCurve, t) : 0) + (offsets.get(member.userId) ?? 0)
        const agreed = Math.max(1, Math.min(7, Math.round(level + random.normal() * 0.75)))
        // Reverse-scored statements are agreed with when things are bad.
        answerRows.push({ workspaceId, responseId: id, itemId: item.id, value: item.reverseScored ? 8 - agreed : agreed })
      }
    }
    if (answering.length)
      await db.insert(participations).values(answering.map((m) => ({ workspaceId, roundId: round.id, userId: m.userId })))
    // A closed round keeps what closing keeps: the groups that can be shown, and nothing below the threshold.
    const groups = open
      ? null
      : storedGroups({ ...countBy(answering.map((m) => m.discipline)), rest: 0 }, comparison, { k: ANONYMITY_DEFAULTS.k })
    if (groups === 'discard') responseRows.length = 0
    else if (groups) for (const row of responseRows) row.discipline = groups[row.discipline]
    if (responseRows.length) {
      await db.insert(responses).values(responseRows)
      await db.insert(answers).values(answerRows)
    }
    if (!open) await refreshRoundRollup(round.id, db)
    responsesMade += responseRows.length
  }
  return { rounds: roundsMade, responses: responsesMade }
}

function countBy(disciplines: readonly Discipline[]): Record<Discipline, number> {
  const counts = Object.fromEntries(DISCIPLINES.map((d) => [d, 0])) as Record<Discipline, number>
  for (const d of disciplines) counts[d]++
  return counts
}
