// Slack and Microsoft Teams delivery against a local server that speaks the
// Slack Web API and a Teams workflow webhook: connecting, direct messages by
// email, channel posts, rate limits, outages and permanent errors. Everything
// goes through the outbox and is delivered once.
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { chatConnections, outbox, participations, users } from '../../db/schema'
import { deliverDueChat } from '~/models/chat-delivery.server'
import { notify } from '~/models/nudges/notify.server'
import { tellResultsReady } from '~/models/nudges/pulse-notices.server'
import { listOutbox } from '~/models/outbox.server'
import { action as integrationsAction, loader as integrationsLoader } from '~/routes/admin.integrations'
import { action as channelAction } from '~/routes/teams.$teamId.channel'
import { action as accountAction, loader as accountLoader } from '~/routes/account'
import { getEnv } from '~/utils/env.server'
import { addMember, createMember, createTeam, createUser, createWorkspace, request, settle } from '../factories'
import { createRound, createTemplate } from '../pulse-factories'
import { runPulseJobs } from '~/models/pulse/jobs.server'
import { answerOk, closeRound, crew, openRound, uniform, world } from '../security/anonymity/helpers'
import { startChatServer } from '../support/slack-server'

// Before anything reads the env, which is read once.
const chat = await startChatServer()
process.env.SLACK_API_URL = chat.slackUrl

beforeAll(() => expect(getEnv().SLACK_API_URL).toBe(chat.slackUrl))
afterAll(() => chat.close())

const ctx = { context: {}, params: {} }

async function adminAction(user: { id: string }, form: Record<string, string>) {
  return settle(async () => integrationsAction({ ...ctx, request: await request('/admin/integrations', { user, form }) }))
}

async function pageData(user: { id: string }) {
  const res = await settle(async () => integrationsLoader({ ...ctx, request: await request('/admin/integrations', { user }) }))
  expect(res.status).toBe(200)
  return { text: await res.clone().text(), data: await res.json() }
}

async function connectedWorkspace({ teams = false } = {}) {
  const ws = await createWorkspace()
  const admin = await createUser(ws.id, { isAdmin: true })
  chat.users.set(admin.email, `U${admin.id.slice(0, 8).toUpperCase()}`)
  expect((await adminAction(admin, { intent: 'connect-slack', token: chat.token })).status).toBe(302)
  if (teams) expect((await adminAction(admin, { intent: 'connect-teams', webhookUrl: chat.teamsUrl })).status).toBe(302)
  return { ws, admin }
}

async function rowsOf(workspaceId: string) {
  const db = await getDb()
  return db.select().from(outbox).where(eq(outbox.workspaceId, workspaceId))
}

const dmsTo = (slackId: string) => chat.posted.filter((p) => p.channel === slackId)

