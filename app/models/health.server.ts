import { sql } from 'drizzle-orm'
import { databaseState } from '../../db/availability.server'
import { getConnection } from '../../db/client.server'
import { logger } from '~/utils/logger.server'

/**
 * Readiness: the database answers and can write (a committed transaction id,
 * and for PGlite a synced file next to its data), within two seconds. While the
 * breaker is open after an outage the answer is no without asking.
 */
export async function pingDatabase(): Promise<boolean> {
  if (!databaseState().up) return false
  try {
    const connection = await getConnection()
    await connection.check()
    return true
  } catch (error) {
    logger.warn({ err: error }, 'readiness check failed')
    return false
  }
}

const ANALYZE_EVERY_MS = 3_600_000
// Not at start: a new database has nothing to measure yet, and a restart of a
// large one would keep its first requests waiting behind a full ANALYZE.
const FIRST_ANALYZE_AFTER_MS = 300_000
let analyzeDueAt = Date.now() + FIRST_ANALYZE_AFTER_MS

/**
 * Embedded PGlite has no autovacuum, so the planner would run on the empty
 * statistics of the first start forever. Refresh them five minutes after start,
 * then hourly; PostgreSQL's autovacuum does this on its own.
 */
export async function refreshPlannerStatistics(now = Date.now()) {
  const { driver, db } = await getConnection()
  if (driver !== 'pglite' || now < analyzeDueAt) return false
  analyzeDueAt = now + ANALYZE_EVERY_MS
  await db.execute(sql`analyze`)
  return true
}
