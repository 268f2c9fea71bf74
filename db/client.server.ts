// The one database handle. PostgreSQL through postgres.js when DATABASE_URL is
// set, embedded PGlite under DATA_DIR otherwise; both run the same migrations.
// See docs/decisions/001-two-database-drivers.md and 008-production-server.md.
import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs'
import path from 'node:path'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import {
  type Driver,
  DatabaseDownError,
  databaseState,
  markDatabaseUp,
  raceOutage,
  setDatabaseProbe,
  stopDatabaseProbe,
  trackQuery,
  withTimeout,
} from './availability.server'
import { defaultImageDir, PGLITE_SHARED_BUFFERS, seedFromImage } from './pglite-image.server'
import { lockDataDir } from './pglite-lock.server'
import * as schema from './schema'

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>
export type Connection = {
  db: Database
  driver: Driver
  /** Readiness: the database answers and can write, within a few seconds. */
  check: () => Promise<void>
  close: () => Promise<void>
}

/** How long a readiness check or breaker probe may take before the database counts as down. */
const CHECK_TIMEOUT_MS = 2_000

// Resolved from the working directory, not import.meta.url: this module is also
// bundled into build/, where its own URL points elsewhere.
function resolveMigrationsFolder() {
  return path.resolve(process.env.MIGRATIONS_DIR ?? 'db/migrations')
}

export async function connectPostgres(url: string, { migrate = true, max = 10 } = {}): Promise<Connection> {
  const { default: postgres } = await import('postgres')
  const { drizzle } = await import('drizzle-orm/postgres-js')
  const options = {
    onnotice: () => {},
    // Fail fast and come back fast: the default waits up to 30 s for a connection
    // and backs off up to 20 s between reconnects after an outage.
    connect_timeout: 3,
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
  }
  const client = postgres(url, { ...options, max })
  const db = drizzle(instrumentPostgres(client), { schema })
  // A connection of its own for readiness and the breaker's probe, so neither
  // waits behind a busy pool nor counts as an application query.
  const health = postgres(url, { ...options, max: 1, idle_timeout: 30 })
  if (migrate) {
    const lock = postgres(url, { ...options, max: 1 })
    try {
      // Any number of instances may start at once on one database: they migrate
      // one at a time, and those after the first find nothing left to do.
      await lock`select pg_advisory_lock(hashtext('tandem migrations'))`
      const { migrate: run } = await import('drizzle-orm/postgres-js/migrator')
      await run(db, { migrationsFolder: resolveMigrationsFolder() })
    } finally {
      // Ending the session releases the advisory lock even if unlock is never sent.
      await lock.end({ timeout: 5 })
    }
  }
  const check = async () => {
    // Assigning a transaction id and committing writes to the WAL: this fails on
    // a standby, a read-only server or a full disk, not just on a dead one.
    await withTimeout(
      health.begin((tx) => tx`select pg_current_xact_id()`),
      CHECK_TIMEOUT_MS,
      'database check',
    )
  }
  setDatabaseProbe(check)
  return {
    db,
    driver: 'postgres',
    check,
    close: async () => {
      setDatabaseProbe(null)
      stopDatabaseProbe()
      await Promise.all([client.end({ timeout: 5 }), health.end({ timeout: 1 })])
    },
  }
}

