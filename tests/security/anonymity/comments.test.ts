// Attack: match comments to people by when they were written. If comments
// came back in the order they were submitted, or with a time, "the third
// comment" is whoever answered third, which a colleague may well know. They
// must come back in an order that depends on their content alone, with only
// the day the round closed.
import { describe, expect, it } from 'vitest'
import { getDb } from '../../../db/client.server'
import { scrambleRound } from '~/models/pulse/lifecycle.server'
import { createTeam } from '../../factories'
import { answerOk, closeRound, crew, leaderOf, openRound, pulse, uniform, world } from './helpers'

const N = 20
// Names that sort in submission order, so that sorting them is no protection.
const comment = (i: number) => `Comment ${String(i).padStart(2, '0')}: planning went ${i % 2 ? 'well' : 'badly'}`

describe('comments and their order', () => {
  it('come back in neither submission order nor its reverse, the same on every read, with only the day of the close', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Talkative')
    const people = await crew(team, { engineering: N })
    const leader = await leaderOf([team])
    const roundId = await openRound(admin, team.id)
    for (const [i, p] of people.entries()) await answerOk(p, roundId, uniform(4), { comment: comment(i) })
    await closeRound(admin, team.id, roundId)

    const submitted = people.map((_, i) => comment(i))
    const first = (await pulse(leader, team.id, roundId)).results?.comments
    expect(first?.visible).toBe(true)
    expect([...(first?.items ?? [])].sort()).toEqual(submitted)
    // A full permutation of 20: equal to one given order by chance once in 20!.
    expect(first?.items).not.toEqual(submitted)
    expect(first?.items).not.toEqual([...submitted].reverse())
    // Nothing but the texts and the day the round closed.
    expect(Object.keys(first ?? {}).sort()).toEqual(['closedOn', 'items', 'message', 'visible'])
    expect(first?.closedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(first?.items.every((c) => typeof c === 'string')).toBe(true)

    // However the rows lie in storage (here: scrambled twice more), and
    // whoever reads, the order is the same: it depends on the texts alone, so
    // reloading cannot be used to average anything out either.
    const db = await getDb()
    await db.transaction((tx) => scrambleRound(tx, roundId))
    await db.transaction((tx) => scrambleRound(tx, roundId))
    expect((await pulse(leader, team.id, roundId)).results?.comments.items).toEqual(first?.items)
    expect((await pulse(admin, team.id, roundId)).results?.comments.items).toEqual(first?.items)
  })
})
