import { refuse } from '~/domain/refusal'
import { randomUUID } from 'node:crypto'
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { passwordResets, users } from '../../db/schema'
import { LINK_PLACEHOLDER } from '~/domain/mail-links'
import { queueMail } from '~/utils/mail.server'
import { renderMail } from '~/utils/mail-render.server'
import { hashPassword } from '~/utils/password.server'
import { hashToken, linkRef, secretToken } from '~/utils/tokens.server'
import { deleteUserSessions } from './auth-session.server'
import { passwordSignInAllowed, PASSWORDS_OFF_MESSAGE } from './sso.server'
import { getUserByEmail } from './user.server'

export const RESET_MINUTES = 60

/**
 * Mails a single-use reset link to the account with this email, if there is
 * one and it is active; otherwise does nothing. The caller answers the same
 * either way. The stored mail holds a placeholder, not the link.
 */
export async function requestPasswordReset(email: string, now = new Date()) {
  const user = await getUserByEmail(email)
  if (!user || user.deactivatedAt) return false
  // With password sign-in turned off, a reset would be a way around it.
  if (!(await passwordSignInAllowed(user))) return false
  const db = await getDb()
  const id = randomUUID()
  await db.transaction(async (tx) => {
    await tx.insert(passwordResets).values({
      id,
      userId: user.id,
      tokenHash: hashToken(secretToken('password-reset', id)),
      expiresAt: new Date(now.getTime() + RESET_MINUTES * 60_000),
      createdAt: now,
    })
    await queueMail(
      {
        workspaceId: user.workspaceId,
        to: user.email,
        ...renderMail('passwordReset', { email: user.email, resetUrl: LINK_PLACEHOLDER, minutes: RESET_MINUTES }),
        linkRef: linkRef('password-reset', id),
      },
      tx,
    )
  })
  return true
}

export type ResetState = { state: 'valid'; email: string } | { state: 'expired' | 'used' | 'unknown' | 'deactivated' }

export async function getPasswordReset(token: string, now = new Date()): Promise<ResetState> {
  const db = await getDb()
  const [row] = await db
    .select({ reset: passwordResets, email: users.email, deactivatedAt: users.deactivatedAt })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, hashToken(token)))
  if (!row) return { state: 'unknown' }
  if (row.deactivatedAt) return { state: 'deactivated' }
  if (row.reset.usedAt) return { state: 'used' }
  if (row.reset.expiresAt <= now) return { state: 'expired' }
  return { state: 'valid', email: row.email }
}

/**
 * Sets the new password. Single use is one conditional UPDATE, so of two
 * concurrent submits only one succeeds. Every session of the person is
 * revoked and every other open reset link closed; the caller then signs
 * them in afresh.
 */
export async function completePasswordReset(token: string, password: string) {
  const db = await getDb()
  const passwordHash = await hashPassword(password)
  return db.transaction(async (tx) => {
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
      .returning()
    if (!reset) refuse(409, 'This reset link has already been used or has expired. Ask for a new one.')
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, reset.userId), isNull(users.deactivatedAt)))
      .returning()
    if (!user) refuse(409, 'This account has been deactivated. Ask a workspace admin.')
    if (!(await passwordSignInAllowed(user, tx))) refuse(403, PASSWORDS_OFF_MESSAGE)
    await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)))
    await deleteUserSessions(user.id, { tx })
    return user
  })
}

/** Deletes reset rows a day after they expired or were used. */
export async function purgePasswordResets(now = new Date()) {
  const db = await getDb()
  const before = new Date(now.getTime() - 24 * 3600_000)
  const rows = await db
    .delete(passwordResets)
    .where(or(lt(passwordResets.expiresAt, before), lt(passwordResets.usedAt, before)))
    .returning({ id: passwordResets.id })
  return rows.length
}
