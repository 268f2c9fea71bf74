// Attack: read a bounced reminder's delivery error. Reminders are batched so
// the outbox shows one line with a count. But when the mail server refuses a
// recipient, nodemailer's error ends with the server's reply, which (as
// Postfix and most servers do) quotes the address: "Can't send mail - all
// recipients were rejected: 550 5.1.1 <bob@…>: …". A reminder only goes to
// people who had not answered, so that text names one of them. The outbox list
// and mail loaders must not return a batch's delivery error, in their JSON
// (?_data=…, also inlined in the HTML) any more than on screen.
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { runPulseJobs } from '~/models/pulse/jobs.server'
import { getUserById } from '~/models/user.server'
import { loader as outboxLoader } from '~/routes/admin.outbox'
import { loader as mailLoader } from '~/routes/admin.outbox.$mailId'
import { deliverDueMail, resetTransportForTests } from '~/utils/mail.server'
import { createTeam, request, settle } from '../../factories'
import { answerOk, crew, openRound, uniform, world } from './helpers'

const PORT = 3402
const env = vi.hoisted(() => {
  const previous = process.env.SMTP_URL
  process.env.SMTP_URL = 'smtp://127.0.0.1:3402'
  return { previous }
})

let rejected = ''
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (address.address !== rejected) return callback()
    const error: Error & { responseCode?: number } = new Error(
      `5.1.1 <${address.address}>: Recipient address rejected: User unknown in local recipient table`,
    )
    error.responseCode = 550
    callback(error)
  },
  onData(stream, _session, callback) {
    stream.on('data', () => {})
    stream.on('end', () => callback())
  },
})

beforeAll(async () => {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(PORT, '127.0.0.1', () => resolve())
  })
  expect((server.server.address() as AddressInfo).port).toBe(PORT)
  resetTransportForTests()
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  resetTransportForTests()
  if (env.previous === undefined) delete process.env.SMTP_URL
  else process.env.SMTP_URL = env.previous
})

const ctx = { context: {} }

describe('a bounced reminder', () => {
  it('leaves no address of a person who had not answered in the outbox list or mail loaders, while the bounce is still counted', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Bounced')
    const people = await crew(team, { engineering: 6 })
    const victim = people[5]
    rejected = String((await getUserById(victim.id))?.email)
    const roundId = await openRound(admin, team.id)
    for (const p of people.slice(0, 3)) await answerOk(p, roundId, uniform(5))
    await runPulseJobs(new Date(Date.now() + 1.6 * 86_400_000))
    // Deliver everything due (the open notices and the reminders); one reminder bounces.
    for (let i = 0; i < 5; i++) await deliverDueMail(50)

    const list = await settle(async () => outboxLoader({ ...ctx, params: {}, request: await request('/admin/outbox', { user: admin }) }))
    const listJson = await list.text()
    const reminder = JSON.parse(listJson).items.find((m: { subject: string }) => m.subject.startsWith('Reminder'))
    // The bounce happened and is counted (the test is not vacuous)...
    expect(reminder).toMatchObject({ to: null, recipients: 3, byStatus: { pending: 1, sent: 2 } })
    // ...but no address, in any field.
    expect(listJson).not.toContain(rejected)
    expect(listJson).not.toMatch(/recipients were rejected/)

    const detail = await settle(async () =>
      mailLoader({ ...ctx, params: { mailId: reminder.id }, request: await request(`/admin/outbox/${reminder.id}`, { user: admin }) }),
    )
    const detailJson = await detail.text()
    expect(detailJson).not.toContain(rejected)
    expect(detailJson).not.toMatch(/recipients were rejected/)
  })
})
