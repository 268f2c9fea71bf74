import { randomUUID } from 'node:crypto'
import { and, desc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm'
import { getDb, type Database } from '../../db/client.server'
import { invites, memberships, teams, users, workspaces } from '../../db/schema'
import type { Discipline } from '~/domain/disciplines'
import type { ListEntry } from '~/domain/email-list'
import { LINK_PLACEHOLDER } from '~/domain/mail-links'
import { hashPassword } from '~/utils/password.server'
import { queueMail } from '~/utils/mail.server'
import { refuse } from '~/domain/refusal'
import { renderMail } from '~/utils/mail-render.server'
import { recordJoined } from './membership-events.server'
import { hashToken, linkRef, secretLink, secretToken } from '~/utils/tokens.server'
import { isUniqueViolation } from './team.server'
import type { TeamRole } from './user.server'

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0]

export const INVITE_DAYS = 7

export type PendingConflict = { id: string; email: string; expiresAt: Date }

/** Why an invitation was refused, for the form to offer a way out: sign in, or resend the open one. */
export type InviteConflict = { reason: 'account' } | { reason: 'pending'; pending?: PendingConflict }

export function inviteConflictOf(detail: unknown): InviteConflict | null {
  if (typeof detail !== 'object' || detail === null || !('reason' in detail)) return null
  return detail.reason === 'account' || detail.reason === 'pending' ? (detail as InviteConflict) : null
}

type InviteInput = { teamId: string; discipline: Discipline; role: TeamRole; makeAdmin: boolean }
type Inviter = { id: string; name: string }

function expiry() {
  return new Date(Date.now() + INVITE_DAYS * 24 * 3600 * 1000)
}

/** The invitation mail, with a placeholder where the link goes: the link is never stored. */
function inviteMail(workspaceId: string, email: string, inviteId: string, inviter: Inviter, teamName: string, workspaceName: string) {
  return {
    workspaceId,
    to: email,
    ...renderMail('invite', { inviterName: inviter.name, teamName, workspaceName, acceptUrl: LINK_PLACEHOLDER, days: INVITE_DAYS }),
    linkRef: linkRef('invite', inviteId),
  }
}

async function teamAndWorkspace(tx: Tx, workspaceId: string, teamId: string) {
  const [row] = await tx
    .select({ teamName: teams.name, workspaceName: workspaces.name })
    .from(teams)
    .innerJoin(workspaces, eq(workspaces.id, teams.workspaceId))
    .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, teamId)))
  if (!row) refuse(422, 'Choose a team in this workspace.', { field: 'teamId' })
  return row
}

/** Open invitations for these emails (expired ones are closed first, so they never block a new one). */
async function openInvites(tx: Tx, workspaceId: string, emails: string[]) {
  if (emails.length === 0) return []
  const open = and(eq(invites.workspaceId, workspaceId), inArray(invites.email, emails), isNull(invites.usedAt), isNull(invites.revokedAt))
  // An expired invitation reads as "expired" on its join page even with revoked_at set (see getInviteByToken).
  await tx
    .update(invites)
    .set({ revokedAt: sql`now()` })
    .where(and(open, lte(invites.expiresAt, sql`now()`)))
  return tx.select({ id: invites.id, email: invites.email, expiresAt: invites.expiresAt }).from(invites).where(open)
}

async function insertInvite(
  tx: Tx,
  workspaceId: string,
  inviter: Inviter,
  email: string,
  input: InviteInput,
  names: { teamName: string; workspaceName: string },
) {
  const id = randomUUID()
  const [invite] = await tx
    .insert(invites)
    .values({
      id,
      workspaceId,
      tokenHash: hashToken(secretToken('invite', id)),
      email,
      invitedBy: inviter.id,
      expiresAt: expiry(),
      ...input,
    })
    .returning()
  await queueMail(inviteMail(workspaceId, email, id, inviter, names.teamName, names.workspaceName), tx)
  return invite
}

function pendingMessage(email: string) {
  return `There is already a pending invitation for ${email}.`
}

export async function createInvite(workspaceId: string, invitedBy: Inviter, input: InviteInput & { email: string }, baseUrl: string) {
  const db = await getDb()
  const { email, ...rest } = input
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email))
      if (existing) {
        refuse(422, `${email} already has an account. They can sign in.`, {
          field: 'email',
          detail: { reason: 'account' } satisfies InviteConflict,
        })
      }
      const names = await teamAndWorkspace(tx, workspaceId, rest.teamId)
      const [pending] = await openInvites(tx, workspaceId, [email])
      if (pending) refuse(422, pendingMessage(email), { field: 'email', detail: { reason: 'pending', pending } satisfies InviteConflict })
      const invite = await insertInvite(tx, workspaceId, invitedBy, email, rest, names)
      return { invite, link: secretLink('invite', invite.id, baseUrl) }
    })
  } catch (error) {
    // Two admins inviting the same person at the same moment: the index lets one through.
    if (isUniqueViolation(error))
      refuse(422, pendingMessage(email), { field: 'email', detail: { reason: 'pending' } satisfies InviteConflict })
    throw error
  }
}

