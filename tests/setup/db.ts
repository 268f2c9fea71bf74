import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, inject } from 'vitest'
import { closeConnection, connectPglite, connectPostgres, useConnection } from '../../db/client.server'
import { withDatabase } from './global-db'

// Each test file gets its own database and data dir.
process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'tandem-test-'))
process.env.SESSION_SECRET ??= 'test-secret-that-is-long-enough-for-the-schema'
process.env.SCHEDULER = 'off'

let cleanup: (() => Promise<void>) | undefined

beforeAll(async () => {
  const url = process.env.DATABASE_URL
  const template = inject('pgTemplate')
  if (url && template) {
    const name = `tandem_test_${randomBytes(6).toString('hex')}`
    const admin = await connectPostgres(url, { migrate: false, max: 1 })
    await admin.db.execute(sql.raw(`create database ${name} template ${template}`))
    // Tests that play a second app instance open their own connection to this URL.
    process.env.TEST_DATABASE_URL = withDatabase(url, name)
    const conn = await connectPostgres(process.env.TEST_DATABASE_URL, { migrate: false, max: 10 })
    useConnection(conn)
    cleanup = async () => {
      await closeConnection()
      await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`))
      await admin.close()
    }
    return
  }
  const file = inject('pgliteTemplate')
  if (!file) throw new Error('The PGlite template was not prepared by tests/setup/global-db.ts')
  const conn = await connectPglite({ loadDataDir: new Blob([readFileSync(file)]), migrate: false })
  useConnection(conn)
  cleanup = closeConnection
})

afterAll(async () => {
  await cleanup?.()
})
