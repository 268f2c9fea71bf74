import { createHash, randomBytes } from 'node:crypto'
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { invites, memberships, teams, users, workspaces } from '../../db/schema'
import type { Discipline } from '~/domain/disciplines'
import { escapeHtml } from '~/domain/html'
import { hashPassword } from '~/utils/password.server'
import { queueMail } from '~/utils/mail.server'
import { recordJoined } from './membership-events.server'
import { isUniqueViolation } from './team.server'
import type { TeamRole } from './user.server'

export const INVITE_DAYS = 7

function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

export class InviteError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message)
  }
}

export async function createInvite(
  workspaceId: string,
  invitedBy: { id: string; name: string },
  input: { email: string; teamId: string; discipline: Discipline; role: TeamRole; makeAdmin: boolean },
  baseUrl: string,
) {
  const db = await getDb()
  const token = randomBytes(32).toString('base64url')
  const link = `${baseUrl.replace(/\/$/, '')}/join/${token}`
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email))
    if (existing) {
      throw new InviteError('This person already has an account. Add them to a team from the People list instead.', 'email')
    }
    const [team] = await tx.select().from(teams).where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, input.teamId)))
    if (!team) throw new InviteError('Choose a team in this workspace.', 'teamId')
    const [workspace] = await tx.select().from(workspaces).where(eq(workspaces.id, workspaceId))
    const expiresAt = new Date(Date.now() + INVITE_DAYS * 24 * 3600 * 1000)
    const [invite] = await tx
      .insert(invites)
      .values({ workspaceId, tokenHash: hashToken(token), invitedBy: invitedBy.id, expiresAt, ...input })
      .returning()
    await queueMail(
      {
        workspaceId,
        to: input.email,
        subject: `${invitedBy.name} invited you to ${team.name} on Tandem`,
        text: [
          `${invitedBy.name} invited you to join ${team.name} in ${workspace.name} on Tandem.`,
          '',
          `Accept the invitation: ${link}`,
          '',
          `The link works once and expires in ${INVITE_DAYS} days.`,
        ].join('\n'),
        html: `<p>${escapeHtml(invitedBy.name)} invited you to join <strong>${escapeHtml(team.name)}</strong> in ${escapeHtml(workspace.name)} on Tandem.</p><p><a href="${escapeHtml(link)}">Accept the invitation</a></p><p>The link works once and expires in ${INVITE_DAYS} days.</p>`,
      },
      tx,
    )
    return { invite, link }
  })
}


export type InviteState =
  | { state: 'valid'; invite: typeof invites.$inferSelect; teamName: string; workspaceName: string }
  | { state: 'expired' | 'used' | 'revoked' | 'unknown' }

export async function getInviteByToken(token: string, now = new Date()): Promise<InviteState> {
  const db = await getDb()
  const [row] = await db
    .select({ invite: invites, teamName: teams.name, workspaceName: workspaces.name })
    .from(invites)
    .innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
    .leftJoin(teams, eq(teams.id, invites.teamId))
    .where(eq(invites.tokenHash, hashToken(token)))
  if (!row) return { state: 'unknown' }
  if (row.invite.revokedAt) return { state: 'revoked' }
  if (row.invite.usedAt) return { state: 'used' }
  if (row.invite.expiresAt <= now) return { state: 'expired' }
  return { state: 'valid', invite: row.invite, teamName: row.teamName ?? '', workspaceName: row.workspaceName }
}

/**
 * Single use is enforced by one conditional UPDATE: of two concurrent accepts,
 * only one sees the row still unused.
 */
export async function acceptInvite(token: string, input: { name: string; password: string }) {
  const db = await getDb()
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .update(invites)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(invites.tokenHash, hashToken(token)),
          isNull(invites.usedAt),
          isNull(invites.revokedAt),
          gt(invites.expiresAt, sql`now()`),
        ),
      )
      .returning()
    if (!invite) throw new InviteError('This invitation has already been used or has expired.')
    try {
      const [user] = await tx
        .insert(users)
        .values({
          workspaceId: invite.workspaceId,
          email: invite.email,
          name: input.name,
          passwordHash,
          isAdmin: invite.makeAdmin,
        })
        .returning()
      if (invite.teamId) {
        const [membership] = await tx
          .insert(memberships)
          .values({
            workspaceId: invite.workspaceId,
            teamId: invite.teamId,
            userId: user.id,
            role: invite.role,
            discipline: invite.discipline,
          })
          .returning()
        // Joined through an invitation: the admin who sent it made the change.
        await recordJoined(tx, membership, invite.invitedBy)
      }
      return user
    } catch (error) {
      if (isUniqueViolation(error)) throw new InviteError('An account with this email already exists. Sign in instead.')
      throw error
    }
  })
}

export async function listPendingInvites(workspaceId: string) {
  const db = await getDb()
  return db
    .select({
      id: invites.id,
      email: invites.email,
      teamName: teams.name,
      role: invites.role,
      discipline: invites.discipline,
      expiresAt: invites.expiresAt,
      createdAt: invites.createdAt,
    })
    .from(invites)
    .leftJoin(teams, eq(teams.id, invites.teamId))
    .where(and(eq(invites.workspaceId, workspaceId), isNull(invites.usedAt), isNull(invites.revokedAt), gt(invites.expiresAt, sql`now()`)))
    .orderBy(desc(invites.createdAt))
}

export async function revokeInvite(workspaceId: string, inviteId: string) {
  const db = await getDb()
  const rows = await db
    .update(invites)
    // Revoking twice keeps the first time.
    .set({ revokedAt: sql`coalesce(${invites.revokedAt}, now())` })
    .where(and(eq(invites.workspaceId, workspaceId), eq(invites.id, inviteId), isNull(invites.usedAt)))
    .returning()
  return rows[0] ?? null
}
