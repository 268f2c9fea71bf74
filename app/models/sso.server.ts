import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import { getDb, type Database } from '../../db/client.server'
import { invites, memberships, ssoLogins, ssoSettings, userIdentities, users } from '../../db/schema'
import type { Discipline } from '~/domain/disciplines'
import { refuse } from '~/domain/refusal'
import { decideSignIn, type SignInDecision, type VerifiedClaims } from '~/domain/sso'
import { hashPassword } from '~/utils/password.server'
import { seal, unseal } from '~/utils/sealed.server'
import { hashToken, randomToken } from '~/utils/tokens.server'
import { recordJoined } from './membership-events.server'
import { isUniqueViolation } from './team.server'

export type SsoSettings = typeof ssoSettings.$inferSelect

/** How long a sign-in started at the provider may take to come back. */
export const SSO_LOGIN_MINUTES = 10

export const PASSWORDS_OFF_MESSAGE = 'Password sign-in is turned off for your workspace. Use single sign-on on the sign-in page.'

export async function getSsoSettings(workspaceId: string) {
  const db = await getDb()
  const [row] = await db.select().from(ssoSettings).where(eq(ssoSettings.workspaceId, workspaceId))
  return row ?? null
}

/** Enabled configurations, for the signed-out sign-in page (which names no workspace). */
export async function listEnabledSso() {
  const db = await getDb()
  return db
    .select({ workspaceId: ssoSettings.workspaceId, label: ssoSettings.label, passwordSignIn: ssoSettings.passwordSignIn })
    .from(ssoSettings)
    .where(eq(ssoSettings.enabled, true))
}

/** The configuration with its client secret unsealed, for talking to the provider. */
export async function getSsoClient(workspaceId: string) {
  const row = await getSsoSettings(workspaceId)
  if (!row || !row.enabled) return null
  const clientSecret = unseal(row.clientSecretSealed)
  if (clientSecret === null) return { ...row, clientSecret: null }
  return { ...row, clientSecret }
}

export type SsoInput = {
  enabled: boolean
  label: string
  issuer: string
  clientId: string
  /** empty keeps the stored secret */
  clientSecret: string
  allowedDomains: string[]
  passwordSignIn: 'everyone' | 'break-glass'
  breakGlassUserId: string | null
}

export async function saveSsoSettings(workspaceId: string, actorId: string, input: SsoInput) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(ssoSettings).where(eq(ssoSettings.workspaceId, workspaceId)).for('update')
    if (!existing && !input.clientSecret) refuse(422, 'Enter the client secret', { field: 'clientSecret' })
    if (input.passwordSignIn === 'break-glass') {
      if (!input.enabled) refuse(422, 'Turn single sign-on on before turning password sign-in off', { field: 'passwordSignIn' })
      const [admin] = input.breakGlassUserId
        ? await tx
            .select({ id: users.id })
            .from(users)
            .where(
              and(
                eq(users.id, input.breakGlassUserId),
                eq(users.workspaceId, workspaceId),
                eq(users.isAdmin, true),
                isNull(users.deactivatedAt),
              ),
            )
        : []
      if (!admin) refuse(422, 'Pick the admin who keeps a password for emergencies', { field: 'breakGlassUserId' })
    }
    const values = {
      enabled: input.enabled,
      label: input.label,
      issuer: input.issuer,
      clientId: input.clientId,
      allowedDomains: input.allowedDomains,
      passwordSignIn: input.passwordSignIn,
      breakGlassUserId: input.passwordSignIn === 'break-glass' ? input.breakGlassUserId : null,
      updatedBy: actorId,
      updatedAt: new Date(),
      ...(input.clientSecret ? { clientSecretSealed: seal(input.clientSecret) } : {}),
    }
    if (existing) await tx.update(ssoSettings).set(values).where(eq(ssoSettings.workspaceId, workspaceId))
    else await tx.insert(ssoSettings).values({ workspaceId, clientSecretSealed: seal(input.clientSecret), ...values })
  })
}

/** Records the outcome of a sign-in, for the settings page's status line. */
export async function recordSsoOutcome(workspaceId: string, outcome: { ok: true } | { ok: false; error: string }) {
  const db = await getDb()
  await db
    .update(ssoSettings)
    .set(outcome.ok ? { lastSignInAt: new Date() } : { lastErrorAt: new Date(), lastError: outcome.error.slice(0, 500) })
    .where(eq(ssoSettings.workspaceId, workspaceId))
}

/** A new state for a sign-in about to leave for the provider; only its hash is kept. */
export async function startSsoLogin(workspaceId: string) {
  const db = await getDb()
  const state = randomToken()
  await db.delete(ssoLogins).where(lt(ssoLogins.createdAt, sql`now() - interval '1 day'`))
  await db.insert(ssoLogins).values({ stateHash: hashToken(state), workspaceId })
  return state
}

/**
 * Uses up a state: one conditional UPDATE, so of two callbacks carrying the
 * same state only the first gets through. The answer says why a state fails.
 */