describe('connecting Slack', () => {
  it('refuses a malformed or rejected token plainly and keeps a good one sealed, showing only its last characters', async () => {
    const ws = await createWorkspace()
    const admin = await createUser(ws.id, { isAdmin: true })
    const malformed = await adminAction(admin, { intent: 'connect-slack', token: 'xoxp-user-token' })
    expect(malformed.status).toBe(422)
    expect(JSON.stringify(await malformed.json())).toContain('A bot token starts with xoxb-')

    const rejected = await adminAction(admin, { intent: 'connect-slack', token: 'xoxb-9999-wrong' })
    expect(rejected.status).toBe(422)
    const body = await rejected.json()
    expect(body.errors.token[0]).toContain('invalid_auth')
    expect(JSON.stringify(body)).not.toContain('xoxb-9999-wrong')
    expect((await pageData(admin)).data.slack).toBeNull()

    expect((await adminAction(admin, { intent: 'connect-slack', token: chat.token })).status).toBe(302)
    const page = await pageData(admin)
    expect(page.data.slack).toMatchObject({ accountName: 'Acme Slack', secretHint: '…oken', secretReadable: true })
    expect(page.text).not.toContain(chat.token)
    const db = await getDb()
    const [row] = await db.select().from(chatConnections).where(eq(chatConnections.workspaceId, ws.id))
    expect(row.secretSealed).not.toContain(chat.token)
    expect(chat.calls.some((c) => c.path === '/api/auth.test' && c.auth === `Bearer ${chat.token}`)).toBe(true)
  })

  it('sends the admin a test direct message, and says plainly when Slack does not know their email', async () => {
    const { ws, admin } = await connectedWorkspace()
    expect((await adminAction(admin, { intent: 'test', provider: 'slack' })).status).toBe(302)
    expect(dmsTo(chat.users.get(admin.email)!)).toHaveLength(1)
    expect((await pageData(admin)).data.slack.lastDeliveryAt).not.toBeNull()

    const stranger = await createUser(ws.id, { isAdmin: true })
    const refused = await adminAction(stranger, { intent: 'test', provider: 'slack' })
    expect(refused.status).toBe(422)
    expect((await refused.json()).formError).toContain('No Slack account has your email')
  })

  it('disconnects: what was still waiting is not sent', async () => {
    const { ws, admin } = await connectedWorkspace()
    const team = await createTeam(ws.id)
    const person = await createMember(team)
    chat.users.set(person.email, 'UDISC0001')
    await notify({
      workspaceId: ws.id,
      userIds: [person.id],
      kind: 'action_assigned',
      message: 'Your action “Fix it” was assigned to you.',
      href: '/teams',
    })
    expect((await adminAction(admin, { intent: 'disconnect', provider: 'slack' })).status).toBe(302)
    await deliverDueChat(20, new Date(Date.now() + 1000))
    const [row] = await rowsOf(ws.id)
    expect(row).toMatchObject({ status: 'failed', lastError: 'Slack is not connected any more.' })
    expect(dmsTo('UDISC0001')).toHaveLength(0)
  })
})

