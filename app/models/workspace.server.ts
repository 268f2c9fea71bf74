import { eq } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { settings, users, workspaces } from '../../db/schema'
import { refuse } from '~/domain/refusal'
import { hashPassword } from '~/utils/password.server'
import { logAnonymityChange, tightenPastRounds } from './anonymity-settings.server'
import { ensureBuiltInTemplate } from '~/models/pulse/template.server'

/** The first workspace, for scripts that set up an empty installation. Pages use getWorkspaceById. */
export async function getWorkspace() {
  const db = await getDb()
  const [row] = await db.select().from(workspaces).limit(1)
  return row ?? null
}

/**
 * Whether the installation has been set up. Signed-out pages ask only this:
 * an installation may hold several workspaces, and none of their names is
 * shown to someone who has not signed in.
 */
export async function isOnboarded() {
  const db = await getDb()
  const [row] = await db.select({ id: workspaces.id }).from(workspaces).limit(1)
  return Boolean(row)
}

export async function getWorkspaceById(workspaceId: string) {
  const db = await getDb()
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId))
  return row ?? null
}

export const ONBOARDING_CLOSED = 'This installation already has a workspace.'

/**
 * Creates the installation's workspace and its owner. The 'onboarded' settings
 * row is the lock: a second, concurrent onboarding fails on its primary key.
 */
export async function createWorkspaceWithOwner(input: {
  workspaceName: string
  timeZone: string
  name: string
  email: string
  password: string
}) {
  const db = await getDb()
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(settings)
      .values({ key: 'onboarded', value: new Date().toISOString() })
      .onConflictDoNothing()
      .returning()
    if (claimed.length === 0) refuse(409, ONBOARDING_CLOSED)
    const [workspace] = await tx.insert(workspaces).values({ name: input.workspaceName, timeZone: input.timeZone }).returning()
    const [owner] = await tx
      .insert(users)
      .values({
        workspaceId: workspace.id,
        email: input.email,
        name: input.name,
        passwordHash,
        isAdmin: true,
      })
      .returning()
    await ensureBuiltInTemplate(workspace.id, tx)
    return { workspace, owner }
  })
}

export type WorkspaceSettingsInput = {
  name: string
  timeZone: string
  anonymityK: number
  commentK: number
  deficitRespectIndex: number
  deficitDirectional: number
  deficitGap: number
  digestWeekday: number
  digestHour: number
  /** the optional generative-culture module; left as it is when absent */
  generativeCulture?: boolean
  teamFirst: boolean
  teamFirstDays: number
}

/**
 * Saves the settings. A change of the anonymity thresholds applies to rounds
 * opened afterwards; with `tightenPast`, rounds already opened are raised to
 * the new thresholds where those are stricter (never lowered). Every change of
 * the thresholds is logged, with who made it, in the same transaction.
 */
export async function updateWorkspaceSettings(
  workspaceId: string,
  input: WorkspaceSettingsInput,
  { actorId, tightenPast = false }: { actorId: string | null; tightenPast?: boolean },
) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(workspaces).where(eq(workspaces.id, workspaceId)).for('update')
    if (!before) return null
    await tx.update(workspaces).set(input).where(eq(workspaces.id, workspaceId))
    const raised = tightenPast ? await tightenPastRounds(tx, workspaceId, { k: input.anonymityK, commentK: input.commentK }) : 0
    await logAnonymityChange(tx, workspaceId, actorId, before, input, raised)
    return { raised }
  })
}
