// Attack: learn who has not answered. A reminder goes only to the people who
// have not answered, so its list of recipients is that list of people. With
// SMTP configured the reminders are queued in the outbox an admin reads; the
// outbox must show them as one line with a count, its detail page must show
// no address, and the reminders must be forgotten when the round closes.
import { afterAll, describe, expect, it, vi } from 'vitest'
import { runPulseJobs } from '~/models/pulse/jobs.server'
import OutboxList, { loader as outboxLoader } from '~/routes/admin.outbox'
import OutboxMail, { loader as mailLoader } from '~/routes/admin.outbox.$mailId'
import { loader as mailHtmlLoader } from '~/routes/admin.outbox.$mailId[.]html'
import { loader as notificationsLoader } from '~/routes/notifications'
import { createTeam, request, settle } from '../../factories'
import { answerOk, closeRound, crew, openRound, pulse, roundsPage, teamPage, uniform, world } from './helpers'
import { renderPage, textOf } from './page-render'

// Set before anything reads the environment (it is read once and cached).
// Nothing is delivered in these tests, so nothing listens on this port.
const env = vi.hoisted(() => {
  const previous = process.env.SMTP_URL
  process.env.SMTP_URL = 'smtp://127.0.0.1:3401'
  return { previous }
})
afterAll(() => {
  if (env.previous === undefined) delete process.env.SMTP_URL
  else process.env.SMTP_URL = env.previous
})

const page = vi.hoisted(() => ({ data: undefined as unknown, path: '/' }))
vi.mock('@remix-run/react', async (importOriginal) => (await import('./page-render')).remixMock(await importOriginal(), page))

const ctx = { context: {} }
type Who = { id: string }

async function outbox(admin: Who) {
  const res = await settle(async () => outboxLoader({ ...ctx, params: {}, request: await request('/admin/outbox', { user: admin }) }))
  expect(res.status).toBe(200)
  const text = await res.text()
  return { data: JSON.parse(text), text }
}

async function mail(admin: Who, mailId: string) {
  const res = await settle(async () =>
    mailLoader({ ...ctx, params: { mailId }, request: await request(`/admin/outbox/${mailId}`, { user: admin }) }),
  )
  expect(res.status).toBe(200)
  const text = await res.text()
  return { data: JSON.parse(text), text }
}

async function notifications(user: Who) {
  const res = await settle(async () => notificationsLoader({ ...ctx, params: {}, request: await request('/notifications', { user }) }))
  expect(res.status).toBe(200)
  return (await res.json()).items as { message: string; href: string }[]
}

describe('who has answered', () => {
  it('reminders queued over SMTP appear as one line with a count; no list, detail page, HTML part or other page names anyone; they are gone at close', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Reminded')
    const people = await crew(team, { engineering: 3, product: 3 })
    const { getUserById } = await import('~/models/user.server')
    const emails = await Promise.all(people.map(async (p) => String((await getUserById(p.id))?.email)))
    const secrets = [...emails, ...people.map((p) => p.id), ...people.map((p) => p.name)]
    const roundId = await openRound(admin, team.id)
    await answerOk(people[0], roundId, uniform(5))
    await answerOk(people[1], roundId, uniform(5))
    // Halfway through the window, the scheduler reminds the four who have not answered.
    await runPulseJobs(new Date(Date.now() + 1.6 * 86_400_000))

    const list = await outbox(admin)
    expect(list.data.smtpConfigured).toBe(true)
    const reminder = list.data.items.find((m: { subject: string }) => m.subject.startsWith('Reminder'))
    expect(reminder).toMatchObject({ to: null, recipients: 4, byStatus: { pending: 4 } })
    const renderedList = textOf(renderPage(OutboxList, page, list.data, '/admin/outbox'))
    expect(renderedList).toContain('To 4 people (not listed)')

    const detail = await mail(admin, reminder.id)
    expect(detail.data.mail).toMatchObject({ to: null, batch: { recipients: 4 } })
    const renderedDetail = textOf(renderPage(OutboxMail, page, detail.data, `/admin/outbox/${reminder.id}`))
    expect(renderedDetail).toContain('4 people. Who is not shown')
    const html = await settle(async () =>
      mailHtmlLoader({
        ...ctx,
        params: { mailId: reminder.id },
        request: await request(`/admin/outbox/${reminder.id}.html`, { user: admin }),
      }),
    )
    expect(html.status).toBe(404)

    // No page an admin or the team can open names a person against the round.
    const texts = {
      outboxJson: list.text,
      outboxPage: renderedList,
      mailJson: detail.text,
      mailPage: renderedDetail,
      pulseJson: (await pulse(admin, team.id, roundId)).text,
      roundsJson: JSON.stringify(await roundsPage(admin, team.id)),
    }
    for (const [where, text] of Object.entries(texts))
      for (const secret of secrets) expect({ where, leaks: text.includes(secret) }).toEqual({ where, leaks: false })

    // Each person sees only their own reminder.
    expect((await notifications(people[5])).some((n) => n.message.startsWith('Reminder:'))).toBe(true)
    expect((await notifications(people[0])).some((n) => n.message.startsWith('Reminder:'))).toBe(false)

    await closeRound(admin, team.id, roundId)
    for (const p of people) expect((await notifications(p)).filter((n) => n.message.startsWith('Reminder:'))).toEqual([])
    const after = await outbox(admin)
    expect(after.data.items.filter((m: { subject: string }) => m.subject.startsWith('Reminder'))).toEqual([])
    for (const secret of emails) expect(after.text.includes(secret)).toBe(false)
  })

  it('what the team sees of itself does not change when someone answers, except the count', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Watched')
    const people = await crew(team, { engineering: 6 })
    const roundId = await openRound(admin, team.id)
    const watcher = people[5]
    const before = {
      team: (await teamPage(watcher, team.id)).text,
      rounds: await roundsPage(admin, team.id),
      pulse: await pulse(watcher, team.id, roundId),
    }
    await answerOk(people[2], roundId, uniform(3))
    const after = {
      team: (await teamPage(watcher, team.id)).text,
      rounds: await roundsPage(admin, team.id),
      pulse: await pulse(watcher, team.id, roundId),
    }
    expect(after.team).toBe(before.team)
    expect(after.rounds.rounds[0].responded).toBe(before.rounds.rounds[0].responded + 1)
    expect({ ...after.rounds, rounds: [{ ...after.rounds.rounds[0], responded: 0 }] }).toEqual({
      ...before.rounds,
      rounds: [{ ...before.rounds.rounds[0], responded: 0 }],
    })
    expect(after.pulse.results?.participation.responded).toBe(1)
    const blank = (p: typeof before.pulse) => ({ ...p.results, participation: null })
    expect(blank(after.pulse)).toEqual(blank(before.pulse))
  })
})
