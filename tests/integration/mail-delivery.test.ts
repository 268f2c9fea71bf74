import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { outbox } from '../../db/schema'
import { createWorkspace } from '../factories'
import { testSmtpServer } from '../smtp'

// A real SMTP server on a random local port. SMTP_URL must be set before the
// env is first read (getEnv caches it), so the mail module is imported after.
const smtp = testSmtpServer()
const received = smtp.received
let port = 0
let mail: typeof import('~/utils/mail.server')
const previousSmtpUrl = process.env.SMTP_URL

async function row(id: string) {
  const db = await getDb()
  const [r] = await db.select().from(outbox).where(eq(outbox.id, id))
  return r
}

async function queue(workspaceId: string, subject: string) {
  expect(
    await mail.queueMail({
      workspaceId,
      to: 'dev@example.com',
      subject,
      text: `Text of ${subject}`,
      html: `<p>HTML of <b>${subject}</b></p>`,
    }),
  ).toBe(true)
  const db = await getDb()
  const [r] = await db.select().from(outbox).where(eq(outbox.subject, subject))
  return r
}

beforeAll(async () => {
  port = await smtp.start(0)
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`
  mail = await import('~/utils/mail.server')
  const { getEnv } = await import('~/utils/env.server')
  expect(getEnv().SMTP_URL).toBe(`smtp://127.0.0.1:${port}`)
  mail.resetTransportForTests()
})

afterAll(async () => {
  await smtp.stop()
  mail?.resetTransportForTests()
  if (previousSmtpUrl === undefined) delete process.env.SMTP_URL
  else process.env.SMTP_URL = previousSmtpUrl
})

describe('mail delivery over SMTP', () => {
  it('delivers queued mail with text and HTML parts and marks it sent', async () => {
    const ws = await createWorkspace()
    const queued = await queue(ws.id, 'Pulse opens today')
    expect(queued).toMatchObject({ status: 'pending', attempts: 0 })

    const result = await mail.deliverDueMail()
    expect(result).toEqual({ sent: 1, failed: 0 })
    expect(received).toHaveLength(1)
    const [message] = received
    expect(message.to).toEqual(['dev@example.com'])
    expect(message.raw).toContain('Subject: Pulse opens today')
    expect(message.raw).toMatch(/Content-Type: text\/plain/i)
    expect(message.raw).toMatch(/Content-Type: text\/html/i)
    expect(message.raw).toContain('Text of Pulse opens today')
    expect(message.raw).toContain('<b>Pulse opens today</b>')

    const sent = await row(queued.id)
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null })
    expect(sent.sentAt).toBeInstanceOf(Date)

    // Sent mail is never sent again.
    expect(await mail.deliverDueMail()).toEqual({ sent: 0, failed: 0 })
    expect(received).toHaveLength(1)
  })

  it('keeps mail pending with backoff while the server is down, then delivers it', async () => {
    const ws = await createWorkspace()
    await smtp.stop()
    const queued = await queue(ws.id, 'Digest for week 48')

    const before = Date.now()
    const down = await mail.deliverDueMail()
    expect(down).toEqual({ sent: 0, failed: 1 })
    const failed = await row(queued.id)
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 })
    expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i)
    expect(failed.sentAt).toBeNull()
    // Retried a minute later: 1, 2, 4 … minutes.
    const delay = failed.nextAttemptAt.getTime() - before
    expect(delay).toBeGreaterThan(55_000)
    expect(delay).toBeLessThan(70_000)

    // Not due yet: nothing is tried again.
    await smtp.start(port)
    expect(await mail.deliverDueMail()).toEqual({ sent: 0, failed: 0 })
    expect(received.filter((m) => m.raw.includes('Digest for week 48'))).toHaveLength(0)

    const later = new Date(Date.now() + 2 * 60_000)
    expect(await mail.deliverDueMail(20, later)).toEqual({ sent: 1, failed: 0 })
    const delivered = await row(queued.id)
    expect(delivered).toMatchObject({ status: 'sent', attempts: 2, lastError: null })
    expect(received.filter((m) => m.raw.includes('Subject: Digest for week 48'))).toHaveLength(1)
  })

  it('backs off 1, 2, 4 … minutes, capped at an hour', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map(mail.retryDelayMinutes)).toEqual([1, 2, 4, 8, 60, 60, 60])
  })
})
