import { and, eq } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { memberships, teams, users } from '../../db/schema'
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

/**
 * Checks a password; does the same work whether or not the email exists.
 * A deactivated account is returned too, so that only someone who knows its
 * password learns that it was deactivated.
 */
export async function verifyLogin(email: string, password: string) {
  const user = await getUserByEmail(email)
  if (!user) {
    await verifyPassword(password, await dummyHash())
    return null
  }
  return (await verifyPassword(password, user.passwordHash)) ? user : null
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