export async function consumeSsoLogin(
  state: string,
): Promise<{ ok: true; workspaceId: string } | { ok: false; reason: 'used' | 'expired' | 'unknown' }> {
  const db = await getDb()
  const stateHash = hashToken(state)
  const [row] = await db
    .update(ssoLogins)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(ssoLogins.stateHash, stateHash),
        isNull(ssoLogins.usedAt),
        gt(ssoLogins.createdAt, sql`now() - make_interval(mins => ${SSO_LOGIN_MINUTES})`),
      ),
    )
    .returning({ workspaceId: ssoLogins.workspaceId })
  if (row) return { ok: true, workspaceId: row.workspaceId }
  const [seen] = await db.select({ usedAt: ssoLogins.usedAt }).from(ssoLogins).where(eq(ssoLogins.stateHash, stateHash))
  if (!seen) return { ok: false, reason: 'unknown' }
  return { ok: false, reason: seen.usedAt ? 'used' : 'expired' }
}

/** Who this provider's answer is, by the rules in ~/domain/sso. */
export async function resolveSignIn(
  workspaceId: string,
  issuer: string,
  claims: VerifiedClaims,
  allowedDomains: string[],
): Promise<SignInDecision> {
  const db = await getDb()
  const [linked] = await db
    .select({ id: users.id, deactivatedAt: users.deactivatedAt })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, claims.subject), eq(users.workspaceId, workspaceId)))
  const email = claims.email?.toLowerCase() ?? null
  const [byEmail] = email
    ? await db
        .select({
          id: users.id,
          workspaceId: users.workspaceId,
          deactivatedAt: users.deactivatedAt,
          linkedElsewhere: sql<boolean>`exists (select 1 from ${userIdentities} i where i.user_id = ${users.id} and i.issuer = ${issuer})`,
        })
        .from(users)
        .where(eq(users.email, email))
    : []
  if (byEmail && byEmail.workspaceId !== workspaceId) {
    return { kind: 'refuse', status: 403, message: 'This email has an account in another workspace. Sign in with your password there.' }
  }
  const invited = email ? Boolean(await pendingInvite(workspaceId, email)) : false
  return decideSignIn({
    claims,
    linked: linked ? { id: linked.id, deactivated: Boolean(linked.deactivatedAt) } : null,
    byEmail: byEmail ? { id: byEmail.id, deactivated: Boolean(byEmail.deactivatedAt), linkedElsewhere: byEmail.linkedElsewhere } : null,
    invited,
    allowedDomains,
  })
}

async function pendingInvite(workspaceId: string, email: string) {
  const db = await getDb()
  const [row] = await db
    .select()
    .from(invites)
    .where(
      and(
        eq(invites.workspaceId, workspaceId),
        eq(invites.email, email),
        isNull(invites.usedAt),
        isNull(invites.revokedAt),
        gt(invites.expiresAt, sql`now()`),
      ),
    )
  return row ?? null
}

export async function linkIdentity(userId: string, issuer: string, subject: string) {
  const db = await getDb()
  await db.insert(userIdentities).values({ userId, issuer, subject }).onConflictDoNothing()
}

/**
 * Makes the account of someone signing in for the first time, linked to their
 * subject at the provider, in one transaction. An open invitation for their
 * email is accepted on the way (its team, role and discipline; admin rights if
 * it granted them). Nobody can sign in to it with a password: it has none.
 */
export async function provisionUser(
  workspaceId: string,
  input: { email: string; name: string; discipline: Discipline; issuer: string; subject: string },
) {
  const db = await getDb()
  // A random password nobody knows: the column is required, and a reset by
  // email is the only way to ever use one.
  const passwordHash = await hashPassword(randomToken())
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .update(invites)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(invites.workspaceId, workspaceId),
          eq(invites.email, input.email),
          isNull(invites.usedAt),
          isNull(invites.revokedAt),
          gt(invites.expiresAt, sql`now()`),
        ),
      )
      .returning()
    try {
      const [user] = await tx
        .insert(users)
        .values({
          workspaceId,
          email: input.email,
          name: input.name,
          passwordHash,
          discipline: input.discipline,
          isAdmin: invite?.makeAdmin ?? false,
        })
        .returning()
      await tx.insert(userIdentities).values({ userId: user.id, issuer: input.issuer, subject: input.subject })
      if (invite?.teamId) {
        const [membership] = await tx
          .insert(memberships)
          .values({ workspaceId, teamId: invite.teamId, userId: user.id, role: invite.role, discipline: invite.discipline })
          .returning()
        await recordJoined(tx, membership, invite.invitedBy)
      }
      return user
    } catch (error) {
      if (isUniqueViolation(error)) refuse(409, 'An account with this email was just made. Sign in again.')
      throw error
    }
  })
}

/**
 * Whether this person may sign in with a password: everyone, unless their
 * workspace turned password sign-in off for all but its break-glass admin.
 */
export async function passwordSignInAllowed(user: { id: string; workspaceId: string }, executor?: Pick<Database, 'select'>) {
  const db = executor ?? (await getDb())
  const [row] = await db.select().from(ssoSettings).where(eq(ssoSettings.workspaceId, user.workspaceId))
  return !row || !row.enabled || row.passwordSignIn === 'everyone' || row.breakGlassUserId === user.id
}

/** Admins who can sign in, for the break-glass choice. */
export async function listActiveAdmins(workspaceId: string) {
  const db = await getDb()
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.isAdmin, true), isNull(users.deactivatedAt)))
    .orderBy(users.name)
}
