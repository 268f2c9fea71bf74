// The digest pages: the leader's preview and subscription, and the one-click
// unsubscribe page opened from the email without signing in.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { authThrottle, digestSends, users, type SurveyItem } from '../../db/schema'
import { sendDueDigests } from '~/models/digest-sends.server'
import { composeDigest, previewDigest } from '~/models/digest.server'
import { unsubscribeToken } from '~/models/digest-unsubscribe.server'
import { createFeature } from '~/models/features.server'
import { refreshRoundRollup } from '~/models/rollups.server'
import { action as digestAction, loader as digestLoader } from '~/routes/digest'
import { action as unsubscribeAction, loader as unsubscribeLoader } from '~/routes/digest_.unsubscribe.$token'
import { featureInput } from '../autopsy-factories'
import { addMember, createTeam, createUser, createWorkspace, request, settle } from '../factories'
import { createRound, createTemplate, respond, times } from '../pulse-factories'

const DAY = 86_400_000

async function optedOut(userId: string) {
  const db = await getDb()
  const [row] = await db.select({ optOut: users.digestOptOut }).from(users).where(eq(users.id, userId))
  return row.optOut
}

async function closedRound(
  team: { id: string; workspaceId: string },
  tmpl: { template: { id: string }; items: SurveyItem[] },
  closedAt: Date,
  score: number,
) {
  const round = await createRound(team, tmpl.template, tmpl.items, {
    opensAt: new Date(closedAt.getTime() - 3 * DAY),
    closesAt: closedAt,
    closedAt,
  })
  const values = Object.fromEntries(tmpl.items.map((item) => [item.itemKey, item.reverseScored ? 8 - score : score]))
  await respond(round, tmpl.items, [...times(3, { discipline: 'product', values }), ...times(3, { discipline: 'engineering', values })])
  await refreshRoundRollup(round.id)
}

/** A leader of two teams with recent answers and features, relative to the real clock (the page uses it). */
async function leaderWithData() {
  const ws = await createWorkspace({ timeZone: 'Europe/London', digestWeekday: 1, digestHour: 8 })
  const a = await createTeam(ws.id, 'Payments')
  const b = await createTeam(ws.id, 'Growth')
  const leader = await createUser(ws.id, { name: 'Lena Leader' })
  await addMember(a, leader, 'leader', 'product')
  await addMember(b, leader, 'leader', 'product')
  const tmpl = await createTemplate(ws.id)
  const now = Date.now()
  await closedRound(a, tmpl, new Date(now - 5 * DAY), 6)
  await closedRound(b, tmpl, new Date(now - 4 * DAY), 2)
  const shippedOn = new Date(now - 3 * DAY).toISOString().slice(0, 10)
  const startedOn = new Date(now - 20 * DAY).toISOString().slice(0, 10)
  await createFeature(
    { workspaceId: ws.id, teamId: a.id, userId: null },
    featureInput({ startedOn, shippedOn, engineeringJoinedStage: 'discovery' }),
  )
  await createFeature(
    { workspaceId: ws.id, teamId: b.id, userId: null },
    featureInput({ startedOn, shippedOn, shippedAs: 'differently', changeWhat: 'An email' }),
  )
  return { ws, leader, teams: [a, b] }
}

const ctx = { context: {}, params: {} }

function tokenCtx(token: string) {
  return { context: {}, params: { token } }
}

