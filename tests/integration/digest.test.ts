// The weekly digest: its three numbers checked against known answers and
// features, the change since the last digest, the newly-in-deficit line, and
// "never twice" across two app instances.
import { and, asc, eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Database } from '../../db/client.server'
import { digestSends, outbox, type SurveyItem } from '../../db/schema'
import type { Discipline } from '~/domain/disciplines'
import { sendDueDigests } from '~/models/digest-sends.server'
import { composeDigest } from '~/models/digest.server'
import { createFeature, type FeatureInput } from '~/models/features.server'
import { refreshRoundRollup } from '~/models/rollups.server'
import { addMember, createTeam, createUser, createWorkspace } from '../factories'
import { secondInstance } from '../second-instance'
import { createRound, createTemplate, respond, times } from '../pulse-factories'

let second: Database
let closeSecond: () => Promise<void> = async () => {}

beforeAll(async () => {
  const instance = await secondInstance()
  second = instance.db
  closeSecond = instance.close
})
afterAll(() => closeSecond())

type TeamRef = { id: string; workspaceId: string }
type Template = { template: { id: string }; items: SurveyItem[] }

/** A closed round in which every answer scores `score` (1–7, after reverse scoring), half product, half engineering. */
async function closedRound(team: TeamRef, tmpl: Template, closedAt: Date, people: number, score: number) {
  const opensAt = new Date(closedAt.getTime() - 3 * 86_400_000)
  const round = await createRound(team, tmpl.template, tmpl.items, { opensAt, closesAt: closedAt, closedAt })
  const values = Object.fromEntries(tmpl.items.map((item) => [item.itemKey, item.reverseScored ? 8 - score : score]))
  const half = Math.ceil(people / 2)
  await respond(round, tmpl.items, [
    ...times(half, { discipline: 'product', values }),
    ...times(people - half, { discipline: 'engineering', values }),
  ])
  await refreshRoundRollup(round.id)
  return round
}

function feature(overrides: Partial<FeatureInput>): FeatureInput {
  return {
    name: 'Weekly usage email',
    problem: 'Account owners cannot tell whether their team uses the product.',
    ask: 'Better analytics',
    spec: { words: 300, pages: 1 },
    engineeringJoinedStage: 'discovery',
    question: 'what_could',
    plannedDays: 2,
    actualDays: 2,
    startedOn: '2026-10-01',
    shippedOn: '2026-11-02',
    shippedAs: 'as_planned',
    outcome: 'fine',
    ...overrides,
  }
}

async function addFeature(team: TeamRef, overrides: Partial<FeatureInput>) {
  // createFeature refreshes the ship month's feature rollup in the same transaction.
  return createFeature({ workspaceId: team.workspaceId, teamId: team.id, userId: null }, feature(overrides))
}

async function leaderOf(teams: readonly TeamRef[], workspaceId: string, name = 'Lena Leader', discipline: Discipline = 'product') {
  const user = await createUser(workspaceId, { name })
  for (const team of teams) await addMember(team, user, 'leader', discipline)
  return user
}

async function sendsFor(workspaceId: string) {
  const db = await getDb()
  return db
    .select()
    .from(digestSends)
    .where(eq(digestSends.workspaceId, workspaceId))
    .orderBy(asc(digestSends.weekKey), asc(digestSends.userId))
}

async function digestMailFor(workspaceId: string) {
  const db = await getDb()
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.workspaceId, workspaceId), like(outbox.dedupeKey, 'digest:%')))
    .orderBy(asc(outbox.dedupeKey))
}

// Monday 16 November 2026 is in ISO week 47; the workspaces below send on Mondays at 08:00 UTC.
const WEEK1 = new Date('2026-11-16T09:00:00Z')
const WEEK2 = new Date('2026-11-23T09:00:00Z')
const WEEK3 = new Date('2026-11-30T09:00:00Z')

