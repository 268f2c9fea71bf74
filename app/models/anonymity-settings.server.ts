import { asc, eq } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { workspaces, type Workspace } from '../../db/schema'
import { ANONYMITY_DEFAULTS, normalizeSettings, type AnonymitySettings } from '~/domain/anonymity'
import { DEFAULT_DEFICIT_THRESHOLDS, type DeficitThresholds } from '~/domain/scoring'

/** What every results read path needs from the workspace: k, the deficit thresholds and the zone for dates. */
export type ResultSettings = {
  anonymity: AnonymitySettings
  thresholds: DeficitThresholds
  timeZone: string
}

type SettingsColumns = Pick<
  Workspace,
  'anonymityK' | 'commentK' | 'deficitRespectIndex' | 'deficitDirectional' | 'deficitGap' | 'timeZone'
>

const columns = {
  anonymityK: workspaces.anonymityK,
  commentK: workspaces.commentK,
  deficitRespectIndex: workspaces.deficitRespectIndex,
  deficitDirectional: workspaces.deficitDirectional,
  deficitGap: workspaces.deficitGap,
  timeZone: workspaces.timeZone,
}

// Settings always pass through normalizeSettings, so a k of 0 or 1 stored by
// mistake can never weaken a read path.
export function toResultSettings(row: SettingsColumns | null): ResultSettings {
  if (!row) {
    return { anonymity: normalizeSettings(), thresholds: { ...DEFAULT_DEFICIT_THRESHOLDS }, timeZone: 'UTC' }
  }
  return {
    anonymity: normalizeSettings({ k: row.anonymityK, commentK: row.commentK }),
    thresholds: { respectIndex: row.deficitRespectIndex, directional: row.deficitDirectional, gap: row.deficitGap },
    timeZone: row.timeZone,
  }
}

export async function getResultSettings(workspaceId: string): Promise<ResultSettings> {
  const db = await getDb()
  const [row] = await db.select(columns).from(workspaces).where(eq(workspaces.id, workspaceId))
  return toResultSettings(row ?? null)
}

/**
 * The thresholds to explain on the public "How anonymity works" page: the
 * viewer's workspace when signed in, else the installation's workspace, else
 * the built-in defaults (before onboarding).
 */
export async function getPublicAnonymitySettings(workspaceId?: string | null) {
  const db = await getDb()
  const base = db.select(columns).from(workspaces)
  const [row] = workspaceId
    ? await base.where(eq(workspaces.id, workspaceId))
    : await base.orderBy(asc(workspaces.createdAt)).limit(1)
  const settings = toResultSettings(row ?? null)
  return {
    ...settings.anonymity,
    defaults: ANONYMITY_DEFAULTS,
    fromWorkspace: Boolean(row),
  }
}
