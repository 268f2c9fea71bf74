// Attack: a copy of the database (a dump, a replica, a backup taken after the
// close). While a round is open, a response and the participation written with
// it share a transaction id (xmin) and sit at matching places in their tables
// (ctid), and the physical order of responses is the order people answered.
// Closing must rewrite all of it. The attacker here reads raw SQL, as anyone
// holding a copy would.
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { vacuumClosedRounds } from '~/models/pulse/lifecycle.server'
import { createTeam, query } from '../../factories'
import { answerOk, closeRound, crew, leaderOf, openRound, pulse, world } from './helpers'

const N = 20
const label = (i: number) => `submission ${String(i).padStart(2, '0')}`

/** A round of N engineers who answer one after the other, each with a comment naming their place in the order. */
async function orderedRound() {
  const { ws, admin } = await world({ k: 5, commentK: 7 })
  const team = await createTeam(ws.id, 'Dumped')
  const people = await crew(team, { engineering: N })
  const roundId = await openRound(admin, team.id)
  for (const [i, p] of people.entries()) await answerOk(p, roundId, 1 + (i % 7), { comment: label(i) })
  return { ws, admin, team, people, roundId }
}

const responsesByCtid = (roundId: string) =>
  query<{ id: string; comment: string; xmin: string }>(
    sql`select id::text, comment, xmin::text from responses where round_id = ${roundId} order by ctid`,
  )
const participationsByCtid = (roundId: string) =>
  query<{ user_id: string; xmin: string }>(
    sql`select user_id::text, xmin::text from participations where round_id = ${roundId} order by ctid`,
  )

describe('a copy of the database', () => {
  // First in this file, so the tables are fresh and the "before" picture is exact.
  it('after the close, neither the physical order of responses nor its pairing with participations follows who answered when (20! orders)', async () => {
    const { admin, team, people, roundId } = await orderedRound()
    const submitted = people.map((_, i) => label(i))
    const author = new Map(people.map((p, i) => [p.id, label(i)]))

    // What a copy taken while the round is open gives away: the order of
    // answers, and who wrote which by matching the two tables row by row.
    const before = await responsesByCtid(roundId)
    const beforeWho = await participationsByCtid(roundId)
    expect(before.map((r) => r.comment)).toEqual(submitted)
    expect(beforeWho.map((p) => author.get(p.user_id))).toEqual(submitted)
    expect(before.map((r) => r.xmin)).toEqual(beforeWho.map((p) => p.xmin))

    await closeRound(admin, team.id, roundId)
    const after = await responsesByCtid(roundId)
    const afterWho = await participationsByCtid(roundId)
    expect(after).toHaveLength(N)
    expect(afterWho).toHaveLength(N)
    // Each comparison is of a full permutation of 20: a shuffle matches one
    // given order by chance once in 20! ≈ 2.4 × 10^18 closes.
    expect(after.map((r) => r.comment)).not.toEqual(submitted)
    expect(afterWho.map((p) => author.get(p.user_id))).not.toEqual(submitted)
    // Reading the two tables side by side pairs people with answers at random.
    expect(afterWho.map((p) => author.get(p.user_id))).not.toEqual(after.map((r) => r.comment))
    // The same multiset of answers is still there.
    expect(after.map((r) => r.comment).sort()).toEqual(submitted)
  })

  it('after the close, no response id seen while the round was open survives, and every response, answer and participation carries the closing transaction’s xmin', async () => {
    const { admin, team, roundId } = await orderedRound()
    const before = await responsesByCtid(roundId)
    const seenIds = before.map((r) => r.id)
    // Open: one transaction per person, so as many xmins as people.
    expect(new Set(before.map((r) => r.xmin)).size).toBe(N)

    await closeRound(admin, team.id, roundId)
    const [round] = await query<{ xmin: string }>(sql`select xmin::text from rounds where id = ${roundId}`)
    const ids = await query<{ id: string }>(sql`select id::text from responses where round_id = ${roundId}`)
    expect(ids).toHaveLength(N)
    expect(ids.filter((r) => seenIds.includes(r.id))).toEqual([])
    const orphans = await query<{ n: number }>(
      sql`select count(*)::int as n from answers where response_id = any(${`{${seenIds.join(',')}}`}::uuid[])`,
    )
    expect(orphans[0].n).toBe(0)

    const xmins = await query<{ source: string; xmin: string }>(sql`
      select 'responses' as source, xmin::text from responses where round_id = ${roundId}
      union all select 'answers', a.xmin::text from answers a join responses r on r.id = a.response_id where r.round_id = ${roundId}
      union all select 'participations', xmin::text from participations where round_id = ${roundId}`)
    expect(xmins.length).toBeGreaterThan(2 * N)
    // One transaction wrote them all: the one that closed the round.
    expect(new Set(xmins.map((x) => x.xmin))).toEqual(new Set([round.xmin]))
  })

  it('vacuuming the closed round’s tables runs on this driver without error and changes no result', async () => {
    const { admin, team, roundId } = await orderedRound()
    await closeRound(admin, team.id, roundId)
    const leader = await leaderOf([team])
    const before = await pulse(leader, team.id, roundId)
    expect(before.results).toMatchObject({ visible: true, n: N })
    await expect(vacuumClosedRounds({ force: true })).resolves.toBe(true)
    const after = await pulse(leader, team.id, roundId)
    expect(after.results).toEqual(before.results)
    expect(after.trend).toEqual(before.trend)
  })
})
