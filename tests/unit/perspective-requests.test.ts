import { describe, expect, it } from 'vitest'
import { canEditRequests, canRemoveRequest, defaultRequested, writtenSentence } from '~/domain/perspective-requests'

const lanes = (product: boolean, engineering: boolean, design: boolean) => ({ product, engineering, design })

describe('whom an autopsy asks for a perspective', () => {
  const team = [
    { userId: 'pm', role: 'facilitator' as const, discipline: 'product' as const },
    { userId: 'eng', role: 'member' as const, discipline: 'engineering' as const },
    { userId: 'des', role: 'member' as const, discipline: 'design' as const },
    { userId: 'other', role: 'member' as const, discipline: 'other' as const },
    { userId: 'lead', role: 'leader' as const, discipline: 'engineering' as const },
  ]

  it('asks the members whose discipline worked on a stage, never leaders', () => {
    expect(defaultRequested(team, [lanes(true, false, false), lanes(true, true, false)])).toEqual(['pm', 'eng'])
    expect(defaultRequested(team, [lanes(false, false, true)])).toEqual(['des'])
    expect(defaultRequested(team, [lanes(false, false, false)])).toEqual([])
  })

  it('keeps anyone who already wrote', () => {
    expect(defaultRequested(team, [lanes(true, false, false)], ['other', 'pm'])).toEqual(['pm', 'other'])
  })

  it('says how many of those asked have written', () => {
    expect(writtenSentence(3, 12)).toBe('3 of 12 have written their perspective.')
    expect(writtenSentence(1, 4)).toBe('1 of 4 has written their perspective.')
    expect(writtenSentence(0, 0)).toMatch(/Nobody has been asked/)
  })

  it('changes the list only before the reveal, and keeps whoever wrote', () => {
    expect(canEditRequests('draft').ok).toBe(true)
    expect(canEditRequests('collecting').ok).toBe(true)
    expect(canEditRequests('reviewing')).toMatchObject({ ok: false, status: 409 })
    expect(canRemoveRequest({ hasWritten: true, remaining: 3 })).toMatchObject({ ok: false, status: 409 })
    expect(canRemoveRequest({ hasWritten: false, remaining: 0 })).toMatchObject({ ok: false, status: 422 })
    expect(canRemoveRequest({ hasWritten: false, remaining: 2 }).ok).toBe(true)
  })
})
