// The one database handle. PostgreSQL through postgres.js when DATABASE_URL is
// set, embedded PGlite under DATA_DIR otherwise; both run the same migrations.
// See docs/decisions/001-two-database-drivers.md.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import * as schema from './schema'

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>
export type Connection = { db: Database; driver: 'pglite' | 'postgres'; close: () => Promise<void> }

// Resolved from the working directory, not import.meta.url: this module is also
// bundled into build/, where its own URL points elsewhere.
function resolveMigrationsFolder() {
  return path.resolve(process.env.MIGRATIONS_DIR ?? 'db/migrations')
}

export async function connectPostgres(url: string, { migrate = true, max = 10 } = {}): Promise<Connection> {
  const { default: postgres } = await import('postgres')
  const { drizzle } = await import('drizzle-orm/postgres-js')
  const client = postgres(url, { max, onnotice: () => {} })
  const db = drizzle(client, { schema })
  if (migrate) {
    const { migrate: run } = await import('drizzle-orm/postgres-js/migrator')
    await run(db, { migrationsFolder: resolveMigrationsFolder() })
  }
  return { db, driver: 'postgres', close: () => client.end({ timeout: 5 }) }
}

export async function connectPglite(
  options: { dataDir?: string; loadDataDir?: Blob | File; migrate?: boolean } = {},
): Promise<Connection & { client: import('@electric-sql/pglite').PGlite }> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { drizzle } = await import('drizzle-orm/pglite')
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true })
  const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir })
  await client.waitReady
  const db = drizzle(client, { schema })
  if (options.migrate !== false) {
    const { migrate: run } = await import('drizzle-orm/pglite/migrator')
    await run(db, { migrationsFolder: resolveMigrationsFolder() })
  }
  return { db, driver: 'pglite', client, close: () => client.close() }
}

let current: Promise<Connection> | undefined

/** Opens (once) and migrates the database chosen by the environment. */
export function getConnection(): Promise<Connection> {
  if (!current) {
    const url = process.env.DATABASE_URL
    current = url
      ? connectPostgres(url)
      : connectPglite({ dataDir: path.join(dataDir(), 'pglite') })
    current.catch(() => {
      current = undefined
    })
  }
  return current
}

export async function getDb(): Promise<Database> {
  return (await getConnection()).db
}

/** Tests point the app at their own database. */
export function useConnection(connection: Connection) {
  current = Promise.resolve(connection)
}

export async function closeConnection() {
  const c = current
  current = undefined
  if (c) await (await c).close()
}

export function dataDir() {
  return path.resolve(process.env.DATA_DIR ?? './data')
}

/** A transaction handle, for model functions that run inside their caller's transaction. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0]
