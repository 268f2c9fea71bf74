// Who joined, left or changed discipline or role on a team, when, and who made
// the change. Written in the same transaction as the change; read by every
// member of the team, so an account added to tip a group over the anonymity
// threshold is visible to the people it would expose.
import { and, count, desc, eq } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { getDb, type Tx } from '../../db/client.server'
import { membershipEvents, users } from '../../db/schema'
import type { MembershipEventView } from '~/domain/change-logs'
import type { Discipline } from '~/domain/disciplines'
import type { TeamRole } from './user.server'

type MembershipState = { workspaceId: string; teamId: string; userId: string; discipline: Discipline; role: TeamRole }

const state = (m: MembershipState) => `${m.discipline}/${m.role}`

export async function recordJoined(tx: Tx, m: MembershipState, actorId: string | null) {
  await tx
    .insert(membershipEvents)
    .values({ workspaceId: m.workspaceId, teamId: m.teamId, userId: m.userId, actorId, kind: 'joined', toValue: state(m) })
}

export async function recordLeft(tx: Tx, m: MembershipState, actorId: string | null) {
  await tx
    .insert(membershipEvents)
    .values({ workspaceId: m.workspaceId, teamId: m.teamId, userId: m.userId, actorId, kind: 'left', fromValue: state(m) })
}

/** A membership edited in place, or moved to another team (left the old one, joined the new one). */
export async function recordChanged(tx: Tx, before: MembershipState, after: MembershipState, actorId: string | null) {
  if (before.teamId !== after.teamId) {
    await recordLeft(tx, before, actorId)
    await recordJoined(tx, after, actorId)
    return
  }
  const base = { workspaceId: after.workspaceId, teamId: after.teamId, userId: after.userId, actorId }
  if (before.discipline !== after.discipline) {
    await tx
      .insert(membershipEvents)
      .values({ ...base, kind: 'discipline_changed', fromValue: before.discipline, toValue: after.discipline })
  }
  if (before.role !== after.role) {
    await tx.insert(membershipEvents).values({ ...base, kind: 'role_changed', fromValue: before.role, toValue: after.role })
  }
}

const actors = alias(users, 'actors')

/** A team's membership changes, newest first. */
export async function listMembershipEvents(workspaceId: string, teamId: string, { limit = 20, offset = 0 } = {}) {
  const db = await getDb()
  const where = and(eq(membershipEvents.workspaceId, workspaceId), eq(membershipEvents.teamId, teamId))
  const [[{ total }], rows] = await Promise.all([
    db.select({ total: count() }).from(membershipEvents).where(where),
    db
      .select({
        id: membershipEvents.id,
        at: membershipEvents.createdAt,
        kind: membershipEvents.kind,
        personName: users.name,
        actorName: actors.name,
        fromValue: membershipEvents.fromValue,
        toValue: membershipEvents.toValue,
      })
      .from(membershipEvents)
      .innerJoin(users, eq(users.id, membershipEvents.userId))
      .leftJoin(actors, eq(actors.id, membershipEvents.actorId))
      .where(where)
      .orderBy(desc(membershipEvents.createdAt), desc(membershipEvents.id))
      .limit(limit)
      .offset(offset),
  ])
  return { total, events: rows.map((r): MembershipEventView => ({ ...r, at: r.at.toISOString() })) }
}
