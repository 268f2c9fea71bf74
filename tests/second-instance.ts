import { connectPostgres, getDb, type Database } from '../db/client.server'

/**
 * A second "app instance" for tests of multi-instance safety: on PostgreSQL its
 * own connection pool to the test database, like a second process; on PGlite
 * (single-process by design) a handle on the same embedded connection.
 */
export async function secondInstance(): Promise<{ db: Database; close: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL
  if (url) {
    const conn = await connectPostgres(url, { migrate: false, max: 5 })
    return { db: conn.db, close: conn.close }
  }
  return { db: await getDb(), close: async () => {} }
}
