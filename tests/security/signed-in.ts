// Each visitor signs in once and keeps its cookie, as a browser does, so a
// request adds no session row of its own and "nothing changed" means nothing.
// A session that has ended (signing out, signing out everywhere, a password
// change or reset) is replaced by a fresh sign-in, and so is one old enough
// that the app would mark it seen: that bookkeeping write would otherwise land
// on whatever request happened to come next.
import { sql } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { authThrottle } from '../../db/schema'
import { SESSION_TOUCH_MINUTES } from '~/models/auth-session.server'
import { query, signIn } from '../factories'

type Held = { cookie: string; sessionId: string; since: number }

const held = new Map<string, Held>()
const FRESH_FOR_MS = (SESSION_TOUCH_MINUTES - 1) * 60_000

/**
 * The visitor's session cookie, signing in afresh when the last one has ended.
 * A fresh sign-in writes a session row: callers that measure writes take their
 * baseline after calling this.
 */
export async function cookieOf(userId: string): Promise<string> {
  const current = held.get(userId)
  if (current && Date.now() - current.since < FRESH_FOR_MS) {
    const [row] = await query<{ id: string }>(sql`select id from sessions where id = ${current.sessionId}`)
    if (row) return current.cookie
  }
  const { cookie, sessionId } = await signIn(userId)
  held.set(userId, { cookie, sessionId, since: Date.now() })
  return cookie
}

/**
 * Forgets every counted failure. These suites send many bad links and
 * passwords from the one client a test has; cleared before each request, every
 * request is judged on what it sends rather than answered 429 for what came
 * before it. The backoff itself is tested in tests/integration/throttle.test.ts.
 */
export async function clearThrottle() {
  await (await getDb()).delete(authThrottle)
}
