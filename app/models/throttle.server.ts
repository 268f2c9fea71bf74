import { and, eq, gt, lt, sql } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { authThrottle } from '../../db/schema'
import { THROTTLE_RETENTION_SECONDS, type BackoffPolicy } from '~/domain/backoff'

export type Hit = { ok: true; failures: number } | { ok: false; retryAfter: number }

/** The wait after `failures` failures, in SQL, mirroring backoffSeconds() in app/domain/backoff.ts. */
function delay(policy: BackoffPolicy, failures: ReturnType<typeof sql>) {
  return sql`make_interval(secs => case when ${failures} <= ${policy.free} then 0
    else least(${policy.capSeconds}::float8, ${policy.baseSeconds}::float8 * power(2::float8, least(${failures} - ${policy.free} - 1, 30))) end)`
}

function secondsUntil(until: Date, now: Date) {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000))
}

/**
 * Counts a failure against `key` in one atomic upsert and returns how many
 * failures in a row the key now has. With `enforce`, a key that is still
 * waiting counts nothing and returns the wait instead: callers count an
 * attempt *before* doing the work and refund it on success, so concurrent
 * attempts cannot all slip through while the first one is being checked.
 */
export async function hitThrottle(key: string, policy: BackoffPolicy, { enforce = true, now = new Date() } = {}): Promise<Hit> {
  const db = await getDb()
  // Raw SQL gets timestamps as ISO text: postgres.js (under drizzle) does not bind a Date there.
  const at = sql`${now.toISOString()}::timestamptz`
  const forgetBefore = sql`${new Date(now.getTime() - policy.forgetSeconds * 1000).toISOString()}::timestamptz`
  const next = sql`(case when ${authThrottle.updatedAt} < ${forgetBefore} then 1 else ${authThrottle.failures} + 1 end)`
  // A free try blocks nothing: it leaves the wait where it was rather than at
  // this attempt's clock, which a concurrent attempt stamped a moment earlier
  // would otherwise read as "still waiting".
  const until = (failures: ReturnType<typeof sql>) =>
    sql`(case when ${failures} <= ${policy.free} then '-infinity'::timestamptz else ${at} + ${delay(policy, failures)} end)`
  const rows = await db
    .insert(authThrottle)
    .values({ key, failures: 1, blockedUntil: until(sql`1`), updatedAt: now })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        failures: next,
        blockedUntil: sql`greatest(${authThrottle.blockedUntil}, ${until(next)})`,
        updatedAt: now,
      },
      setWhere: enforce ? sql`${authThrottle.blockedUntil} <= ${at}` : undefined,
    })
    .returning({ failures: authThrottle.failures })
  if (rows.length) return { ok: true, failures: rows[0].failures }
  const [row] = await db.select({ blockedUntil: authThrottle.blockedUntil }).from(authThrottle).where(eq(authThrottle.key, key))
  return { ok: false, retryAfter: row ? secondsUntil(row.blockedUntil, now) : 1 }
}

/** Takes back one failure counted up front for an attempt that succeeded. */
export async function refundThrottle(key: string, now = new Date()) {
  const db = await getDb()
  await db
    .update(authThrottle)
    .set({
      failures: sql`greatest(${authThrottle.failures} - 1, 0)`,
      blockedUntil: sql`least(${authThrottle.blockedUntil}, ${now.toISOString()}::timestamptz)`,
    })
    .where(eq(authThrottle.key, key))
}

export async function clearThrottle(key: string) {
  const db = await getDb()
  await db.delete(authThrottle).where(eq(authThrottle.key, key))
}

/** Seconds `key` must still wait, or 0. Reads only. */
export async function throttleWait(key: string, now = new Date()): Promise<number> {
  const db = await getDb()
  const [row] = await db
    .select({ blockedUntil: authThrottle.blockedUntil })
    .from(authThrottle)
    .where(and(eq(authThrottle.key, key), gt(authThrottle.blockedUntil, now)))
  return row ? secondsUntil(row.blockedUntil, now) : 0
}

/** Deletes rows nobody has touched for longer than any policy remembers. */
export async function purgeThrottle(now = new Date()) {
  const db = await getDb()
  const before = new Date(now.getTime() - THROTTLE_RETENTION_SECONDS * 1000)
  const rows = await db
    .delete(authThrottle)
    .where(and(lt(authThrottle.updatedAt, before), lt(authThrottle.blockedUntil, now)))
    .returning({ key: authThrottle.key })
  return rows.length
}
