// One connection for the generator's bulk work: a single session, so an
// explicit BEGIN/COMMIT wraps both COPY and the drizzle queries run between
// copies (the app's pool could hand each statement to another connection).
import net from 'node:net'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { PGlite } from '@electric-sql/pglite'
import { dataDir, connectPglite, connectPostgres, type Connection, type Database } from '../../client.server'
import * as schema from '../../schema'

export type BulkConnection = {
  db: Database
  driver: 'postgres' | 'pglite'
  /** COPY … FROM STDIN in text format; `lines` are complete rows ending in "\n". */
  copy: (table: string, columns: readonly string[], lines: readonly string[]) => Promise<void>
  exec: (statement: string) => Promise<void>
  query: <T>(statement: string) => Promise<T[]>
  close: () => Promise<void>
}

/** Runs `fn` in one transaction on the bulk connection, rolling back on any error. */
export async function inTransaction<T>(conn: BulkConnection, fn: () => Promise<T>): Promise<T> {
  await conn.exec('begin')
  try {
    const result = await fn()
    await conn.exec('commit')
    return result
  } catch (error) {
    await conn.exec('rollback').catch(() => {})
    throw error
  }
}

const CHUNK = 4 << 20

/** Joins rows into chunks of a few MB, so a batch never becomes one giant string. */
function* chunks(lines: readonly string[]) {
  let parts: string[] = []
  let size = 0
  for (const line of lines) {
    parts.push(line)
    size += line.length
    if (size >= CHUNK) {
      yield parts.join('')
      parts = []
      size = 0
    }
  }
  if (parts.length) yield parts.join('')
}

/**
 * A TCP socket with Nagle's algorithm off. Each COPY ends with a small
 * CopyDone message that would otherwise wait for the server's delayed ACK,
 * about 40 ms per table per batch.
 */
function connectWithoutDelay(options: { host: string[]; port: number[]; path?: string | false }): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = options.path
      ? net.connect({ path: options.path })
      : net.connect({ host: options.host[0], port: options.port[0], noDelay: true })
    socket.once('connect', () => resolve(socket))
    socket.once('error', reject)
  })
}

/** The database the environment names (PostgreSQL at DATABASE_URL, else PGlite under DATA_DIR), or `target`. Migrates first. */
export async function openBulk(target: { url?: string; dataDir?: string } = { url: process.env.DATABASE_URL }): Promise<BulkConnection> {
  const url = target.url
  if (url) {
    // Migrate through the app's own path, then hold one session of our own.
    const migrated = await connectPostgres(url, { max: 1 })
    await migrated.close()
    const { default: postgres } = await import('postgres')
    const { drizzle } = await import('drizzle-orm/postgres-js')
    const options = { max: 1, onnotice: () => {}, socket: connectWithoutDelay }
    const client = postgres(url, options)
    return {
      db: drizzle(client, { schema }),
      driver: 'postgres',
      copy: async (table, columns, lines) => {
        if (!lines.length) return
        const target = await client.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`).writable()
        await pipeline(Readable.from(chunks(lines)), target)
      },
      exec: async (statement) => {
        await client.unsafe(statement)
      },
      query: async <T>(statement: string) => [...(await client.unsafe(statement))] as T[],
      close: () => client.end({ timeout: 5 }),
    }
  }
  return pgliteBulk(await connectPglite({ dataDir: target.dataDir ?? path.join(dataDir(), 'pglite') }))
}

/** Bulk access to an open PGlite database; closing it closes the database. */
export function pgliteBulk(conn: Connection & { client: PGlite }): BulkConnection {
  const { client } = conn
  return {
    db: conn.db,
    driver: 'pglite',
    copy: async (table, columns, lines) => {
      if (!lines.length) return
      await client.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], { blob: new Blob([...chunks(lines)]) })
    },
    exec: async (statement) => {
      await client.exec(statement)
    },
    query: async <T>(statement: string) => (await client.query<T>(statement)).rows,
    close: () => client.close(),
  }
}

// ------------------------------------------------------------------ COPY text format

export type CopyValue = string | number | boolean | Date | null | undefined | readonly (string | number)[]

function escapeText(value: string) {
  return /[\\\t\n\r]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value
}

function field(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N'
  if (typeof value === 'string') return escapeText(value)
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (value instanceof Date) return value.toISOString()
  // Arrays here hold enum words and integers only, which need no quoting.
  return `{${value.join(',')}}`
}

/** One row of COPY text. */
export function row(values: readonly CopyValue[]): string {
  let out = field(values[0])
  for (let i = 1; i < values.length; i++) out += '\t' + field(values[i])
  return out + '\n'
}

/** A jsonb value as COPY text. */
export function json(value: unknown): string {
  return JSON.stringify(value)
}
