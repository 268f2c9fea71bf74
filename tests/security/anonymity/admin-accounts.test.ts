// Attack: an admin plants his own accounts. He lowers k to 3, puts himself
// and a second account he controls on a one-person team, opens a round,
// answers with both, and reads the result: the only other answer is the
// victim's. The app cannot know two accounts are one person; what it can do
// is make every step visible to the person exposed, fix the roster when the
// round opens, and keep exact counts and comments behind the higher
// threshold. docs/anonymity.md says plainly what remains possible.
import { describe, expect, it } from 'vitest'
import { getUserByEmail } from '~/models/user.server'
import { action as joinAction } from '~/routes/join.$token'
import { action as peopleAction, loader as peopleLoader } from '~/routes/admin.people'
import { createTeam, createUser, request, settle } from '../../factories'
import {
  addToTeam,
  anonymityPage,
  answer,
  answerOk,
  answerPage,
  changeMembership,
  closeRound,
  crew,
  expectNothingShown,
  openRound,
  pulse,
  roundItemsFor,
  saveSettings,
  teamPage,
  uniform,
  world,
} from './helpers'

const ctx = { context: {}, params: {} }

/** Invites an address to the team from the People page and accepts the link, as the admin would with a second mailbox. */
async function inviteAndJoin(admin: { id: string }, teamId: string, email: string, name: string) {
  const res = await settle(async () =>
    peopleAction({
      ...ctx,
      request: await request('/admin/people', {
        user: admin,
        form: { intent: 'invite', email, teamId, discipline: 'engineering', role: 'member' },
      }),
    }),
  )
  expect(res.status).toBe(200)
  const { created } = await res.json()
  const token = String(created.link).split('/join/')[1]
  const joined = await settle(async () =>
    joinAction({
      context: {},
      params: { token },
      request: await request(`/join/${token}`, { form: { name, password: 'correct horse battery staple' } }),
    }),
  )
  expect(joined.status).toBe(302)
  const user = await getUserByEmail(email)
  expect(user).not.toBeNull()
  return { id: String(user?.id), name }
}

describe('an admin planting his own accounts', () => {
  it('every step shows on pages the victim reads, the roster is fixed at open, and at n = 3 the result is bands without exact counts or comments', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Solo')
    const [victim] = await crew(team, { engineering: 1 })

    // 1. k down to the floor; the comment threshold left alone.
    expect((await saveSettings(admin, { k: 3, commentK: 7 })).status).toBe(302)
    // 2. The admin joins the team, and a second account of his joins by invitation.
    await addToTeam(admin, admin.id, team.id, 'engineering')
    const second = await inviteAndJoin(admin, team.id, 'ada.second@example.com', 'Second Account')
    // 3. A round opens with three on its roster; a fourth account added afterwards cannot answer it.
    const roundId = await openRound(admin, team.id)
    const late = await createUser(ws.id, { name: 'Late Account' })
    await addToTeam(admin, late.id, team.id, 'engineering')
    expect((await answerPage(late, roundId)).status).toBe(404)
    // Even with a form built from the victim's page, the late account is not on the roster.
    const items = await roundItemsFor(victim, roundId)
    expect((await answer(late, roundId, uniform(4), { items })).status).toBe(404)

    // Before answering, the victim's answer page states the round's k and that the team changed lately.
    const promise = await (await answerPage(victim, roundId)).json()
    expect(promise).toMatchObject({ state: 'open', k: 3, commentK: 7 })
    expect(promise.recentChanges).toBeGreaterThanOrEqual(2)
    await answerOk(victim, roundId, uniform(1), { comment: 'Only I would write this' })
    await answerOk(admin, roundId, uniform(7), { comment: 'admin one' })
    await answerOk(second, roundId, uniform(7), { comment: 'admin two' })
    await closeRound(admin, team.id, roundId)

    // (a) The threshold change is listed with the admin's name on the page every member can read.
    const anonymity = await anonymityPage(victim)
    expect(anonymity.changes.changes[0]).toMatchObject({ actorName: 'Ada Admin', kBefore: 5, kAfter: 3 })
    // (b) So is who joined the team, when, and who added them.
    const members = await teamPage(victim, team.id)
    const joins = members.changes.events.filter((e: { kind: string }) => e.kind === 'joined')
    expect(joins.map((e: { personName: string; actorName: string }) => [e.personName, e.actorName]).sort()).toEqual(
      [
        ['Ada Admin', 'Ada Admin'],
        ['Late Account', 'Ada Admin'],
        ['Second Account', 'Ada Admin'],
      ].sort(),
    )
    expect(joins.every((e: { at: string }) => !Number.isNaN(Date.parse(e.at)))).toBe(true)
    // (c) The round kept its roster of three; the late account is not on it.
    const own = (await pulse(admin, team.id, roundId)).results
    expect(own?.participation).toMatchObject({ responded: 3, eligible: 3 })
    // The admin's own accounts each count themselves out: nothing for them.
    expectNothingShown(own)
    expectNothingShown((await pulse(second, team.id, roundId)).results)

    // (d) Read from the account that did not answer, made a leader: three
    // people are enough for k = 3, but not for exact counts or comments.
    const people = await settle(async () => peopleLoader({ ...ctx, request: await request('/admin/people?q=Late', { user: admin }) }))
    const membershipId = (await people.json()).people[0].memberships[0].membershipId
    await changeMembership(admin, membershipId, team.id, 'engineering', 'leader')
    const seen = await pulse(late, team.id, roundId)
    expect(seen.results).toMatchObject({ visible: true, n: 3, k: 3, commentK: 7 })
    expect(seen.results?.items.every((i) => i.distribution?.kind === 'bands')).toBe(true)
    expect(seen.results?.comments).toMatchObject({ visible: false, items: [] })
    expect(seen.text).not.toContain('Only I would write this')
    // What remains (docs/anonymity.md): knowing his own two answers, he can
    // subtract them from these averages. The defence is (a) and (b).
    expect(seen.results?.respectIndex).toBeCloseTo((0 + 100 + 100) / 3, 0)
  })
})
