import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { outbox } from '../../db/schema'
import { createInvite } from '~/models/invite.server'
import { requestPasswordReset } from '~/models/password-reset.server'
import { loader as mailLoader } from '~/routes/admin.outbox.$mailId'
import { loader as joinLoader } from '~/routes/join.$token'
import { loader as resetLoader } from '~/routes/reset-password.$token'
import { loader as accountLoader } from '~/routes/account'
import { createTeam, createUser, createWorkspace, query, request, settle, signIn } from '../factories'
import { testSmtpServer } from '../smtp'

// With SMTP configured, mail is 'pending' until delivered. SMTP_URL must be set
// before the env is first read, and the mail module imported after.
const smtp = testSmtpServer()
let mail: typeof import('~/utils/mail.server')
const previousSmtpUrl = process.env.SMTP_URL
const ctx = { context: {}, params: {} }

beforeAll(async () => {
  const port = await smtp.start(0)
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`
  mail = await import('~/utils/mail.server')
  mail.resetTransportForTests()
})

afterAll(async () => {
  await smtp.stop()
  if (previousSmtpUrl === undefined) delete process.env.SMTP_URL
  else process.env.SMTP_URL = previousSmtpUrl
})

/** The text part of a received message, with quoted-printable soft breaks and escapes undone. */
function plain(raw: string) {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}

async function setup() {
  const ws = await createWorkspace()
  const admin = await createUser(ws.id, { isAdmin: true, name: 'Ada Admin' })
  const team = await createTeam(ws.id, 'Checkout')
  return { ws, admin, team }
}

async function adminView(admin: { id: string }, mailId: string) {
  const res = await settle(async () =>
    mailLoader({ ...ctx, params: { mailId }, request: await request(`/admin/outbox/${mailId}`, { user: admin }) }),
  )
  return (await res.json()).mail as { text: string; html: string | null; status: string }
}

describe('secret links at rest', () => {
  it('are put into the mail only when it is delivered', async () => {
    const { ws, admin, team } = await setup()
    const { link } = await createInvite(
      ws.id,
      admin,
      { email: 'dev@example.com', teamId: team.id, discipline: 'engineering', role: 'member', makeAdmin: true },
      'http://localhost:3000',
    )
    const user = await createUser(ws.id, { email: 'pat@example.com' })
    await requestPasswordReset(user.email)
    const stored = await (await getDb()).select().from(outbox).where(eq(outbox.workspaceId, ws.id))
    expect(stored.map((m) => m.status)).toEqual(['pending', 'pending'])
    for (const m of stored) expect(`${m.textBody}${m.htmlBody}`).not.toMatch(/\/join\/|\/reset-password\//)

    const before = smtp.received.length
    expect(await mail.deliverDueMail()).toEqual({ sent: 2, failed: 0 })
    const messages = smtp.received.slice(before).map((r) => ({ to: r.to, body: plain(r.raw) }))
    const invite = messages.find((m) => m.to.includes('dev@example.com'))!
    expect(invite.body).toContain(`Accept the invitation: ${link}`)
    expect(invite.body).toContain(`href="${link}"`)
    expect(invite.body).not.toContain('{{link}}')
    const reset = messages.find((m) => m.to.includes('pat@example.com'))!
    const resetLink = /http:\/\/localhost:3000\/reset-password\/([A-Za-z0-9_-]{43})/.exec(reset.body)
    expect(resetLink).not.toBeNull()
    const page = await settle(async () =>
      resetLoader({ ...ctx, params: { token: resetLink![1] }, request: await request(`/reset-password/${resetLink![1]}`) }),
    )
    expect(page.status).toBe(200)

    // In the outbox an admin still sees the invitation link, but never a reset link that mail delivers.
    const views = await Promise.all(stored.map((m) => adminView(admin, m.id)))
    const inviteView = views.find((v) => v.text.includes('Accept the invitation'))!
    expect(inviteView.text).toContain(link.replace('http://localhost:3000', 'http://localhost'))
    const resetView = views.find((v) => v.text.includes('Choose a new password'))!
    expect(resetView.text).toContain('Choose a new password: (link withheld: it was sent by email only)')
    expect(resetView.text).not.toContain(resetLink![1])
  })

  it('cannot be rebuilt from a copy of the database: no stored value opens an invitation or a reset, or signs anyone in', async () => {
    const { ws, admin, team } = await setup()
    await createInvite(
      ws.id,
      admin,
      { email: 'boss@example.com', teamId: team.id, discipline: 'product', role: 'leader', makeAdmin: true },
      'http://localhost:3000',
    )
    const user = await createUser(ws.id, { email: 'sam@example.com' })
    await requestPasswordReset(user.email)
    await signIn(user.id)
    await signIn(admin.id)

    // Everything an attacker with the dump would try: every text value in the tables that hold secrets.
    const tables = ['invites', 'outbox', 'password_resets', 'sessions', 'users', 'settings']
    const candidates = new Set<string>()
    for (const table of tables) {
      const rows = await query<Record<string, unknown>>(sql.raw(`select * from ${table}`))
      for (const row of rows) {
        for (const value of Object.values(row)) {
          if (typeof value !== 'string') continue
          candidates.add(value)
          for (const word of value.split(/[^A-Za-z0-9_-]+/)) if (word.length >= 20) candidates.add(word)
        }
      }
    }
    expect(candidates.size).toBeGreaterThan(10)
    let i = 0
    for (const token of candidates) {
      // A new address each time, so every value is really looked up rather than waiting out a backoff.
      const context = { clientAddress: `10.9.${Math.floor(i / 250)}.${(i++ % 250) + 1}` }
      const join = await settle(async () => joinLoader({ params: { token }, context, request: await request('/join/x') }))
      expect(join.status, token).toBe(404)
      const reset = await settle(async () => resetLoader({ params: { token }, context, request: await request('/reset-password/x') }))
      expect(reset.status, token).toBe(404)
    }
    // A stored session hash used as a cookie token signs nobody in (tested in full in sessions.test.ts).
    const { sessionStorage } = await import('~/utils/session.server')
    const [{ token_hash: hash }] = await query<{ token_hash: string }>(sql`select token_hash from sessions limit 1`)
    const forged = await sessionStorage().getSession()
    forged.set('token', hash)
    const cookie = (await sessionStorage().commitSession(forged)).split(';')[0]
    const res = await settle(async () =>
      accountLoader({ ...ctx, request: new Request('http://localhost/account', { headers: { Cookie: cookie } }) }),
    )
    expect(res.status).toBe(302)
  })
})