describe('digest numbers', () => {
  it('are the Respect Index and the two feature-log shares of the leader’s teams, with the change since the last digest', async () => {
    const ws = await createWorkspace({ name: 'Northwind', timeZone: 'UTC', digestWeekday: 1, digestHour: 8 })
    const alpha = await createTeam(ws.id, 'Alpha')
    const beta = await createTeam(ws.id, 'Beta')
    const gamma = await createTeam(ws.id, 'Gamma')
    const other = await createTeam(ws.id, 'Not led')
    const leader = await leaderOf([alpha, beta, gamma], ws.id)
    const tmpl = await createTemplate(ws.id)

    // Week 1. Alpha: 6 people answer 6 of 7 on everything (83.3). Beta: 6 people answer 5 (66.7).
    // Gamma: only 2 answers, below k = 5, so it is suppressed and left out of the aggregate.
    // A team the leader does not lead is in deficit and must not count.
    const before = new Date('2026-11-10T12:00:00Z')
    await closedRound(alpha, tmpl, before, 6, 6)
    await closedRound(beta, tmpl, before, 6, 5)
    await closedRound(gamma, tmpl, before, 2, 1)
    await closedRound(other, tmpl, before, 6, 1)

    // Features shipped in the window: 5 on led teams.
    await addFeature(alpha, {
      name: 'A1',
      engineeringJoinedStage: 'discovery',
      shippedAs: 'differently',
      changeWhat: 'Email',
      upsetDisciplines: [],
    })
    await addFeature(alpha, {
      name: 'A2',
      engineeringJoinedStage: 'framing',
      shippedAs: 'differently',
      changeWhat: 'Smaller',
      upsetDisciplines: ['product'],
    })
    await addFeature(alpha, { name: 'A3', engineeringJoinedStage: 'ideation', shippedAs: 'as_planned' })
    await addFeature(alpha, {
      name: 'A4',
      engineeringJoinedStage: 'build',
      shippedAs: 'differently',
      changeWhat: 'Later',
      upsetDisciplines: [],
    })
    await addFeature(beta, { name: 'B1', engineeringJoinedStage: 'handoff', shippedAs: 'as_planned', shippedOn: '2026-10-20' })
    // Outside the window (shipped in March) and on a team not led: neither counts.
    await addFeature(alpha, { name: 'Old', engineeringJoinedStage: 'handoff', startedOn: '2026-02-01', shippedOn: '2026-03-01' })
    await addFeature(other, { name: 'Theirs', engineeringJoinedStage: 'discovery', shippedAs: 'differently', changeWhat: 'x' })

    // Respect Index: all items alike, so (6·6 + 6·5) / 12 = 5.5 on 1–7 → (5.5 − 1) / 6 = 75.
    // Engineering before the spec: A1, A2, A3 of 5 = 60%. Differently, nobody upset: A1, A4 of 5 = 40%.
    const first = await composeDigest({ workspaceId: ws.id, userId: leader.id, asOf: WEEK1 })
    expect(first?.weekKey).toBe('2026-W47')
    expect(first?.numbers.map((n) => [n.key, n.value, n.change])).toEqual([
      ['respect_index', 75, null],
      ['engineering_before_spec', 60, null],
      ['different_without_upset', 40, null],
    ])
    expect(first?.teams.map((t) => [t.teamName, t.status])).toEqual([
      ['Alpha', 'healthy'],
      ['Beta', 'healthy'],
      ['Gamma', 'unknown'],
    ])
    expect(first?.deficitLine).toBe('')

    // Not due before Monday 08:00; due after.
    await sendDueDigests(new Date('2026-11-16T07:59:59Z'))
    expect(await sendsFor(ws.id)).toHaveLength(0)
    await sendDueDigests(WEEK1)
    let sends = await sendsFor(ws.id)
    expect(sends).toHaveLength(1)
    expect(sends[0]).toMatchObject({
      userId: leader.id,
      weekKey: '2026-W47',
      engineeringBeforeSpec: 0.6,
      differentWithoutUpset: 0.4,
      deficitTeamIds: [],
    })
    expect(sends[0].respectIndex).toBeCloseTo(75, 5)
    let mail = await digestMailFor(ws.id)
    expect(mail).toHaveLength(1)
    expect(mail[0]).toMatchObject({
      toAddress: leader.email,
      status: 'stored',
      dedupeKey: `digest:2026-W47:${leader.id}`,
      subject: 'Tandem weekly: Respect 75 · 2026-W47',
    })
    expect(mail[0].textBody).toContain('Respect Index: 75 (nothing to compare with last digest)')
    expect(mail[0].textBody).toContain('Features with engineering involved before the spec: 60% (nothing to compare with last digest)')
    expect(mail[0].textBody).toContain('Features shipped differently without anyone upset: 40% (nothing to compare with last digest)')
    expect(mail[0].textBody).not.toContain('Newly in respect deficit')
    expect(mail[0].textBody).toContain('http://localhost:3000/dashboard')
    expect(mail[0].textBody).toMatch(/Unsubscribe: http:\/\/localhost:3000\/digest\/unsubscribe\/[0-9a-f-]{36}\.[\w-]{43}\n/)
    expect(mail[0].htmlBody).toContain('>75</span>')
    expect(mail[0].htmlBody).toContain('href="http://localhost:3000/dashboard"')

    // Week 2. Beta's new round: 6 people answer 3 (33.3, deficit). Gamma now has 6 answers of 2 (16.7, deficit).
    const during = new Date('2026-11-19T12:00:00Z')
    await closedRound(beta, tmpl, during, 6, 3)
    await closedRound(gamma, tmpl, during, 6, 2)
    // Beta ships a feature with engineering from discovery, changed without anyone upset.
    await addFeature(beta, {
      name: 'B2',
      engineeringJoinedStage: 'discovery',
      shippedAs: 'differently',
      changeWhat: 'Email instead',
      upsetDisciplines: [],
      shippedOn: '2026-11-18',
    })

    // Respect Index: (6·6 + 6·3 + 6·2) / 18 = 3.667 → 44.4 → 44, down 31 from 75.
    // Before the spec: 4 of 6 = 67% (+7). Differently, nobody upset: 3 of 6 = 50% (+10).
    const second = await composeDigest({ workspaceId: ws.id, userId: leader.id, asOf: WEEK2 })
    expect(second?.previousWeekKey).toBe('2026-W47')
    expect(second?.numbers.map((n) => [n.key, n.value, n.previous, n.change])).toEqual([
      ['respect_index', 44, 75, -31],
      ['engineering_before_spec', 67, 60, 7],
      ['different_without_upset', 50, 40, 10],
    ])
    expect(second?.deficitLine).toBe('Newly in respect deficit: Beta and Gamma.')

    await sendDueDigests(WEEK2)
    sends = await sendsFor(ws.id)
    expect(sends.map((s) => s.weekKey)).toEqual(['2026-W47', '2026-W48'])
    expect(new Set(sends[1].deficitTeamIds)).toEqual(new Set([beta.id, gamma.id]))
    mail = await digestMailFor(ws.id)
    expect(mail).toHaveLength(2)
    const week2 = mail.find((m) => m.dedupeKey === `digest:2026-W48:${leader.id}`)
    expect(week2?.subject).toBe('Tandem weekly: Respect 44 (−31) · 2026-W48')
    expect(week2?.textBody).toContain('Respect Index: 44 (−31 since last digest)')
    expect(week2?.textBody).toContain('Features with engineering involved before the spec: 67% (+7 points since last digest)')
    expect(week2?.textBody).toContain('Features shipped differently without anyone upset: 50% (+10 points since last digest)')
    expect(week2?.textBody).toContain('Newly in respect deficit: Beta and Gamma.')
    expect(week2?.htmlBody).toContain('Newly in respect deficit: Beta and Gamma.')

    // Week 3: nothing changed, and teams already in deficit last time are not news.
    await sendDueDigests(WEEK3)
    mail = await digestMailFor(ws.id)
    const week3 = mail.find((m) => m.dedupeKey === `digest:2026-W49:${leader.id}`)
    expect(week3?.textBody).toContain('Respect Index: 44 (no change since last digest)')
    expect(week3?.textBody).toContain('Features with engineering involved before the spec: 67% (no change since last digest)')
    expect(week3?.textBody).not.toContain('Newly in respect deficit')
  })

  it('says n/a, not zero, when there are no answers or features to show', async () => {
    const ws = await createWorkspace({ timeZone: 'UTC' })
    const quiet = await createTeam(ws.id, 'Quiet')
    const leader = await leaderOf([quiet], ws.id)
    const digest = await composeDigest({ workspaceId: ws.id, userId: leader.id, asOf: WEEK1 })
    expect(digest?.numbers.map((n) => n.value)).toEqual([null, null, null])
    expect(digest?.rendered.text).toContain('Respect Index: n/a')
    expect(digest?.rendered.subject).toBe('Tandem weekly: Respect n/a · 2026-W47')
  })

  it('is composed only for people who lead a team', async () => {
    const ws = await createWorkspace({ timeZone: 'UTC' })
    const team = await createTeam(ws.id)
    const admin = await createUser(ws.id, { isAdmin: true })
    const member = await createUser(ws.id)
    await addMember(team, member, 'facilitator', 'product')
    expect(await composeDigest({ workspaceId: ws.id, userId: admin.id, asOf: WEEK1 })).toBeNull()
    expect(await composeDigest({ workspaceId: ws.id, userId: member.id, asOf: WEEK1 })).toBeNull()
    // and never across workspaces
    const leader = await leaderOf([team], ws.id)
    const elsewhere = await createWorkspace({ timeZone: 'UTC' })
    expect(await composeDigest({ workspaceId: elsewhere.id, userId: leader.id, asOf: WEEK1 })).toBeNull()
  })
})

