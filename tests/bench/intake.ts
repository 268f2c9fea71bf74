// Survey intake: distinct signed-in members posting the real answer form, beside
// the same rows written straight through postgres.js and a bare Node server.
// Every acknowledged answer must be stored, once, whole.
import postgres from 'postgres'
import { agentFor, fillAnswerForm, inParallel, request, signIn } from './http'
import { rawAnswer, storedFor, type Intake } from './database'
import { round1, timing, type Timing } from './stats'

export const BENCH_PASSWORD = 'tandem-bench-2026'

export type IntakeResult = {
  clients: number
  answers: number
  acknowledged: number
  seconds: number
  perSecond: number
  post?: Timing
  /** the answer pages, loaded in a phase of their own before the answers */
  get?: Timing
  pages?: { perSecond: number; seconds: number; visitsPerSecond: number }
  signIn?: Timing
  errors: number
  stored?: number
  duplicates?: number
}

/** Signs in each member (a few at a time, as the sign-in throttle expects from one address). */
export async function signInAll(base: string, members: Intake[]) {
  const agent = agentFor(4)
  const ms: number[] = []
  const cookies = await inParallel(members, 4, async (m) => {
    const started = performance.now()
    const cookie = await signIn(base, m.email, BENCH_PASSWORD, agent)
    ms.push(performance.now() - started)
    return cookie
  })
  agent.destroy()
  return { cookies, timing: timing(ms) }
}

/**
 * Two timed phases at `clients` at once, each client taking the next member in
 * turn. Pages: each member GETs the answer page and fills in its form from it.
 * Answers: each member POSTs that form; acknowledged means a 303 to
 * /pulse/<id>?done=1. A person reads the page and answers a minute or more
 * later, so answers arrive apart from the page loads that preceded them; the
 * answers phase is the intake the raw floor compares with, and the two phases
 * together are a member's whole visit.
 */
export async function appIntake(base: string, members: Intake[], cookies: string[], clients: number, fail: (what: string) => void) {
  const agent = agentFor(clients)
  const gets: number[] = []
  const posts: number[] = []
  const acked: Intake[] = []
  let errors = 0
  const pagesStarted = performance.now()
  const forms = await inParallel(members, clients, async (member, i) => {
    try {
      const page = await request(base, `/pulse/${member.roundId}`, { cookie: cookies[i], agent })
      gets.push(page.ms)
      const filled = page.status === 200 ? fillAnswerForm(page.body.toString(), i) : null
      if (filled?.items) return filled.form
    } catch {
      // counted below
    }
    errors++
    return null
  })
  const pagesSeconds = (performance.now() - pagesStarted) / 1000
  const started = performance.now()
  await inParallel(members, clients, async (member, i) => {
    const form = forms[i]
    if (!form) return
    try {
      const post = await request(base, `/pulse/${member.roundId}`, { method: 'POST', cookie: cookies[i], form, agent })
      posts.push(post.ms)
      if (post.status === 303 && post.location?.endsWith(`/pulse/${member.roundId}?done=1`)) acked.push(member)
      else errors++
    } catch {
      errors++
    }
  })
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  if (errors) fail(`intake at ${clients} clients: ${errors} answers not acknowledged`)
  return {
    acked,
    result: { clients, answers: members.length, seconds, post: timing(posts), get: timing(gets), errors },
    pages: {
      perSecond: round1(gets.length / pagesSeconds),
      seconds: round1(pagesSeconds),
      /** members whose page and answer both went through, per second of the two phases together */
      visitsPerSecond: round1(acked.length / (pagesSeconds + seconds)),
    },
  }
}

/** Holds what the database stored for `members` to what was acknowledged: every one, once, whole. */
export async function verifyStored(
  db: postgres.Sql,
  members: Intake[],
  acked: Intake[],
  before: { participations: number; responses: number; answers: number },
  itemsPerAnswer: number,
  label: string,
  fail: (what: string) => void,
) {
  const after = await storedFor(db, members)
  const ackedKeys = new Set(acked.map((m) => `${m.userId}:${m.roundId}`))
  const lost = [...ackedKeys].filter((k) => !after.pairs.has(k)).length
  const unacknowledged = [...after.pairs].filter((k) => !ackedKeys.has(k)).length
  const responses = after.responses - before.responses
  const answers = after.answers - before.answers
  if (lost) fail(`${label}: ${lost} acknowledged answers are not stored`)
  if (unacknowledged) fail(`${label}: ${unacknowledged} answers stored but never acknowledged`)
  if (after.duplicates) fail(`${label}: ${after.duplicates} duplicate participations`)
  if (responses !== acked.length) fail(`${label}: ${responses} responses stored for ${acked.length} acknowledged`)
  if (answers !== acked.length * itemsPerAnswer)
    fail(`${label}: ${answers} answer rows stored, expected ${acked.length} × ${itemsPerAnswer}`)
  return { stored: after.pairs.size, duplicates: after.duplicates }
}

/** The floor: the same rows, one transaction each, `clients` at once over a pool of up to 40 connections. */
export async function rawIntake(url: string, members: Intake[], itemsByRound: Map<string, string[]>, clients: number) {
  const db = postgres(url, { max: Math.min(clients, 40), onnotice: () => {} })
  const ms: number[] = []
  let errors = 0
  const acked: Intake[] = []
  const started = performance.now()
  await inParallel(members, clients, async (member, i) => {
    const t = performance.now()
    try {
      await rawAnswer(db, member, itemsByRound.get(member.roundId) ?? [], i)
      acked.push(member)
      ms.push(performance.now() - t)
    } catch {
      errors++
    }
  })
  const seconds = (performance.now() - started) / 1000
  await db.end()
  return { acked, result: { clients, answers: members.length, seconds, post: timing(ms), errors } }
}

/** The HTTP ceiling: the same GET and POST against a bare Node server for `seconds`. */
export async function bareIntake(base: string, page: string, clients: number, seconds: number) {
  const agent = agentFor(clients)
  const posts: number[] = []
  let acked = 0
  let errors = 0
  const end = performance.now() + seconds * 1000
  const started = performance.now()
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; performance.now() < end; i++) {
        try {
          const got = await request(base, '/pulse/bare', { agent })
          const { form } = fillAnswerForm(got.body.toString() || page, c + i)
          const post = await request(base, '/pulse/bare', { method: 'POST', form, agent })
          posts.push(post.ms)
          if (post.status === 303) acked++
          else errors++
        } catch {
          errors++
        }
      }
    }),
  )
  const wall = (performance.now() - started) / 1000
  agent.destroy()
  return {
    clients,
    answers: acked + errors,
    acknowledged: acked,
    seconds: round1(wall),
    perSecond: round1(acked / wall),
    post: timing(posts),
    errors,
  }
}

export function finish(
  r: { clients: number; answers: number; seconds: number; post?: Timing; get?: Timing; errors: number },
  acknowledged: number,
  extra: Partial<IntakeResult> = {},
): IntakeResult {
  return { ...r, acknowledged, seconds: round1(r.seconds), perSecond: round1(acknowledged / r.seconds), ...extra }
}
