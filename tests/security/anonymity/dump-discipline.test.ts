// Attack: in a copy of the database taken after the close, join each
// response's discipline to the roster's to find the only designer's answer and
// comment. At close, a discipline too small to be shown on its own is stored
// as "rest", and a round below its threshold keeps no response at all, so no
// group in the copy is smaller than k.
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createTeam, query } from '../../factories'
import { answerOk, closeRound, crew, openRound, uniform, world } from './helpers'

describe('a copy of the database after the close', () => {
  it('does not link the only person of a discipline on the roster to her answer', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Six five one')
    const people = await crew(team, { engineering: 6, product: 5, design: 1 })
    const roundId = await openRound(admin, team.id)
    for (const p of people)
      await answerOk(p, roundId, uniform(4), { comment: p.discipline === 'design' ? 'Nobody asks design until the spec is done' : 'fine' })
    await closeRound(admin, team.id, roundId)

    // The attacker's query on the copy: per response, the people who answered
    // the round under that response's discipline. One person is a link.
    const links = await query<{ comment: string; candidates: number; who: string }>(sql`
      select r.comment, count(p.user_id)::int as candidates, min(u.name) as who
      from responses r
      join round_roster rr on rr.round_id = r.round_id and rr.discipline = r.discipline
      join participations p on p.round_id = rr.round_id and p.user_id = rr.user_id
      join users u on u.id = p.user_id
      where r.round_id = ${roundId}
      group by r.id, r.comment`)
    const identified = links.filter((l) => l.candidates === 1)
    expect(identified).toEqual([])
    // Every answer is kept, the designer's among "everyone but product".
    const stored = await query<{ discipline: string; n: number }>(sql`
      select discipline, count(*)::int as n from responses where round_id = ${roundId} group by discipline order by discipline`)
    expect(stored).toEqual([
      { discipline: 'product', n: 5 },
      { discipline: 'rest', n: 7 },
    ])
  })

  it('keeps no response of a round below its threshold, nothing of which can ever be shown', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Four')
    const people = await crew(team, { engineering: 2, product: 2 })
    const roundId = await openRound(admin, team.id)
    for (const p of people) await answerOk(p, roundId, uniform(4), { comment: `I am ${p.discipline}` })
    await closeRound(admin, team.id, roundId)
    expect(await query(sql`select 1 from responses where round_id = ${roundId}`)).toEqual([])
    // Participation still counts who answered, as the page says.
    expect(await query<{ n: number }>(sql`select count(*)::int as n from participations where round_id = ${roundId}`)).toEqual([{ n: 4 }])
  })
})
