// Which kinds of notice a person also wants by mail. Stored as opt-outs: a
// kind without a row is mailed (when SMTP is set).
import { and, eq } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { mailOptOuts, slackOptOuts } from '../../../db/schema'
import { SLACK_DM_KINDS, type SlackDmKind } from '~/domain/chat'
import { NOTICE_KINDS, isNoticeKind, type NoticeKind } from '~/domain/nudges'

export async function getMailPreferences(person: { id: string; workspaceId: string }): Promise<Record<NoticeKind, boolean>> {
  const db = await getDb()
  const rows = await db
    .select({ kind: mailOptOuts.kind })
    .from(mailOptOuts)
    .where(and(eq(mailOptOuts.workspaceId, person.workspaceId), eq(mailOptOuts.userId, person.id)))
  const off = new Set(rows.map((r) => r.kind).filter(isNoticeKind))
  return Object.fromEntries(NOTICE_KINDS.map((k) => [k, !off.has(k)])) as Record<NoticeKind, boolean>
}

/** Replaces the person's choices in one transaction: `mailed` are the kinds they want by mail. */
/**
 * Saves a person's notice choices from the account page in one transaction:
 * the kinds they want mailed, and (when Slack is connected) the kinds they
 * want as Slack direct messages. Both are stored as opt-outs.
 */
export async function saveNoticePreferences(
  person: { id: string; workspaceId: string },
  choices: { mail: readonly NoticeKind[]; slack?: readonly SlackDmKind[] },
) {
  const db = await getDb()
  const mailed = new Set(choices.mail)
  await db.transaction(async (tx) => {
    await tx.delete(mailOptOuts).where(and(eq(mailOptOuts.workspaceId, person.workspaceId), eq(mailOptOuts.userId, person.id)))
    const off = NOTICE_KINDS.filter((k) => !mailed.has(k))
    if (off.length) {
      await tx.insert(mailOptOuts).values(off.map((kind) => ({ workspaceId: person.workspaceId, userId: person.id, kind })))
    }
    if (!choices.slack) return
    const wanted = new Set(choices.slack)
    await tx.delete(slackOptOuts).where(and(eq(slackOptOuts.workspaceId, person.workspaceId), eq(slackOptOuts.userId, person.id)))
    const slackOff = SLACK_DM_KINDS.filter((k) => !wanted.has(k))
    if (slackOff.length)
      await tx.insert(slackOptOuts).values(slackOff.map((kind) => ({ workspaceId: person.workspaceId, userId: person.id, kind })))
  })
}

/** Which kinds of Slack direct message a person wants; stored as opt-outs like mail. */
export async function getSlackPreferences(person: { id: string; workspaceId: string }): Promise<Record<SlackDmKind, boolean>> {
  const db = await getDb()
  const rows = await db
    .select({ kind: slackOptOuts.kind })
    .from(slackOptOuts)
    .where(and(eq(slackOptOuts.workspaceId, person.workspaceId), eq(slackOptOuts.userId, person.id)))
  const off = new Set(rows.map((r) => r.kind))
  return Object.fromEntries(SLACK_DM_KINDS.map((k) => [k, !off.has(k)])) as Record<SlackDmKind, boolean>
}

/** Replaces the person's Slack choices in one transaction: `wanted` are the kinds they want in Slack. */
