// `npm run db:copy`: an embedded install, filled through the models, copied
// into a fresh PostgreSQL database by the real command. PostgreSQL is needed
// whichever driver the rest of the suite uses: DATABASE_URL when set, else the
// local server every machine that runs these tests has.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { connectPglite, connectPostgres, getConnection, useConnection, type Connection } from '../../db/client.server'
import { copyToPostgres, CopyError, parseArgs, processesHolding } from '../../db/copy'
import { ident, schemaTables } from '../../db/tables'
import { getResultSettings } from '~/models/anonymity-settings.server'
import { getRoundResults, getTeamTrend } from '~/models/pulse/results.server'
import { refreshRoundRollup } from '~/models/rollups.server'
import { withDatabase } from '../setup/global-db'
import { buildFixture, type Fixture } from '../security/fixture'
import { createRound, createTemplate, respond, times } from '../pulse-factories'

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

let dataDir: string
let target: string
let admin: Connection
let ownConnection: Connection
let f: Fixture
let round: { id: string }
const created: string[] = []

async function createDatabase() {
  const name = `tandem_copy_${randomBytes(5).toString('hex')}`
  await admin.db.execute(sql.raw(`create database ${name}`))
  created.push(name)
  return withDatabase(ADMIN_URL, name)
}

async function rows<T>(conn: Connection, statement: string): Promise<T[]> {
  const result: unknown = await conn.db.execute(sql.raw(statement))
  if (Array.isArray(result)) return result
  return (result as { rows: T[] }).rows
}

/** Per table: row count and an order-independent checksum of every row's text. */
async function fingerprint(conn: Connection) {
  await conn.db.execute(sql.raw(`set timezone = 'UTC'`))
  const out: Record<string, string> = {}
  for (const t of schemaTables()) {
    const [row] = await rows<{ v: string }>(
      conn,
      `select count(*) || ':' || coalesce(sum(('x' || substr(md5(r::text), 1, 15))::bit(60)::bigint), 0) as v from ${ident(t.name)} r`,
    )
    out[t.name] = row.v
  }
  return out
}

/** What a team's pulse page reads: the closed round's results and the trend. */
async function teamResults(conn: Connection) {
  useConnection(conn)
  const settings = await getResultSettings(f.ws.id)
  const scope = { workspaceId: f.ws.id, teamId: f.teamA.id, settings, viewerId: null }
  return {
    round: await getRoundResults({ ...scope, roundId: round.id, audience: 'team' }),
    trend: await getTeamTrend(f.ws.id, f.teamA.id, { settings, viewerId: null, audience: 'team' }),
  }
}

beforeAll(async () => {
  ownConnection = await getConnection()
  admin = await connectPostgres(ADMIN_URL, { migrate: false, max: 1 })
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-copy-'))
  const template = inject('pgliteTemplate')
  const source = await connectPglite({
    dataDir: path.join(dataDir, 'pglite'),
    ...(template ? { loadDataDir: new Blob([readFileSync(template)]), migrate: false } : {}),
  })
  useConnection(source)
  f = await buildFixture()
  // A closed round with enough answers to show results, rolled up as closing does.
  const tmpl = await createTemplate(f.ws.id)
  round = await createRound(f.teamA, tmpl.template, tmpl.items, { status: 'closed' })
  await respond(round as Parameters<typeof respond>[0], tmpl.items, [
    ...times(4, { discipline: 'product', value: 6, comment: 'They asked what could solve it' }),
    ...times(5, { discipline: 'engineering', value: 3, comment: 'Handed a finished spec again' }),
  ])
  await refreshRoundRollup(round.id)
  await source.close()
  useConnection(ownConnection)
  writeFileSync(path.join(dataDir, 'session-secret'), 'a-session-secret-of-this-install-that-is-long\n')
  target = await createDatabase()
})

