// The scheduler's action job: tells owners when an action item falls due and
// when it is overdue, once each per due date.
import { and, asc, eq, inArray, isNotNull, notExists, sql } from 'drizzle-orm'
import { getDb, type Database } from '../../../db/client.server'
import { actions as autopsyActions, notifications, workspaces } from '../../../db/schema'
import { noticeMail, notify } from './notify.server'

/** An action overdue for longer than this gets no notice: after an outage or an upgrade, old items stay quiet. */
const OVERDUE_NOTICE_DAYS = 14

/**
 * One pass: open and in-progress items with an owner, due today (in the
 * workspace's zone) or overdue, that have not had that notice for that due
 * date. Rows are claimed with FOR UPDATE SKIP LOCKED and the notice's dedupe
 * key is unique per person, so two instances never send one twice.
 */
export async function sendActionDueNotices(now = new Date(), limit = 200, conn?: Database) {
  const db = conn ?? (await getDb())
  const today = sql`(${now.toISOString()}::timestamptz at time zone ${workspaces.timeZone})::date`
  const state = sql<'due' | 'overdue'>`case when ${autopsyActions.dueOn} = ${today} then 'due' else 'overdue' end`
  const key = sql`'action_' || ${state} || ':' || ${autopsyActions.id} || ':' || ${autopsyActions.dueOn}`
  return db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: autopsyActions.id,
        workspaceId: autopsyActions.workspaceId,
        teamId: autopsyActions.teamId,
        autopsyId: autopsyActions.autopsyId,
        planId: autopsyActions.planId,
        ownerId: autopsyActions.ownerId,
        title: autopsyActions.title,
        dueOn: autopsyActions.dueOn,
        state,
      })
      .from(autopsyActions)
      .innerJoin(workspaces, eq(workspaces.id, autopsyActions.workspaceId))
      .where(
        and(
          inArray(autopsyActions.status, ['open', 'in_progress']),
          isNotNull(autopsyActions.ownerId),
          sql`${autopsyActions.dueOn} <= ${today}`,
          sql`${autopsyActions.dueOn} >= ${today} - ${OVERDUE_NOTICE_DAYS}::int`,
          notExists(
            tx
              .select({ one: sql`1` })
              .from(notifications)
              .where(and(eq(notifications.userId, autopsyActions.ownerId), eq(notifications.dedupeKey, key))),
          ),
        ),
      )
      .orderBy(asc(autopsyActions.dueOn))
      .limit(limit)
      .for('update', { of: autopsyActions, skipLocked: true })
    let told = 0
    for (const action of due) {
      if (!action.ownerId) continue
      const overdue = action.state === 'overdue'
      const message = overdue
        ? `Your action “${action.title}” was due ${action.dueOn} and is still open.`
        : `Your action “${action.title}” is due today.`
      // An action belongs to an autopsy or to a respect plan: the link goes where it is listed.
      const href = action.planId
        ? `/teams/${action.teamId}/plans/${action.planId}#action-${action.id}`
        : `/teams/${action.teamId}/autopsies/${action.autopsyId}#actions`
      const sent = await notify(
        {
          workspaceId: action.workspaceId,
          userIds: [action.ownerId],
          kind: overdue ? 'action_overdue' : 'action_due',
          message,
          href,
          subjectId: action.id,
          dedupeKey: `action_${action.state}:${action.id}:${action.dueOn}`,
          mail: noticeMail({
            subject: overdue ? `Overdue: ${action.title}` : `Due today: ${action.title}`,
            message,
            href,
            linkLabel: 'See the action',
          }),
        },
        tx,
      )
      told += sent.length
    }
    return told
  })
}
