import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
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

type Client = Awaited<ReturnType<typeof connectPglite>>['client']

/** Opens a copy, so that the folder itself stays as it is. */
async function inspect<T>(dataDir: string, read: (client: Client) => Promise<T>) {
  const copy = path.join(tempDir(), 'pglite')
  cpSync(dataDir, copy, { recursive: true })
  const conn = await connectPglite({ dataDir: copy, migrate: false, image: false })
  try {
    return await read(conn.client)
  } finally {
    await conn.close()
  }
}

async function count(client: Client, from: string) {
  const result = await client.query<{ n: number }>(`select count(*)::int as n from ${from}`)
  return result.rows[0]?.n
}

describe('the PGlite image in the build', () => {
  it('holds every migration, and only the schema: no rows, no secret', async () => {
    expect(existsSync(IMAGE), 'run `npm run build` first').toBe(true)
    expect(readdirSync(IMAGE)).not.toContain('session-secret')
    const { applied, rows } = await inspect(IMAGE, async (client) => {
      const tables = await client.query<{ name: string }>(
        `select quote_ident(tablename) as name from pg_tables where schemaname = 'public'`,
      )
      expect(tables.rows.length).toBeGreaterThan(10)
      let rows = 0
      for (const { name } of tables.rows) rows += (await count(client, name)) ?? 0
      return { applied: await count(client, 'drizzle.__drizzle_migrations'), rows }
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
    const { applied, workspaces } = await inspect(dataDir, async (client) => ({
      applied: await count(client, 'drizzle.__drizzle_migrations'),
      workspaces: await count(client, 'workspaces'),
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
      expect(await count(conn.client, 'drizzle.__drizzle_migrations')).toBe(journal.entries.length)
    } finally {
      await conn.close()
    }
    expect(systemId(dataDir)).toBe(systemId(oldImage))
  })
})
