// Attack: a unanimous group. If all six people answered 7, exact counts per
// statement ("7: six people") tell each of them, and anyone watching, exactly
// what every other member answered. Below the comment threshold only bands are
// shown; unanimity itself cannot be hidden by any threshold, and the anonymity
// page says so in plain words.
import { describe, expect, it, vi } from 'vitest'
import { ANONYMITY_PROMISES } from '~/domain/anonymity-promises'
import AnonymityRoute from '~/routes/anonymity'
import { createTeam } from '../../factories'
import { anonymityPage, crew, leaderOf, pulse, runRound, world } from './helpers'
import { renderPage, textOf } from './page-render'

const page = vi.hoisted(() => ({ data: undefined as unknown, path: '/' }))
vi.mock('@remix-run/react', async (importOriginal) => (await import('./page-render')).remixMock(await importOriginal(), page))

describe('a unanimous group', () => {
  it('six people all answering 7: bands only, never exact counts, for a leader and for each of them; the anonymity page states unanimity plainly', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Unanimous')
    const people = await crew(team, { engineering: 3, product: 3 })
    const leader = await leaderOf([team])
    const roundId = await runRound(admin, team.id, people, () => 7)

    for (const viewer of [leader, people[0]]) {
      const { results, text } = await pulse(viewer, team.id, roundId)
      expect(results?.visible).toBe(true)
      for (const item of results?.items ?? []) {
        expect(item.distribution?.kind).toBe('bands')
        // Three bands and nothing finer: no count per scale point.
        expect(item.distribution?.counts.map((c) => ('key' in c ? c.key : null))).toEqual(['disagree', 'neutral', 'agree'])
      }
      expect(text).not.toContain('"kind":"exact"')
      expect(text).not.toContain('"value":7')
    }

    const rendered = textOf(renderPage(AnonymityRoute, page, await anonymityPage(people[0]), '/anonymity'))
    const unanimity = ANONYMITY_PROMISES.find((p) => p.key === 'unanimity')
    expect(unanimity?.title).toBe('Unanimous groups')
    expect(rendered).toContain(`${unanimity?.title} ${unanimity?.text}`)
    expect(unanimity?.text).toMatch(/No threshold can prevent that/)
  })

  it('at the comment threshold exact counts are shown, which is where the page’s warning about unanimity applies', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Seven')
    const people = await crew(team, { engineering: 7 })
    const leader = await leaderOf([team])
    const roundId = await runRound(admin, team.id, people, () => 7)
    const mine = (await pulse(people[0], team.id, roundId)).results
    // Six others: below the comment threshold for her, so still bands.
    expect(mine?.items.every((i) => i.distribution?.kind === 'bands')).toBe(true)
    const theirs = (await pulse(leader, team.id, roundId)).results
    expect(theirs?.items.every((i) => i.distribution?.kind === 'exact')).toBe(true)
  })
})