describe('digest preview page', () => {
  it('shows a leader the same numbers composeDigest computes, with the send time and subscription', async () => {
    const { ws, leader } = await leaderWithData()
    const res = await settle(async () => digestLoader({ ...ctx, request: await request('/digest', { user: leader }) }))
    expect(res.status).toBe(200)
    const page = await res.json()
    const composed = await composeDigest({ workspaceId: ws.id, userId: leader.id, asOf: new Date(), weekKey: page.weekKey })
    expect(composed).not.toBeNull()
    expect(page.leader).toBe(true)
    expect(page.numbers).toEqual(composed?.numbers)
    // Growth answered 2 of 7 everywhere: in deficit, and new, since this is the first digest.
    expect(page.deficitLine).toBe('Newly in respect deficit: Growth.')
    expect(page.numbers.map((n: { value: number | null }) => n.value)).toEqual([50, 50, 50])
    expect(page.subject).toBe(composed?.rendered.subject)
    expect(page.text).toBe(composed?.rendered.text)
    expect(page.subscribed).toBe(true)
    expect(page.teams).toEqual(['Growth', 'Payments'])
    expect(page.timeZone).toBe('Europe/London')
    expect(page.schedule).toBe('Mondays at 08:00')
    expect(page.sendAt).toMatch(/\d{4}, \d{2}:\d{2}$/)
  })

  it('explains to someone who leads no team, admins included, that the digest is for leaders', async () => {
    const ws = await createWorkspace()
    const team = await createTeam(ws.id)
    const member = await createUser(ws.id)
    await addMember(team, member, 'facilitator', 'product')
    const admin = await createUser(ws.id, { isAdmin: true })
    for (const [user, isAdmin] of [
      [member, false],
      [admin, true],
    ] as const) {
      const res = await settle(async () => digestLoader({ ...ctx, request: await request('/digest', { user }) }))
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ leader: false, isAdmin })
    }
    // Nothing to subscribe to, so the action refuses.
    const post = await settle(async () =>
      digestAction({ ...ctx, request: await request('/digest', { user: member, form: { intent: 'unsubscribe' } }) }),
    )
    expect(post.status).toBe(403)
    expect(await optedOut(member.id)).toBe(false)
  })

  it('sends a signed-out visitor to sign in', async () => {
    const res = await settle(async () => digestLoader({ ...ctx, request: await request('/digest') }))
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/login?redirectTo=%2Fdigest')
  })

  it('unsubscribes and subscribes the signed-in leader with a POST and a flash', async () => {
    const { leader } = await leaderWithData()
    const off = await settle(async () =>
      digestAction({ ...ctx, request: await request('/digest', { user: leader, form: { intent: 'unsubscribe' } }) }),
    )
    expect(off.status).toBe(302)
    expect(off.headers.get('Location')).toBe('/digest')
    expect(off.headers.get('Set-Cookie')).toContain('__tandem=')
    expect(await optedOut(leader.id)).toBe(true)
    const page = await (await settle(async () => digestLoader({ ...ctx, request: await request('/digest', { user: leader }) }))).json()
    expect(page.subscribed).toBe(false)

    const on = await settle(async () =>
      digestAction({ ...ctx, request: await request('/digest', { user: leader, form: { intent: 'subscribe' } }) }),
    )
    expect(on.status).toBe(302)
    expect(await optedOut(leader.id)).toBe(false)

    const bad = await settle(async () =>
      digestAction({ ...ctx, request: await request('/digest', { user: leader, form: { intent: 'delete-everything' } }) }),
    )
    expect(bad.status).toBe(400)
    expect(await optedOut(leader.id)).toBe(false)
  })
})

describe('next digest in the preview', () => {
  it('is this week’s until it is sent, then next week’s, compared with the one sent', async () => {
    const ws = await createWorkspace({ timeZone: 'UTC', digestWeekday: 1, digestHour: 8 })
    const team = await createTeam(ws.id)
    const leader = await createUser(ws.id)
    await addMember(team, leader, 'leader', 'product')
    const scope = { workspaceId: ws.id, userId: leader.id }

    const early = await previewDigest({ ...scope, now: new Date('2027-06-07T07:00:00Z') })
    expect(early).toMatchObject({ sendAt: '2027-06-07T08:00:00.000Z', dueNow: false, subscribed: true })
    expect(early?.digest.weekKey).toBe('2027-W23')

    // Due but not yet sent (the scheduler has not ticked): this week's, due now.
    const due = await previewDigest({ ...scope, now: new Date('2027-06-07T08:00:30Z') })
    expect(due).toMatchObject({ sendAt: '2027-06-07T08:00:00.000Z', dueNow: true })
    expect(due?.digest.weekKey).toBe('2027-W23')

    await sendDueDigests(new Date('2027-06-07T08:00:30Z'))
    const after = await previewDigest({ ...scope, now: new Date('2027-06-07T09:00:00Z') })
    expect(after).toMatchObject({ sendAt: '2027-06-14T08:00:00.000Z', dueNow: false })
    expect(after?.digest.weekKey).toBe('2027-W24')
    expect(after?.digest.previousWeekKey).toBe('2027-W23')
  })
})

