import { refuse } from '~/domain/refusal'
import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { invites, memberships, passwordResets, users } from '../../db/schema'
import { hashPassword, verifyPassword } from '~/utils/password.server'
import { deleteUserSessions } from './auth-session.server'
import { removeMembership } from './team.server'

export async function updateUserName(userId: string, name: string) {
  const db = await getDb()
  await db.update(users).set({ name }).where(eq(users.id, userId))
}

/**
 * Changes a password after checking the current one. Every other session of
 * the person is revoked (a thief's copy among them) and any reset link still
 * open stops working; the session that made the change stays signed in.
 * Returns false when the current password is wrong, and changes nothing.
 */
export async function changePassword(userId: string, input: { current: string; next: string; keepSessionId: string }) {
  const db = await getDb()
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId))
  if (!user || !(await verifyPassword(input.current, user.passwordHash))) return { ok: false as const }
  const passwordHash = await hashPassword(input.next)
  const revoked = await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId))
    await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)))
    return deleteUserSessions(userId, { except: input.keepSessionId, tx })
  })
  return { ok: true as const, revoked }
}

/**
 * Deactivates someone who left: they are signed out everywhere, lose admin
 * rights, leave every team, and their open invitations and reset links stop
 * working. The row itself stays, and so does everything they answered: a
 * response never pointed at a person, and participations keep round counts
 * true. One transaction, so nobody is left half-deactivated.
 */
export async function deactivateUser(workspaceId: string, actorId: string, userId: string) {
  if (actorId === userId) refuse(409, 'You cannot deactivate your own account. Ask another admin.')
  const db = await getDb()
  return db.transaction(async (tx) => {
    // The workspace's admin rows are locked first, in id order, then the target: the
    // same order in every such transaction, so two admins deactivating each other at
    // once wait for one another (and the second sees the first's result) instead of deadlocking.
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), eq(users.isAdmin, true), isNull(users.deactivatedAt)))
      .orderBy(asc(users.id))
      .for('update')
    const [target] = await tx
      .select()
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)))
      .for('update')
    if (!target) return null
    if (target.deactivatedAt) return target
    if (target.isAdmin && admins.length <= 1) {
      refuse(409, `${target.name} is the only workspace admin. Make someone else an admin first.`)
    }
    const [updated] = await tx
      .update(users)
      .set({ deactivatedAt: sql`now()`, isAdmin: false })
      .where(eq(users.id, userId))
      .returning()
    await deleteUserSessions(userId, { tx })
    const held = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    for (const m of held) await removeMembership(workspaceId, m.id, { actorId, tx })
    await tx
      .update(invites)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(invites.workspaceId, workspaceId), eq(invites.email, target.email), isNull(invites.usedAt), isNull(invites.revokedAt)))
    await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)))
    return updated
  })
}

/** Lets a deactivated person sign in again. Teams and admin rights do not come back on their own. */
export async function reactivateUser(workspaceId: string, userId: string) {
  const db = await getDb()
  const rows = await db
    .update(users)
    .set({ deactivatedAt: null })
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)))
    .returning()
  return rows[0] ?? null
}
