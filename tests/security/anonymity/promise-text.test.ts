// The promises are only worth what they say. Each one is checked word for word
// in the three places people read it (the page in the app, the README and
// docs/anonymity.md), and the promises that describe what a page shows are
// checked against what the page shows.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { ANONYMITY_PROMISES } from '~/domain/anonymity-promises'
import AnonymityRoute from '~/routes/anonymity'
import { createTeam } from '../../factories'
import { anonymityPage, answerOk, closeRound, crew, expectNothingShown, leaderOf, openRound, pulse, uniform, world } from './helpers'
import { renderPage, textOf } from './page-render'

const page = vi.hoisted(() => ({ data: undefined as unknown, path: '/' }))
vi.mock('@remix-run/react', async (importOriginal) => (await import('./page-render')).remixMock(await importOriginal(), page))

const root = path.resolve(__dirname, '../../..')
const read = (file: string) => readFileSync(path.join(root, file), 'utf8')

async function renderedAnonymityPage(user?: { id: string }) {
  return textOf(renderPage(AnonymityRoute, page, await anonymityPage(user), '/anonymity'))
}

describe('the promises in words', () => {
  it('every promise is quoted word for word in docs/anonymity.md, in the README and on the anonymity page (signed in or not)', async () => {
    const { ws } = await world()
    const member = (await crew(await createTeam(ws.id), { engineering: 1 }))[0]
    const places = {
      'docs/anonymity.md': read('docs/anonymity.md'),
      'README.md': read('README.md'),
      'anonymity page (visitor)': await renderedAnonymityPage(),
      'anonymity page (member)': await renderedAnonymityPage(member),
    }
    expect(ANONYMITY_PROMISES.length).toBeGreaterThanOrEqual(12)
    const missing = Object.entries(places).flatMap(([place, text]) =>
      ANONYMITY_PROMISES.filter((p) => !text.includes(p.text)).map((p) => `${place}: ${p.key}`),
    )
    expect(missing).toEqual([])
  })

  it('participation is shown for a round whose scores are hidden, and the anonymity page says it will be', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Few')
    const people = await crew(team, { engineering: 6 })
    const leader = await leaderOf([team])
    const roundId = await openRound(admin, team.id)
    // While open: how many of the roster have answered, nothing else.
    await answerOk(people[0], roundId, uniform(5))
    await answerOk(people[1], roundId, uniform(5))
    const open = (await pulse(leader, team.id, roundId)).results
    expect(open).toMatchObject({ visible: false, participation: { responded: 2, eligible: 6 } })
    expect(open?.respectIndex).toBeNull()
    await closeRound(admin, team.id, roundId)

    const closed = (await pulse(people[5], team.id, roundId)).results
    expectNothingShown(closed)
    expect(closed?.participation).toMatchObject({ responded: 2, eligible: 6 })
    expect(closed?.participation.rate).toBeCloseTo(2 / 6, 5)

    const text = await renderedAnonymityPage(people[5])
    const participation = ANONYMITY_PROMISES.find((p) => p.key === 'participation')
    const afterClose = ANONYMITY_PROMISES.find((p) => p.key === 'after-close')
    expect(text).toContain(participation?.text)
    expect(text).toContain(afterClose?.text)
    expect(participation?.text).toMatch(/even when its scores are hidden/)
  })
})
