// Attack: edit the survey while a round is open. If rewording or retiring a
// statement split a round's answers into "before the edit" and "after the
// edit", the two halves would be groups of their own, each maybe small, and
// the edit time would sort people by when they answered. A round asks, and
// reports, exactly the statements frozen when it opened.
import { describe, expect, it } from 'vitest'
import { getWorkspaceTemplate, listActiveItems } from '~/models/pulse/template.server'
import { action as templateAction } from '~/routes/admin.template'
import { createTeam, request, settle } from '../../factories'
import { answer, answerOk, answerPage, closeRound, crew, leaderOf, openRound, pulse, roundItemsFor, world } from './helpers'

type Who = { id: string }

async function editTemplate(admin: Who, form: Record<string, string>) {
  const res = await settle(async () =>
    templateAction({ context: {}, params: {}, request: await request('/admin/template', { user: admin, form }) }),
  )
  expect(res.status, await res.clone().text()).toBe(302)
}

describe('editing the survey while a round is open', () => {
  it('rewording, retiring and adding statements mid-round neither split the round’s answers nor add a statement to it', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Edited')
    const people = await crew(team, { engineering: 10 })
    const leader = await leaderOf([team])
    const roundId = await openRound(admin, team.id)
    const items = await roundItemsFor(people[0], roundId)
    const [reworded, retired] = items.filter((i) => !i.reverseScored)
    const originalWording = (await pulse(leader, team.id, roundId)).results?.items.find((i) => i.id === reworded.id)?.wording

    // Five answer 2 to everything, then the admin edits, then five answer 6.
    for (const p of people.slice(0, 5)) await answerOk(p, roundId, 2, { items })
    await editTemplate(admin, {
      intent: 'reword',
      itemId: reworded.id,
      wording: 'Engineers are asked about the problem, never handed a solution.',
    })
    await editTemplate(admin, { intent: 'retire', itemId: retired.id })
    await editTemplate(admin, {
      intent: 'add',
      dimension: 'psychological_safety',
      wording: 'I can say “I don’t know” in a planning meeting.',
    })
    // Those answering now get the same statements as before the edit.
    const after = (await (await answerPage(people[5], roundId)).json()).items.map((i: { id: string }) => i.id)
    expect(after).toEqual(items.map((i) => i.id))
    for (const p of people.slice(5)) await answerOk(p, roundId, 6, { items })
    await closeRound(admin, team.id, roundId)

    const results = (await pulse(leader, team.id, roundId)).results
    expect(results).toMatchObject({ visible: true, n: 10 })
    expect(results?.items.map((i) => i.id)).toEqual(items.map((i) => i.id))
    for (const item of results?.items ?? []) {
      // Every statement holds all ten answers as one group (ten is past the
      // comment threshold, so exact counts): five 2s and five 6s.
      expect(item.distribution?.kind).toBe('exact')
      const counts = (item.distribution?.counts ?? []).flatMap((c) => ('value' in c && c.count > 0 ? [[c.value, c.count]] : []))
      expect(counts).toEqual([
        [2, 5],
        [6, 5],
      ])
    }
    const shown = results?.items.find((i) => i.id === reworded.id)
    expect(shown).toMatchObject({ version: 1, wording: originalWording })
    expect(results?.items.filter((i) => i.itemKey === reworded.itemKey)).toHaveLength(1)
    expect(results?.items.find((i) => i.id === retired.id)).toBeDefined()
  })

  it('an answer to a statement added after the round opened is refused, and nothing is stored', async () => {
    const { ws, admin } = await world({ k: 5, commentK: 7 })
    const team = await createTeam(ws.id, 'Added')
    const [person] = await crew(team, { engineering: 1 })
    const roundId = await openRound(admin, team.id)
    const items = await roundItemsFor(person, roundId)
    await editTemplate(admin, {
      intent: 'add',
      dimension: 'shared_outcomes',
      wording: 'We celebrate launches together, product and engineering.',
    })
    const template = await getWorkspaceTemplate(ws.id)
    const added = (await listActiveItems(ws.id, template.id)).find((i) => !items.some((r) => r.id === i.id))
    expect(added).toBeDefined()
    const res = await answer(person, roundId, 4, {
      items: [...items, { id: String(added?.id), itemKey: String(added?.itemKey), reverseScored: false }],
    })
    expect(res.status).toBe(422)
    expect((await pulse(admin, team.id, roundId)).results?.participation.responded).toBe(0)
  })
})
