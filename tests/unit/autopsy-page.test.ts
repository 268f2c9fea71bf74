import { describe, expect, it } from 'vitest'
import { describeEvent } from '~/domain/autopsy-history'
import { autopsyPageView, respectSuggestion, type AutopsyPageSource } from '~/domain/autopsy-page'
import { gateFor } from '~/domain/autopsy-view'
import { RESPECT_SUGGESTIONS } from '~/domain/respect-gate'

const viewerId = 'b0000000-0000-4000-8000-000000000001'

function source(overrides: Partial<AutopsyPageSource['autopsy']> = {}): AutopsyPageSource {
  return {
    autopsy: {
      id: 'c0000000-0000-4000-8000-000000000001',
      stage: 'published',
      askedFor: 'Better analytics',
      specified: 'A dashboard',
      built: 'A dashboard',
      needed: 'Three numbers every Monday',
      failureOriginStage: 'spec',
      hindsightSolution: 'An email',
      hindsightDays: 2,
      overrideReason: null,
      overrideAt: null,
      revealedAt: new Date('2026-03-10T09:00:00Z'),
      publishedAt: new Date('2026-03-20T16:45:00Z'),
      ...overrides,
    },
    feature: {
      id: 'f1',
      name: 'Board-pack export',
      classification: 'handoff',
      outcome: 'not_what_we_asked',
      startedOn: '2026-02-01',
      actualDays: 40,
    },
    timeline: [{ stage: 'spec', product: true, engineering: false, design: false, startedOn: null, endedOn: null, note: '' }],
    factors: [],
    actions: [],
    earlierActions: [],
    perspectives: { revealed: true, showNames: false, items: [] },
    snapshots: { before: null, latest: null },
    gate: gateFor(null, [], { overrideReason: null }),
    blockers: [],
    publishedGateState: 'unknown',
    overrideByName: null,
    today: '2026-03-30',
    settings: { timeZone: 'Pacific/Auckland', anonymity: { k: 5 } },
  }
}

describe('the autopsy page as data', () => {
  it('writes its moments in the workspace’s zone and prefills the add form due in two weeks', () => {
    const page = autopsyPageView(source(), {
      teamBase: '/teams/t1',
      viewer: { id: viewerId, access: 'facilitate', discipline: 'product', audience: 'team' },
      members: [],
      suggestion: undefined,
    })
    // 16:45 UTC on the 20th is the morning of the 21st in Auckland.
    expect(page.autopsy.publishedAt).toMatch(/21 Mar 2026/)
    expect(page.autopsy.overrideAt).toBeNull()
    expect(page.k).toBe(5)
    expect(page.addDefaults).toEqual({ kind: '', title: '', dueOn: '2026-04-13' })
    expect(page.viewer).toEqual({ id: viewerId, access: 'facilitate', canWrite: true })
  })

  it('lets only people on the team who are not leaders write; a chosen suggestion prefills a respect action', () => {
    const suggestion = respectSuggestion('0')
    const page = autopsyPageView(source(), {
      teamBase: '/teams/t1',
      viewer: { id: viewerId, access: 'facilitate', discipline: null, audience: 'leaders' },
      members: [{ userId: viewerId, name: 'Ana', discipline: 'product' }],
      suggestion,
    })
    expect(page.viewer.canWrite).toBe(false)
    expect(page.addDefaults).toMatchObject({ kind: 'respect', title: RESPECT_SUGGESTIONS[0] })
    expect(page.members).toEqual([{ userId: viewerId, name: 'Ana', discipline: 'product' }])
    const leader = autopsyPageView(source(), {
      teamBase: '/teams/t1',
      viewer: { id: viewerId, access: 'read_published', discipline: 'product', audience: 'leaders' },
      members: [],
      suggestion: undefined,
    })
    expect(leader.viewer.canWrite).toBe(false)
  })

  it('takes a suggestion only by its number in the list', () => {
    expect(respectSuggestion(null)).toBeUndefined()
    expect(respectSuggestion('1')).toBe(RESPECT_SUGGESTIONS[1])
    expect(respectSuggestion('99')).toBeUndefined()
    expect(respectSuggestion('-1')).toBeUndefined()
    expect(respectSuggestion('1e0')).toBeUndefined()
    expect(respectSuggestion('constructor')).toBeUndefined()
  })
})

describe('the edit history as sentences', () => {
  it('says what each step did', () => {
    expect(describeEvent('opened', null, { stage: 'draft' })).toBe('Opened the autopsy as a draft.')
    expect(describeEvent('revealed', { stage: 'collecting' }, { stage: 'reviewing', perspectives: 3 })).toBe(
      'Revealed 3 perspectives at once.',
    )
    expect(describeEvent('gate_overridden', {}, { overrideReason: 'We publish now.' })).toBe(
      'Overrode the respect-first gate: “We publish now.”',
    )
    expect(describeEvent('action_status', { status: 'open' }, { title: 'Join user calls', status: 'done' })).toBe(
      'Action “Join user calls”: Open → Done.',
    )
  })

  it('repeats the published verdict only when the reader can see the round behind it', () => {
    expect(describeEvent('published', {}, { gateState: 'deficit' })).toBe('Published, in respect deficit.')
    expect(describeEvent('published', {}, { gateState: 'deficit' }, { verdictVisible: false })).toBe('Published.')
  })

  it('does not trust the stored shape', () => {
    expect(describeEvent('revealed', null, 'not an object')).toBe('Revealed all perspectives at once.')
    expect(describeEvent('published', null, null)).toBe('Published, gate state unknown.')
    expect(describeEvent('renamed', { a: 1 }, { a: 2 })).toBe('renamed: {"a":1} → {"a":2}')
  })
})