describe('sending digests', () => {
  it('sends one digest per leader and week, however many instances tick at once', async () => {
    // 2027 dates, so these weeks are new to workspaces made by earlier tests.
    const ws = await createWorkspace({ timeZone: 'UTC', digestWeekday: 1, digestHour: 8 })
    const [t1, t2, t3] = await Promise.all(['One', 'Two', 'Three'].map((n) => createTeam(ws.id, n)))
    const l1 = await leaderOf([t1], ws.id, 'Leader one')
    const l2 = await leaderOf([t2, t3], ws.id, 'Leader of two teams')
    const l3 = await leaderOf([t3], ws.id, 'Leader three')
    const optedOut = await createUser(ws.id, { name: 'Opted out', digestOptOut: true })
    await addMember(t1, optedOut, 'leader', 'engineering')
    const member = await createUser(ws.id, { name: 'Member' })
    await addMember(t1, member, 'member', 'engineering')
    await createUser(ws.id, { name: 'Admin, leads nothing', isAdmin: true })
    const expected = [l1.id, l2.id, l3.id].sort()

    const monday = new Date('2027-03-01T08:00:00Z')
    const first = await getDb()
    // Small batches, so the batching loop runs more than once per call.
    const tick = (now: Date) =>
      Promise.all([
        sendDueDigests(now, first, { batchSize: 1 }),
        sendDueDigests(now, second, { batchSize: 2 }),
        sendDueDigests(now, first, { batchSize: 1 }),
        sendDueDigests(now, second),
      ])
    await tick(new Date('2027-03-01T07:59:59Z'))
    expect(await sendsFor(ws.id)).toHaveLength(0)

    const results = await tick(monday)
    expect(results.every((r) => r.failed === 0)).toBe(true)
    let sends = await sendsFor(ws.id)
    expect(sends.map((s) => s.userId).sort()).toEqual(expected)
    expect(sends.every((s) => s.weekKey === '2027-W09')).toBe(true)
    let mail = await digestMailFor(ws.id)
    expect(mail.map((m) => m.dedupeKey).sort()).toEqual(expected.map((id) => `digest:2027-W09:${id}`).sort())

    // Later the same week: nothing more.
    await tick(new Date('2027-03-03T15:00:00Z'))
    await tick(new Date('2027-03-07T23:59:00Z'))
    expect(await sendsFor(ws.id)).toHaveLength(3)
    expect(await digestMailFor(ws.id)).toHaveLength(3)

    // The next week: one more each.
    await tick(new Date('2027-03-08T08:30:00Z'))
    sends = await sendsFor(ws.id)
    expect(sends).toHaveLength(6)
    mail = await digestMailFor(ws.id)
    expect(mail).toHaveLength(6)
    expect(new Set(mail.map((m) => m.dedupeKey)).size).toBe(6)
    expect(mail.some((m) => m.toAddress === optedOut.email || m.toAddress === member.email)).toBe(false)
  })

  it('waits for the workspace’s own weekday and hour, in its time zone', async () => {
    // Wednesdays at 17:00 in New York (UTC−5 in winter).
    const ws = await createWorkspace({ timeZone: 'America/New_York', digestWeekday: 3, digestHour: 17 })
    const leader = await leaderOf([await createTeam(ws.id)], ws.id)
    await sendDueDigests(new Date('2027-01-11T09:00:00Z')) // Monday
    await sendDueDigests(new Date('2027-01-13T21:59:00Z')) // Wednesday 16:59 local
    expect(await sendsFor(ws.id)).toHaveLength(0)
    await sendDueDigests(new Date('2027-01-13T22:00:00Z')) // Wednesday 17:00 local
    const sends = await sendsFor(ws.id)
    expect(sends.map((s) => [s.userId, s.weekKey])).toEqual([[leader.id, '2027-W02']])
  })

  it('sends nothing to a leader who opted out, and resumes when they subscribe again', async () => {
    const ws = await createWorkspace({ timeZone: 'UTC', digestWeekday: 1, digestHour: 8 })
    const team = await createTeam(ws.id)
    const leader = await createUser(ws.id, { digestOptOut: true })
    await addMember(team, leader, 'leader', 'product')
    await sendDueDigests(new Date('2027-05-03T09:00:00Z'))
    expect(await sendsFor(ws.id)).toHaveLength(0)
    const { setDigestOptOut } = await import('~/models/user.server')
    await setDigestOptOut(ws.id, leader.id, false)
    await sendDueDigests(new Date('2027-05-03T10:00:00Z'))
    expect((await sendsFor(ws.id)).map((s) => s.weekKey)).toEqual(['2027-W18'])
  })

  it('is a job of the scheduler’s tick', async () => {
    const ws = await createWorkspace({ timeZone: 'UTC', digestWeekday: 2, digestHour: 6 })
    const leader = await leaderOf([await createTeam(ws.id)], ws.id)
    const { tick } = await import('~/jobs/scheduler.server')
    await tick(new Date('2027-07-06T06:00:00Z'))
    expect((await sendsFor(ws.id)).map((s) => [s.userId, s.weekKey])).toEqual([[leader.id, '2027-W27']])
  })
})
