// The weekly digest: three numbers for a leader's teams, sent once per ISO week.
// The numbers come from leaderSnapshot (rollups + anonymity rules), the same
// reading the dashboard shows. "Never twice" is the unique (user_id, week_key)
// row in digest_sends; "never lost" is that row and its outbox mail being
// written in one transaction, and mail delivery retrying until it succeeds.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { and, asc, desc, eq, exists, gt, gte, inArray, lt, notExists, sql } from 'drizzle-orm'
import { getDb, type Database } from '../../db/client.server'
import { logger } from '~/utils/logger.server'
import { digestSends, memberships, teams, users, workspaces } from '../../db/schema'
import {
  buildDigestNumbers,
  deficitLine,
  digestDue,
  digestSendAt,
  isoWeekKey,
  newlyInDeficit,
  nextDigestAt,
  renderDigest,
  type DigestInputs,
  type DigestNumbers,
  type DigestTeam,
} from '~/domain/digest'
import { isUuid } from '~/domain/ids'
import { queueMail } from '~/utils/mail.server'
import { sessionSecret } from '~/utils/session.server'
import { appUrl } from '~/utils/urls.server'
import { leaderSnapshot } from './snapshots.server'

type WorkspaceRow = { id: string; name: string; timeZone: string; digestWeekday: number; digestHour: number }
type Leader = { id: string; name: string; email: string }
type LedTeam = { id: string; name: string }

const workspaceColumns = {
  id: workspaces.id,
  name: workspaces.name,
  timeZone: workspaces.timeZone,
  digestWeekday: workspaces.digestWeekday,
  digestHour: workspaces.digestHour,
}

// ------------------------------------------------------------------ unsubscribe token
// An unsubscribe link must work from the mail without signing in, and must not
// let anyone unsubscribe someone else: the user id signed with the app secret.

const TOKEN_PURPOSE = 'digest-unsubscribe'

function signature(userId: string): string {
  return createHmac('sha256', sessionSecret()).update(`${TOKEN_PURPOSE}:${userId}`).digest('base64url')
}

export function unsubscribeToken(userId: string): string {
  return `${userId}.${signature(userId)}`
}

/** The user id a token was made for, or null for anything forged, truncated or malformed. */
export function verifyUnsubscribeToken(token: string): string | null {
  const dot = token.indexOf('.')
  if (dot < 0) return null
  const userId = token.slice(0, dot)
  if (!isUuid(userId)) return null
  const given = Buffer.from(token.slice(dot + 1))
  const expected = Buffer.from(signature(userId))
  if (given.length !== expected.length) return null
  return timingSafeEqual(given, expected) ? userId : null
}

/** The person an unsubscribe link belongs to, or null when the link is not valid. */
export async function getUnsubscribeTarget(token: string) {
  const userId = verifyUnsubscribeToken(token)
  if (!userId) return null
  const db = await getDb()
  const [row] = await db
    .select({ id: users.id, workspaceId: users.workspaceId, name: users.name, digestOptOut: users.digestOptOut })
    .from(users)
    .where(eq(users.id, userId))
  return row ?? null
}

/** Opts the link's owner out. Returns null when the link is not valid. */
export async function unsubscribeWithToken(token: string) {
  const target = await getUnsubscribeTarget(token)
  if (!target) return null
  const db = await getDb()
  await db.update(users).set({ digestOptOut: true }).where(and(eq(users.workspaceId, target.workspaceId), eq(users.id, target.id)))
  return { ...target, digestOptOut: true }
}

// ------------------------------------------------------------------ composing

/** The teams a person leads (membership role 'leader'). Admin rights alone lead no team. */
export async function listDigestTeams(workspaceId: string, userId: string, conn?: Database): Promise<LedTeam[]> {
  const db = conn ?? (await getDb())
  return db
    .select({ id: teams.id, name: teams.name })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId), eq(memberships.role, 'leader')))
    .orderBy(asc(teams.name))
}

async function previousSend(db: Database, userId: string, weekKey: string) {
  const [row] = await db
    .select()
    .from(digestSends)
    .where(and(eq(digestSends.userId, userId), lt(digestSends.weekKey, weekKey)))
    .orderBy(desc(digestSends.weekKey))
    .limit(1)
  return row ?? null
}

export type ComposedDigest = {
  weekKey: string
  /** the week of the digest this one is compared with; null for a leader's first */
  previousWeekKey: string | null
  asOf: string
  leader: Leader
  teams: DigestTeam[]
  numbers: DigestNumbers
  /** the unrounded values, stored with the send so the next digest can show the change */
  inputs: DigestInputs
  deficitTeamIds: string[]
  newlyInDeficit: DigestTeam[]
  deficitLine: string
  dashboardUrl: string
  unsubscribeUrl: string
  rendered: { subject: string; text: string; html: string }
}

