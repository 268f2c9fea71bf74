// notify(): the in-app notice always, mail only with SMTP and the person's
// consent, once per key; and the events that call it: autopsy moves, action
// items given, due and overdue, and results ready when a round closes.
import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { actions as autopsyActions, notifications, outbox, rounds } from '../../db/schema'
import { addMember, createMember, createTeam, createUser, createWorkspace } from '../factories'
import { autopsyTeam, createAutopsy } from '../autopsy-factories'
import { createRound, createTemplate, respond, times } from '../pulse-factories'
import { secondInstance } from '../second-instance'

// Mail is queued only when SMTP is set; nothing here delivers it.
const previousSmtpUrl = process.env.SMTP_URL
let nudges: typeof import('~/models/nudges/notify.server')
let prefs: typeof import('~/models/nudges/preferences.server')
let actionJobs: typeof import('~/models/nudges/action-jobs.server')
let lifecycle: typeof import('~/models/autopsies/lifecycle.server')
let sections: typeof import('~/models/autopsies/sections.server')
let rounds_: typeof import('~/models/pulse/rounds.server')

beforeAll(async () => {
  process.env.SMTP_URL = 'smtp://127.0.0.1:9'
  const { getEnv } = await import('~/utils/env.server')
  expect(getEnv().SMTP_URL).toBe('smtp://127.0.0.1:9')
  nudges = await import('~/models/nudges/notify.server')
  prefs = await import('~/models/nudges/preferences.server')
  actionJobs = await import('~/models/nudges/action-jobs.server')
  lifecycle = await import('~/models/autopsies/lifecycle.server')
  sections = await import('~/models/autopsies/sections.server')
  rounds_ = await import('~/models/pulse/rounds.server')
})
afterAll(() => {
  if (previousSmtpUrl === undefined) delete process.env.SMTP_URL
  else process.env.SMTP_URL = previousSmtpUrl
})

async function noticesOf(userIds: string[], kind?: string) {
  const db = await getDb()
  const rows = await db.select().from(notifications).where(inArray(notifications.userId, userIds))
  return kind ? rows.filter((r) => r.kind === kind) : rows
}

async function mailTo(emails: string[]) {
  const db = await getDb()
  return db.select().from(outbox).where(inArray(outbox.toAddress, emails))
}

describe('notify()', () => {
  it('writes the notice always, mails only those who want that kind, and never twice for one key', async () => {
    const ws = await createWorkspace()
    const keen = await createUser(ws.id)
    const quiet = await createUser(ws.id)
    const gone = await createUser(ws.id, { deactivatedAt: new Date() })
    await prefs.saveNoticePreferences(quiet, { mail: ['pulse'] })
    const input = {
      workspaceId: ws.id,
      userIds: [keen.id, quiet.id, gone.id],
      kind: 'action_assigned' as const,
      message: 'An action is yours.',
      href: '/notifications',
      dedupeKey: 'test-key',
      mail: nudges.noticeMail({ subject: 'An action', message: 'An action is yours.', href: '/notifications', linkLabel: 'See it' }),
    }
    expect((await nudges.notify(input)).sort()).toEqual([keen.id, quiet.id].sort())
    expect(await nudges.notify(input)).toEqual([])
    expect(await noticesOf([keen.id, quiet.id, gone.id])).toHaveLength(2)
    const mails = await mailTo([keen.email, quiet.email, gone.email])
    expect(mails.map((m) => m.toAddress)).toEqual([keen.email])
    expect(mails[0].status).toBe('pending')
    expect(mails[0].htmlBody).toContain('Change which mail you get')
    expect((await prefs.getMailPreferences(quiet)).action_assigned).toBe(false)
    expect((await prefs.getMailPreferences(quiet)).pulse).toBe(true)
  })

  it('notifies no one of another workspace', async () => {
    const ws = await createWorkspace()
    const other = await createWorkspace()
    const stranger = await createUser(other.id)
    expect(await nudges.notify({ workspaceId: ws.id, userIds: [stranger.id], kind: 'pulse', message: 'x' })).toEqual([])
  })
})

