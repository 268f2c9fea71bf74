// The three events, each built from the rows of the change inside its
// transaction. Payloads hold ids, times and links back into Tandem; what a
// round reveals is limited to what ~/domain/webhooks roundClosedData allows.
import { count, eq } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server'
import { participations, rounds } from '../../../db/schema'
import type { ActionStatus } from '~/domain/autopsy-lifecycle'
import { actionStatusData, autopsyPublishedData, roundClosedData } from '~/domain/webhooks'
import { appUrl } from '~/utils/urls.server'
import { enqueueWebhookEvent } from './deliveries.server'

/** Called by the closing transaction once the round's status is 'closed'. */
export async function announceRoundClosed(tx: Tx, roundId: string) {
  const [round] = await tx.select().from(rounds).where(eq(rounds.id, roundId))
  if (!round || round.status !== 'closed') return
  const closedAt = round.closedAt ?? new Date()
  const [{ responded }] = await tx.select({ responded: count() }).from(participations).where(eq(participations.roundId, roundId))
  await enqueueWebhookEvent(tx, {
    workspaceId: round.workspaceId,
    teamId: round.teamId,
    type: 'round.closed',
    occurredAt: closedAt,
    data: roundClosedData({
      id: round.id,
      opensAt: round.opensAt,
      closedAt,
      responded,
      eligible: round.eligibleCount,
      url: appUrl(`/teams/${round.teamId}/pulse?round=${round.id}`),
    }),
  })
}

export async function announceAutopsyPublished(
  tx: Tx,
  a: { workspaceId: string; teamId: string; id: string; publishedAt: Date; feature: { id: string; name: string } },
) {
  await enqueueWebhookEvent(tx, {
    workspaceId: a.workspaceId,
    teamId: a.teamId,
    type: 'autopsy.published',
    occurredAt: a.publishedAt,
    data: autopsyPublishedData({ ...a, url: appUrl(`/teams/${a.teamId}/autopsies/${a.id}`) }),
  })
}

type ActionRow = {
  id: string
  workspaceId: string
  teamId: string
  title: string
  source: 'autopsy' | 'plan'
  autopsyId: string | null
  planId: string | null
  dueOn: string
}

/** Only for a real change: setting the status an action already has announces nothing. */
export async function announceActionStatus(tx: Tx, action: ActionRow, previousStatus: ActionStatus, status: ActionStatus, at: Date) {
  if (previousStatus === status) return
  const path =
    action.source === 'plan'
      ? `/teams/${action.teamId}/plans/${action.planId}#action-${action.id}`
      : `/teams/${action.teamId}/autopsies/${action.autopsyId}#action-${action.id}`
  await enqueueWebhookEvent(tx, {
    workspaceId: action.workspaceId,
    teamId: action.teamId,
    type: 'action.status_changed',
    occurredAt: at,
    data: actionStatusData({ ...action, previousStatus, status, changedAt: at, url: appUrl(path) }),
  })
}