afterAll(async () => {
  useConnection(ownConnection)
  for (const name of created) await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`))
  await admin.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('npm run db:copy', () => {
  it('copies every table into an empty database, says what to set next, and the app reads the same results there', async () => {
    const run = spawnSync('npx', ['tsx', 'db/copy.ts', '--to', target, '--batch-size', '7'], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    for (const t of schemaTables()) expect(run.stdout).toMatch(new RegExp(`^  ${t.name} +\\d+ → +\\d+`, 'm'))
    expect(run.stdout).toContain(`DATABASE_URL='${target}'`)
    expect(run.stdout).toContain(`SESSION_SECRET="$(cat ${path.join(dataDir, 'session-secret')})"`)
    expect(run.stdout).not.toContain('a-session-secret-of-this-install')

    const source = await connectPglite({ dataDir: path.join(dataDir, 'pglite'), migrate: false })
    const copy = await connectPostgres(target, { migrate: false, max: 2 })
    try {
      const before = await fingerprint(source)
      const after = await fingerprint(copy)
      expect(after).toEqual(before)
      expect(Number(before.answers.split(':')[0])).toBeGreaterThan(100)

      // A few records as the app sees them, and the team's results on each side.
      const people = `select email, name, is_admin, password_hash from users order by email`
      expect(await rows(copy, people)).toEqual(await rows(source, people))
      const fromSource = await teamResults(source)
      const fromCopy = await teamResults(copy)
      expect(fromSource.round).toMatchObject({ visible: true, n: 9, comments: { visible: true } })
      expect(fromSource.round?.respectIndex).not.toBeNull()
      expect(fromCopy).toEqual(fromSource)

      // Anonymity: every answer-side row arrived in one transaction, and not in the
      // order the source wrote responses and participations side by side.
      const xids = `select count(distinct xmin::text)::int as n from (select xmin from responses union all select xmin from answers union all select xmin from participations) x`
      expect(await rows(copy, xids)).toEqual([{ n: 1 }])
      const order = (table: string, column: string) =>
        `select ${column}::text as v from ${table} where round_id = '${round.id}' order by ctid`
      const sourceOrder = await rows<{ v: string }>(source, order('responses', 'id'))
      const copyOrder = await rows<{ v: string }>(copy, order('responses', 'id'))
      expect(copyOrder.map((r) => r.v).sort()).toEqual(sourceOrder.map((r) => r.v).sort())
      expect(copyOrder.map((r) => r.v)).not.toEqual(sourceOrder.map((r) => r.v))
      const who = await rows<{ v: string }>(copy, order('participations', 'user_id'))
      const whoSource = await rows<{ v: string }>(source, order('participations', 'user_id'))
      expect(who.map((r) => r.v)).not.toEqual(whoSource.map((r) => r.v))
    } finally {
      await source.close()
      await copy.close()
      useConnection(ownConnection)
    }
  })

  it('refuses a database that already has rows, and changes nothing in it', async () => {
    const before = await connectPostgres(target, { migrate: false, max: 1 })
    const [{ n }] = await rows<{ n: number }>(before, 'select count(*)::int as n from users')
    await before.close()
    await expect(copyToPostgres({ dataDir, to: target })).rejects.toThrow(/target database is not empty: .*users/)
    const after = await connectPostgres(target, { migrate: false, max: 1 })
    expect(await rows(after, 'select count(*)::int as n from users')).toEqual([{ n }])
    await after.close()
  })

  it('refuses while the data dir is locked or open in another process', async () => {
    const to = await createDatabase()
    writeFileSync(path.join(dataDir, 'pglite.lock'), `${process.pid}\n`)
    await expect(copyToPostgres({ dataDir, to })).rejects.toThrow(/Tandem is running on .*pglite\.lock exists\). Stop it first/)
    rmSync(path.join(dataDir, 'pglite.lock'))

    // Any process with a file open inside the database folder, as a running app has.
    const holder = spawn('sleep', ['30'], { stdio: ['ignore', openSync(path.join(dataDir, 'pglite', 'held-open'), 'w'), 'ignore'] })
    try {
      expect(processesHolding(path.join(dataDir, 'pglite'))).toContain(holder.pid)
      await expect(copyToPostgres({ dataDir, to })).rejects.toThrow(new RegExp(`is open in process ${holder.pid}\\b`))
    } finally {
      holder.kill()
      rmSync(path.join(dataDir, 'pglite', 'held-open'), { force: true })
    }
  })

  it('explains a missing install, a URL that is not PostgreSQL and unknown arguments', async () => {
    await expect(copyToPostgres({ dataDir: path.join(dataDir, 'nowhere'), to: target })).rejects.toThrow(
      /No embedded database in .*nowhere/,
    )
    await expect(copyToPostgres({ dataDir, to: 'mysql://localhost/tandem' })).rejects.toThrow(CopyError)
    expect(() => parseArgs(['--into', target])).toThrow(/Unknown argument "--into"\.\nUsage: npm run db:copy -- --to postgres:\/\//)
    expect(() => parseArgs([])).toThrow(/--to is required/)
    expect(() => parseArgs(['--to'])).toThrow(/--to needs a value/)
    expect(() => parseArgs(['--to', target, '--batch-size', '0'])).toThrow(/--batch-size must be a whole number/)
    expect(parseArgs([`--to=${target}`, '--from', dataDir])).toEqual({ to: target, dataDir, batchSize: 500 })
  })
})
