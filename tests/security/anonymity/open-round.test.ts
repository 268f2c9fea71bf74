// Attack: watch the numbers move. If any score were readable while a round is
// open, reloading it right after a colleague says "done" would give her
// answers as the difference. Until the close, every path shows how many of the
// roster answered and nothing else, to everyone, admins included.
import { describe, expect, it } from 'vitest'
import { RESULTS_AFTER_CLOSE_MESSAGE } from '~/domain/public-results'
import { autopsyWithActions } from '../../dashboard-factories'
import { createTeam } from '../../factories'
import {
  answerOk,
  autopsyPage,
  crew,
  csv,
  dashboard,
  digestRespectIndex,
  expectNothingShown,
  leaderOf,
  numbersIn,
  openRound,
  pulse,
  teamOnDashboard,
  uniform,
  world,
} from './helpers'

describe('a round that is still open', () => {
  it('with ten answers in, shows no score on the round page, trend, dashboard, CSV, digest or autopsy snapshot, only the count', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Live')
    const people = await crew(team, { engineering: 6, product: 6 })
    const leader = await leaderOf([team])
    const roundId = await openRound(admin, team.id)
    const { autopsy } = await autopsyWithActions(team, { stage: 'reviewing', actions: [] })
    for (const p of people.slice(0, 9)) await answerOk(p, roundId, uniform(6), { comment: 'live comment' })
    const before = { leader: await pulse(leader, team.id, roundId), dash: (await dashboard(admin)).text }
    // The tenth answers; the watchers reload.
    await answerOk(people[9], roundId, uniform(1), { comment: 'the tenth' })

    for (const viewer of [leader, admin, people[11]]) {
      const page = await pulse(viewer, team.id, roundId)
      expectNothingShown(page.results)
      expect(page.results).toMatchObject({ message: RESULTS_AFTER_CLOSE_MESSAGE, participation: { responded: 10, eligible: 12 } })
      expect(page.trend.find((t) => t.roundId === roundId)).toBeUndefined()
      expect(page.text).not.toContain('live comment')
      expect(page.text).not.toContain('the tenth')
    }
    const after = await pulse(leader, team.id, roundId)
    // Between the two reloads only the count moved.
    expect({ ...after.results, participation: null }).toEqual({ ...before.leader.results, participation: null })

    const board = await dashboard(admin)
    expect(board.text).toBe(before.dash)
    expect(teamOnDashboard(board.data, team.id).point).toBeUndefined()
    expect(board.data.heatmap.overall).toMatchObject({ n: null, respectIndex: null })
    for (const section of ['respect-index', 'participation', 'heatmap', 'directional']) {
      const { rows } = await csv(admin, section)
      const live = rows.filter((r) => r.Team === 'Live')
      for (const row of live)
        for (const [column, value] of Object.entries(row))
          if (!['Team', 'Direction', 'Dimension', 'Status', 'Note'].includes(column))
            expect({ column, value }).toEqual({ column, value: '' })
    }
    expect(numbersIn(board.text).has('10')).toBe(false)
    expect(await digestRespectIndex(leader)).toBeNull()
    expect((await autopsyPage(admin, team.id, autopsy.id)).snapshots.latest).toBeNull()
  })
})
