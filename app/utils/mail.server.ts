import { eq } from 'drizzle-orm'
import { getDb, type Database } from '../../db/client.server'
import { outbox } from '../../db/schema'
import { getEnv } from './env.server'
import { linkBase, renderMailLinks } from './tokens.server'
import { mailDelivered, mailFailures } from './metrics.server'
import { claimDue, leaseDeadline } from './outbox-lease.server'

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0]
export type MailInput = {
  workspaceId: string
  to: string
  subject: string
  text: string
  html?: string
  /** Makes the mail idempotent: a second queue with the same key is ignored. */
  dedupeKey?: string
  /** Mail to a group (a round's reminder) shares a key; the outbox shows the group as one line with a count. */
  batchKey?: string
  /**
   * The record behind a secret link (see linkRef in tokens.server.ts). The
   * bodies then hold LINK_PLACEHOLDER, and the link itself is only made when
   * the mail is delivered or shown to an admin: never stored.
   */
  linkRef?: string
}

/**
 * Every mail goes to the outbox first, inside the caller's transaction, so a
 * mail is never lost and never sent for a write that rolled back. With SMTP it
 * is 'pending' until delivered; without SMTP it is 'stored' for admins to read.
 */
export async function queueMail(mail: MailInput, tx?: Tx | Database): Promise<boolean> {
  const db = tx ?? (await getDb())
  const rows = await db
    .insert(outbox)
    .values({
      workspaceId: mail.workspaceId,
      toAddress: mail.to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html ?? null,
      dedupeKey: mail.dedupeKey ?? null,
      batchKey: mail.batchKey ?? null,
      linkRef: mail.linkRef ?? null,
      status: getEnv().SMTP_URL ? 'pending' : 'stored',
    })
    .onConflictDoNothing()
    .returning({ id: outbox.id })
  return rows.length > 0
}

type Transport = { sendMail: (message: { from: string; to: string; subject: string; text: string; html?: string }) => Promise<unknown> }
let transport: Transport | undefined

async function getTransport(): Promise<Transport | null> {
  const url = getEnv().SMTP_URL
  if (!url) return null
  if (!transport) {
    const nodemailer = await import('nodemailer')
    // Timeouts well inside the lease: nodemailer's default 10-minute socket timeout
    // would let one silent server stall every scheduler job and outlive the lease.
    // Query parameters in SMTP_URL still override these.
    transport = nodemailer.createTransport({ url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 })
  }
  return transport
}

/** Backoff after a failed send: 1, 2, 4 … minutes, capped at an hour. Never gives up. */
export function retryDelayMinutes(attempts: number) {
  return Math.min(60, 2 ** Math.max(0, attempts - 1))
}

/**
 * Delivers due mail: its own channel's rows of the outbox, claimed and leased
 * (see claimDue) so two app instances never send the same row at once.
 */
export async function deliverDueMail(limit = 20, now = new Date()): Promise<{ sent: number; failed: number }> {
  const smtp = await getTransport()
  if (!smtp) return { sent: 0, failed: 0 }
  const db = await getDb()
  const claimed = await claimDue(['mail'], limit, now)
  let sent = 0
  let failed = 0
  const from = getEnv().MAIL_FROM
  const leaseEnds = leaseDeadline()
  for (const row of claimed) {
    if (Date.now() > leaseEnds) break
    try {
      const body = renderMailLinks(row, linkBase())
      await smtp.sendMail({
        from,
        to: row.toAddress,
        subject: row.subject,
        text: body.text,
        html: body.html ?? undefined,
      })
      await db
        .update(outbox)
        .set({ status: 'sent', sentAt: new Date(), attempts: row.attempts + 1, lastError: null })
        .where(eq(outbox.id, row.id))
      mailDelivered.inc()
      sent++
    } catch (error) {
      const attempts = row.attempts + 1
      await db
        .update(outbox)
        .set({
          attempts,
          lastError: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500),
          // The same clock that chose the row as due decides when it is due again.
          nextAttemptAt: new Date(now.getTime() + retryDelayMinutes(attempts) * 60_000),
        })
        .where(eq(outbox.id, row.id))
      mailFailures.inc()
      failed++
    }
  }
  return { sent, failed }
}

export function resetTransportForTests() {
  transport = undefined
}
