// `npm run test:load`: the built server on a throwaway PostgreSQL database,
// behind a TCP proxy that can play a database restart. Phases:
//   A  LOAD_CONCURRENCY distinct members answering for LOAD_SECONDS
//   B  one member submitting the same answer 10 times at once
//   C  the database "restarts" (connections reset, 3 s refused) mid-load
//   F  a 200 MB body, declared and chunked
//   E  SIGTERM under load
//   D  two instances starting together on an empty database
// Every phase ends with exact counts: acknowledged answers are stored, nothing
// is stored twice, and each stored participation has exactly one whole response.
import { startBuiltServer, type BuiltServer } from '../support/built-server'
import { createScratchDatabase, databaseUrl } from '../support/postgres'
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy'
import { answer, RoundCursor, rssMb, runRespondents, Tally } from './respondents'
import { printTable, type Row } from './report'

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60)
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 200)
const OUTAGE_LOAD_SECONDS = Math.max(8, Math.round(SECONDS / 3))
const SECRET = 'load-test-session-secret-that-is-long-enough'
const prefix = process.env.LOAD_DB_PREFIX ?? 'tandem_'

const failures: string[] = []
const rows: Row[] = []
function check(ok: boolean, what: string) {
  if (!ok) failures.push(what)
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const db = await createScratchDatabase(`${prefix}load_`)
let proxy: TcpProxy | undefined
const servers: BuiltServer[] = []
try {
  process.env.DATABASE_URL = db.url
  process.env.SESSION_SECRET = SECRET
  const { seedLoad, storedState } = await import('./seed')
  const { closeConnection } = await import('../../db/client.server')
  // Enough rounds that no member runs out even if the server answered 600 answers a second.
  const teamCount = Number(process.env.LOAD_TEAMS ?? Math.ceil(((SECONDS + OUTAGE_LOAD_SECONDS + 10) * 600) / CONCURRENCY))
  const seedStarted = Date.now()
  const seeded = await seedLoad(CONCURRENCY, teamCount)
  console.log(
    `Seeded ${CONCURRENCY} members on ${teamCount} teams with open rounds in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s.`,
  )
  const cursor = new RoundCursor(seeded.roundIds)

  proxy = await startTcpProxy({ host: db.host, port: db.port })
  const env = {
    DATABASE_URL: databaseUrl(db.name, { host: '127.0.0.1', port: proxy.port }),
    SESSION_SECRET: SECRET,
    SCHEDULER_INTERVAL_SECONDS: '30',
  }
  const server = await startBuiltServer({ env })
  servers.push(server)
  const idleRss = rssMb(server.pid)

  async function verify(phase: string, tally: Tally) {
    const stored = await storedState(seeded.roundIds, seeded.itemCount)
    const lost = [...tally.acked].filter((pair) => !stored.pairs.has(pair)).length
    check(lost === 0, `${phase}: ${lost} acknowledged answers are not stored`)
    check(stored.duplicates === 0, `${phase}: ${stored.duplicates} duplicate participations`)
    check(stored.mismatched_rounds === 0, `${phase}: ${stored.mismatched_rounds} rounds where participations ≠ responses`)
    check(stored.short_responses === 0, `${phase}: ${stored.short_responses} responses without all their answers`)
    check(stored.participations === stored.responses, `${phase}: participations ${stored.participations} ≠ responses ${stored.responses}`)
    return { stored, lost }
  }

  // ---- A: steady load -------------------------------------------------------
  const a = new Tally()
  let maxRss = idleRss
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, rssMb(server.pid))), 500)
  const aStart = Date.now()
  const aEnd = aStart + SECONDS * 1000
  const { ranOut } = await runRespondents({
    url: server.url,
    members: seeded.members,
    cursor,
    concurrency: CONCURRENCY,
    until: () => Date.now() >= aEnd,
    tally: a,
  })
  const aSeconds = (Date.now() - aStart) / 1000
  clearInterval(sampler)
  const aCheck = await verify('A', a)
  const bad = a.count((o) => o.status === 'error' || o.status >= 500)
  check(bad === 0, `A: ${bad} errors or 5xx under steady load`)
  check(aCheck.stored.participations === a.acked.size, `A: stored ${aCheck.stored.participations} ≠ acknowledged ${a.acked.size}`)
  check(ranOut === 0, `A: ${ranOut} members ran out of rounds (raise LOAD_TEAMS)`)
  check(a.acked.size > 0, 'A: no answer was acknowledged at all')
  rows.push(
    [
      'A steady load',
      `${CONCURRENCY} members × ${SECONDS} s`,
      `${a.outcomes.length} requests, ${(a.outcomes.length / aSeconds).toFixed(0)} req/s`,
    ],
    [
      '',
      'answers acknowledged / stored',
      `${a.acked.size} / ${aCheck.stored.participations} (${(a.acked.size / aSeconds).toFixed(0)} answers/s)`,
    ],
    ['', 'answer page GET p50 / p99', `${a.percentile('get', 50)} / ${a.percentile('get', 99)} ms`],
    ['', 'answer POST p50 / p99', `${a.percentile('post', 50)} / ${a.percentile('post', 99)} ms`],
    ['', 'statuses', JSON.stringify(a.statuses())],
    ['', 'server RSS idle / peak', `${idleRss} / ${maxRss} MB`],
  )

  // ---- B: the same member ten times at once --------------------------------
  const member = seeded.members[0]
  const roundId = cursor.take(member)
  if (!roundId) throw new Error('no round left for phase B')
  const b = new Tally()
  // Bounded, so a regression shows as a failure rather than a hang.
  const bEnd = Date.now() + 30_000
  const results = await Promise.all(Array.from({ length: 10 }, () => answer(server.url, member, roundId, b, () => Date.now() >= bEnd)))
  const bStored = await verify('B', b)
  const mine = [...bStored.stored.pairs].filter((p) => p === `${member.id}:${roundId}`).length
  check(
    results.filter((r) => r === 'acked').length === 1,
    `B: ${results.filter((r) => r === 'acked').length} of 10 acknowledged, expected 1`,
  )
  check(mine === 1, `B: ${mine} stored participations for the member, expected 1`)
  rows.push([
    'B same member ×10',
    'acknowledged / told "already answered" / stored',
    `${results.filter((r) => r === 'acked').length} / ${results.filter((r) => r === 'already').length} / ${mine}`,
  ])

  // ---- C: database restart mid-load -----------------------------------------
  const c = new Tally()
  const cEnd = Date.now() + OUTAGE_LOAD_SECONDS * 1000
  const load = runRespondents({
    url: server.url,
    members: seeded.members,
    cursor,
    concurrency: CONCURRENCY,
    until: () => Date.now() >= cEnd,
    tally: c,
  })
  await sleep((OUTAGE_LOAD_SECONDS * 1000) / 3)
  const cutAt = Date.now()
  proxy.cut()
  await sleep(3_000)
  proxy.restore()
  const restoredAt = Date.now()
  await load
  const during = c.outcomes.filter((o) => o.at >= cutAt)
  const unavailable = during.filter((o) => o.status === 503)
  const firstOk = during.find((o) => o.at >= restoredAt && o.status !== 'error' && o.status < 500)
  const recoveryMs = firstOk ? firstOk.at - restoredAt : Number.NaN
  const other = c.count((o) => o.status === 'error' || (o.status >= 500 && o.status !== 503))
  const cCheck = await verify('C', c)
  check(firstOk !== undefined && recoveryMs < 15_000, `C: not serving again within 15 s of the database's return (${recoveryMs} ms)`)
  check(Math.max(0, ...unavailable.map((o) => o.ms)) < 5_000, 'C: a 503 took 5 s or more')
  check(other === 0, `C: ${other} answers that were neither a page, a redirect nor a 503`)
  check(server.child.exitCode === null, 'C: the server process died')
  rows.push(
    [
      'C database restart',
      `${CONCURRENCY} members × ${OUTAGE_LOAD_SECONDS} s, 3 s outage`,
      `${c.outcomes.length} requests, ${c.acked.size} answers acknowledged`,
    ],
    ['', '503s / slowest 503 / other errors', `${unavailable.length} / ${Math.max(0, ...unavailable.map((o) => o.ms))} ms / ${other}`],
    ['', 'serving again after the database returned', `${recoveryMs} ms`],
    ['', 'acknowledged but lost', `${cCheck.lost}`],
  )

  // ---- F: a 200 MB body -----------------------------------------------------
  const before = rssMb(server.pid)
  const big = async (chunked: boolean) => {
    const started = Date.now()
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 200 * 1024 * 1024) return controller.close()
        sent += 1024 * 1024
        controller.enqueue(new Uint8Array(1024 * 1024).fill(97))
      },
    })
    const headers: Record<string, string> = { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }
    if (!chunked) headers['content-length'] = String(200 * 1024 * 1024)
    const status = await fetch(`${server.url}/login`, { method: 'POST', headers, body, duplex: 'half' } as RequestInit).then(
      (r) => String(r.status),
      () => 'closed by server',
    )
    return `${status} in ${Date.now() - started} ms after ${Math.round(sent / 1024 / 1024)} MB sent`
  }
  const declared = await big(false)
  const streamed = await big(true)
  const after = rssMb(server.pid)
  check(after - before < 100, `F: RSS grew by ${after - before} MB on a 200 MB body`)
  rows.push(
    ['F 200 MB body', 'declared length / chunked', `${declared} / ${streamed}`],
    ['', 'server RSS before / after', `${before} / ${after} MB`],
  )

  // ---- E: SIGTERM under load ------------------------------------------------
  const e = new Tally()
  let stopLoad = false
  const eLoad = runRespondents({
    url: server.url,
    members: seeded.members,
    cursor,
    concurrency: CONCURRENCY,
    until: () => stopLoad,
    tally: e,
  })
  await sleep(3_000)
  const signalAt = Date.now()
  const inFlightAtSignal = e.outcomes.length
  server.child.kill('SIGTERM')
  const exit = await server.exited
  stopLoad = true
  await eLoad
  const afterSignal = e.outcomes.filter((o) => o.at >= signalAt)
  const answered = afterSignal.filter((o) => o.status !== 'error')
  const eCheck = await verify('E', e)
  const unfinished = server.logs().filter((l) => l.msg === 'request' && l.status === 499).length
  check(exit.code === 0, `E: exit code ${exit.code}`)
  check(exit.at - signalAt < 10_000, `E: took ${exit.at - signalAt} ms to exit`)
  check(unfinished === 0, `E: ${unfinished} requests the server accepted but did not finish`)
  check(!server.output().includes('still open after the grace period'), 'E: requests were cut at the end of the grace period')
  rows.push(
    ['E SIGTERM under load', 'exit code / time to exit', `${exit.code} / ${exit.at - signalAt} ms`],
    [
      '',
      'answered after the signal / refused (not accepted)',
      `${answered.filter((o) => o.status !== 503).length} / ${afterSignal.length - answered.length}`,
    ],
    ['', 'accepted but unfinished / acknowledged but lost', `${unfinished} / ${eCheck.lost}`],
  )
  void inFlightAtSignal

  // ---- D: two instances starting together on an empty database ---------------
  const fresh = await createScratchDatabase(`${prefix}load_`)
  try {
    const started = Date.now()
    const pair = await Promise.all([1, 2].map(() => startBuiltServer({ env: { DATABASE_URL: fresh.url, SESSION_SECRET: SECRET } })))
    servers.push(...pair)
    const healthy = await Promise.all(pair.map((s) => fetch(`${s.url}/healthz`).then((r) => r.status)))
    check(
      healthy.every((s) => s === 200),
      `D: healthz ${healthy.join(', ')}`,
    )
    rows.push(['D two instances, empty database', 'both healthy / time', `${healthy.join(', ')} / ${Date.now() - started} ms`])
    await Promise.all(pair.map((s) => s.stop()))
  } finally {
    await fresh.drop()
  }
  await closeConnection()
} finally {
  await Promise.all(servers.map((s) => s.kill()))
  await proxy?.close()
  await db.drop()
}

printTable(rows)
if (failures.length) {
  console.error(`\nLoad test failed:\n- ${failures.join('\n- ')}`)
  process.exit(1)
}
console.log('\nLoad test passed: every acknowledged answer is stored once, whole.')