describe('direct messages', () => {
  it('reaches each person found by email, skips the others with a count, honours the Slack choice, and lists a reminder as one line', async () => {
    const { ws, admin } = await connectedWorkspace()
    const team = await createTeam(ws.id)
    const inSlack = await createMember(team)
    const optedOut = await createMember(team)
    const notInSlack = await createMember(team)
    chat.users.set(inSlack.email, 'UINSLACK1')
    chat.users.set(optedOut.email, 'UOPTOUT01')

    // The Slack boxes are offered, and one person unticks pulses.
    const account = await settle(async () => accountLoader({ ...ctx, request: await request('/account', { user: optedOut }) }))
    expect((await account.json()).slack).toEqual({ pulse: true, action_assigned: true, action_due: true, action_overdue: true })
    const saved = await settle(async () =>
      accountAction({
        ...ctx,
        request: await request('/account', { user: optedOut, form: { intent: 'notices', slackShown: 'on', slack: ['action_due'] } }),
      }),
    )
    expect(saved.status).toBe(302)

    const people = [inSlack.id, optedOut.id, notInSlack.id]
    await notify({
      workspaceId: ws.id,
      userIds: people,
      kind: 'pulse',
      message: 'Reminder: the <Core> pulse closes Friday & takes a minute.',
      href: '/pulse/abc',
      batchKey: 'reminder:round-1:1',
    })
    const t0 = new Date(Date.now() + 1000)
    expect(await deliverDueChat(20, t0)).toMatchObject({ sent: 1, skipped: 1 })
    expect(dmsTo('UINSLACK1')).toEqual([
      {
        channel: 'UINSLACK1',
        text: `Reminder: the &lt;Core&gt; pulse closes Friday &amp; takes a minute.\n<${new URL('/pulse/abc', 'http://localhost:3000')}|Answer the pulse>`,
      },
    ])
    expect(dmsTo('UOPTOUT01')).toHaveLength(0)

    // The outbox shows the reminder as one line with a count, never who.
    const { items } = await listOutbox(ws.id)
    const line = items.find((i) => i.channel === 'slack')!
    // The person Slack does not know leaves no row: nothing was sent to them.
    expect(line).toMatchObject({ toAddress: null, lastError: null, recipients: 1, byStatus: { sent: 1, failed: 0 } })
    expect(JSON.stringify(items)).not.toContain(notInSlack.email)
    const page = await pageData(admin)
    expect(page.data.notFound).toBe(1)
    expect(page.text).not.toContain(notInSlack.email)
    // A person missing from Slack is not the connection's error.
    expect(page.data.slack.lastError).toBeNull()

    // Next time, the person Slack did not find is not queued at all, and the found id is reused.
    const lookups = chat.calls.filter((c) => c.path === '/api/users.lookupByEmail').length
    await notify({
      workspaceId: ws.id,
      userIds: people,
      kind: 'pulse',
      message: 'A pulse is open.',
      href: '/pulse/def',
      batchKey: 'open:round-2',
    })
    const second = (await rowsOf(ws.id)).filter((r) => r.batchKey === 'slack:open:round-2')
    expect(second.map((r) => r.recipientId)).toEqual([inSlack.id])
    await deliverDueChat(20, new Date(t0.getTime() + 1000))
    expect(chat.calls.filter((c) => c.path === '/api/users.lookupByEmail').length).toBe(lookups)
    expect(dmsTo('UINSLACK1')).toHaveLength(2)
  })

  it('waits out a 429 for as long as Retry-After says, then delivers once', async () => {
    const { ws } = await connectedWorkspace()
    const team = await createTeam(ws.id)
    const person = await createMember(team)
    chat.users.set(person.email, 'URATE0001')
    await notify({
      workspaceId: ws.id,
      userIds: [person.id],
      kind: 'action_due',
      message: 'Your action “Ship” is due today.',
      href: '/teams',
      dedupeKey: 'due:1',
    })
    const t0 = new Date(Date.now() + 1000)
    chat.rateLimit(1, 120)
    expect(await deliverDueChat(20, t0)).toMatchObject({ sent: 0, retried: 1 })
    const [waiting] = await rowsOf(ws.id)
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 })
    expect(waiting.nextAttemptAt.getTime()).toBe(t0.getTime() + 120_000)
    expect(await deliverDueChat(20, new Date(t0.getTime() + 60_000))).toMatchObject({ sent: 0, retried: 0 })
    expect(await deliverDueChat(20, new Date(t0.getTime() + 121_000))).toMatchObject({ sent: 1 })
    expect(await deliverDueChat(20, new Date(t0.getTime() + 999_000))).toMatchObject({ sent: 0 })
    expect(dmsTo('URATE0001')).toHaveLength(1)
    // The same notice told twice queues nothing new.
    await notify({ workspaceId: ws.id, userIds: [person.id], kind: 'action_due', message: 'again', href: '/teams', dedupeKey: 'due:1' })
    expect(await rowsOf(ws.id)).toHaveLength(1)
  })

  it('rides out an outage and a 503 with backoff, and delivers once when Slack is back, even with two deliverers at once', async () => {
    const { ws, admin } = await connectedWorkspace()
    const team = await createTeam(ws.id)
    const person = await createMember(team)
    chat.users.set(person.email, 'UOUTAGE01')
    await notify({ workspaceId: ws.id, userIds: [person.id], kind: 'action_assigned', message: 'An action is yours.', href: '/teams' })
    const t0 = new Date(Date.now() + 1000)
    await chat.down()
    try {
      expect(await deliverDueChat(20, t0)).toMatchObject({ retried: 1 })
    } finally {
      await chat.up()
    }
    const [first] = await rowsOf(ws.id)
    expect(first.nextAttemptAt.getTime()).toBe(t0.getTime() + 30_000)
    expect(first.lastError).toContain('Could not reach Slack')
    expect((await pageData(admin)).data.slack.lastError).toContain('Could not reach Slack')

    chat.failWith(1, 503)
    expect(await deliverDueChat(20, new Date(t0.getTime() + 31_000))).toMatchObject({ retried: 1 })
    const [second] = await rowsOf(ws.id)
    expect(second).toMatchObject({ attempts: 2, status: 'pending' })
    expect(second.nextAttemptAt.getTime()).toBe(t0.getTime() + 31_000 + 60_000)

    const later = new Date(t0.getTime() + 200_000)
    const results = await Promise.all([deliverDueChat(20, later), deliverDueChat(20, later)])
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(1)
    expect(dmsTo('UOUTAGE01')).toHaveLength(1)
    const [done] = await rowsOf(ws.id)
    expect(done).toMatchObject({ status: 'sent', attempts: 3, lastError: null })
  })
})

