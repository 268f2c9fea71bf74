// Slack and Microsoft Teams messages go through the outbox, like mail: queued
// inside the transaction that decided them, delivered by the scheduler with
// retries, each row once. Rows hold no secret: the token and webhook URL are
// read from chat_connections when a row is delivered.
import { and, eq, gt, inArray, isNull } from 'drizzle-orm'
import { getDb, type Database, type Tx } from '../../db/client.server'
import { chatConnections, outbox, slackMembers, slackOptOuts, teamSlackChannels } from '../../db/schema'
import {
  classifySlack,
  classifyTeams,
  nextTry,
  SLACK_LINK_LABELS,
  slackBatchKey,
  slackText,
  teamsPayload,
  type ChatProvider,
  type DeliveryOutcome,
  type SlackDmKind,
} from '~/domain/chat'
import { networkError, postTeamsWebhook, slackCall } from '~/utils/chat-api.server'
import { claimDue, leaseDeadline } from '~/utils/outbox-lease.server'
import { appUrl } from '~/utils/urls.server'
import { getChatSecret, lookUpSlackUser, recordChatOutcome } from './chat-connections.server'

type Conn = Tx | Database
type OutboxRow = typeof outbox.$inferSelect

async function connected(db: Conn, workspaceId: string) {
  const rows = await db
    .select({ provider: chatConnections.provider })
    .from(chatConnections)
    .where(eq(chatConnections.workspaceId, workspaceId))
  return new Set(rows.map((r) => r.provider))
}

/**
 * Direct messages to people just told something in the app, when Slack is
 * connected and they have not turned that kind off. People Slack did not find
 * by email lately are left out. A group's messages share a batch key, so the
 * outbox shows a count and never who (a reminder goes exactly to those who
 * have not answered).
 */
