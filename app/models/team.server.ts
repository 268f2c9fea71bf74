import { and, asc, count, eq, inArray, sql } from 'drizzle-orm'
import { getDb, type Database } from '../../db/client.server'
import { memberships, teams, users } from '../../db/schema'
import type { Discipline } from '~/domain/disciplines'
import { refuse } from '~/domain/refusal'
import { recordChanged, recordJoined, recordLeft } from './membership-events.server'
import type { TeamRole } from './user.server'

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0]

/** The team (only within the workspace) and the viewer's role on it, if any. */
export async function getTeamAccess(workspaceId: string, teamId: string, userId: string) {
  const db = await getDb()
  const [row] = await db
    .select({ team: teams, role: memberships.role, discipline: memberships.discipline })
    .from(teams)
    .leftJoin(memberships, and(eq(memberships.teamId, teams.id), eq(memberships.userId, userId)))
    .where(and(eq(teams.id, teamId), eq(teams.workspaceId, workspaceId)))
  return row ?? null
}

/** Teams the viewer may open: every team for an admin, otherwise their own. */
export async function listVisibleTeams(viewer: { id: string; workspaceId: string; isAdmin: boolean }) {
  const db = await getDb()
  // Counted in a joined subquery: a correlated `${teams.id}` is rendered
  // unqualified when teams is the only table, and then named the membership's
  // own id, so the admin's list showed 0 members for every team.
  const counts = db
    .select({ teamId: memberships.teamId, n: count().as('n') })
    .from(memberships)
    .where(eq(memberships.workspaceId, viewer.workspaceId))
    .groupBy(memberships.teamId)
    .as('member_counts')
  const memberCount = sql<number>`coalesce(${counts.n}, 0)::int`
  if (viewer.isAdmin) {
    return db
      .select({ id: teams.id, name: teams.name, role: sql<TeamRole | null>`null`, memberCount })
      .from(teams)
      .leftJoin(counts, eq(counts.teamId, teams.id))
      .where(eq(teams.workspaceId, viewer.workspaceId))
      .orderBy(asc(teams.name))
  }
  return db
    .select({ id: teams.id, name: teams.name, role: sql<TeamRole | null>`${memberships.role}`, memberCount })
    .from(teams)
    .innerJoin(memberships, and(eq(memberships.teamId, teams.id), eq(memberships.userId, viewer.id)))
    .leftJoin(counts, eq(counts.teamId, teams.id))
    .where(eq(teams.workspaceId, viewer.workspaceId))
    .orderBy(asc(teams.name))
}

export async function createTeam(workspaceId: string, name: string) {
  const db = await getDb()
  const [row] = await db.insert(teams).values({ workspaceId, name }).onConflictDoNothing().returning()
  if (!row) refuse(409, `A team called "${name}" already exists.`, { field: 'name' })
  return row
}

export async function listTeamMembers(workspaceId: string, teamId: string) {
  const db = await getDb()
  return db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      discipline: memberships.discipline,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.teamId, teamId)))
    .orderBy(asc(users.name))
}

export async function listWorkspaceTeams(workspaceId: string) {
  const db = await getDb()
  return db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.workspaceId, workspaceId)).orderBy(asc(teams.name))
}

/** Everyone in the workspace with their memberships, for the admin's People page. */
export async function listPeople(workspaceId: string, { limit = 50, offset = 0, query = '' } = {}) {
  const db = await getDb()
  // A search for "%" or "_" means those characters, not wildcards.
  const pattern = '%' + query.replace(/[\\%_]/g, (c) => '\\' + c) + '%'
  const filter = query
    ? and(eq(users.workspaceId, workspaceId), sql`(${users.name} ilike ${pattern} or ${users.email} ilike ${pattern})`)
    : eq(users.workspaceId, workspaceId)
  const [{ total }] = await db.select({ total: count() }).from(users).where(filter)
  const people = await db.select().from(users).where(filter).orderBy(asc(users.name)).limit(limit).offset(offset)
  const ids = people.map((p) => p.id)
  const rows = ids.length
    ? await db
        .select({
          membershipId: memberships.id,
          userId: memberships.userId,
          teamId: teams.id,
          teamName: teams.name,
          role: memberships.role,
          discipline: memberships.discipline,
        })
        .from(memberships)
        .innerJoin(teams, eq(teams.id, memberships.teamId))
        .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, ids)))
        .orderBy(asc(teams.name))
    : []
  return {
    total,
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      isAdmin: p.isAdmin,
      deactivated: p.deactivatedAt !== null,
      memberships: rows.filter((r) => r.userId === p.id),
    })),
  }
}

