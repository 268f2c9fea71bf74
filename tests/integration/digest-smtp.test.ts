// The digest delivered over SMTP to a real server started inside the test:
// both parts, the subject and the three numbers as computed; and, with the
// server down, kept pending with backoff and delivered once it is back.
import { and, eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { digestSends, outbox, type SurveyItem } from '../../db/schema'
import { createFeature, type FeatureInput } from '~/models/features.server'
import { refreshRoundRollup } from '~/models/rollups.server'
import { featureInput } from '../autopsy-factories'
import { addMember, createTeam, createUser, createWorkspace } from '../factories'
import { createRound, createTemplate, respond, times } from '../pulse-factories'
import { testSmtpServer } from '../smtp'

const smtp = testSmtpServer()
const received = smtp.received
let port = 0
// Imported after SMTP_URL is set: getEnv caches the environment on first read.
let mail: typeof import('~/utils/mail.server')
let digest: typeof import('~/models/digest.server')
let sends: typeof import('~/models/digest-sends.server')
const previousSmtpUrl = process.env.SMTP_URL

beforeAll(async () => {
  port = await smtp.start(0)
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`
  mail = await import('~/utils/mail.server')
  digest = await import('~/models/digest.server')
  sends = await import('~/models/digest-sends.server')
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

// ------------------------------------------------------------------ a small MIME reader

function decodeQuotedPrintable(body: string): string {
  const bytes: number[] = []
  const soft = body.replace(/=\r?\n/g, '')
  for (let i = 0; i < soft.length; i++) {
    const hex = soft[i] === '=' ? soft.slice(i + 1, i + 3) : ''
    if (/^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16))
      i += 2
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'))
    }
  }
  return Buffer.from(bytes).toString('utf8')
}

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body)
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  return body
}

function headersOf(block: string): Record<string, string> {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ')
  return Object.fromEntries(
    unfolded
      .split(/\r?\n/)
      .filter((line) => line.includes(':'))
      .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  )
}

/** RFC 2047 encoded words, as nodemailer writes a non-ASCII subject. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    )
}

function parseMessage(raw: string) {
  const split = raw.search(/\r?\n\r?\n/)
  const headers = headersOf(raw.slice(0, split))
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1]
  if (!boundary) throw new Error('Expected a multipart message')
  const parts = raw
    .slice(split)
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((chunk) => {
      const trimmed = chunk.replace(/^\r?\n/, '')
      const at = trimmed.search(/\r?\n\r?\n/)
      const h = headersOf(trimmed.slice(0, at))
      return {
        type: (h['content-type'] ?? '').split(';')[0].trim().toLowerCase(),
        body: decodeBody(trimmed.slice(at).trim(), h['content-transfer-encoding']?.toLowerCase()),
      }
    })
  return { subject: decodeHeader(headers.subject ?? ''), contentType: headers['content-type'] ?? '', parts }
}

// ------------------------------------------------------------------ data

async function leaderWithKnownNumbers() {
  const ws = await createWorkspace({ name: 'Northwind', timeZone: 'UTC', digestWeekday: 1, digestHour: 8 })
  const team = await createTeam(ws.id, 'Insights')
  const leader = await createUser(ws.id, { name: 'Lena Leader' })
  await addMember(team, leader, 'leader', 'product')
  const tmpl = await createTemplate(ws.id)
  await closedRound(team, tmpl, new Date('2026-11-10T12:00:00Z'), 6)
  const add = (overrides: Partial<FeatureInput>) =>
    createFeature(
      { workspaceId: ws.id, teamId: team.id, userId: null },
      featureInput({ startedOn: '2026-10-01', shippedOn: '2026-11-02', ...overrides }),
    )
  await add({
    name: 'Usage email',
    engineeringJoinedStage: 'discovery',
    shippedAs: 'differently',
    changeWhat: 'An email, not a dashboard',
    upsetDisciplines: [],
  })
  await add({ name: 'Exports', engineeringJoinedStage: 'framing' })
  await add({ name: 'Dashboard', engineeringJoinedStage: 'handoff' })
  return { ws, leader }
}

async function closedRound(
  team: { id: string; workspaceId: string },
  tmpl: { template: { id: string }; items: SurveyItem[] },
  closedAt: Date,
  score: number,
) {
  const round = await createRound(team, tmpl.template, tmpl.items, {
    opensAt: new Date(closedAt.getTime() - 3 * 86_400_000),
    closesAt: closedAt,
    closedAt,
  })
  const values = Object.fromEntries(tmpl.items.map((item) => [item.itemKey, item.reverseScored ? 8 - score : score]))
  await respond(round, tmpl.items, [...times(3, { discipline: 'product', values }), ...times(3, { discipline: 'engineering', values })])
  await refreshRoundRollup(round.id)
}

async function digestRow(workspaceId: string) {
  const db = await getDb()
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.workspaceId, workspaceId), like(outbox.dedupeKey, 'digest:%')))
}

const MONDAY = new Date('2026-11-16T09:00:00Z')

describe('digest over SMTP', () => {
  it('arrives with a plain-text and an HTML part, the subject and the three numbers as computed', async () => {
    const { ws, leader } = await leaderWithKnownNumbers()
    // Respect Index: everyone answered 6 of 7 → 83.3 → 83. Before the spec: 2 of 3 = 67%. Differently, nobody upset: 1 of 3 = 33%.
    const composed = await digest.composeDigest({ workspaceId: ws.id, userId: leader.id, asOf: MONDAY })
    expect(composed?.numbers.map((n) => n.value)).toEqual([83, 67, 33])

    await sends.sendDueDigests(MONDAY)
    const [queued] = await digestRow(ws.id)
    expect(queued).toMatchObject({ status: 'pending', attempts: 0, toAddress: leader.email })

    expect(await mail.deliverDueMail()).toEqual({ sent: 1, failed: 0 })
    const mine = received.filter((m) => m.to.includes(leader.email))
    expect(mine).toHaveLength(1)
    const message = parseMessage(mine[0].raw)
    expect(message.contentType).toMatch(/^multipart\/alternative/i)
    expect(message.subject).toBe('Tandem weekly: Respect 83 · 2026-W47')
    expect(message.subject).toBe(composed?.rendered.subject)
    expect(message.parts.map((p) => p.type)).toEqual(['text/plain', 'text/html'])
    const [text, html] = message.parts.map((p) => p.body)
    expect(text).toContain('Respect Index: 83 (nothing to compare with last digest)')
    expect(text).toContain('Features with engineering involved before the spec: 67% (nothing to compare with last digest)')
    expect(text).toContain('Features shipped differently without anyone upset: 33% (nothing to compare with last digest)')
    expect(text).toContain('Open the dashboard: http://localhost:3000/dashboard')
    // SMTP carries CRLF line ends.
    expect(text.replace(/\r\n/g, '\n').trimEnd()).toBe(composed?.rendered.text.trimEnd())
    expect(html).toContain('>83</span>')
    expect(html).toContain('>67%</span>')
    expect(html).toContain('>33%</span>')
    expect(html).toContain('href="http://localhost:3000/dashboard"')
    expect(html).toContain(`href="${composed?.unsubscribeUrl}"`)

    const [sent] = await digestRow(ws.id)
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null })
  })

  it('stays pending with backoff while the server is down, is delivered after it restarts, and is never queued twice', async () => {
    const { ws, leader } = await leaderWithKnownNumbers()
    await smtp.stop()
    await sends.sendDueDigests(MONDAY)

    const firstTry = Date.now()
    expect(await mail.deliverDueMail()).toEqual({ sent: 0, failed: 1 })
    let [row] = await digestRow(ws.id)
    expect(row).toMatchObject({ status: 'pending', attempts: 1, sentAt: null })
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i)
    const delay = row.nextAttemptAt.getTime() - firstTry
    expect(delay).toBeGreaterThan(55_000)
    expect(delay).toBeLessThan(70_000)

    // Tried again when due, still down: the wait doubles.
    const secondTry = new Date(Date.now() + 61_000)
    expect(await mail.deliverDueMail(20, secondTry)).toEqual({ sent: 0, failed: 1 })
    ;[row] = await digestRow(ws.id)
    expect(row).toMatchObject({ status: 'pending', attempts: 2 })
    expect(row.nextAttemptAt.getTime() - secondTry.getTime()).toBe(2 * 60_000)

    // The scheduler keeps ticking meanwhile: the digest is not queued again.
    await sends.sendDueDigests(new Date(MONDAY.getTime() + 3_600_000))
    expect(await digestRow(ws.id)).toHaveLength(1)
    const db = await getDb()
    expect(await db.select().from(digestSends).where(eq(digestSends.userId, leader.id))).toHaveLength(1)

    await smtp.start(port)
    expect(await mail.deliverDueMail(20, new Date(secondTry.getTime() + 2 * 60_000))).toEqual({ sent: 1, failed: 0 })
    ;[row] = await digestRow(ws.id)
    expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null })
    const mine = received.filter((m) => m.to.includes(leader.email))
    expect(mine).toHaveLength(1)
    expect(parseMessage(mine[0].raw).subject).toBe('Tandem weekly: Respect 83 · 2026-W47')

    // Delivered once, and never again.
    expect(await mail.deliverDueMail(20, new Date(secondTry.getTime() + 60 * 60_000))).toEqual({ sent: 0, failed: 0 })
    expect(received.filter((m) => m.to.includes(leader.email))).toHaveLength(1)
  })
})
