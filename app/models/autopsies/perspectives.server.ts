// Perspectives: each person's own account, written privately and revealed all
// at once. Before the reveal the where clause itself admits only the viewer's
// own row, so no route can leak another person's text by mistake.
import { and, asc, count, eq, isNotNull, or, sql } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { autopsies, autopsyPerspectives, users } from '../../../db/schema'
import { canWritePerspective, enforce, type AutopsyViewer } from '~/domain/autopsy-lifecycle'
import { revealedPerspectives, sealedPerspectives, type PerspectivesView } from '~/domain/autopsy-view'
import type { Discipline } from '~/domain/disciplines'
import { refuse } from '~/domain/refusal'
import type { StageKey } from '~/domain/stages'
import { includeAuthor } from './requests.server'
import { editable, lockAutopsy, recordEvent, scopeWhere, visibleTo, type AutopsyScope } from './access.server'

/**
 * Perspectives as this viewer may see them. Before the reveal the query
 * itself returns only the viewer's own text: the where clause admits another
 * person's row only once the autopsy's revealed_at is set.
 */
export async function listPerspectives(scope: AutopsyScope & { viewer: AutopsyViewer }): Promise<PerspectivesView | null> {
  const db = await getDb()
  const { viewer } = scope
  const [autopsy] = await db
    .select({ revealedAt: autopsies.revealedAt, showNames: autopsies.showNames })
    .from(autopsies)
    .where(and(scopeWhere(scope), visibleTo(viewer)))
  if (!autopsy) return null
  const rows = await db
    .select({
      id: autopsyPerspectives.id,
      authorId: autopsyPerspectives.authorId,
      discipline: autopsyPerspectives.discipline,
      body: autopsyPerspectives.body,
      originStage: autopsyPerspectives.originStage,
      updatedAt: autopsyPerspectives.updatedAt,
      authorName: sql<string | null>`case when ${autopsies.showNames} then ${users.name} else null end`,
    })
    .from(autopsyPerspectives)
    .innerJoin(autopsies, eq(autopsies.id, autopsyPerspectives.autopsyId))
    .innerJoin(users, eq(users.id, autopsyPerspectives.authorId))
    .where(
      and(
        scopeWhere(scope),
        visibleTo(viewer),
        eq(autopsyPerspectives.workspaceId, scope.workspaceId),
        or(isNotNull(autopsies.revealedAt), eq(autopsyPerspectives.authorId, viewer.id)),
      ),
    )
    // By discipline, then by random id: the order must not give away who wrote first.
    .orderBy(asc(autopsyPerspectives.discipline), asc(autopsyPerspectives.id))

  if (autopsy.revealedAt) return revealedPerspectives(rows, viewer.id, autopsy.showNames)
  const [{ total }] = await db
    .select({ total: count() })
    .from(autopsyPerspectives)
    .where(and(eq(autopsyPerspectives.workspaceId, scope.workspaceId), eq(autopsyPerspectives.autopsyId, scope.autopsyId)))
  const submitters =
    viewer.access === 'facilitate'
      ? await db
          .select({ name: users.name, discipline: autopsyPerspectives.discipline })
          .from(autopsyPerspectives)
          .innerJoin(users, eq(users.id, autopsyPerspectives.authorId))
          .where(and(eq(autopsyPerspectives.workspaceId, scope.workspaceId), eq(autopsyPerspectives.autopsyId, scope.autopsyId)))
          .orderBy(asc(users.name))
      : null
  return sealedPerspectives(rows, viewer.id, total, submitters)
}

/**
 * Writes or rewrites the viewer's own perspective while perspectives are being
 * collected. The row lock on the autopsy orders this against the reveal.
 */
export async function addPerspective(
  scope: AutopsyScope & { author: { id: string; discipline: Discipline | null } },
  input: { body: string; originStage: StageKey | null },
) {
  if (!scope.author.discipline) refuse(403, 'Only members of this team write perspectives.')
  const discipline = scope.author.discipline
  const db = await getDb()
  return db.transaction(async (tx) => {
    const autopsy = await lockAutopsy(tx, scope)
    enforce(canWritePerspective(autopsy.stage))
    await includeAuthor(tx, scope, scope.author.id)
    const [row] = await tx
      .insert(autopsyPerspectives)
      .values({ workspaceId: scope.workspaceId, autopsyId: autopsy.id, authorId: scope.author.id, discipline, ...input })
      .onConflictDoUpdate({
        target: [autopsyPerspectives.autopsyId, autopsyPerspectives.authorId],
        set: { body: input.body, originStage: input.originStage, discipline, updatedAt: new Date() },
      })
      .returning({ id: autopsyPerspectives.id })
    return row
  })
}

/** Shows or hides names on the revealed perspectives; recorded in the history. */
export async function setShowNames(scope: AutopsyScope & { actorId: string }, show: boolean) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    const autopsy = await editable(tx, scope, 'show_names')
    if (autopsy.showNames === show) return
    await tx.update(autopsies).set({ showNames: show, updatedAt: new Date() }).where(scopeWhere(scope))
    await recordEvent(
      tx,
      autopsy,
      scope.actorId,
      show ? 'names_shown' : 'names_hidden',
      { showNames: autopsy.showNames },
      { showNames: show },
    )
  })
}
