import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBuiltServer, type BuiltServer } from '../support/built-server'
import { postForm } from '../support/http'
import { createScratchDatabase, databaseUrl } from '../support/postgres'
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy'
import type { Member, Seeded } from '../load/seed'

// The answer form as browsers post it, against the built server: the quick way
// (app/server/answer-lane.ts) and everything it hands to the answer page's action.

const SECRET = 'answer-lane-session-secret-that-is-long-enough'
const METRICS_TOKEN = 'metrics-token-for-the-answer-lane-0123456789'
let db: Awaited<ReturnType<typeof createScratchDatabase>>
let server: BuiltServer
let proxy: TcpProxy
let seeded: Seeded
let stored: (roundIds: string[]) => Promise<{ participations: number; responses: number; answers: number; duplicates: number }>
let execute: (statement: string) => Promise<unknown>
let items: string[]

beforeAll(async () => {
  db = await createScratchDatabase()
  process.env.DATABASE_URL = db.url
  process.env.SESSION_SECRET = SECRET
  const { seedLoad, storedState } = await import('../load/seed')
  const { getDb } = await import('../../db/client.server')
  const { sql } = await import('drizzle-orm')
  // Four members, each on six teams with an open round.
  seeded = await seedLoad(4, 6)
  stored = (roundIds) => storedState(roundIds, seeded.itemCount)
  execute = async (statement) => (await getDb()).execute(sql.raw(statement))
  // Through a proxy that can play the database going away.
  proxy = await startTcpProxy({ host: db.host, port: db.port })
  server = await startBuiltServer({
    env: { DATABASE_URL: databaseUrl(db.name, { host: '127.0.0.1', port: proxy.port }), SESSION_SECRET: SECRET, METRICS_TOKEN },
  })
  const page = await fetch(`${server.url}/pulse/${seeded.roundIds[0]}`, { headers: { cookie: seeded.members[0].cookie } })
  items = [...new Set([...(await page.text()).matchAll(/name="(item-[0-9a-f-]{36})"/g)].map((m) => m[1]))]
})

afterAll(async () => {
  if (server && server.child.exitCode !== null) console.log(server.output().slice(-6000))
  await server?.kill()
  await proxy?.close()
  const { closeConnection } = await import('../../db/client.server')
  await closeConnection()
  await db?.drop()
})

function fullForm(extra: Record<string, string> = {}): Record<string, string> {
  return { ...Object.fromEntries(items.map((name, i) => [name, String((i % 7) + 1)])), comment: 'Specs got shorter.', ...extra }
}

