// The one way Tandem tells someone something: the in-app notice always, a
// mail too when SMTP is set and the person has not turned that kind of mail
// off, and a Slack direct message for the kinds in SLACK_DM_KINDS when Slack is
// connected. Callers say what happened; this decides who gets which copy.
import { and, eq, inArray, isNull } from 'drizzle-orm'
import { getDb, type Database, type Tx } from '../../../db/client.server'
import { mailOptOuts, notifications, users } from '../../../db/schema'
import { isSlackDmKind } from '~/domain/chat'
import type { NoticeKind } from '~/domain/nudges'
import { getEnv } from '~/utils/env.server'
import { queueMail } from '~/utils/mail.server'
import { renderMail } from '~/utils/mail-render.server'
import { appUrl } from '~/utils/urls.server'
import { queueSlackDms } from '../chat-delivery.server'

export type NoticeMail = { subject: string; text: string; html?: string }

export type NotifyInput = {
  workspaceId: string
  userIds: readonly string[]
  kind: NoticeKind
  /** the notice's words: no name of anyone who has or has not answered, no score, no comment */
  message: string
  href?: string
  /** the record it is about (a round, an autopsy, an action item) */
  subjectId?: string
  /**
   * Makes the notice, and its mail, idempotent per person: a second call with
   * the same key writes and sends nothing to whoever already has it.
   */
  dedupeKey?: string
  /** The mail, the same for everyone in this call; see noticeMail(). Queued only with SMTP. */
  mail?: NoticeMail
  /**
   * Mail whose recipient list says something (a reminder goes exactly to
   * those who have not answered) shares a batch key: the outbox shows a count
   * and never the addresses.
   */
  batchKey?: string
}

/**
 * Writes the notices and queues their mail, inside the caller's transaction
 * when given one, so nothing is told about a change that rolled back. Only
 * active people of the workspace are told. Returns who was newly notified.
 */
export async function notify(input: NotifyInput, conn?: Tx | Database): Promise<string[]> {
  const ids = [...new Set(input.userIds)]
  if (!ids.length) return []
  const db = conn ?? (await getDb())
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.workspaceId, input.workspaceId), inArray(users.id, ids), isNull(users.deactivatedAt)))
  if (!people.length) return []
  const written = await db
    .insert(notifications)
    .values(
      people.map((p) => ({
        workspaceId: input.workspaceId,
        userId: p.id,
        kind: input.kind,
        message: input.message,
        href: input.href ?? null,
        subjectId: input.subjectId ?? null,
        dedupeKey: input.dedupeKey ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ userId: notifications.userId })
  const told = new Set(written.map((w) => w.userId))
  if (input.mail && getEnv().SMTP_URL && told.size) {
    const optedOut = await db
      .select({ userId: mailOptOuts.userId })
      .from(mailOptOuts)
      .where(and(inArray(mailOptOuts.userId, [...told]), eq(mailOptOuts.kind, input.kind)))
    const skip = new Set(optedOut.map((o) => o.userId))
    for (const p of people) {
      if (!told.has(p.id) || skip.has(p.id)) continue
      await queueMail(
        {
          workspaceId: input.workspaceId,
          to: p.email,
          ...input.mail,
          dedupeKey: input.dedupeKey ? `${input.dedupeKey}:${p.id}` : undefined,
          batchKey: input.batchKey,
        },
        db,
      )
    }
  }
  if (told.size && isSlackDmKind(input.kind)) {
    await queueSlackDms(db, {
      workspaceId: input.workspaceId,
      people: people.filter((p) => told.has(p.id)),
      kind: input.kind,
      subject: input.mail?.subject ?? input.message,
      message: input.message,
      href: input.href ?? '/notifications',
      dedupeKey: input.dedupeKey,
      batchKey: input.batchKey,
    })
  }
  return [...told]
}

/** A notice's mail: its words and a button to where it points. */
export function noticeMail(input: { subject: string; message: string; href: string; linkLabel: string }): NoticeMail {
  return renderMail('notice', {
    subject: input.subject,
    message: input.message,
    linkLabel: input.linkLabel,
    url: appUrl(input.href),
    preferencesUrl: appUrl('/account#notices'),
  })
}
