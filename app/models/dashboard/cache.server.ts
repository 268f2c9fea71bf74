// Computed dashboards, kept in memory under the workspace's dashboard version.
// The version is a counter in the database (dashboard_versions, migration
// 0009) that triggers move in the same transaction as every write the
// dashboard is computed from: rollups, and a round closing. It is read on every
// request, so an instance never serves a result older than what it could read,
// however many instances share the database. See docs/decisions/011.
import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { lruMap } from '~/utils/lru'
import { rowsOf } from '../rows.server'

/**
 * The workspace's counters (migrations 0009 and 0019): `rollups`, the
 * dashboard version, moves with any of `pulse` (rounds closing and their
 * rollups), `features` (the feature log's) and `autopsies` (published
 * autopsies'); `actions` moves with every change to an action. Each is "0"
 * until its first write.
 */
export async function dashboardVersions(workspaceId: string): Promise<DashboardVersions> {
  const db = await getDb()
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select version::text as rollups, pulse_version::text as pulse, features_version::text as features,
        autopsies_version::text as autopsies, actions_version::text as actions
      from dashboard_versions where workspace_id = ${workspaceId}`,
    ),
  )
  const read = (name: keyof DashboardVersions) => (typeof row?.[name] === 'string' ? row[name] : '0')
  return {
    rollups: read('rollups'),
    pulse: read('pulse'),
    features: read('features'),
    autopsies: read('autopsies'),
    actions: read('actions'),
  }
}

export type DashboardVersions = { rollups: string; pulse: string; features: string; autopsies: string; actions: string }

/** A short key for whatever decides a result: the viewer, the teams, the filters, the settings, the day. */
export function cacheKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url')
}

type Entry<T> = { version: string; value: Promise<T> }

/**
 * A small least-recently-used map of results by key, each valid from the
 * version it was computed under. Concurrent requests for the same key and version share one
 * computation; a failed one is forgotten so the next request tries again.
 */
export function versionedCache<T>(maxEntries: number) {
  const entries = lruMap<Entry<T>>(maxEntries)
  return {
    get(key: string, version: string, compute: () => Promise<T>): Promise<T> {
      const hit = entries.get(key)
      // A result computed under a newer version is as fresh as asked for, and fresher.
      if (hit && BigInt(hit.version) >= BigInt(version)) return hit.value
      const entry: Entry<T> = { version, value: compute() }
      entries.set(key, entry)
      entry.value.catch(() => entries.forget(key, entry))
      return entry.value
    },
    clear() {
      entries.clear()
    },
  }
}