export async function connectPglite(
  options: {
    dataDir?: string
    loadDataDir?: Blob | File
    migrate?: boolean
    /** A pre-migrated data folder to copy into a new dataDir (default: the build's); false to run initdb. */
    image?: string | false
  } = {},
): Promise<Connection & { client: import('@electric-sql/pglite').PGlite }> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { drizzle } = await import('drizzle-orm/pglite')
  let unlock = () => {}
  if (options.dataDir) {
    // The lock file sits beside the folder, so the folder itself may not exist yet.
    mkdirSync(path.dirname(options.dataDir), { recursive: true })
    unlock = lockDataDir(options.dataDir)
  }
  try {
    // A caller that brings its own contents (loadDataDir) gets no image under them.
    const image = options.loadDataDir ? false : (options.image ?? defaultImageDir())
    if (options.dataDir && image) seedFromImage(options.dataDir, image)
    const client = new PGlite({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir,
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    })
    await client.waitReady
    const db = drizzle(instrumentPglite(client), { schema })
    if (options.migrate !== false) {
      const { migrate: run } = await import('drizzle-orm/pglite/migrator')
      await run(db, { migrationsFolder: resolveMigrationsFolder() })
    }
    const dataDir = options.dataDir
    const check = async () => {
      await withTimeout(
        client.transaction((tx) => tx.query('select pg_current_xact_id()')),
        CHECK_TIMEOUT_MS,
        'database check',
      )
      // PGlite keeps pages in memory and its WAL is preallocated, so a commit can
      // succeed on a full or read-only disk that every new row will fail on.
      if (dataDir) probeDiskWrite(path.dirname(dataDir))
    }
    return {
      db,
      driver: 'pglite',
      client,
      check,
      close: async () => {
        try {
          await client.close()
        } finally {
          unlock()
        }
      },
    }
  } catch (error) {
    unlock()
    throw error
  }
}

function probeDiskWrite(dir: string) {
  const file = path.join(dir, `.write-check-${process.pid}`)
  const fd = openSync(file, 'w')
  try {
    writeSync(fd, randomBytes(8192))
    fsyncSync(fd)
  } finally {
    closeSync(fd)
    rmSync(file, { force: true })
  }
}

// ---- instrumentation -------------------------------------------------------

type PostgresSql = import('postgres').Sql

/**
 * Every statement drizzle sends goes through `unsafe` (or a transaction's or
 * savepoint's own `sql`); each is counted and its failure classified. postgres.js
 * queries are lazy thenables, so the count starts when drizzle awaits one.
 */
function instrumentPostgres(sql: PostgresSql): PostgresSql {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (...args: Parameters<PostgresSql['unsafe']>) => trackLazy(target.unsafe(...args))
      }
      if (prop === 'begin' || prop === 'savepoint') {
        const original = Reflect.get(target, prop, receiver) as (...a: unknown[]) => Promise<unknown>
        return (...args: unknown[]) => {
          if (!databaseState().up) return Promise.reject(new DatabaseDownError(databaseState().reason ?? 'down'))
          const fn = args[args.length - 1] as (tx: PostgresSql) => unknown
          return raceOutage(original.apply(target, [...args.slice(0, -1), (tx: PostgresSql) => fn(instrumentPostgres(tx))]))
        }
      }
      return Reflect.get(target, prop, receiver)
    },
  })
}

function trackLazy<Q extends PromiseLike<unknown>>(query: Q): Q {
  const then = query.then.bind(query)
  let tracked: Promise<unknown> | undefined
  Object.defineProperty(query, 'then', {
    configurable: true,
    value: (onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) => {
      tracked ??= trackQuery('postgres', () => ({ then }) as PromiseLike<unknown>)
      return tracked.then(onFulfilled, onRejected)
    },
  })
  return query
}

type PGliteClient = import('@electric-sql/pglite').PGlite
type PGliteTx = Parameters<Parameters<PGliteClient['transaction']>[0]>[0]

function instrumentPglite<C extends PGliteClient | PGliteTx>(client: C): C {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'query' || prop === 'exec') {
        const original = Reflect.get(target, prop, receiver) as (...a: unknown[]) => Promise<unknown>
        return (...args: unknown[]) => trackQuery('pglite', () => original.apply(target, args))
      }
      if (prop === 'transaction') {
        const original = Reflect.get(target, prop, receiver) as (fn: (tx: PGliteTx) => unknown) => Promise<unknown>
        return (fn: (tx: PGliteTx) => unknown) => original.call(target, (tx: PGliteTx) => fn(instrumentPglite(tx)))
      }
      return Reflect.get(target, prop, receiver)
    },
  })
}

// ---- the process's connection ---------------------------------------------

let current: Promise<Connection> | undefined

/** Opens (once) and migrates the database chosen by the environment. */
export function getConnection(): Promise<Connection> {
  if (!current) {
    const url = process.env.DATABASE_URL
    current = url ? connectPostgres(url) : connectPglite({ dataDir: path.join(dataDir(), 'pglite') })
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
  markDatabaseUp()
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
