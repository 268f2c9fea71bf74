import { and, eq, sql } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { loginAttempts, memberships, teams, users } from '../../db/schema'
import { dummyHash, verifyPassword } from '~/utils/password.server'

export async function getUserById(userId: string) {
  const db = await getDb()
  const [row] = await db.select().from(users).where(eq(users.id, userId))
  return row ?? null
}

export async function getUserByEmail(email: string) {
  const db = await getDb()
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()))
  return row ?? null
}

/** Checks a password; does the same work whether or not the email exists. */
export async function verifyLogin(email: string, password: string) {
  const user = await getUserByEmail(email)
  if (!user) {
    await verifyPassword(password, await dummyHash())
    return null
  }
  return (await verifyPassword(password, user.passwordHash)) ? user : null
}

export const LOGIN_LIMIT = { failures: 5, windowMinutes: 15, lockMinutes: 15 }

/** Minutes left on a lock for this sign-in key, or 0. */
export async function loginLockMinutes(key: string, now = new Date()): Promise<number> {
  const db = await getDb()
  const [row] = await db.select().from(loginAttempts).where(eq(loginAttempts.key, key))
  if (!row?.lockedUntil || row.lockedUntil <= now) return 0
  return Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 60_000)
}

/**
 * Counts a failed sign-in in one atomic upsert, so concurrent attempts on
 * several app instances cannot slip past the limit.
 */
export async function recordLoginFailure(key: string) {
  const db = await getDb()
  const { failures, windowMinutes, lockMinutes } = LOGIN_LIMIT
  const windowStart = sql`now() - make_interval(mins => ${windowMinutes})`
  await db
    .insert(loginAttempts)
    .values({ key, failures: 1 })
    .onConflictDoUpdate({
      target: loginAttempts.key,
      set: {
        failures: sql`case when ${loginAttempts.windowStartedAt} < ${windowStart} then 1 else ${loginAttempts.failures} + 1 end`,
        windowStartedAt: sql`case when ${loginAttempts.windowStartedAt} < ${windowStart} then now() else ${loginAttempts.windowStartedAt} end`,
        lockedUntil: sql`case when ${loginAttempts.windowStartedAt} >= ${windowStart} and ${loginAttempts.failures} + 1 >= ${failures} then now() + make_interval(mins => ${lockMinutes}) else ${loginAttempts.lockedUntil} end`,
      },
    })
}

export async function clearLoginFailures(key: string) {
  const db = await getDb()
  await db.delete(loginAttempts).where(eq(loginAttempts.key, key))
}

export type TeamRole = 'member' | 'facilitator' | 'leader'

export async function getUserMemberships(workspaceId: string, userId: string) {
  const db = await getDb()
  return db
    .select({
      teamId: teams.id,
      teamName: teams.name,
      role: memberships.role,
      discipline: memberships.discipline,
    })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .orderBy(teams.name)
}

export async function setDigestOptOut(workspaceId: string, userId: string, optOut: boolean) {
  const db = await getDb()
  await db
    .update(users)
    .set({ digestOptOut: optOut })
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)))
}