describe('autopsy notices', () => {
  it('asks the team for perspectives, tells it of the reveal, and tells an owner of an action given by someone else', async () => {
    const ws = await createWorkspace()
    const team = await createTeam(ws.id)
    const people = await autopsyTeam(team)
    const { scope } = await createAutopsy(team, people.facilitator.id)
    await lifecycle.startCollecting({ ...scope, actorId: people.facilitator.id })
    const asked = await noticesOf([people.pm.id, people.engineer.id, people.facilitator.id, people.leader.id], 'perspective_requested')
    expect(asked.map((n) => n.userId).sort()).toEqual([people.pm.id, people.engineer.id].sort())
    expect(asked[0].href).toBe(`/teams/${team.id}/autopsies/${scope.autopsyId}/perspective`)
    expect((await mailTo([people.pm.email])).map((m) => m.subject)).toEqual([asked[0].message])

    const { addPerspective } = await import('~/models/autopsies/perspectives.server')
    await addPerspective(
      { ...scope, author: { id: people.pm.id, discipline: 'product' } },
      { body: 'We wrote it alone.', originStage: 'framing' },
    )
    await lifecycle.revealPerspectives({ ...scope, actorId: people.facilitator.id, confirmedWritten: 1 })
    const revealed = await noticesOf([people.pm.id, people.engineer.id, people.facilitator.id, people.leader.id], 'perspectives_revealed')
    expect(revealed.map((n) => n.userId).sort()).toEqual([people.pm.id, people.engineer.id].sort())
    expect(revealed[0].message).not.toContain('We wrote it alone')

    await sections.addActionItem(
      { ...scope, actorId: people.facilitator.id },
      { kind: 'respect', title: 'Engineer joins three user calls', ownerId: people.engineer.id, dueOn: '2026-12-01' },
    )
    await sections.addActionItem(
      { ...scope, actorId: people.facilitator.id },
      { kind: 'process', title: 'Own it myself', ownerId: people.facilitator.id, dueOn: '2026-12-01' },
    )
    const assigned = await noticesOf([people.engineer.id, people.facilitator.id], 'action_assigned')
    expect(assigned.map((n) => n.userId)).toEqual([people.engineer.id])
    expect(assigned[0].message).toContain('Engineer joins three user calls')
  })
})

describe('action due and overdue', () => {
  it('tells the owner once on the due day and once when overdue, across two instances', async () => {
    const ws = await createWorkspace({ timeZone: 'Europe/Paris' })
    const team = await createTeam(ws.id)
    const people = await autopsyTeam(team)
    const { scope } = await createAutopsy(team, people.facilitator.id)
    const action = await sections.addActionItem(scope, {
      kind: 'respect',
      title: 'Joint session',
      ownerId: people.pm.id,
      dueOn: '2026-12-03',
    })
    const done = await sections.addActionItem(scope, { kind: 'respect', title: 'Done already', ownerId: people.pm.id, dueOn: '2026-12-03' })
    const db = await getDb()
    await db.update(autopsyActions).set({ status: 'done' }).where(eq(autopsyActions.id, done.id))
    const second = await secondInstance()
    try {
      // 23:30 UTC on the 2nd is already the 3rd in Paris.
      const dueDay = new Date('2026-12-02T23:30:00Z')
      await Promise.all([actionJobs.sendActionDueNotices(dueDay), actionJobs.sendActionDueNotices(dueDay, 200, second.db)])
      await actionJobs.sendActionDueNotices(dueDay)
      expect((await noticesOf([people.pm.id], 'action_due')).map((n) => n.subjectId)).toEqual([action.id])
      const nextDay = new Date('2026-12-04T08:00:00Z')
      await Promise.all([actionJobs.sendActionDueNotices(nextDay), actionJobs.sendActionDueNotices(nextDay, 200, second.db)])
      expect((await noticesOf([people.pm.id], 'action_overdue')).map((n) => n.subjectId)).toEqual([action.id])
      expect((await mailTo([people.pm.email])).filter((m) => /Due today|Overdue/.test(m.subject))).toHaveLength(2)
      // Long overdue items stay quiet.
      await actionJobs.sendActionDueNotices(new Date('2027-02-01T08:00:00Z'))
      expect(await noticesOf([people.pm.id], 'action_overdue')).toHaveLength(1)
    } finally {
      await second.close()
    }
  })
})

describe('results ready', () => {
  it('tells the whole team when the closed round can be shown to every one of them, and nobody otherwise', async () => {
    const ws = await createWorkspace()
    const team = await createTeam(ws.id)
    const member = await createMember(team, 'member', 'product')
    const leader = await createMember(team, 'leader', 'product')
    const { template, items } = await createTemplate(ws.id)
    const shown = await createRound(team, template, items, { status: 'open', closedAt: null, anonymityK: 5 })
    const ids = await respond(shown, items, times(6))
    for (const id of ids) await addMember(team, { id }, 'member', 'engineering')
    await rounds_.closeRoundNow(ws.id, team.id, shown.id)
    const told = await noticesOf([member.id, leader.id, ...ids], 'results_ready')
    expect(told.map((n) => n.userId).sort()).toEqual([member.id, ...ids].sort())
    expect(told[0].message).toContain('2 days before leaders')

    const team2 = await createTeam(ws.id)
    const member2 = await createMember(team2, 'member', 'product')
    const hidden = await createRound(team2, template, items, { status: 'open', closedAt: null, anonymityK: 5 })
    await respond(hidden, items, times(5))
    await rounds_.closeRoundNow(ws.id, team2.id, hidden.id)
    const db = await getDb()
    const [closed] = await db.select().from(rounds).where(eq(rounds.id, hidden.id))
    expect(closed.status).toBe('closed')
    expect(await noticesOf([member2.id], 'results_ready')).toEqual([])
  })
})
