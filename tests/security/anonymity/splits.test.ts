// Attack: subtract one slice from the whole. A team of 6 engineers, 5 product
// people and 1 designer cannot show engineering next to the team (or next to
// product), because the rest is the designer. The round page, the dashboard's
// directional table, its discipline filters and every CSV must agree on that.
import { describe, expect, it } from 'vitest'
import { createTeam } from '../../factories'
import {
  answerOk,
  closeRound,
  crew,
  csv,
  dashboard,
  indexOf,
  leaderOf,
  numbersIn,
  openRound,
  pulse,
  teamOnDashboard,
  uniform,
  world,
} from './helpers'

type Who = { id: string }

/** A closed round of one team, each discipline answering uniformly. */
async function splitRound(
  counts: { engineering?: number; product?: number; design?: number },
  values = { engineering: 6, product: 3, design: 1 },
  name = 'Split',
) {
  const { ws, admin } = await world({ k: 5, commentK: 7 })
  const team = await createTeam(ws.id, name)
  const people = await crew(team, counts)
  const leader = await leaderOf([team])
  const roundId = await openRound(admin, team.id)
  for (const p of people) await answerOk(p, roundId, uniform(values[p.discipline as keyof typeof values]))
  await closeRound(admin, team.id, roundId)
  return { ws, admin, team, people, leader, roundId }
}

/** Every text the leader can get about the team: round page JSON, dashboard JSON (all, and each discipline filter) and every pulse CSV. */
async function everything(leader: Who, teamId: string, roundId: string) {
  const texts: string[] = [(await pulse(leader, teamId, roundId)).text]
  for (const filter of ['', 'discipline=engineering', 'discipline=product', 'discipline=design', 'discipline=other']) {
    texts.push((await dashboard(leader, filter)).text)
    for (const section of ['respect-index', 'participation', 'directional', 'heatmap'])
      texts.push((await csv(leader, section, filter)).text)
  }
  return texts.join('\n')
}