export type BulkProblem = { line: number; input: string; message: string }

/** A refused pasted list: nothing was created, and these lines need attention. */
function refuseLines(problems: BulkProblem[]): never {
  const n = problems.length
  refuse(422, `Nothing was created: ${n} line${n === 1 ? ' needs' : 's need'} attention.`, { detail: { problems } })
}

export function bulkProblemsOf(detail: unknown): BulkProblem[] | null {
  if (typeof detail !== 'object' || detail === null || !('problems' in detail) || !Array.isArray(detail.problems)) return null
  return detail.problems as BulkProblem[]
}

/**
 * Invites a pasted list, all or nothing: every line is checked (format,
 * repeats, existing accounts, open invitations) and if any fails, nothing is
 * created and every problem is reported by line.
 */
export async function createInvites(workspaceId: string, invitedBy: Inviter, entries: ListEntry[], input: InviteInput, baseUrl: string) {
  const db = await getDb()
  const emails = entries.flatMap((e) => (e.email && !e.error ? [e.email] : []))
  try {
    return await db.transaction(async (tx) => {
      const names = await teamAndWorkspace(tx, workspaceId, input.teamId)
      const accounts = emails.length ? await tx.select({ email: users.email }).from(users).where(inArray(users.email, emails)) : []
      const taken = new Set(accounts.map((a) => a.email))
      const pending = new Set((await openInvites(tx, workspaceId, emails)).map((p) => p.email))
      const problems: BulkProblem[] = entries.flatMap((e) => {
        const message =
          e.error ??
          (e.email && taken.has(e.email)
            ? 'Already has an account: they can sign in.'
            : e.email && pending.has(e.email)
              ? 'Already has a pending invitation: resend or revoke it in the list below.'
              : null)
        return message ? [{ line: e.line, input: e.input, message }] : []
      })
      if (problems.length) refuseLines(problems)
      const created = []
      for (const email of emails) {
        const invite = await insertInvite(tx, workspaceId, invitedBy, email, { ...input, makeAdmin: false }, names)
        created.push({ email, link: secretLink('invite', invite.id, baseUrl) })
      }
      return created
    })
  } catch (error) {
    if (isUniqueViolation(error))
      refuseLines([
        { line: 0, input: '', message: 'Someone else invited one of these people just now. Check the pending invitations and try again.' },
      ])
    throw error
  }
}

/**
 * Sends an open invitation again, good for another INVITE_DAYS. The link is
 * the same one (it is derived from the invitation), unless the server secret
 * changed since, in which case the stored hash follows the new link.
 */
export async function resendInvite(workspaceId: string, inviteId: string, invitedBy: Inviter, baseUrl: string) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .update(invites)
      .set({ expiresAt: expiry(), tokenHash: hashToken(secretToken('invite', inviteId)) })
      .where(and(eq(invites.workspaceId, workspaceId), eq(invites.id, inviteId), isNull(invites.usedAt), isNull(invites.revokedAt)))
      .returning()
    if (!invite?.teamId) return null
    const names = await teamAndWorkspace(tx, workspaceId, invite.teamId)
    await queueMail(inviteMail(workspaceId, invite.email, invite.id, invitedBy, names.teamName, names.workspaceName), tx)
    return { invite, link: secretLink('invite', invite.id, baseUrl) }
  })
}

export type InviteState =
  | { state: 'valid'; invite: typeof invites.$inferSelect; teamName: string; workspaceName: string }
  | { state: 'account'; email: string }
  | { state: 'expired' | 'used' | 'revoked' | 'unknown' }

export async function getInviteByToken(token: string, now = new Date()): Promise<InviteState> {
  const db = await getDb()
  const [row] = await db
    .select({ invite: invites, teamName: teams.name, workspaceName: workspaces.name, accountId: users.id })
    .from(invites)
    .innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
    .leftJoin(teams, eq(teams.id, invites.teamId))
    .leftJoin(users, eq(users.email, invites.email))
    .where(eq(invites.tokenHash, hashToken(token)))
  if (!row) return { state: 'unknown' }
  if (row.invite.usedAt) return { state: 'used' }
  // Closed by a newer invitation after it had expired: it expired.
  if (row.invite.revokedAt) return { state: row.invite.expiresAt <= row.invite.revokedAt ? 'expired' : 'revoked' }
  if (row.invite.expiresAt <= now) return { state: 'expired' }
  if (row.accountId) return { state: 'account', email: row.invite.email }
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
        and(eq(invites.tokenHash, hashToken(token)), isNull(invites.usedAt), isNull(invites.revokedAt), gt(invites.expiresAt, sql`now()`)),
      )
      .returning()
    if (!invite) refuse(409, 'This invitation has already been used or has expired.')
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
      if (isUniqueViolation(error))
        refuse(409, 'An account with this email already exists. Sign in instead.', {
          detail: { reason: 'account' } satisfies InviteConflict,
        })
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
