// The account page's notification choices, and the notification list: a
// pulse notice reads as read once its person has answered that round.
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { participations } from '../../db/schema'
import { getMailPreferences } from '~/models/nudges/preferences.server'
import { notify } from '~/models/nudges/notify.server'
import { unreadNotificationCount } from '~/models/notification.server'
import { action as accountAction, loader as accountLoader } from '~/routes/account'
import { loader as notificationsLoader } from '~/routes/notifications'
import { createMember, createTeam, createUser, createWorkspace, request, settle } from '../factories'
import { createRound, createTemplate } from '../pulse-factories'

const ctx = { context: {}, params: {} }

describe('notification choices on the account page', () => {
  it('shows every kind ticked by default, saves the ticked ones and refuses an unknown kind with 422', async () => {
    const ws = await createWorkspace()
    const user = await createUser(ws.id)
    const page = await settle(async () => accountLoader({ ...ctx, request: await request('/account', { user }) }))
    const data = await page.json()
    expect(Object.values(data.mail).every(Boolean)).toBe(true)
    expect(data.smtpConfigured).toBe(false)

    const saved = await settle(async () =>
      accountAction({ ...ctx, request: await request('/account', { user, form: { intent: 'notices', mail: ['pulse', 'action_due'] } }) }),
    )
    expect(saved.status).toBe(302)
    const mail = await getMailPreferences(user)
    expect(Object.entries(mail).filter(([, on]) => on)).toEqual([
      ['action_due', true],
      ['pulse', true],
    ])

    const none = await settle(async () =>
      accountAction({ ...ctx, request: await request('/account', { user, form: { intent: 'notices' } }) }),
    )
    expect(none.status).toBe(302)
    expect(Object.values(await getMailPreferences(user)).some(Boolean)).toBe(false)

    const bad = await settle(async () =>
      accountAction({ ...ctx, request: await request('/account', { user, form: { intent: 'notices', mail: ['pulse', 'gossip'] } }) }),
    )
    expect(bad.status).toBe(422)
    expect(Object.values(await getMailPreferences(user)).some(Boolean)).toBe(false)
  })
})

describe('pulse notices and answering', () => {
  it('reads a round’s open notice and reminder as read once the person answered it, and no one else’s', async () => {
    const ws = await createWorkspace()
    const team = await createTeam(ws.id)
    const answered = await createMember(team)
    const pending = await createMember(team)
    const { template, items } = await createTemplate(ws.id)
    const round = await createRound(team, template, items, { status: 'open', closedAt: null })
    const other = await createRound(team, template, items, { status: 'closed' })
    const tell = (kind: 'pulse' | 'results_ready', subjectId: string) =>
      notify({ workspaceId: ws.id, userIds: [answered.id, pending.id], kind, message: 'x', href: `/pulse/${subjectId}`, subjectId })
    await tell('pulse', round.id)
    await tell('pulse', other.id)
    await tell('results_ready', round.id)
    expect(await unreadNotificationCount(ws.id, answered.id)).toBe(3)

    const db = await getDb()
    await db.insert(participations).values({ workspaceId: ws.id, roundId: round.id, userId: answered.id })
    expect(await unreadNotificationCount(ws.id, answered.id)).toBe(2)
    expect(await unreadNotificationCount(ws.id, pending.id)).toBe(3)
    const page = await settle(async () => notificationsLoader({ ...ctx, request: await request('/notifications', { user: answered }) }))
    const { items: listed } = await page.json()
    expect(listed.filter((n: { unread: boolean }) => !n.unread)).toHaveLength(1)
  })
})
