import { sql } from 'drizzle-orm'
import { getDb } from '../../db/client.server'

export async function pingDatabase(): Promise<boolean> {
  try {
    const db = await getDb()
    await db.execute(sql`select 1`)
    return true
  } catch {
    return false
  }
}
