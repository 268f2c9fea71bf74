// Whom an autopsy asks for a perspective (~/domain/perspective-requests).
// Until the facilitator changes the list or starts collecting, it is not
// stored: it is worked out from the team and the timeline, so editing the
// timeline in draft changes who will be asked. The first change stores it.
import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm'
import { getDb, type Database } from '../../../db/client.server'
import { autopsyPerspectives, autopsyRequests, autopsyStages, features, memberships, users } from '../../../db/schema'
import { enforce } from '~/domain/autopsy-lifecycle'
import { canBeAsked, canEditRequests, canRemoveRequest, defaultRequested } from '~/domain/perspective-requests'
import { refuse } from '~/domain/refusal'
import { tellAutopsyPeople } from '../nudges/autopsy-notices.server'
import { lockAutopsy, recordEvent, type AutopsyScope, type Tx } from './access.server'

type Reader = Tx | Database

async function teamCandidates(db: Reader, scope: AutopsyScope) {
  return db
    .select({ userId: users.id, name: users.name, role: memberships.role, discipline: memberships.discipline })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, scope.workspaceId), eq(memberships.teamId, scope.teamId), isNull(users.deactivatedAt)))
    .orderBy(asc(users.name))
}

async function authorIds(db: Reader, scope: AutopsyScope) {
  const rows = await db
    .select({ id: autopsyPerspectives.authorId })
    .from(autopsyPerspectives)
    .where(and(eq(autopsyPerspectives.workspaceId, scope.workspaceId), eq(autopsyPerspectives.autopsyId, scope.autopsyId)))
  return rows.map((r) => r.id)
}

async function storedIds(db: Reader, scope: AutopsyScope) {
  const rows = await db
    .select({ id: autopsyRequests.userId })
    .from(autopsyRequests)
    .where(and(eq(autopsyRequests.workspaceId, scope.workspaceId), eq(autopsyRequests.autopsyId, scope.autopsyId)))
  return rows.map((r) => r.id)
}

/** The people asked: the stored list, or the people involved when none is stored yet. */
async function requestedIds(db: Reader, scope: AutopsyScope) {
  const stored = await storedIds(db, scope)
  if (stored.length) return { ids: stored, stored: true }
  const [members, stages, authors] = await Promise.all([
    teamCandidates(db, scope),
    db
      .select()
      .from(autopsyStages)
      .where(and(eq(autopsyStages.workspaceId, scope.workspaceId), eq(autopsyStages.autopsyId, scope.autopsyId))),
    authorIds(db, scope),
  ])
  return { ids: defaultRequested(members, stages, authors), stored: false }
}

/** Stores the list if it is still the worked-out default; inside the caller's transaction, after lockAutopsy. */
export async function ensureRequests(tx: Tx, scope: AutopsyScope, addedBy: string | null) {
  const { ids, stored } = await requestedIds(tx, scope)
  if (!stored && ids.length) {
    await tx
      .insert(autopsyRequests)
      .values(ids.map((userId) => ({ workspaceId: scope.workspaceId, autopsyId: scope.autopsyId, userId, addedBy })))
      .onConflictDoNothing()
  }
  return ids
}

/** Adds a perspective's author to the list when they wrote unasked, so every author counts among those asked. */
export async function includeAuthor(tx: Tx, scope: AutopsyScope, authorId: string) {
  await ensureRequests(tx, scope, null)
  await tx
    .insert(autopsyRequests)
    .values({ workspaceId: scope.workspaceId, autopsyId: scope.autopsyId, userId: authorId, addedBy: authorId })
    .onConflictDoNothing()
}

/** How many of the people asked have written. */
export async function writtenCount(db: Reader, scope: AutopsyScope) {
  const [{ ids }, [{ written }]] = await Promise.all([
    requestedIds(db, scope),
    db
      .select({ written: count() })
      .from(autopsyPerspectives)
      .where(and(eq(autopsyPerspectives.workspaceId, scope.workspaceId), eq(autopsyPerspectives.autopsyId, scope.autopsyId))),
  ])
  return { written, requested: ids.length }
}