export async function addMembership(
  workspaceId: string,
  input: { userId: string; teamId: string; role: TeamRole; discipline: Discipline },
  actorId: string | null = null,
) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [team] = await tx
      .select()
      .from(teams)
      .where(and(eq(teams.id, input.teamId), eq(teams.workspaceId, workspaceId)))
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, input.userId), eq(users.workspaceId, workspaceId)))
    if (!team || !user) return null
    const [row] = await tx
      .insert(memberships)
      .values({ workspaceId, ...input })
      .onConflictDoNothing()
      .returning()
    if (!row) refuse(409, `${user.name} is already in ${team.name}.`)
    await recordJoined(tx, row, actorId)
    return row
  })
}

export async function updateMembership(
  workspaceId: string,
  membershipId: string,
  input: { role: TeamRole; discipline: Discipline; teamId: string },
  actorId: string | null = null,
) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [team] = await tx
      .select()
      .from(teams)
      .where(and(eq(teams.id, input.teamId), eq(teams.workspaceId, workspaceId)))
    if (!team) return null
    const [before] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.id, membershipId)))
      .for('update')
    if (!before) return null
    try {
      const rows = await tx
        .update(memberships)
        .set(input)
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.id, membershipId)))
        .returning()
      if (rows[0]) await recordChanged(tx, before, rows[0], actorId)
      return rows[0] ?? null
    } catch (error) {
      if (isUniqueViolation(error)) refuse(409, `That person is already in ${team.name}.`)
      throw error
    }
  })
}

export async function removeMembership(
  workspaceId: string,
  membershipId: string,
  { actorId = null, tx }: { actorId?: string | null; tx?: Tx } = {},
) {
  const run = async (conn: Tx) => {
    const [row] = await conn
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.id, membershipId)))
      .returning()
    // Every change to who is on a team is shown to its members, written with the change.
    if (row) await recordLeft(conn, row, actorId)
    return row ?? null
  }
  return tx ? run(tx) : (await getDb()).transaction(run)
}

export async function setAdmin(workspaceId: string, userId: string, isAdmin: boolean) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    if (!isAdmin) {
      // Never leave a workspace without an admin.
      const [{ admins }] = await tx
        .select({ admins: count() })
        .from(users)
        .where(and(eq(users.workspaceId, workspaceId), eq(users.isAdmin, true)))
      if (admins <= 1) refuse(409, 'A workspace needs at least one admin.')
    }
    const rows = await tx
      .update(users)
      .set({ isAdmin })
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)))
      .returning()
    return rows[0] ?? null
  })
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null
  return e?.code === '23505' || e?.cause?.code === '23505'
}

/**
 * Teams whose aggregates the viewer may read on the leader dashboard and in the
 * digest: every team for an admin, otherwise the teams they lead.
 */
export async function listLedTeams(viewer: { id: string; workspaceId: string; isAdmin: boolean }) {
  const db = await getDb()
  if (viewer.isAdmin) return listWorkspaceTeams(viewer.workspaceId)
  return db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .innerJoin(memberships, and(eq(memberships.teamId, teams.id), eq(memberships.userId, viewer.id), eq(memberships.role, 'leader')))
    .where(eq(teams.workspaceId, viewer.workspaceId))
    .orderBy(asc(teams.name))
}

/** Whether the viewer may open the dashboard at all: one cheap check for the header on every page. */
export async function leadsAnyTeam(viewer: { id: string; workspaceId: string; isAdmin: boolean }) {
  const db = await getDb()
  const [row] = viewer.isAdmin
    ? await db.select({ id: teams.id }).from(teams).where(eq(teams.workspaceId, viewer.workspaceId)).limit(1)
    : await db
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, viewer.workspaceId), eq(memberships.userId, viewer.id), eq(memberships.role, 'leader')))
        .limit(1)
  return Boolean(row)
}
