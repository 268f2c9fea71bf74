import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { connectPglite, connectPostgres } from '../../db/client.server'

/**
 * Migrates one template database per run. Each test file then starts its own
 * database from it: a copy of the PGlite data dir, or CREATE DATABASE … TEMPLATE
 * on PostgreSQL. Migrating once keeps per-file start-up near a second.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL
  if (url) {
    const name = `tandem_tmpl_${process.pid}`
    const admin = await connectPostgres(url, { migrate: false, max: 1 })
    const { sql } = await import('drizzle-orm')
    await admin.db.execute(sql.raw(`drop database if exists ${name}`))
    await admin.db.execute(sql.raw(`create database ${name}`))
    const tmpl = await connectPostgres(withDatabase(url, name), { max: 1 })
    await tmpl.close()
    project.provide('pgTemplate', name)
    return async () => {
      await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`))
      await admin.close()
    }
  }
  const dir = path.resolve('tests/.tmp')
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `template-${process.pid}.tar.gz`)
  const conn = await connectPglite()
  const dump = await conn.client.dumpDataDir('gzip')
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  await conn.close()
  project.provide('pgliteTemplate', file)
  return () => rmSync(file, { force: true })
}

export function withDatabase(url: string, name: string) {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate?: string
    pgliteTemplate?: string
  }
}