/**
 * For the facilitator: who is asked and whether each has written (the
 * facilitator already sees who has written, never what), and who else on the
 * team could be asked.
 */
export async function listRequests(scope: AutopsyScope) {
  const db = await getDb()
  const [{ ids }, members, authors, count] = await Promise.all([
    requestedIds(db, scope),
    teamCandidates(db, scope),
    authorIds(db, scope),
    writtenCount(db, scope),
  ])
  const asked = new Set(ids)
  const wrote = new Set(authors)
  const people = members.filter((m) => asked.has(m.userId))
  return {
    requested: people.map((m) => ({ userId: m.userId, name: m.name, discipline: m.discipline, written: wrote.has(m.userId) })),
    others: members.filter((m) => !asked.has(m.userId) && canBeAsked(m)).map((m) => ({ userId: m.userId, name: m.name })),
    /** the reveal's numbers, counted as the reveal counts them */
    count,
  }
}

/** Asks one more person of the team; while collecting, they are told at once. */
export async function addRequest(scope: AutopsyScope & { actorId: string; userId: string; href?: string }) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    const autopsy = await lockAutopsy(tx, scope)
    enforce(canEditRequests(autopsy.stage))
    const members = await teamCandidates(tx, scope)
    const person = members.find((m) => m.userId === scope.userId)
    if (!person || !canBeAsked(person)) refuse(422, 'Choose someone on this team who is not a leader.', { field: 'userId' })
    const ids = await ensureRequests(tx, scope, scope.actorId)
    if (ids.includes(person.userId)) refuse(409, `${person.name} is already asked.`, { field: 'userId' })
    await tx
      .insert(autopsyRequests)
      .values({ workspaceId: scope.workspaceId, autopsyId: scope.autopsyId, userId: person.userId, addedBy: scope.actorId })
    await recordEvent(tx, autopsy, scope.actorId, 'perspective_requested', null, { userId: person.userId, name: person.name })
    if (autopsy.stage === 'collecting' && person.userId !== scope.actorId) {
      const [feature] = await tx.select({ name: features.name }).from(features).where(eq(features.id, autopsy.featureId))
      await tellAutopsyPeople(tx, {
        workspaceId: scope.workspaceId,
        userIds: [person.userId],
        kind: 'perspective_requested',
        autopsyId: scope.autopsyId,
        message: requestMessage(feature.name),
        href: scope.href ?? `/teams/${scope.teamId}/autopsies/${scope.autopsyId}/perspective`,
        linkLabel: 'Write your perspective',
      })
    }
  })
}

/** Stops asking someone who has not written. */
export async function removeRequest(scope: AutopsyScope & { actorId: string; userId: string }) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    const autopsy = await lockAutopsy(tx, scope)
    enforce(canEditRequests(autopsy.stage))
    const ids = await ensureRequests(tx, scope, scope.actorId)
    if (!ids.includes(scope.userId)) refuse(404, 'That person is not asked for a perspective.')
    const authors = await authorIds(tx, scope)
    enforce(canRemoveRequest({ hasWritten: authors.includes(scope.userId), remaining: ids.length - 1 }))
    await tx
      .delete(autopsyRequests)
      .where(
        and(
          eq(autopsyRequests.workspaceId, scope.workspaceId),
          eq(autopsyRequests.autopsyId, scope.autopsyId),
          inArray(autopsyRequests.userId, [scope.userId]),
        ),
      )
    const [person] = await tx.select({ name: users.name }).from(users).where(eq(users.id, scope.userId))
    await recordEvent(tx, autopsy, scope.actorId, 'perspective_unrequested', { userId: scope.userId, name: person?.name }, null)
  })
}

export function requestMessage(featureName: string) {
  return `Write your perspective on “${featureName}”. Nobody sees it until the facilitator reveals all of them at once.`
}
