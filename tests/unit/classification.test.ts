import { describe, expect, it } from 'vitest'
import { classify, countWords, estimatePages, formatEffort, toDays } from '~/domain/classification'
import { STAGE_KEYS, type StageKey } from '~/domain/stages'

describe('collaboration or handoff', () => {
  it('is handoff when engineering first joined after the spec was written', () => {
    for (const stage of ['handoff', 'build', 'review', 'launch', 'feedback'] satisfies StageKey[]) {
      const result = classify({ engineeringJoinedStage: stage, question: 'what_could' })
      expect(result.classification, stage).toBe('handoff')
      expect(result.engineeringBeforeSpec).toBe(false)
    }
  })

  it('is collaboration when engineering was there while the spec was written or earlier', () => {
    for (const stage of ['discovery', 'framing', 'ideation', 'spec'] satisfies StageKey[]) {
      expect(classify({ engineeringJoinedStage: stage, question: 'what_could' }).classification, stage).toBe('collaboration')
    }
  })

  it('counts engineering as "before the spec" only for the stages before spec writing', () => {
    const before = STAGE_KEYS.filter((stage) => classify({ engineeringJoinedStage: stage, question: 'how_fast' }).engineeringBeforeSpec)
    expect(before).toEqual(['discovery', 'framing', 'ideation'])
  })

  it('explains itself, and flags early involvement that was still asked "how fast"', () => {
    const early = classify({ engineeringJoinedStage: 'discovery', question: 'how_fast' })
    expect(early.classification).toBe('collaboration')
    expect(early.reason).toMatch(/before the spec existed/)
    expect(early.caveats[0]).toMatch(/how fast/)
    const late = classify({ engineeringJoinedStage: 'build', question: 'how_fast' })
    expect(late.reason).toMatch(/after the spec was written/)
    expect(late.caveats).toEqual([])
    expect(classify({ engineeringJoinedStage: 'spec', question: 'what_could' }).caveats).toEqual([])
  })
})

describe('spec length and effort', () => {
  it('counts words in a pasted spec, ignoring markdown punctuation', () => {
    expect(countWords('')).toBe(0)
    expect(countWords('## Goals\n\n- Show **three** numbers, reliably.\n- Don’t build a dashboard!')).toBe(9)
    expect(countWords('e-mail 3 metrics')).toBe(3)
  })

  it('estimates pages to the nearest half page', () => {
    expect(estimatePages(0)).toBe(0)
    expect(estimatePages(10)).toBe(0.5)
    expect(estimatePages(500)).toBe(1)
    expect(estimatePages(6200)).toBe(12.5)
  })

  it('converts weeks to working days and formats both', () => {
    expect(toDays(2, 'days')).toBe(2)
    expect(toDays(8, 'weeks')).toBe(40)
    expect(toDays(0.5, 'days')).toBe(0.5)
    expect(formatEffort(1)).toBe('1 day')
    expect(formatEffort(2)).toBe('2 days')
    expect(formatEffort(40)).toBe('40 days (8 weeks)')
    expect(formatEffort(1.5)).toBe('1.5 days')
    expect(formatEffort(null)).toBe('—')
  })
})
