import { purgeSessions } from './auth-session.server'
import { purgePasswordResets } from './password-reset.server'
import { purgeThrottle } from './throttle.server'

let lastRun = 0
const EVERY_MS = 15 * 60_000

/**
 * Deletes what can no longer matter: sessions past their idle or absolute
 * lifetime, reset links a day after they closed, and attempt counters nobody
 * has touched for longer than any backoff remembers. At most every 15
 * minutes per process; the deletes are idempotent, so several instances
 * running it is harmless. `force` is for tests.
 */
export async function purgeAuthRecords(now = new Date(), { force = false } = {}) {
  if (!force && now.getTime() - lastRun < EVERY_MS) return null
  lastRun = now.getTime()
  const [sessions, resets, attempts] = await Promise.all([purgeSessions(now), purgePasswordResets(now), purgeThrottle(now)])
  return { sessions, resets, attempts }
}