describe('results ready in channels', () => {
  async function closedRoundWithAnswers(ws: { id: string }, team: { id: string; workspaceId: string }) {
    const { template } = await createTemplate(ws.id)
    const round = await createRound(team, template, [], { anonymityK: 3 })
    const db = await getDb()
    for (let i = 0; i < 4; i++) {
      const person = await createMember(team)
      await db.insert(participations).values({ workspaceId: ws.id, roundId: round.id, userId: person.id })
    }
    return round
  }

  it('lets a facilitator pick a channel the bot is in, and posts the notice and a link there once, and to Teams', async () => {
    const { ws, admin } = await connectedWorkspace({ teams: true })
    expect(chat.teamsPosts).not.toHaveLength(0)
    const team = await createTeam(ws.id, 'Core')
    const facilitator = await createUser(ws.id)
    await addMember(team, facilitator, 'facilitator')
    chat.channels.set('C0RESULTS', { name: 'core-results', isMember: true })
    chat.channels.set('C0OUTSIDE', { name: 'general', isMember: false })
    const pick = async (channelId: string) =>
      settle(async () =>
        channelAction({
          ...ctx,
          params: { teamId: team.id },
          request: await request(`/teams/${team.id}/channel`, { user: facilitator, form: { intent: 'save', channelId } }),
        }),
      )
    const outside = await pick('c0outside')
    expect(outside.status).toBe(422)
    expect((await outside.json()).errors.channelId).toEqual([
      'The Tandem bot is not in #general. In that Slack channel, type /invite and your Slack app’s name, then save again.',
    ])
    const missing = await pick('C0NOWHERE')
    expect((await missing.json()).errors.channelId[0]).toContain('channel_not_found')
    expect((await pick('#core')).status).toBe(422)
    expect((await pick('C0RESULTS')).status).toBe(302)

    const round = await closedRoundWithAnswers(ws, team)
    const teamsBefore = chat.teamsPosts.length
    const db = await getDb()
    await db.transaction((tx) => tellResultsReady(tx, round.id))
    await db.transaction((tx) => tellResultsReady(tx, round.id))
    await deliverDueChat(20, new Date(Date.now() + 1000))
    const posts = chat.posted.filter((p) => p.channel === 'C0RESULTS')
    expect(posts).toHaveLength(1)
    expect(posts[0].text).toMatch(
      /^Results of the Core pulse that closed .+ are ready\.\n<http:\/\/localhost:3000\/teams\/.+\|See the results>$/,
    )
    expect(chat.teamsPosts.length).toBe(teamsBefore + 1)
    const card = JSON.stringify(chat.teamsPosts.at(-1))
    expect(card).toContain('Core pulse results are ready')
    expect(card).toContain(`/teams/${team.id}/pulse?round=${round.id}`)
    expect((await pageData(admin)).data.teams.lastDeliveryAt).not.toBeNull()
  })

  it('gives up at once on a permanent error and shows it on the integration page', async () => {
    const { ws, admin } = await connectedWorkspace({ teams: true })
    const team = await createTeam(ws.id)
    const facilitator = await createUser(ws.id)
    await addMember(team, facilitator, 'facilitator')
    chat.channels.set('C0GONE001', { name: 'soon-gone', isMember: true })
    const saved = await settle(async () =>
      channelAction({
        ...ctx,
        params: { teamId: team.id },
        request: await request(`/teams/${team.id}/channel`, { user: facilitator, form: { intent: 'save', channelId: 'C0GONE001' } }),
      }),
    )
    expect(saved.status).toBe(302)
    chat.channels.delete('C0GONE001')
    const round = await closedRoundWithAnswers(ws, team)
    const db = await getDb()
    await db.transaction((tx) => tellResultsReady(tx, round.id))
    chat.failWith(1, 404, 'teams')
    await deliverDueChat(20, new Date(Date.now() + 1000))
    const rows = await rowsOf(ws.id)
    const slack = rows.find((r) => r.channel === 'slack')!
    const teams = rows.find((r) => r.channel === 'teams')!
    expect(slack).toMatchObject({ status: 'failed', attempts: 1 })
    expect(slack.lastError).toContain('channel_not_found')
    expect(teams).toMatchObject({ status: 'failed', attempts: 1 })
    expect(teams.lastError).toContain('HTTP 404')
    const page = await pageData(admin)
    expect(page.data.slack.lastError).toContain('channel_not_found')
    expect(page.data.teams.lastError).toContain('no longer exists')
    expect(page.text).not.toContain('secret-signature')
    expect(await deliverDueChat(20, new Date(Date.now() + 10 * 86_400_000))).toMatchObject({ sent: 0, failed: 0, retried: 0 })
  })

  it('refuses a Teams URL that is not a webhook it can reach, saving nothing', async () => {
    const ws = await createWorkspace()
    const admin = await createUser(ws.id, { isAdmin: true })
    const plain = await adminAction(admin, { intent: 'connect-teams', webhookUrl: 'http://teams.example.com/hook' })
    expect((await plain.json()).errors.webhookUrl).toEqual(['The workflow URL must start with https://'])
    chat.failWith(1, 400, 'teams')
    const refused = await adminAction(admin, { intent: 'connect-teams', webhookUrl: chat.teamsUrl })
    expect(refused.status).toBe(422)
    expect((await refused.json()).errors.webhookUrl[0]).toContain('HTTP 400')
    const db = await getDb()
    expect(
      await db
        .select()
        .from(chatConnections)
        .where(and(eq(chatConnections.workspaceId, ws.id), eq(chatConnections.provider, 'teams'))),
    ).toHaveLength(0)
  })
})

