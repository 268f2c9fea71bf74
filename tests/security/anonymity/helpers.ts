// The attacker's toolkit: every read and write goes through a real route
// loader or action with a real Request, exactly as a browser (or a script
// calling ?_data=…) would. What a test asserts on is what these return.
import { eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { getDb } from '../../../db/client.server'
import { surveyItems } from '../../../db/schema'
import type { Discipline } from '~/domain/disciplines'
import type { PublicRoundResults, TrendPoint } from '~/models/pulse/results.server'
import { ensureBuiltInTemplate } from '~/models/pulse/template.server'
import type { Dashboard } from '~/domain/dashboard/types'
import type { TeamRole } from '~/models/user.server'
import { loader as anonymityLoader } from '~/routes/anonymity'
import { action as settingsAction } from '~/routes/admin.settings'
import { action as peopleAction } from '~/routes/admin.people'
import { loader as dashboardLoader } from '~/routes/dashboard'
import { loader as csvLoader } from '~/routes/dashboard[.]csv'
import { loader as digestLoader } from '~/routes/digest'
import { action as answerAction, loader as answerLoader } from '~/routes/pulse.$roundId'
import { loader as autopsyLoader } from '~/routes/teams.$teamId.autopsies.$autopsyId'
import { loader as teamLoader } from '~/routes/teams.$teamId._index'
import { loader as pulseLoader } from '~/routes/teams.$teamId.pulse'
import { action as roundsAction, loader as roundsLoader } from '~/routes/teams.$teamId.rounds'
import { addMember, createTeam, createUser, createWorkspace, request, settle } from '../../factories'
import { parseCsvRecords } from '~/domain/csv-parse'

const ctx = { context: {} }
type Who = { id: string }
type TeamRef = { id: string; workspaceId: string }

// ------------------------------------------------------------------ setting the stage

/** A workspace with the built-in template and one admin (not on any team). */
export async function world({ k = 5, commentK = 7, timeZone = 'UTC', name = 'Acme' } = {}) {
  // Team first off: these attacks read each round as leaders would once it
  // has passed; what leaders may read, and when, is tested on its own.
  const ws = await createWorkspace({ name, anonymityK: k, commentK, timeZone, teamFirst: false })
  await ensureBuiltInTemplate(ws.id)
  const admin = await createUser(ws.id, { isAdmin: true, name: 'Ada Admin' })
  return { ws, admin }
}

/** A team and its people: `crew(team, { engineering: 6, product: 5 })`. */
export async function crew(team: TeamRef, counts: Partial<Record<Discipline, number>>, role: TeamRole = 'member') {
  const people: { id: string; name: string; discipline: Discipline }[] = []
  for (const [discipline, n] of Object.entries(counts) as [Discipline, number][]) {
    for (let i = 0; i < n; i++) {
      const user = await createUser(team.workspaceId, { name: `${discipline} ${role} ${people.length + 1}` })
      await addMember(team, user, role, discipline)
      people.push({ id: user.id, name: user.name, discipline })
    }
  }
  return people
}

export async function teamWith(workspaceId: string, counts: Partial<Record<Discipline, number>>, name?: string) {
  const team = await createTeam(workspaceId, name)
  const people = await crew(team, counts)
  return { team, people }
}

/** A leader of the given teams, who answers nothing. */
export async function leaderOf(teams: TeamRef[], name = 'Lee Leader') {
  const leader = await createUser(teams[0].workspaceId, { name })
  for (const team of teams) await addMember(team, leader, 'leader', 'product')
  return leader
}

// ------------------------------------------------------------------ writes through the app

/** Opens a round now through the Rounds page (as an admin or facilitator); returns its id as the page lists it. */
export async function openRound(actor: Who, teamId: string) {
  const res = await settle(async () =>
    roundsAction({
      ...ctx,
      params: { teamId },
      request: await request(`/teams/${teamId}/rounds`, { user: actor, form: { intent: 'open', windowDays: '3' } }),
    }),
  )
  expect(res.status, await res.clone().text()).toBeLessThan(400)
  const page = await roundsPage(actor, teamId)
  const open = page.rounds.find((r: { status: string }) => r.status === 'open')
  expect(open).toBeDefined()
  return String(open.id)
}

export async function closeRound(actor: Who, teamId: string, roundId: string) {
  const res = await settle(async () =>
    roundsAction({
      ...ctx,
      params: { teamId },
      request: await request(`/teams/${teamId}/rounds`, { user: actor, form: { intent: 'close', roundId } }),
    }),
  )
  expect(res.status, await res.clone().text()).toBeLessThan(400)
}

export async function roundsPage(user: Who, teamId: string) {
  const res = await settle(async () =>
    roundsLoader({ ...ctx, params: { teamId }, request: await request(`/teams/${teamId}/rounds`, { user }) }),
  )
  expect(res.status).toBe(200)
  return res.json()
}

/** The answer page as the person sees it (items only while open). */
export async function answerPage(user: Who, roundId: string) {
  return settle(async () => answerLoader({ ...ctx, params: { roundId }, request: await request(`/pulse/${roundId}`, { user }) }))
}

const itemCache = new Map<string, { id: string; itemKey: string; reverseScored: boolean }[]>()

/**
 * The round's items in order, as the answer page lists them. The key and
 * whether an item is reverse-scored (public in the template) are looked up so
 * that tests can give answers with a known score.
 */
export async function roundItemsFor(user: Who, roundId: string) {
  const known = itemCache.get(roundId)
  if (known) return known
  const res = await answerPage(user, roundId)
  expect(res.status).toBe(200)
  const body = await res.json()
  expect(body.state).toBe('open')
  const db = await getDb()
  const items = []
  for (const item of body.items as { id: string }[]) {
    const [row] = await db.select().from(surveyItems).where(eq(surveyItems.id, item.id))
    items.push({ id: item.id, itemKey: row.itemKey, reverseScored: row.reverseScored })
  }
  itemCache.set(roundId, items)
  return items
}

export type Answer = number | ((item: { itemKey: string; index: number; reverseScored: boolean }) => number)

/** Every item scored `v` once reverse-scored items are flipped: every dimension, and the Respect Index, is then (v − 1) / 6 × 100. */
export const uniform =
  (v: number): Answer =>
  (item) =>
    item.reverseScored ? 8 - v : v

/** The Respect Index (0–100, one decimal) of answers made with uniform(v). */
export const indexOf = (v: number) => Math.round(((v - 1) / 6) * 1000) / 10

/** Submits the answer form; returns the Response (303 on success, 409 closed, 404 not on the roster, 422 invalid). */
export async function answer(
  user: Who,
  roundId: string,
  value: Answer,
  {
    comment,
    extra,
    items,
  }: { comment?: string; extra?: Record<string, string>; items?: { id: string; itemKey: string; reverseScored: boolean }[] } = {},
) {
  const list = items ?? (await roundItemsFor(user, roundId))
  const form: Record<string, string> = {}
  list.forEach((item, index) => {
    form[`item-${item.id}`] = String(
      typeof value === 'number' ? value : value({ itemKey: item.itemKey, index, reverseScored: item.reverseScored }),
    )
  })
  if (comment !== undefined) form.comment = comment
  Object.assign(form, extra ?? {})
  return settle(async () => answerAction({ ...ctx, params: { roundId }, request: await request(`/pulse/${roundId}`, { user, form }) }))
}

export async function answerOk(user: Who, roundId: string, value: Answer, options: Parameters<typeof answer>[3] = {}) {
  const res = await answer(user, roundId, value, options)
  expect(res.status, await res.clone().text()).toBe(303)
  expect(res.headers.get('Location')).toBe(`/pulse/${roundId}?done=1`)
}

/** A whole round: open, everyone listed answers (value per person), close. */
export async function runRound(
  admin: Who,
  teamId: string,
  people: readonly { id: string }[],
  value: (i: number) => Answer = () => 5,
  comment?: (i: number) => string,
) {
  const roundId = await openRound(admin, teamId)
  for (const [i, person] of people.entries()) await answerOk(person, roundId, value(i), comment ? { comment: comment(i) } : {})
  await closeRound(admin, teamId, roundId)
  return roundId
}

/** Settings as an admin saves them from the Settings page. */
export async function saveSettings(
  admin: Who,
  values: { k: number; commentK: number; tightenPast?: boolean },
  { name = 'Acme', timeZone = 'UTC' } = {},
) {
  const form: Record<string, string> = {
    name,
    timeZone,
    anonymityK: String(values.k),
    commentK: String(values.commentK),
    deficitRespectIndex: '60',
    deficitDirectional: '55',
    deficitGap: '15',
    digestWeekday: '1',
    digestHour: '8',
    // teamFirst left unticked: off, as world() makes it.
    teamFirstDays: '2',
  }
  if (values.tightenPast) form.tightenPast = 'on'
  return settle(async () => settingsAction({ ...ctx, params: {}, request: await request('/admin/settings', { user: admin, form }) }))
}

/** The People page's "add to team" action. */
export async function addToTeam(admin: Who, userId: string, teamId: string, discipline: Discipline, role: TeamRole = 'member') {
  const res = await settle(async () =>
    peopleAction({
      ...ctx,
      params: {},
      request: await request('/admin/people', { user: admin, form: { intent: 'add-membership', userId, teamId, discipline, role } }),
    }),
  )
  expect(res.status, await res.clone().text()).toBeLessThan(400)
}

/** The People page's "save membership" action: change a membership's discipline or role in place. */
export async function changeMembership(admin: Who, membershipId: string, teamId: string, discipline: Discipline, role: TeamRole) {
  const res = await settle(async () =>
    peopleAction({
      ...ctx,
      params: {},
      request: await request('/admin/people', {
        user: admin,
        form: { intent: 'update-membership', membershipId, teamId, discipline, role },
      }),
    }),
  )
  expect(res.status, await res.clone().text()).toBeLessThan(400)
}

// ------------------------------------------------------------------ reads, as the attacker gets them

export type PulsePage = {
  results: PublicRoundResults | null
  trend: TrendPoint[]
  rounds: { id: string; status: string }[]
  k: number
  commentK: number
}

/** The team's pulse page loader: exactly the JSON `?_data=routes/teams.$teamId.pulse` returns. */
export async function pulse(user: Who, teamId: string, roundId?: string): Promise<PulsePage & { text: string }> {
  const path = `/teams/${teamId}/pulse${roundId ? `?round=${roundId}` : ''}`
  const res = await settle(async () => pulseLoader({ ...ctx, params: { teamId }, request: await request(path, { user }) }))
  expect(res.status).toBe(200)
  const text = await res.text()
  return { ...JSON.parse(text), text }
}

export async function dashboard(user: Who, query = ''): Promise<{ data: Dashboard; text: string }> {
  const res = await settle(async () =>
    dashboardLoader({ ...ctx, params: {}, request: await request(`/dashboard${query ? `?${query}` : ''}`, { user }) }),
  )
  expect(res.status, await res.clone().text()).toBe(200)
  const text = await res.text()
  return { data: JSON.parse(text).dashboard, text }
}

/** One CSV download, parsed (RFC 4180) into header-keyed rows. */
export async function csv(user: Who, section: string, query = '') {
  const res = await settle(async () =>
    csvLoader({ ...ctx, params: {}, request: await request(`/dashboard.csv?section=${section}${query ? `&${query}` : ''}`, { user }) }),
  )
  expect(res.status).toBe(200)
  const text = await res.text()
  const [header, ...records] = parseCsvRecords(text)
  return { text, rows: records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) }
}

