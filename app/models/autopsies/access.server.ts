// Who may read or change an autopsy, as where clauses. Every read of the
// autopsy modules takes the viewer and puts what they may see into its where
// clause: another team's autopsy or a leader's view of an unpublished one
// cannot come back, whatever the route does. Every change locks the autopsy
// row first and re-checks its stage inside the transaction, so two
// facilitators cannot reveal or publish twice.
import { and, eq, type SQL } from 'drizzle-orm'
import type { Database } from '../../../db/client.server'
import { autopsies, autopsyEvents, type Autopsy } from '../../../db/schema'
import { AUTOPSY_NOT_FOUND, canEditSection, enforce, type AutopsyAccess, type Section } from '~/domain/autopsy-lifecycle'
import { refuse } from '~/domain/refusal'

export type { AutopsyViewer } from '~/domain/autopsy-lifecycle'

export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0]

export type TeamScope = { workspaceId: string; teamId: string }
export type AutopsyScope = TeamScope & { autopsyId: string }

/**
 * `at` on the lifecycle moves defaults to now; the demo seed passes past
 * times so that history reads as it would have happened (and the respect
 * snapshot at publishing is the one from that day).
 */
export type When = { at?: Date }

/** This autopsy, and only within its team and workspace. */
export function scopeWhere(scope: AutopsyScope): SQL {
  return and(eq(autopsies.workspaceId, scope.workspaceId), eq(autopsies.teamId, scope.teamId), eq(autopsies.id, scope.autopsyId))!
}

/** The autopsies this viewer may read: their team's, and for leaders only published ones. */
export function visibleTo(viewer: { access: AutopsyAccess }): SQL | undefined {
  return viewer.access === 'read_published' ? eq(autopsies.stage, 'published') : undefined
}

/** The autopsy row, locked for the rest of the transaction; a 404 when it is not in this scope. */
export async function lockAutopsy(tx: Tx, scope: AutopsyScope): Promise<Autopsy> {
  const [row] = await tx.select().from(autopsies).where(scopeWhere(scope)).for('update')
  if (!row) refuse(404, AUTOPSY_NOT_FOUND)
  return row
}

/** Locks the autopsy and checks that `section` may change in its stage. */
export async function editable(tx: Tx, scope: AutopsyScope, section: Section) {
  const row = await lockAutopsy(tx, scope)
  enforce(canEditSection(row.stage, section))
  return row
}

/** One line of the autopsy's history, written in the transaction that makes the change. */
export async function recordEvent(
  tx: Tx,
  autopsy: Pick<Autopsy, 'id' | 'workspaceId'>,
  actorId: string | null,
  action: string,
  before: unknown,
  after: unknown,
  at: Date = new Date(),
) {
  await tx
    .insert(autopsyEvents)
    .values({ workspaceId: autopsy.workspaceId, autopsyId: autopsy.id, actorId, action, before, after, createdAt: at })
}

export async function touch(tx: Tx, autopsyId: string) {
  await tx.update(autopsies).set({ updatedAt: new Date() }).where(eq(autopsies.id, autopsyId))
}
