import postgres from 'postgres'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { root, startBuiltServer, type BuiltServer } from '../support/built-server'
import { createScratchDatabase } from '../support/postgres'

const started: BuiltServer[] = []
let db: Awaited<ReturnType<typeof createScratchDatabase>> | undefined
afterAll(async () => {
  await Promise.all(started.map((s) => s.kill()))
  await db?.drop()
})

describe('instances starting together on an empty PostgreSQL database', () => {
  it('all migrate (one at a time, under an advisory lock) and all serve', async () => {
    db = await createScratchDatabase()
    const url = db.url
    const servers = await Promise.all(
      [1, 2, 3].map(() => startBuiltServer({ env: { DATABASE_URL: url } }).then((s) => (started.push(s), s))),
    )
    for (const server of servers) {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
      expect(server.child.exitCode).toBeNull()
    }
    const journal = JSON.parse(readFileSync(path.join(root, 'db/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] }
    const sql = postgres(url, { max: 1, onnotice: () => {} })
    try {
      const [{ applied }] = await sql<{ applied: number }[]>`select count(*)::int as applied from drizzle.__drizzle_migrations`
      expect(applied).toBe(journal.entries.length)
    } finally {
      await sql.end()
    }
  })
})
