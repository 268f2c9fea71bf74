import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { connectPglite } from '../../db/client.server'
import { root, startBuiltServer, type BuiltServer } from '../support/built-server'
import { onboard } from '../support/http'

const IMAGE = path.join(root, 'build/pglite-image')
const MIGRATIONS = path.join(root, 'db/migrations')
const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] }

const scratch: string[] = []
const started: BuiltServer[] = []
afterAll(async () => {
  await Promise.all(started.map((s) => s.kill()))
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true })
})

function tempDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-image-'))
  scratch.push(dir)
  return dir
}

/** initdb gives every cluster its own id (the first 8 bytes of pg_control): equal ids mean one was copied from the other. */
function systemId(dataDir: string) {
  return readFileSync(path.join(dataDir, 'global/pg_control')).subarray(0, 8).toString('hex')
}

/** Opens a copy, so that the folder itself stays as it is. */
async function inspect<T>(dataDir: string, read: (db: Awaited<ReturnType<typeof connectPglite>>['db']) => Promise<T>) {
  const copy = path.join(tempDir(), 'pglite')
  cpSync(dataDir, copy, { recursive: true })
  const conn = await connectPglite({ dataDir: copy, migrate: false, image: false })
  try {
    return await read(conn.db)
  } finally {
    await conn.close()
  }
}

async function appliedMigrations(db: Awaited<ReturnType<typeof connectPglite>>['db']) {
  const rows = await db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)
  return rows.rows[0]?.n
}

describe('the PGlite image in the build', () => {
  it('holds every migration, and only the schema: no rows, no secret', async () => {
    expect(existsSync(IMAGE), 'run `npm run build` first').toBe(true)
    expect(readdirSync(IMAGE)).not.toContain('session-secret')
    const { applied, rows } = await inspect(IMAGE, async (db) => {
      const tables = await db.execute<{ name: string }>(sql`select quote_ident(tablename) as name from pg_tables where schemaname = 'public'`)
      let rows = 0
      for (const { name } of tables.rows) {
        const count = await db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${name}`))
        rows += count.rows[0]?.n ?? 0
      }
      expect(tables.rows.length).toBeGreaterThan(10)
      return { applied: await appliedMigrations(db), rows }
    })
    expect(applied).toBe(journal.entries.length)
    expect(rows).toBe(0)
  })

  it('is what a server on an empty DATA_DIR starts from: every migration applied, onboarding served', async () => {
    const server = await startBuiltServer()
    started.push(server)
    const home = await fetch(`${server.url}/`, { redirect: 'manual' })
    expect(home.headers.get('location')).toBe('/onboarding')
    expect((await fetch(`${server.url}/onboarding`)).status).toBe(200)
    await onboard(server.url)
    await server.kill()
    const dataDir = path.join(server.dataDir, 'pglite')
    expect(systemId(dataDir)).toBe(systemId(IMAGE))
    expect(readdirSync(server.dataDir).filter((e) => e.startsWith('pglite.new-'))).toEqual([])
    const { applied, workspaces } = await inspect(dataDir, async (db) => ({
      applied: await appliedMigrations(db),
      workspaces: (await db.execute<{ n: number }>(sql`select count(*)::int as n from workspaces`)).rows[0]?.n,
    }))
    expect(applied).toBe(journal.entries.length)
    expect(workspaces).toBe(1)
  })

  it('made by an older build still gets the migrations that came after it', async () => {
    // An image made when the last migration did not exist yet.
    const older = path.join(tempDir(), 'migrations')
    cpSync(MIGRATIONS, older, { recursive: true })
    const last = journal.entries.at(-1)!
    rmSync(path.join(older, `${last.tag}.sql`))
    writeFileSync(path.join(older, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }))
    const oldImage = path.join(tempDir(), 'image')
    process.env.MIGRATIONS_DIR = older
    try {
      await (await connectPglite({ dataDir: oldImage, image: false })).close()
    } finally {
      delete process.env.MIGRATIONS_DIR
    }

    const dataDir = path.join(tempDir(), 'pglite')
    const conn = await connectPglite({ dataDir, image: oldImage })
    try {
      expect(await appliedMigrations(conn.db)).toBe(journal.entries.length)
    } finally {
      await conn.close()
    }
    expect(systemId(dataDir)).toBe(systemId(oldImage))
  })
})