async function compose(
  db: Database,
  workspace: WorkspaceRow,
  leader: Leader,
  led: readonly LedTeam[],
  asOf: Date,
  weekKey: string,
): Promise<ComposedDigest> {
  const [snapshot, previous] = await Promise.all([
    leaderSnapshot({ workspaceId: workspace.id, teamIds: led.map((t) => t.id), asOf, viewerId: leader.id }),
    previousSend(db, leader.id, weekKey),
  ])
  const inputs: DigestInputs = {
    respectIndex: snapshot.overall.respectIndex,
    engineeringBeforeSpec: snapshot.features.shareEngineeringBeforeSpec,
    differentWithoutUpset: snapshot.features.shareDifferentWithoutUpset,
  }
  const numbers = buildDigestNumbers(
    inputs,
    previous
      ? {
          respectIndex: previous.respectIndex,
          engineeringBeforeSpec: previous.engineeringBeforeSpec,
          differentWithoutUpset: previous.differentWithoutUpset,
        }
      : null,
  )
  const names = new Map(led.map((t) => [t.id, t.name]))
  const digestTeams: DigestTeam[] = snapshot.teams.map((t) => ({ teamId: t.teamId, teamName: names.get(t.teamId) ?? '', status: t.scores.status }))
  // A first digest has nothing to compare with, so every team in deficit is news.
  const fresh = newlyInDeficit(digestTeams, previous?.deficitTeamIds ?? [])
  const line = deficitLine(fresh)
  const dashboardUrl = appUrl('/dashboard')
  const unsubscribeUrl = appUrl(`/digest/unsubscribe/${unsubscribeToken(leader.id)}`)
  const rendered = renderDigest({
    workspaceName: workspace.name,
    leaderName: leader.name,
    weekKey,
    numbers,
    deficitLine: line,
    dashboardUrl,
    unsubscribeUrl,
  })
  return {
    weekKey,
    previousWeekKey: previous?.weekKey ?? null,
    asOf: asOf.toISOString(),
    leader,
    teams: digestTeams,
    numbers,
    inputs,
    deficitTeamIds: digestTeams.filter((t) => t.status === 'deficit').map((t) => t.teamId),
    newlyInDeficit: fresh,
    deficitLine: line,
    dashboardUrl,
    unsubscribeUrl,
    rendered,
  }
}

async function getWorkspaceRow(db: Database, workspaceId: string): Promise<WorkspaceRow | null> {
  const [row] = await db.select(workspaceColumns).from(workspaces).where(eq(workspaces.id, workspaceId))
  return row ?? null
}

/**
 * The digest a leader would get for the ISO week of `asOf` (or `weekKey`), with
 * the numbers as they stand at `asOf`. Null when the person is not in the
 * workspace or leads no team.
 */
export async function composeDigest(
  scope: { workspaceId: string; userId: string; asOf?: Date; weekKey?: string },
  conn?: Database,
): Promise<ComposedDigest | null> {
  const db = conn ?? (await getDb())
  const asOf = scope.asOf ?? new Date()
  const workspace = await getWorkspaceRow(db, scope.workspaceId)
  if (!workspace) return null
  const [leader] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.workspaceId, scope.workspaceId), eq(users.id, scope.userId)))
  if (!leader) return null
  const led = await listDigestTeams(scope.workspaceId, scope.userId, db)
  if (led.length === 0) return null
  return compose(db, workspace, leader, led, asOf, scope.weekKey ?? isoWeekKey(asOf, workspace.timeZone))
}

export type DigestPreview = {
  digest: ComposedDigest
  subscribed: boolean
  /** when the previewed digest goes out; in the past when it is due and waits for the scheduler */
  sendAt: string
  dueNow: boolean
  timeZone: string
  /** the workspace setting: ISO weekday (Monday = 1) and hour, in timeZone */
  weekday: number
  hour: number
}

/**
 * The next digest for a leader, as it would read with today's data: this week's
 * when it is due and not yet sent, otherwise the next scheduled week's.
 */
export async function previewDigest(scope: { workspaceId: string; userId: string; now?: Date }): Promise<DigestPreview | null> {
  const db = await getDb()
  const now = scope.now ?? new Date()
  const workspace = await getWorkspaceRow(db, scope.workspaceId)
  if (!workspace) return null
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, digestOptOut: users.digestOptOut })
    .from(users)
    .where(and(eq(users.workspaceId, scope.workspaceId), eq(users.id, scope.userId)))
  if (!user) return null
  const led = await listDigestTeams(scope.workspaceId, scope.userId, db)
  if (led.length === 0) return null
  const { timeZone, digestWeekday: weekday, digestHour: hour } = workspace
  const [{ lastWeekKey }] = await db
    .select({ lastWeekKey: sql<string | null>`max(${digestSends.weekKey})` })
    .from(digestSends)
    .where(eq(digestSends.userId, user.id))
  const dueNow = digestDue(now, lastWeekKey, weekday, hour, timeZone)
  let sendAt = dueNow ? digestSendAt(now, weekday, hour, timeZone) : nextDigestAt(now, weekday, hour, timeZone)
  // A schedule moved later in a week that was already sent waits for the next week.
  while (!dueNow && lastWeekKey !== null && isoWeekKey(sendAt, timeZone) <= lastWeekKey) {
    sendAt = nextDigestAt(new Date(sendAt.getTime() + 1), weekday, hour, timeZone)
  }
  const digest = await compose(db, workspace, { id: user.id, name: user.name, email: user.email }, led, now, isoWeekKey(sendAt, timeZone))
  return { digest, subscribed: !user.digestOptOut, sendAt: sendAt.toISOString(), dueNow, timeZone, weekday, hour }
}