describe('who has answered, in Slack', () => {
  it('reminds only those who have not answered, in their own DMs; the outbox shows a count and forgets them at close', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    chat.users.set(admin.email, `UADM${admin.id.slice(0, 6).toUpperCase()}`)
    expect((await adminAction(admin, { intent: 'connect-slack', token: chat.token })).status).toBe(302)
    const team = await createTeam(ws.id, 'Reminded')
    const people = await crew(team, { engineering: 3, product: 3 })
    const db = await getDb()
    const emails: string[] = []
    for (const [i, p] of people.entries()) {
      const email = (await db.select({ email: users.email }).from(users).where(eq(users.id, p.id)))[0].email
      emails.push(email)
      chat.users.set(email, `UWHO${i}${ws.id.slice(0, 5).toUpperCase()}`)
    }
    const slackIds = emails.map((e) => chat.users.get(e)!)
    const roundId = await openRound(admin, team.id)
    await answerOk(people[0], roundId, uniform(5))
    await answerOk(people[1], roundId, uniform(5))
    await runPulseJobs(new Date(Date.now() + 1.6 * 86_400_000))
    await deliverDueChat(50, new Date(Date.now() + 2 * 86_400_000))

    const reminded = slackIds.filter((id) => dmsTo(id).some((m) => m.text.startsWith('Reminder:')))
    expect(reminded).toEqual(slackIds.slice(2))
    for (const id of slackIds) expect(dmsTo(id).filter((m) => m.text.startsWith('A respect pulse is open'))).toHaveLength(1)

    const { items } = await listOutbox(ws.id)
    const line = items.find((i) => i.channel === 'slack' && i.subject.startsWith('Reminder'))!
    expect(line).toMatchObject({ toAddress: null, recipients: 4, byStatus: { sent: 4 } })
    for (const email of emails) expect(JSON.stringify(items)).not.toContain(email)

    await closeRound(admin, team.id, roundId)
    const left = (await rowsOf(ws.id)).filter((r) => r.batchKey?.startsWith('slack:round-reminder:'))
    expect(left).toHaveLength(4)
    expect(left.every((r) => r.toAddress === '' && r.recipientId === null)).toBe(true)
  })
})