describe('unsubscribe link', () => {
  it('asks on GET, changes nothing, and unsubscribes on POST, signed out', async () => {
    const { ws, leader } = await leaderWithData()
    const digest = await composeDigest({ workspaceId: ws.id, userId: leader.id })
    const token = unsubscribeToken(leader.id)
    expect(digest?.unsubscribeUrl).toBe(`http://localhost:3000/digest/unsubscribe/${token}`)

    for (let i = 0; i < 2; i++) {
      const res = await settle(async () =>
        unsubscribeLoader({ ...tokenCtx(token), request: await request(`/digest/unsubscribe/${token}`) }),
      )
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ name: 'Lena Leader', unsubscribed: false })
    }
    expect(await optedOut(leader.id)).toBe(false)

    const post = await settle(async () =>
      unsubscribeAction({ ...tokenCtx(token), request: await request(`/digest/unsubscribe/${token}`, { method: 'POST' }) }),
    )
    expect(post.status).toBe(303)
    expect(post.headers.get('Location')).toBe(`/digest/unsubscribe/${token}`)
    expect(await optedOut(leader.id)).toBe(true)
    const confirmed = await settle(async () =>
      unsubscribeLoader({ ...tokenCtx(token), request: await request(`/digest/unsubscribe/${token}`) }),
    )
    expect(await confirmed.json()).toEqual({ name: 'Lena Leader', unsubscribed: true })

    // An opted-out leader gets no digest.
    await sendDueDigests(new Date('2027-09-06T09:00:00Z'))
    const db = await getDb()
    expect(await db.select().from(digestSends).where(eq(digestSends.userId, leader.id))).toHaveLength(0)
  })

  it('is a 404 for a forged, altered or borrowed token, and changes nothing', async () => {
    const ws = await createWorkspace()
    const team = await createTeam(ws.id)
    const victim = await createUser(ws.id, { name: 'Victim' })
    const attacker = await createUser(ws.id, { name: 'Attacker' })
    await addMember(team, victim, 'leader', 'product')
    await addMember(team, attacker, 'leader', 'product')
    const good = unsubscribeToken(victim.id)
    const [, signature] = good.split('.')
    const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A')
    const forged = [
      `${victim.id}.${flipped}`,
      `${victim.id}.${signature.slice(0, -1)}`,
      `${victim.id}.`,
      victim.id,
      // the attacker's own valid signature on the victim's id
      `${victim.id}.${unsubscribeToken(attacker.id).split('.')[1]}`,
      'not-a-token',
      // a well-signed token for someone who does not exist
      unsubscribeToken('00000000-0000-4000-8000-000000000000'),
    ]
    for (const token of forged) {
      // Each forgery on its own: the wait after repeated bad links is tested in throttle.test.ts.
      await (await getDb()).delete(authThrottle)
      const get = await settle(async () =>
        unsubscribeLoader({ ...tokenCtx(token), request: await request(`/digest/unsubscribe/${encodeURIComponent(token)}`) }),
      )
      expect(get.status, token).toBe(404)
      expect(await get.text()).toBe('This unsubscribe link is not valid')
      const post = await settle(async () =>
        unsubscribeAction({
          ...tokenCtx(token),
          request: await request(`/digest/unsubscribe/${encodeURIComponent(token)}`, { method: 'POST' }),
        }),
      )
      expect(post.status, token).toBe(404)
    }
    expect(await optedOut(victim.id)).toBe(false)
  })
})
