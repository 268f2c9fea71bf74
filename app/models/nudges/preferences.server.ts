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
export async function saveMailPreferences(person: { id: string; workspaceId: string }, mailed: readonly NoticeKind[]) {
  const db = await getDb()
  const keep = new Set(mailed)
  await db.transaction(async (tx) => {
    await tx.delete(mailOptOuts).where(and(eq(mailOptOuts.workspaceId, person.workspaceId), eq(mailOptOuts.userId, person.id)))
    const off = NOTICE_KINDS.filter((k) => !keep.has(k))
    if (off.length) {
      await tx.insert(mailOptOuts).values(off.map((kind) => ({ workspaceId: person.workspaceId, userId: person.id, kind })))
    }
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
export async function saveSlackPreferences(person: { id: string; workspaceId: string }, wanted: readonly SlackDmKind[]) {
  const db = await getDb()
  const keep = new Set(wanted)
  await db.transaction(async (tx) => {
    await tx.delete(slackOptOuts).where(and(eq(slackOptOuts.workspaceId, person.workspaceId), eq(slackOptOuts.userId, person.id)))
    const off = SLACK_DM_KINDS.filter((k) => !keep.has(k))
    if (off.length) await tx.insert(slackOptOuts).values(off.map((kind) => ({ workspaceId: person.workspaceId, userId: person.id, kind })))
  })
}