async function digest(user: Who) {
  const res = await settle(async () => digestLoader({ ...ctx, params: {}, request: await request('/digest', { user }) }))
  expect(res.status).toBe(200)
  const text = await res.text()
  return { ...JSON.parse(text), raw: text }
}

/** The digest's Respect Index as the preview shows it (whole points, null when hidden). */
export async function digestRespectIndex(user: Who): Promise<number | null> {
  const page = await digest(user)
  expect(page.leader).toBe(true)
  return page.numbers.find((n: { key: string }) => n.key === 'respect_index').value
}

export async function anonymityPage(user?: Who) {
  const res = await settle(async () => anonymityLoader({ ...ctx, params: {}, request: await request('/anonymity', { user }) }))
  expect(res.status).toBe(200)
  return res.json()
}

export async function teamPage(user: Who, teamId: string) {
  const res = await settle(async () => teamLoader({ ...ctx, params: { teamId }, request: await request(`/teams/${teamId}`, { user }) }))
  expect(res.status).toBe(200)
  const text = await res.text()
  return { ...JSON.parse(text), text }
}

export async function autopsyPage(user: Who, teamId: string, autopsyId: string) {
  const res = await settle(async () =>
    autopsyLoader({ ...ctx, params: { teamId, autopsyId }, request: await request(`/teams/${teamId}/autopsies/${autopsyId}`, { user }) }),
  )
  expect(res.status).toBe(200)
  return res.json()
}

