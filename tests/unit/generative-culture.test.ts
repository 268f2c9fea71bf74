// The generative-culture module's items and score, without a database.
import { describe, expect, it } from 'vitest'
import { SUPPRESSED_MESSAGE } from '~/domain/anonymity'
import { GENERATIVE_CULTURE, GENERATIVE_ITEMS, generativeAspect, generativeScore, isGenerativeItem } from '~/domain/generative-culture'
import { isDimensionKey } from '~/domain/instrument'
import { computeRound } from '~/domain/round-results'
import { DEFAULT_DEFICIT_THRESHOLDS } from '~/domain/scoring'

const SETTINGS = { k: 5, commentK: 7 }
const module = GENERATIVE_ITEMS.map((i, n) => ({ id: `g${n}`, itemKey: i.key, dimension: GENERATIVE_CULTURE, reverseScored: false }))
const pulse = { id: 'p1', itemKey: 'psafe_disagree_across_disciplines', dimension: 'psychological_safety', reverseScored: false }

function person(pulseValue: number, moduleValues: number[]) {
  return {
    discipline: 'engineering' as const,
    comment: null,
    answers: [{ itemId: 'p1', value: pulseValue }, ...moduleValues.map((value, n) => ({ itemId: `g${n}`, value }))],
  }
}

describe('generative-culture items', () => {
  it('has six items, one per aspect, under a dimension that is not a respect dimension', () => {
    expect(GENERATIVE_ITEMS).toHaveLength(6)
    expect(new Set(GENERATIVE_ITEMS.map((i) => i.aspect)).size).toBe(6)
    expect(isDimensionKey(GENERATIVE_CULTURE)).toBe(false)
    expect(isGenerativeItem({ dimension: GENERATIVE_CULTURE })).toBe(true)
    expect(isGenerativeItem({ dimension: 'shared_outcomes' })).toBe(false)
    expect(generativeAspect('gen_failure_asks_how')).toBe('Failure leads to inquiry')
  })
})

describe('generative-culture score', () => {
  it('averages each person’s mean, so one who skipped items weighs the same', () => {
    const people = [...Array.from({ length: 4 }, () => person(4, [7, 7, 7, 7, 7, 7])), person(4, [1])]
    const result = generativeScore(module, people, SETTINGS, { roundVisible: true, own: 0 })
    expect(result.visible && result.value.mean).toBeCloseTo((4 * 7 + 1) / 5)
    expect(result.n).toBe(5)
  })

  it('is hidden below k people besides the viewer, and whenever the round is hidden', () => {
    const five = Array.from({ length: 5 }, () => person(4, [6, 6, 6, 6, 6, 6]))
    expect(generativeScore(module, five, SETTINGS, { roundVisible: true, own: 1 })).toEqual({
      visible: false,
      reason: SUPPRESSED_MESSAGE,
      n: null,
    })
    expect(generativeScore(module, five, SETTINGS, { roundVisible: false, own: 0 }).visible).toBe(false)
    expect(generativeScore([pulse], five, SETTINGS, { roundVisible: true, own: 0 }).visible).toBe(false)
  })

  it('leaves the Respect Index as the pulse items alone make it', () => {
    const items = [pulse, ...module].map((i, n) => ({ ...i, version: 1, direction: null, wording: i.itemKey, position: n + 1 }))
    const people = Array.from({ length: 6 }, () => person(4, [7, 7, 7, 7, 7, 7]))
    const round = computeRound({
      roundId: 'r',
      items,
      responses: people,
      settings: SETTINGS,
      thresholds: DEFAULT_DEFICIT_THRESHOLDS,
      ownDiscipline: null,
    })
    expect(round.respectIndex.visible && round.respectIndex.value).toBe(50)
    expect(round.generative.visible && round.generative.value).toEqual({ mean: 7, score: 100 })
  })
})
