// "Results ready": told to the team when a round closes with results that
// can be shown.
import { and, count, eq, inArray } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server'
import { memberships, participations, rounds, teams, workspaces } from '../../../db/schema'
import { formatDate } from '~/domain/format'
import { queueResultsReadyPosts } from '../chat-delivery.server'
import { noticeMail, notify } from './notify.server'

/**
 * Tells the team's members and facilitators that a closed round's results are
 * ready, inside the closing transaction. Only when the round's results can be
 * shown to every one of them, whether they answered or not (at least k people
 * besides any one of them): the notice goes to the whole team or to nobody, so
 * neither it nor the outbox says who answered. It carries no score.
 */
export async function tellResultsReady(tx: Tx, roundId: string) {
  const [round] = await tx
    .select({
      workspaceId: rounds.workspaceId,
      teamId: rounds.teamId,
      k: rounds.anonymityK,
      closedAt: rounds.closedAt,
      closesAt: rounds.closesAt,
      teamName: teams.name,
      timeZone: workspaces.timeZone,
      teamFirst: workspaces.teamFirst,
      teamFirstDays: workspaces.teamFirstDays,
    })
    .from(rounds)
    .innerJoin(teams, eq(teams.id, rounds.teamId))
    .innerJoin(workspaces, eq(workspaces.id, rounds.workspaceId))
    .where(eq(rounds.id, roundId))
  if (!round) return
  const [{ answered }] = await tx.select({ answered: count() }).from(participations).where(eq(participations.roundId, roundId))
  if (answered < round.k + 1) return
  const team = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.teamId, round.teamId), inArray(memberships.role, ['member', 'facilitator'])))
  const href = `/teams/${round.teamId}/pulse?round=${roundId}`
  const closed = formatDate(round.closedAt ?? round.closesAt, round.timeZone)
  const first = round.teamFirst && round.teamFirstDays > 0
  const days = round.teamFirstDays === 1 ? '1 day' : `${round.teamFirstDays} days`
  const ready = `Results of the ${round.teamName} pulse that closed ${closed} are ready.`
  const message = `${ready}${first ? ` Your team sees them ${days} before leaders do.` : ''}`
  const key = `round-results:${roundId}`
  await notify(
    {
      workspaceId: round.workspaceId,
      userIds: team.map((m) => m.userId),
      kind: 'results_ready',
      message,
      href,
      subjectId: roundId,
      dedupeKey: key,
      mail: noticeMail({ subject: `${round.teamName} pulse results are ready`, message, href, linkLabel: 'See the results' }),
      batchKey: key,
    },
    tx,
  )
  await queueResultsReadyPosts(tx, {
    workspaceId: round.workspaceId,
    teamId: round.teamId,
    title: `${round.teamName} pulse results are ready`,
    // A channel may hold more than the team: the notice alone, in the third person.
    message: ready,
    href,
    dedupeKey: key,
  })
}
