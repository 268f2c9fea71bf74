// Attack: ask for two overlapping results and subtract. "All selected teams"
// with and without a small team, a team with its own lower k beside a
// stricter one, or two date ranges that differ by one round, must never
// differ by a group of 1..k−1 people.
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createTeam, query } from '../../factories'
import {
  answerOk,
  closeRound,
  crew,
  csv,
  dashboard,
  digestRespectIndex,
  indexOf,
  leaderOf,
  numbersIn,
  openRound,
  pulse,
  runRound,
  saveSettings,
  teamOnDashboard,
  uniform,
  world,
} from './helpers'

/** Moves a closed round back in time, as if it had closed on `day` (noon UTC): history without waiting for it. */
async function closedOn(roundId: string, day: string) {
  const at = new Date(`${day}T12:00:00Z`)
  const opened = new Date(at.getTime() - 3 * 86_400_000)
  await query(
    sql`update rounds set opens_at = ${opened.toISOString()}::timestamptz, opened_at = ${opened.toISOString()}::timestamptz, closes_at = ${at.toISOString()}::timestamptz, closed_at = ${at.toISOString()}::timestamptz where id = ${roundId}`,
  )
  await query(sql`update pulse_rollups set closed_at = ${at.toISOString()}::timestamptz where round_id = ${roundId}`)
}

describe('overlapping results', () => {
  it('“all selected teams” with a small team is the same as without it: the small team is left out of every aggregate, never subtracted', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const big = await createTeam(ws.id, 'Big')
    const small = await createTeam(ws.id, 'Small')
    const bigPeople = await crew(big, { engineering: 8 })
    const smallPeople = await crew(small, { engineering: 3 })
    const leader = await leaderOf([big, small])
    await runRound(admin, big.id, bigPeople, () => uniform(6))
    await runRound(admin, small.id, smallPeople, () => uniform(1))

    const both = (await dashboard(leader)).data
    const onlyBig = (await dashboard(leader, `team=${big.id}`)).data
    const pickedBoth = (await dashboard(leader, `team=${big.id}&team=${small.id}`)).data
    for (const view of [both, pickedBoth]) {
      expect(view.heatmap.overall).toEqual({ ...onlyBig.heatmap.overall })
      expect(teamOnDashboard(view, small.id).heat).toMatchObject({ n: null, respectIndex: null })
      const overallPoints = view.respect.points.filter((p) => p.teamName === 'All selected teams')
      expect(overallPoints.map((p) => [p.n, p.respectIndex])).toEqual(
        onlyBig.respect.points.filter((p) => p.teamName === 'All selected teams').map((p) => [p.n, p.respectIndex]),
      )
    }
    expect(both.heatmap.overall).toMatchObject({ n: 8, respectIndex: indexOf(6) })
    // With the small team added in, the aggregate would read (8 × 83.3 + 3 × 0) / 11 = 60.6.
    const texts = [(await dashboard(leader)).text, (await csv(leader, 'respect-index')).text, (await csv(leader, 'heatmap')).text]
    for (const text of texts) {
      expect(numbersIn(text).has('60.6')).toBe(false)
      expect(numbersIn(text).has('11')).toBe(false)
    }
    expect(await digestRespectIndex(leader)).toBe(Math.round(indexOf(6)))
  })

  it('a team whose round opened at k = 3 beside a team at k = 5: no two results on the dashboard differ by fewer than 5 people', async () => {
    const { ws, admin } = await world({ k: 3, commentK: 7 })
    const loose = await createTeam(ws.id, 'Loose')
    const strict = await createTeam(ws.id, 'Strict')
    const three = await crew(loose, { engineering: 3 })
    const five = await crew(strict, { engineering: 5 })
    const leader = await leaderOf([loose, strict])
    await runRound(admin, loose.id, three, () => uniform(2))
    expect((await saveSettings(admin, { k: 5, commentK: 7 })).status).toBe(302)
    await runRound(admin, strict.id, five, () => uniform(6))
    // Each round on its own page, under its own k.
    expect((await pulse(leader, loose.id)).results).toMatchObject({ visible: true, n: 3, k: 3 })
    expect((await pulse(leader, strict.id)).results).toMatchObject({ visible: true, n: 5, k: 5 })

    const view = (await dashboard(leader)).data
    const shown = [view.heatmap.overall.n, ...view.heatmap.rows.map((r) => r.n)].filter((n): n is number => n !== null)
    expect(shown.length).toBeGreaterThan(0)
    for (const a of shown) for (const b of shown) expect(a === b || Math.abs(a - b) >= 5).toBe(true)
    // The aggregate of eight is shown; the three beside it would differ by three, so it is not.
    expect(view.heatmap.overall.n).toBe(8)
    expect(teamOnDashboard(view, loose.id).heat?.n).toBeNull()
  })

  it('two date ranges that differ by one hidden round show the same numbers, and nothing computed from that round', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const a = await createTeam(ws.id, 'Alpha')
    const b = await createTeam(ws.id, 'Bravo')
    const alpha = await crew(a, { engineering: 6 })
    const bravo = await crew(b, { engineering: 5 })
    const leader = await leaderOf([a, b])
    const octA = await runRound(admin, a.id, alpha, () => uniform(6))
    await closedOn(octA, '2026-10-10')
    const octB = await runRound(admin, b.id, bravo, () => uniform(4))
    await closedOn(octB, '2026-10-12')
    // November: only four of Alpha answer, all at the extreme.
    const novA = await openRound(admin, a.id)
    for (const p of alpha.slice(0, 4)) await answerOk(p, novA, uniform(2))
    await closeRound(admin, a.id, novA)
    await closedOn(novA, '2026-11-10')

    const october = (await dashboard(leader, 'from=2026-06-01&to=2026-10-31')).data
    const november = (await dashboard(leader, 'from=2026-06-01&to=2026-11-30')).data
    // The current state falls back to each team's latest round that can be shown: the same in both.
    expect(november.heatmap).toEqual(october.heatmap)
    expect(november.heatmap.overall).toMatchObject({ n: 11 })
    // November's points are empty: the hidden round is not shown, and not replaced by October's.
    const novPoints = november.respect.points.filter((p) => p.period === '2026-11')
    expect(novPoints.length).toBeGreaterThan(0)
    expect(novPoints.every((p) => p.respectIndex === null && p.n === null)).toBe(true)
    const quarter = (await dashboard(leader, 'from=2026-06-01&to=2026-11-30&period=quarter')).data
    expect(quarter.respect.points.filter((p) => p.period === '2026-Q4' && p.teamId === a.id).every((p) => p.respectIndex === null)).toBe(
      true,
    )
    for (const text of [
      (await dashboard(leader, 'from=2026-06-01&to=2026-11-30')).text,
      (await dashboard(leader, 'from=2026-06-01&to=2026-11-30&period=quarter')).text,
      (await csv(leader, 'respect-index', 'from=2026-06-01&to=2026-11-30')).text,
      (await csv(leader, 'participation', 'from=2026-06-01&to=2026-11-30')).text,
    ]) {
      // The four people, and their 16.7, appear nowhere.
      expect(numbersIn(text).has('4')).toBe(false)
      expect(numbersIn(text).has(String(indexOf(2)))).toBe(false)
    }
  })
})
