// The weekly digest: three numbers for a leader's teams, sent once per ISO week
// (digest-sends.server.ts). The numbers come from leaderSnapshot (rollups +
// anonymity rules), the same reading the dashboard shows.
import { and, asc, desc, eq, lt, sql } from 'drizzle-orm'
import { getDb, type Database } from '../../db/client.server'
import { digestSends, memberships, teams, users, workspaces } from '../../db/schema'
import {
  buildDigestNumbers,
  deficitLine,
  digestDue,
  digestSendAt,
  isoWeekKey,
  newlyInDeficit,
  nextDigestAt,
  type DigestInputs,
  type DigestNumbers,
  type DigestTeam,
} from '~/domain/digest'
import { renderMail, type RenderedMail } from '~/utils/mail-render.server'
import { appUrl } from '~/utils/urls.server'
import { unsubscribeToken } from './digest-unsubscribe.server'
import { leaderSnapshot } from './snapshots.server'

type WorkspaceRow = { id: string; name: string; timeZone: string; digestWeekday: number; digestHour: number }
export type Leader = { id: string; name: string; email: string }
type LedTeam = { id: string; name: string }

export const workspaceColumns = {
  id: workspaces.id,
  name: workspaces.name,
  timeZone: workspaces.timeZone,
  digestWeekday: workspaces.digestWeekday,
  digestHour: workspaces.digestHour,
}

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
  rendered: RenderedMail
}

/** The digest for one leader and week, with the numbers as they stand at `asOf`. */
export async function composeForLeader(
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
  const digestTeams: DigestTeam[] = snapshot.teams.map((t) => ({
    teamId: t.teamId,
    teamName: names.get(t.teamId) ?? '',
    status: t.scores.status,
  }))
  // A first digest has nothing to compare with, so every team in deficit is news.
  const fresh = newlyInDeficit(digestTeams, previous?.deficitTeamIds ?? [])
  const line = deficitLine(fresh)
  const dashboardUrl = appUrl('/dashboard')
  const unsubscribeUrl = appUrl(`/digest/unsubscribe/${unsubscribeToken(leader.id)}`)
  const rendered = renderMail('digest', {
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
  return composeForLeader(db, workspace, leader, led, asOf, scope.weekKey ?? isoWeekKey(asOf, workspace.timeZone))
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
  const digest = await composeForLeader(
    db,
    workspace,
    { id: user.id, name: user.name, email: user.email },
    led,
    now,
    isoWeekKey(sendAt, timeZone),
  )
  return { digest, subscribed: !user.digestOptOut, sendAt: sendAt.toISOString(), dueNow, timeZone, weekday, hour }
}