const answer = (member: Member, roundId: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  postForm(server.url, `/pulse/${roundId}`, fields, { cookie: member.cookie, headers })

describe('the answer form over HTTP', () => {
  it('records a whole answer once and sends the browser to the thanks page, then says a second one does not count', async () => {
    const [member] = seeded.members
    const round = seeded.roundIds[0]
    expect(items).toHaveLength(seeded.itemCount)
    const first = await answer(member, round, fullForm())
    expect(first.status).toBe(303)
    expect(first.location).toBe(`/pulse/${round}?done=1`)
    expect(first.headers.get('cache-control')).toBe('no-store')
    expect(first.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(first.headers.get('content-security-policy')).toContain("default-src 'self'")

    const thanks = await fetch(`${server.url}${first.location}`, { headers: { cookie: member.cookie } })
    expect(await thanks.text()).toContain('Thank you, your answers are recorded.')

    const again = await answer(member, round, fullForm({ comment: 'Changed my mind.' }))
    expect(again.status).toBe(303)
    expect(again.location).toBe(`/pulse/${round}`)
    const page = await fetch(`${server.url}${again.location}`, { headers: { cookie: member.cookie } })
    expect(await page.text()).toContain('You have already answered this pulse.')

    expect(await stored([round])).toMatchObject({ participations: 1, responses: 1, answers: seeded.itemCount, duplicates: 0 })
  })

  it('takes the same answer posted as multipart, as a browser may send it', async () => {
    const member = seeded.members[1]
    const round = seeded.roundIds[0]
    const body = new FormData()
    for (const [name, value] of Object.entries(fullForm())) body.append(name, value)
    const res = await fetch(`${server.url}/pulse/${round}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: server.url, Cookie: member.cookie },
      body,
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/pulse/${round}?done=1`)
    expect((await stored([round])).participations).toBe(2)
  })

  it('gives a form with a question left out back with its message, and stores nothing', async () => {
    const member = seeded.members[2]
    const round = seeded.roundIds[1]
    const fields = fullForm()
    delete fields[items[2]]
    const res = await answer(member, round, fields)
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(res.text).toContain('Choose an answer')
    // What was typed is still there to correct.
    expect(res.text).toContain('Specs got shorter.')
    expect(await stored([round])).toMatchObject({ participations: 0, responses: 0 })
  })

  it('refuses a question the pulse does not ask, and an answer off the scale, with the page saying so', async () => {
    const member = seeded.members[2]
    const round = seeded.roundIds[1]
    const foreign = await answer(member, round, fullForm({ 'item-00000000-0000-4000-8000-000000000000': '4' }))
    expect(foreign.status).toBe(422)
    expect(foreign.text).toContain('The form contained a question that is not part of this pulse')
    const offScale = await answer(member, round, fullForm({ [items[0]]: '9' }))
    expect(offScale.status).toBe(422)
    expect(offScale.text).toContain('Choose one of the seven answers')
    expect((await stored([round])).participations).toBe(0)
  })

  it('sends someone signed out to sign in, and back to the pulse afterwards', async () => {
    const round = seeded.roundIds[1]
    const res = await postForm(server.url, `/pulse/${round}`, fullForm())
    expect(res.status).toBe(302)
    expect(res.location).toBe(`/login?redirectTo=${encodeURIComponent(`/pulse/${round}`)}`)
    const forgedCookie = await postForm(server.url, `/pulse/${round}`, fullForm(), { cookie: `${seeded.members[3].cookie}x` })
    expect(forgedCookie.status).toBe(302)
    expect((await stored([round])).participations).toBe(0)
  })

  it('says a closed pulse is closed (409) and a pulse not on your roster does not exist (404)', async () => {
    const [closedRound, notMine] = [seeded.roundIds[2], seeded.roundIds[3]]
    await execute(`update rounds set status = 'closed', closed_at = now() where id = '${closedRound}'`)
    await execute(`delete from round_roster where round_id = '${notMine}' and user_id = '${seeded.members[3].id}'`)
    const closed = await answer(seeded.members[3], closedRound, fullForm())
    expect(closed.status).toBe(409)
    expect(closed.text).toContain('This pulse is closed.')
    const foreign = await answer(seeded.members[3], notMine, fullForm())
    expect(foreign.status).toBe(404)
    expect(foreign.text).toContain('This pulse does not exist or is not for your team.')
    expect(await stored([closedRound, notMine])).toMatchObject({ participations: 0, responses: 0 })
  })

  it('refuses a cross-site post and an oversized body before reading an answer', async () => {
    const round = seeded.roundIds[4]
    const forged = await answer(seeded.members[0], round, fullForm(), { Origin: 'https://evil.example' })
    expect(forged.status).toBe(403)
    const huge = await answer(seeded.members[0], round, fullForm({ comment: 'x'.repeat(2 * 1024 * 1024) }))
    expect(huge.status).toBe(413)
    expect((await stored([round])).participations).toBe(0)
  })

  it('answers 503 while the database is away, and records the answer once it is back', async () => {
    const [member, round] = [seeded.members[1], seeded.roundIds[4]]
    proxy.cut()
    const started = Date.now()
    const during = await answer(member, round, fullForm())
    expect(during.status).toBe(503)
    expect(during.headers.get('retry-after')).toBe('5')
    expect(Date.now() - started).toBeLessThan(5_000)
    proxy.restore()
    let after = await answer(member, round, fullForm())
    for (let tries = 0; after.status === 503 && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, 200))
      after = await answer(member, round, fullForm())
    }
    expect(after.status).toBe(303)
    expect(after.location).toBe(`/pulse/${round}?done=1`)
    expect(await stored([round])).toMatchObject({ participations: 1, responses: 1, answers: seeded.itemCount })
  })

  it('counts answers under the answer route in the metrics, as every other request', async () => {
    await answer(seeded.members[0], seeded.roundIds[5], fullForm())
    const metrics = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
    const line = (await metrics.text())
      .split('\n')
      .find((l) =>
        l.startsWith('tandem_http_request_duration_seconds_count{route="routes/pulse.$roundId",method="POST",status_class="3xx"}'),
      )
    expect(Number(line?.split(' ').pop())).toBeGreaterThanOrEqual(3)
  })
})
