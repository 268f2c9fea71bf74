import { randomBytes } from 'node:crypto'
import postgres from 'postgres'

/** The PostgreSQL server tests and the load test create their throwaway databases on. */
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export function databaseUrl(name: string, { host, port }: { host?: string; port?: number } = {}) {
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  if (host) url.hostname = host
  if (port) url.port = String(port)
  return url.toString()
}

/** An empty database that is dropped again by the returned function. */
export async function createScratchDatabase(prefix = process.env.TEST_DB_PREFIX ?? 'tandem_') {
  const name = `${prefix}scratch_${randomBytes(5).toString('hex')}`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  const target = new URL(adminUrl)
  return {
    name,
    url: databaseUrl(name),
    host: target.hostname,
    port: Number(target.port || 5432),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end()
    },
  }
}
