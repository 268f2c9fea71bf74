// Attack: read the data behind the page. The loader's JSON (what ?_data=…
// returns, and what Remix inlines in the HTML) and the CSV downloads are
// where a number hidden on screen would most easily slip out. A hidden round's
// JSON may hold only public numbers, and every CSV cell must equal what the
// page shows, empty where the page shows nothing.
import { describe, expect, it } from 'vitest'
import { createTeam } from '../../factories'
import { answerOk, closeRound, crew, csv, dashboard, leaderOf, numbersIn, openRound, pulse, runRound, uniform, world } from './helpers'

const cell = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value))

describe('the data behind the page', () => {
  it('the JSON of a hidden round holds no number but participation, thresholds and versions, for a leader (n = k − 1) and for a respondent (n = k)', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const small = await createTeam(ws.id, 'Four')
    const exact = await createTeam(ws.id, 'Five')
    const four = await crew(small, { engineering: 4 })
    const five = await crew(exact, { product: 2, engineering: 3 })
    const leader = await leaderOf([small, exact])
    const r4 = await runRound(
      admin,
      small.id,
      four,
      (i) => uniform(6 + (i % 2)),
      (i) => `four ${i}`,
    )
    const r5 = await runRound(
      admin,
      exact.id,
      five,
      (i) => uniform(2 + i),
      (i) => `five ${i}`,
    )
    // Public: participation (responded, eligible, rate), k and the comment
    // threshold, the deficit lines (60, 55, 15) and item versions (1).
    const publicNumbers = (responded: number, eligible: number) =>
      new Set(['1', '5', '7', '15', '55', '60', String(responded), String(eligible), String(responded / eligible)])
    const cases = [
      { viewer: leader, teamId: small.id, roundId: r4, responded: 4 },
      { viewer: five[0], teamId: exact.id, roundId: r5, responded: 5 },
    ]
    for (const c of cases) {
      const { results, text } = await pulse(c.viewer, c.teamId, c.roundId)
      expect(results?.visible).toBe(false)
      const allowed = publicNumbers(c.responded, c.responded)
      expect([...numbersIn(text)].filter((n) => !allowed.has(n))).toEqual([])
      expect(text).not.toMatch(/"(four|five) \d"/)
    }
    // The leader did not answer the five-person round: for him it is shown, so the check above is not vacuous.
    const shown = await pulse(leader, exact.id, r5)
    expect(shown.results).toMatchObject({ visible: true, n: 5 })
    expect([...numbersIn(shown.text)].filter((n) => !publicNumbers(5, 5).has(n)).length).toBeGreaterThan(0)
  })

  it('every CSV cell equals what the dashboard page shows, and is empty where the page shows nothing', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const shownTeam = await createTeam(ws.id, 'Shown')
    const hiddenTeam = await createTeam(ws.id, 'Hidden')
    const splitTeam = await createTeam(ws.id, 'Six five one')
    const a = await crew(shownTeam, { engineering: 5, product: 5 })
    const b = await crew(hiddenTeam, { engineering: 3 })
    const c = await crew(splitTeam, { engineering: 6, product: 5, design: 1 })
    const leader = await leaderOf([shownTeam, hiddenTeam, splitTeam])
    await runRound(admin, shownTeam.id, a, (i) => uniform(i % 2 ? 6 : 3))
    await runRound(admin, hiddenTeam.id, b, () => uniform(1))
    const roundId = await openRound(admin, splitTeam.id)
    for (const [i, p] of c.entries()) await answerOk(p, roundId, uniform(2 + (i % 5)))
    await closeRound(admin, splitTeam.id, roundId)

    for (const filter of ['', 'discipline=engineering', 'period=quarter']) {
      const page = (await dashboard(leader, filter)).data
      const points = (await csv(leader, 'respect-index', filter)).rows
      expect(points.length).toBe(page.respect.points.length)
      for (const p of page.respect.points) {
        const row = points.find((r) => r.Period === p.period && r.Team === p.teamName)
        expect(row).toMatchObject({ 'Respect Index': cell(p.respectIndex), Responses: cell(p.n) })
      }
      const participation = (await csv(leader, 'participation', filter)).rows
      for (const p of page.respect.participation) {
        const row = participation.find((r) => r.Period === p.period && r.Team === p.teamName)
        expect(row).toMatchObject({
          Responded: cell(p.responded),
          Eligible: cell(p.eligible),
          'Participation (%)': cell(p.rate === null ? null : Math.round(p.rate * 1000) / 10),
        })
      }
      const heat = (await csv(leader, 'heatmap', filter)).rows
      for (const r of [page.heatmap.overall, ...page.heatmap.rows]) {
        const row = heat.find((x) => x.Team === r.teamName)
        expect(row?.['Respect Index']).toBe(cell(r.respectIndex))
      }
      const directional = (await csv(leader, 'directional', filter)).rows
      for (const r of page.respect.directional) {
        const row = directional.find((x) => x.Team === r.teamName && x.Direction === r.label)
        expect(row).toMatchObject({
          Everyone: cell(r.overall),
          'Self-view': cell(r.selfView),
          'Other side’s view': cell(r.otherView),
          'Gap (points)': cell(r.gap),
        })
      }
      // The hidden team: nothing but its name (and when its round closed, which is public) in any table.
      for (const row of [...points, ...heat, ...directional].filter((r) => r.Team === 'Hidden')) {
        for (const [column, value] of Object.entries(row))
          if (!['Period', 'Team', 'Round closed', 'Direction', 'Dimension', 'Status', 'Note'].includes(column))
            expect({ column, value }).toEqual({ column, value: '' })
      }
    }
  })
})
