import { sql } from 'drizzle-orm'
import { getConnection, getDb } from '../../db/client.server'

export async function pingDatabase(): Promise<boolean> {
  try {
    const db = await getDb()
    await db.execute(sql`select 1`)
    return true
  } catch {
    return false
  }
}

let lastAnalyze = 0

/**
 * Embedded PGlite has no autovacuum, so the planner would run on the empty
 * statistics of the first start forever. Refresh them hourly; PostgreSQL's
 * autovacuum does this on its own.
 */
export async function refreshPlannerStatistics(now = Date.now()) {
  const { driver, db } = await getConnection()
  if (driver !== 'pglite' || now - lastAnalyze < 3_600_000) return false
  lastAnalyze = now
  await db.execute(sql`analyze`)
  return true
}