export async function queueSlackDms(
  db: Conn,
  input: {
    workspaceId: string
    people: readonly { id: string; email: string }[]
    kind: SlackDmKind
    subject: string
    message: string
    href: string
    dedupeKey?: string
    batchKey?: string
  },
) {
  if (!input.people.length || !(await connected(db, input.workspaceId)).has('slack')) return 0
  const ids = input.people.map((p) => p.id)
  const [optedOut, missing] = await Promise.all([
    db
      .select({ userId: slackOptOuts.userId })
      .from(slackOptOuts)
      .where(and(inArray(slackOptOuts.userId, ids), eq(slackOptOuts.kind, input.kind))),
    db
      .select({ userId: slackMembers.userId, email: slackMembers.email })
      .from(slackMembers)
      .where(
        and(
          inArray(slackMembers.userId, ids),
          isNull(slackMembers.slackUserId),
          gt(slackMembers.checkedAt, new Date(Date.now() - 7 * 86_400_000)),
        ),
      ),
  ])
  const skip = new Set([...optedOut.map((o) => o.userId), ...missing.map((m) => `${m.userId}:${m.email}`)])
  const people = input.people.filter((p) => !skip.has(p.id) && !skip.has(`${p.id}:${p.email}`))
  if (!people.length) return 0
  const text = slackText({ message: input.message, url: appUrl(input.href), linkLabel: SLACK_LINK_LABELS[input.kind] })
  const rows = await db
    .insert(outbox)
    .values(
      people.map((p) => ({
        workspaceId: input.workspaceId,
        channel: 'slack' as const,
        recipientId: p.id,
        toAddress: p.email,
        subject: input.subject,
        textBody: text,
        dedupeKey: input.dedupeKey ? `slack:${input.dedupeKey}:${p.id}` : null,
        batchKey: input.batchKey ? slackBatchKey(input.batchKey) : null,
        status: 'pending' as const,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: outbox.id })
  return rows.length
}

/**
 * "Results ready" for a team's channels: its Slack channel when a facilitator
 * picked one, and the workspace's Teams channel. The notice and a link only.
 */
export async function queueResultsReadyPosts(
  db: Conn,
  input: { workspaceId: string; teamId: string; title: string; message: string; href: string; dedupeKey: string },
) {
  const providers = await connected(db, input.workspaceId)
  const url = appUrl(input.href)
  const common = { workspaceId: input.workspaceId, subject: input.title, status: 'pending' as const }
  const values = []
  if (providers.has('slack')) {
    const [channel] = await db.select().from(teamSlackChannels).where(eq(teamSlackChannels.teamId, input.teamId))
    if (channel) {
      values.push({
        ...common,
        channel: 'slack' as const,
        toAddress: channel.channelId,
        textBody: slackText({ message: input.message, url, linkLabel: 'See the results' }),
        dedupeKey: `slack:${input.dedupeKey}`,
      })
    }
  }
  if (providers.has('teams')) {
    // The card is built when it is sent; the row keeps its words and link, readable on the Outbox page.
    values.push({
      ...common,
      channel: 'teams' as const,
      toAddress: 'Microsoft Teams channel',
      textBody: `${input.message}\n\n${url}`,
      dedupeKey: `teams:${input.dedupeKey}`,
    })
  }
  if (values.length) await db.insert(outbox).values(values).onConflictDoNothing()
}

type Sent = DeliveryOutcome | { kind: 'skipped' }

async function sendSlack(row: OutboxRow, token: string): Promise<Sent> {
  let channel = row.toAddress
  if (row.recipientId) {
    const found = await lookUpSlackUser(row.workspaceId, { id: row.recipientId, email: row.toAddress }, token)
    if (found.kind === 'not-found') return { kind: 'skipped' }
    if (found.kind !== 'found') return found
    channel = found.slackUserId
  }
  try {
    return classifySlack(await slackCall('chat.postMessage', token, { channel, text: row.textBody, unfurl_links: 'false' }))
  } catch (error) {
    return { kind: 'retry', error: networkError('Slack', error), retryAfterSeconds: null }
  }
}

async function sendTeams(row: OutboxRow, webhook: string): Promise<Sent> {
  const cut = row.textBody.lastIndexOf('\n\n')
  const message = cut < 0 ? row.textBody : row.textBody.slice(0, cut)
  const url = cut < 0 ? appUrl('/') : row.textBody.slice(cut + 2)
  try {
    return classifyTeams(await postTeamsWebhook(webhook, teamsPayload({ title: row.subject, message, url, linkLabel: 'See the results' })))
  } catch (error) {
    return { kind: 'retry', error: networkError('Microsoft Teams', error), retryAfterSeconds: null }
  }
}

/**
 * Delivers due Slack and Teams rows. Each row is sent at most once: it is
 * claimed under a lease, and marked sent as soon as the service accepts it.
 * A 429 holds back that workspace's other rows for the same service until
 * Retry-After has passed, without counting a try against them.
 */
export async function deliverDueChat(limit = 20, now = new Date()) {
  const claimed = await claimDue(['slack', 'teams'], limit, now)
  const db = await getDb()
  const secrets = new Map<string, string | null>()
  const pausedUntil = new Map<string, Date>()
  const leaseEnds = leaseDeadline()
  const tally = { sent: 0, failed: 0, retried: 0, skipped: 0 }
  for (const row of claimed) {
    if (Date.now() > leaseEnds) break
    const provider: ChatProvider = row.channel === 'teams' ? 'teams' : 'slack'
    const key = `${row.workspaceId}:${provider}`
    const paused = pausedUntil.get(key)
    if (paused) {
      await db.update(outbox).set({ nextAttemptAt: paused }).where(eq(outbox.id, row.id))
      continue
    }
    if (!secrets.has(key)) secrets.set(key, await getChatSecret(row.workspaceId, provider))
    const secret = secrets.get(key) ?? null
    const label = provider === 'slack' ? 'Slack' : 'Microsoft Teams'
    const outcome: Sent =
      secret === null
        ? { kind: 'permanent', error: `${label} is not connected any more.` }
        : secret === ''
          ? { kind: 'permanent', error: 'The stored secret can no longer be read (SECRETS_KEY changed). Connect again.' }
          : provider === 'slack'
            ? await sendSlack(row, secret)
            : await sendTeams(row, secret)
    const attempts = row.attempts + 1
    if (outcome.kind === 'delivered') {
      await db.update(outbox).set({ status: 'sent', sentAt: new Date(), attempts, lastError: null }).where(eq(outbox.id, row.id))
      await recordChatOutcome(row.workspaceId, provider, { ok: true })
      tally.sent++
      continue
    }
    if (outcome.kind === 'skipped') {
      // Nothing can reach someone Slack does not know: there is no message to keep. They are counted on the integration page.
      await db.delete(outbox).where(eq(outbox.id, row.id))
      tally.skipped++
      continue
    }
    const next = outcome.kind === 'retry' ? nextTry(outcome, attempts, now) : null
    if (outcome.kind === 'retry' && outcome.retryAfterSeconds !== null && next) pausedUntil.set(key, next)
    const error = outcome.kind === 'retry' && !next ? `Gave up after ${attempts} tries. ${outcome.error}` : outcome.error
    await db
      .update(outbox)
      .set(next ? { attempts, lastError: error, nextAttemptAt: next } : { attempts, lastError: error, status: 'failed' })
      .where(eq(outbox.id, row.id))
    if (secret !== null) await recordChatOutcome(row.workspaceId, provider, { ok: false, error })
    if (next) tally.retried++
    else tally.failed++
  }
  return tally
}
