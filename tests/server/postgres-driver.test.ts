import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createScratchDatabase, databaseUrl } from '../support/postgres'
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy'

// postgres.js 3.4.9 as patched by db/patches (patch-package). Unpatched, each
// of these ends the test process with an uncaught TypeError from a setImmediate
// ("Cannot read properties of null (reading 'write')"), which no try/catch sees.

let db: Awaited<ReturnType<typeof createScratchDatabase>>
let proxy: TcpProxy

beforeAll(async () => {
  db = await createScratchDatabase()
  proxy = await startTcpProxy({ host: db.host, port: db.port })
  const setup = postgres(db.url, { max: 1, onnotice: () => {} })
  await setup`create table a (id int primary key)`
  await setup`create table b (id int primary key references a)`
  await setup.end()
})
afterAll(async () => {
  await proxy?.close()
  await db?.drop()
})

describe('postgres.js after a connection dies', () => {
  it('rejects statements on a reserved connection whose backend was terminated', async () => {
    const sql = postgres(db.url, { max: 2, onnotice: () => {} })
    const killer = postgres(db.url, { max: 1, onnotice: () => {} })
    try {
      const reserved = await sql.reserve()
      const [{ pid }] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`
      await killer`select pg_terminate_backend(${pid})`
      await expect(reserved`select 1`).rejects.toThrow()
      await expect(reserved`select 1`).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' })
      reserved.release()
      // The pool itself still works.
      expect((await sql<{ x: number }[]>`select 2 as x`)[0].x).toBe(2)
    } finally {
      await Promise.all([sql.end({ timeout: 1 }), killer.end({ timeout: 1 })])
    }
  })

  it('keeps every transaction whole while connections are reset under load', async () => {
    const sql = postgres(databaseUrl(db.name, { host: '127.0.0.1', port: proxy.port }), {
      max: 10,
      onnotice: () => {},
      connect_timeout: 3,
      backoff: () => 0.05,
    })
    const acknowledged: number[] = []
    let next = 0
    let stop = false
    const worker = async () => {
      while (!stop) {
        const id = ++next
        try {
          await sql.begin(async (tx) => {
            await tx`insert into a values (${id})`
            await new Promise((r) => setTimeout(r, Math.random() * 3))
            await tx`insert into b values (${id})`
          })
          acknowledged.push(id)
        } catch {
          // a reset mid-transaction: not acknowledged, so it may or may not be stored
        }
      }
    }
    const workers = Array.from({ length: 30 }, worker)
    for (let i = 0; i < 8; i++) {
      await new Promise((r) => setTimeout(r, 250))
      proxy.cut()
      await new Promise((r) => setTimeout(r, 100))
      proxy.restore()
    }
    stop = true
    await Promise.all(workers)
    await sql.end({ timeout: 2 })

    const check = postgres(db.url, { max: 1, onnotice: () => {} })
    try {
      const [{ halves }] = await check<{ halves: number }[]>`select count(*)::int as halves from a where id not in (select id from b)`
      const [{ lost }] = await check<
        { lost: number }[]
      >`select count(*)::int as lost from unnest(${acknowledged}::int[]) x where x not in (select id from b)`
      expect(acknowledged.length).toBeGreaterThan(100)
      expect(halves).toBe(0)
      expect(lost).toBe(0)
    } finally {
      await check.end()
    }
  })
})