describe('subtracting one slice from the whole', () => {
  it('6 engineers, 5 product people and 1 designer: product is compared with everyone else, and engineering alone appears on no path', async () => {
    const s = await splitRound({ engineering: 6, product: 5, design: 1 })
    const results = (await pulse(s.leader, s.team.id, s.roundId)).results
    expect(results).toMatchObject({ visible: true, n: 12 })
    for (const d of results?.directional ?? []) {
      expect(d).toMatchObject({ splitVisible: true, comparison: 'versus-rest' })
      expect([d.selfView.label, d.otherView.label].sort()).toEqual(['Everyone but product', 'Product'])
      expect(d.note).toMatch(/product against everyone else/)
    }
    const sides = results?.directional.flatMap((d) => [d.selfView, d.otherView]) ?? []
    expect(sides.find((x) => x.label === 'Product')?.score).toBe(indexOf(3))
    // Everyone but product: 6 engineers at 83.3 and the designer at 0.
    expect(sides.find((x) => x.label === 'Everyone but product')?.score).toBeCloseTo((6 * indexOf(6)) / 7, 1)

    const board = (await dashboard(s.leader)).data
    const rows = board.respect.directional.filter((r) => r.teamId === s.team.id)
    expect(rows.length).toBe(2)
    for (const r of rows) {
      expect(r.comparison).toBe('versus-rest')
      expect([r.selfLabel, r.otherLabel].sort()).toEqual(['Everyone but product', 'Product'])
    }
    const table = (await csv(s.leader, 'directional')).rows.filter((r) => r.Team === 'Split')
    expect(table.flatMap((r) => [r['Self side'], r['Other side']]).sort()).toEqual([
      'Everyone but product',
      'Everyone but product',
      'Product',
      'Product',
    ])

    // Engineering and design are stored as "everyone but product" from the close on, so no filter finds them;
    // product, one side of the partition the round page shows, is the only slice there is.
    for (const discipline of ['engineering', 'design']) {
      const view = teamOnDashboard((await dashboard(s.leader, `discipline=${discipline}`)).data, s.team.id)
      expect(view.heat).toMatchObject({ n: null, respectIndex: null })
      expect(view.point).toMatchObject({ n: null, respectIndex: null })
    }
    const productOnly = teamOnDashboard((await dashboard(s.leader, 'discipline=product')).data, s.team.id)
    expect(productOnly.heat).toMatchObject({ n: 5, respectIndex: indexOf(3) })
    // Engineering alone would read 83.3, the designer alone 0.0; team minus
    // product is 71.4. Only the last may appear anywhere.
    const all = await everything(s.leader, s.team.id, s.roundId)
    expect(numbersIn(all).has(String(indexOf(6)))).toBe(false)
    expect(all).not.toMatch(/"selfLabel":"Engineering"|"otherLabel":"Engineering"|Engineering,[\d.]+/)
  })

  it('a discipline of k − 1 is never shown, nor the discipline beside it that would give it away', async () => {
    const s = await splitRound({ engineering: 5, product: 4 }, { engineering: 6, product: 2, design: 1 }, 'Four product')
    const results = (await pulse(s.leader, s.team.id, s.roundId)).results
    expect(results).toMatchObject({ visible: true, n: 9 })
    expect(results?.directional.every((d) => !d.splitVisible && d.selfView.score === null && d.otherView.score === null)).toBe(true)
    for (const discipline of ['engineering', 'product']) {
      expect(teamOnDashboard((await dashboard(s.leader, `discipline=${discipline}`)).data, s.team.id).heat).toMatchObject({
        n: null,
        respectIndex: null,
      })
    }
    const all = await everything(s.leader, s.team.id, s.roundId)
    // Product alone would be 16.7 and engineering alone 83.3.
    expect(numbersIn(all).has(String(indexOf(2)))).toBe(false)
    expect(numbersIn(all).has(String(indexOf(6)))).toBe(false)
  })

  it('a team of 7 with one product person: the team is shown, engineering (6 ≥ k) never is, so the product person cannot be subtracted out', async () => {
    const s = await splitRound({ engineering: 6, product: 1 }, { engineering: 5, product: 1, design: 1 }, 'One product')
    const results = (await pulse(s.leader, s.team.id, s.roundId)).results
    expect(results).toMatchObject({ visible: true, n: 7 })
    expect(results?.directional.every((d) => d.selfView.score === null && d.otherView.score === null && d.gap === null)).toBe(true)
    const engineering = teamOnDashboard((await dashboard(s.leader, 'discipline=engineering')).data, s.team.id)
    expect(engineering.heat).toMatchObject({ n: null, respectIndex: null })
    const engineeringCsv = (await csv(s.leader, 'heatmap', 'discipline=engineering')).rows.find((r) => r.Team === 'One product')
    expect(engineeringCsv?.['Respect Index']).toBe('')
    expect(numbersIn(await everything(s.leader, s.team.id, s.roundId)).has(String(indexOf(5)))).toBe(false)
  })

  it('a discipline filter across teams adds up only the teams whose own split is shown', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const a = await createTeam(ws.id, 'Alpha')
    const b = await createTeam(ws.id, 'Bravo')
    const alpha = await crew(a, { engineering: 6, product: 2 })
    const bravo = await crew(b, { engineering: 5, product: 5 })
    const leader = await leaderOf([a, b])
    for (const [team, people] of [
      [a, alpha],
      [b, bravo],
    ] as const) {
      const roundId = await openRound(admin, team.id)
      for (const p of people) await answerOk(p, roundId, uniform(p.discipline === 'engineering' ? (team === a ? 7 : 5) : 2))
      await closeRound(admin, team.id, roundId)
    }
    const everyone = (await dashboard(leader)).data
    expect(everyone.heatmap.overall.n).toBe(18)
    const engineers = (await dashboard(leader, 'discipline=engineering')).data
    // Alpha's engineers would leave its 2 product people as the remainder: left out.
    expect(teamOnDashboard(engineers, a.id).heat).toMatchObject({ n: null, respectIndex: null })
    expect(teamOnDashboard(engineers, b.id).heat).toMatchObject({ n: 5, respectIndex: indexOf(5) })
    expect(engineers.heatmap.overall).toMatchObject({ n: 5, respectIndex: indexOf(5) })
    const heat = (await csv(leader, 'heatmap', 'discipline=engineering')).rows
    expect(heat.find((r) => r.Team === 'Alpha')?.['Respect Index']).toBe('')
    expect(heat.find((r) => r.Team === 'All selected teams')?.['Respect Index']).toBe(String(indexOf(5)))
    // Alpha's engineers alone (100) appear nowhere.
    expect(numbersIn((await dashboard(leader, 'discipline=engineering')).text).has('100')).toBe(false)
  })
})