// ------------------------------------------------------------------ reading what came back

type DashboardLike = Pick<Dashboard, 'respect' | 'heatmap'>

/** A team's numbers on the dashboard: its latest respect point, heatmap row and participation. */
export function teamOnDashboard(d: DashboardLike, teamId: string) {
  const points = d.respect.points.filter((p) => p.teamId === teamId)
  const latest = points[points.length - 1]
  const heat = d.heatmap.rows.find((r) => r.teamId === teamId)
  const part = d.respect.participation.filter((p) => p.teamId === teamId)
  return { point: latest, heat, participation: part[part.length - 1] }
}

/** Every score a pulse page shows for a round, in one flat list (nulls where hidden). */
function scoresOf(results: PublicRoundResults) {
  return [
    results.n,
    results.respectIndex,
    ...results.dimensions.flatMap((d) => [d.score, d.mean]),
    ...results.directional.flatMap((d) => [d.overall, d.selfView.score, d.otherView.score, d.gap]),
  ]
}

/** Whether a round page shows nothing but participation. */
export function expectNothingShown(results: PublicRoundResults | null) {
  expect(results).not.toBeNull()
  if (!results) return
  expect(results.visible).toBe(false)
  expect(scoresOf(results).every((v) => v === null)).toBe(true)
  expect(results.items.every((i) => i.distribution === null)).toBe(true)
  expect(results.comments.visible).toBe(false)
  expect(results.comments.items).toEqual([])
}

/**
 * Every number written as a value in a text (JSON or CSV), as strings: to
 * check that a hidden value appears nowhere. Digits inside strings ("Q4",
 * "stage4", "2026-11-10") are not values and are not collected.
 */
export function numbersIn(text: string): Set<string> {
  return new Set(text.match(/(?<=[:,[]|^)-?\d+(?:\.\d+)?(?=[,}\]\r\n]|$)/gm) ?? [])
}