// ------------------------------------------------------------------ sending

export const DIGEST_BATCH_SIZE = 50

export function digestDedupeKey(weekKey: string, userId: string) {
  return `digest:${weekKey}:${userId}`
}

/**
 * Queues this week's digest for every leader whose workspace's send time has
 * passed and who has not had it. Safe to run on several instances at once:
 * the digest_sends insert is the claim, and whoever does not get it skips.
 * Leaders are read in batches of `batchSize`, in id order.
 */
export async function sendDueDigests(
  now = new Date(),
  conn?: Database,
  { batchSize = DIGEST_BATCH_SIZE }: { batchSize?: number } = {},
): Promise<{ queued: number; skipped: number; failed: number }> {
  const db = conn ?? (await getDb())
  const result = { queued: 0, skipped: 0, failed: 0 }
  const all = await db.select(workspaceColumns).from(workspaces)
  for (const workspace of all) {
    if (!digestDue(now, null, workspace.digestWeekday, workspace.digestHour, workspace.timeZone)) continue
    const weekKey = isoWeekKey(now, workspace.timeZone)
    let cursor: string | null = null
    for (;;) {
      const batch: Leader[] = await db
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(
          and(
            eq(users.workspaceId, workspace.id),
            eq(users.digestOptOut, false),
            cursor === null ? undefined : gt(users.id, cursor),
            exists(
              db
                .select({ one: sql`1` })
                .from(memberships)
                .where(and(eq(memberships.userId, users.id), eq(memberships.workspaceId, workspace.id), eq(memberships.role, 'leader'))),
            ),
            // A later week counts as sent too (digestDue's rule), e.g. after a move to a zone that is behind.
            notExists(
              db
                .select({ one: sql`1` })
                .from(digestSends)
                .where(and(eq(digestSends.userId, users.id), gte(digestSends.weekKey, weekKey))),
            ),
          ),
        )
        .orderBy(asc(users.id))
        .limit(batchSize)
      if (batch.length === 0) break
      cursor = batch[batch.length - 1].id
      const ledRows = await db
        .select({ userId: memberships.userId, id: teams.id, name: teams.name })
        .from(memberships)
        .innerJoin(teams, eq(teams.id, memberships.teamId))
        .where(
          and(
            eq(memberships.workspaceId, workspace.id),
            eq(memberships.role, 'leader'),
            inArray(
              memberships.userId,
              batch.map((l) => l.id),
            ),
          ),
        )
        .orderBy(asc(teams.name))
      for (const leader of batch) {
        const led = ledRows.filter((r) => r.userId === leader.id).map(({ id, name }) => ({ id, name }))
        if (led.length === 0) continue
        try {
          // Composed outside the transaction: it only reads, and it must not hold
          // a write transaction open (on PGlite that would block its own reads).
          const digest = await compose(db, workspace, leader, led, now, weekKey)
          const claimed = await db.transaction(async (tx) => {
            const inserted = await tx
              .insert(digestSends)
              .values({
                workspaceId: workspace.id,
                userId: leader.id,
                weekKey,
                respectIndex: digest.inputs.respectIndex,
                engineeringBeforeSpec: digest.inputs.engineeringBeforeSpec,
                differentWithoutUpset: digest.inputs.differentWithoutUpset,
                deficitTeamIds: digest.deficitTeamIds,
              })
              .onConflictDoNothing()
              .returning({ id: digestSends.id })
            if (inserted.length === 0) return false
            await queueMail(
              {
                workspaceId: workspace.id,
                to: leader.email,
                subject: digest.rendered.subject,
                text: digest.rendered.text,
                html: digest.rendered.html,
                dedupeKey: digestDedupeKey(weekKey, leader.id),
              },
              tx,
            )
            return true
          })
          if (claimed) result.queued++
          else result.skipped++
        } catch (error) {
          // One leader's failure must not hold up the others; the row was not
          // written, so the next tick tries again.
          result.failed++
          logger.error({ err: error, weekKey, userId: leader.id }, 'digest failed for one leader')
        }
      }
      if (batch.length < batchSize) break
    }
  }
  return result
}
