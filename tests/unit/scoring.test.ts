import { describe, expect, it } from 'vitest'
import { BUILT_IN_ITEMS } from '~/domain/instrument'
import {
  DEFAULT_DEFICIT_THRESHOLDS,
  RESPECT_INDEX_FORMULA,
  dimensionScores,
  directionalViews,
  distribution,
  itemScore,
  respectIndex,
  respectStatus,
  toPercent,
  type ResponseForScoring,
  type ScoredItem,
} from '~/domain/scoring'

const items: ScoredItem[] = [
  { id: 'a1', dimension: 'product_values_technical', direction: 'product_to_engineering', reverseScored: false },
  { id: 'a2', dimension: 'product_values_technical', direction: 'product_to_engineering', reverseScored: false },
  { id: 'b1', dimension: 'engineering_engages_product', direction: 'engineering_to_product', reverseScored: false },
  { id: 'c1', dimension: 'early_involvement', direction: null, reverseScored: false },
  { id: 'd1', dimension: 'psychological_safety', direction: null, reverseScored: false },
  { id: 'd2', dimension: 'psychological_safety', direction: null, reverseScored: true },
  { id: 'e1', dimension: 'shared_outcomes', direction: null, reverseScored: false },
]

function answers(values: Record<string, number>) {
  return Object.entries(values).map(([itemId, value]) => ({ itemId, value }))
}

// Hand-computed below; R3 skips c1 and e1 so some dimensions have n = 2.
const responses: ResponseForScoring[] = [
  { discipline: 'product', answers: answers({ a1: 7, a2: 5, b1: 4, c1: 1, d1: 7, d2: 1, e1: 4 }) },
  { discipline: 'engineering', answers: answers({ a1: 3, b1: 6, c1: 4, d1: 5, d2: 7, e1: 7 }) },
  { discipline: 'engineering', answers: answers({ a2: 4, b1: 7, d1: 6, d2: 3 }) },
]

describe('itemScore', () => {
  it('passes normal items through unchanged', () => {
    expect(itemScore(1, false)).toBe(1)
    expect(itemScore(7, false)).toBe(7)
  })

  it('flips reverse-scored items: a 7 scores 1, a 1 scores 7, the midpoint stays', () => {
    expect(itemScore(7, true)).toBe(1)
    expect(itemScore(1, true)).toBe(7)
    expect(itemScore(4, true)).toBe(4)
    expect(itemScore(6, true)).toBe(2)
  })

  it('rejects anything but an integer from 1 to 7', () => {
    for (const bad of [0, 8, -1, 3.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => itemScore(bad, false), String(bad)).toThrow(RangeError)
      expect(() => itemScore(bad, true), String(bad)).toThrow(RangeError)
    }
  })
})

describe('toPercent', () => {
  it('maps the 1–7 scale onto 0–100', () => {
    expect(toPercent(1)).toBe(0)
    expect(toPercent(4)).toBe(50)
    expect(toPercent(7)).toBe(100)
    expect(toPercent(5.5)).toBe(75)
  })

  it('rejects means off the scale', () => {
    expect(() => toPercent(0.9)).toThrow(RangeError)
    expect(() => toPercent(7.1)).toThrow(RangeError)
    expect(() => toPercent(Number.NaN)).toThrow(RangeError)
  })
})

describe('dimensionScores', () => {
  const scores = dimensionScores(responses, items)

  it('weighs each person equally: their items are averaged before people are', () => {
    // person means 6, 3, 4 → 13/3; pooling the four answers would give 4.75 instead
    expect(scores.product_values_technical.mean).toBeCloseTo(13 / 3, 10)
    expect(scores.product_values_technical.score).toBeCloseTo(500 / 9, 10)
    expect(scores.product_values_technical.n).toBe(3)
  })

  it('flips reverse items before averaging', () => {
    // person means: (7 + 7)/2 = 7, (5 + 1)/2 = 3, (6 + 5)/2 = 5.5
    expect(scores.psychological_safety.mean).toBeCloseTo(31 / 6, 10)
    expect(scores.psychological_safety.score).toBeCloseTo(625 / 9, 10)
  })

  it('counts n as responses that answered at least one item of the dimension', () => {
    expect(scores.early_involvement).toEqual({ dimension: 'early_involvement', mean: 2.5, score: 25, n: 2 })
    expect(scores.shared_outcomes).toEqual({ dimension: 'shared_outcomes', mean: 5.5, score: 75, n: 2 })
    expect(scores.engineering_engages_product.n).toBe(3)
    expect(scores.engineering_engages_product.score).toBeCloseTo(700 / 9, 10)
  })

  it('returns every dimension, with nulls and n = 0 when nobody answered', () => {
    const empty = dimensionScores([], items)
    expect(Object.keys(empty)).toHaveLength(5)
    for (const d of Object.values(empty)) expect(d).toMatchObject({ mean: null, score: null, n: 0 })
  })

  it('ignores answers to unknown items, and a response made only of them', () => {
    const withStray: ResponseForScoring[] = [
      { discipline: 'other', answers: answers({ zz: 1 }) },
      { discipline: 'design', answers: answers({ a1: 7, ghost: 1 }) },
    ]
    const s = dimensionScores(withStray, items)
    expect(s.product_values_technical).toMatchObject({ mean: 7, score: 100, n: 1 })
  })

  it('lets the last answer win when an item is answered twice, so nobody gets extra weight', () => {
    const dup: ResponseForScoring[] = [
      {
        discipline: 'product',
        answers: [
          { itemId: 'a1', value: 1 },
          { itemId: 'a1', value: 7 },
        ],
      },
      { discipline: 'product', answers: [{ itemId: 'a1', value: 1 }] },
    ]
    expect(dimensionScores(dup, items).product_values_technical.mean).toBe(4)
  })

  it('refuses to score an out-of-range answer instead of skewing the result', () => {
    const bad: ResponseForScoring[] = [{ discipline: 'product', answers: answers({ a1: 9 }) }]
    expect(() => dimensionScores(bad, items)).toThrow(RangeError)
  })

  it('works with the built-in items', () => {
    const builtIn = BUILT_IN_ITEMS.map((i) => ({ ...i, id: i.key }))
    const allSevens = builtIn.map((i) => ({ itemId: i.id, value: 7 }))
    const s = dimensionScores([{ discipline: 'engineering', answers: allSevens }], builtIn)
    // reverse-scored psychological safety items pull a straight-7s response down
    expect(s.psychological_safety.score).toBeLessThan(100)
    expect(s.shared_outcomes.score).toBe(100)
  })
})

describe('respectIndex', () => {
  it('matches the hand-computed example', () => {
    // (500/9 + 700/9 + 25 + 625/9 + 75) / 5 = 545/9 ≈ 60.56
    expect(respectIndex(dimensionScores(responses, items))).toBeCloseTo(545 / 9, 10)
  })

  it('averages only dimensions that have data, and is null without any', () => {
    expect(respectIndex([{ score: 40 }, { score: null }, { score: 80 }])).toBe(60)
    expect(respectIndex([{ score: null }])).toBeNull()
    expect(respectIndex(dimensionScores([], items))).toBeNull()
  })

  it('states the formula in plain language', () => {
    expect(RESPECT_INDEX_FORMULA).toMatch(/average/i)
    expect(RESPECT_INDEX_FORMULA).toContain('÷ 6 × 100')
    expect(RESPECT_INDEX_FORMULA).toContain('8 − answer')
  })
})

describe('directionalViews', () => {
  const [p2e, e2p] = directionalViews(responses, items)

  it('scores product → engineering with product as self and engineering as other', () => {
    expect(p2e.direction).toBe('product_to_engineering')
    expect(p2e.dimension).toBe('product_values_technical')
    expect(p2e.overall).toBeCloseTo(500 / 9, 10)
    expect(p2e.n).toBe(3)
    // product: 6 → 83.3; engineering: (3 + 4)/2 = 3.5 → 41.7
    expect(p2e.selfView.n).toBe(1)
    expect(p2e.selfView.score).toBeCloseTo(250 / 3, 10)
    expect(p2e.otherView.n).toBe(2)
    expect(p2e.otherView.score).toBeCloseTo(125 / 3, 10)
    expect(p2e.gap).toBeCloseTo(125 / 3, 10)
  })

  it('scores engineering → product with engineering as self and product as other', () => {
    expect(e2p.direction).toBe('engineering_to_product')
    expect(e2p.dimension).toBe('engineering_engages_product')
    // engineering: (6 + 7)/2 = 6.5 → 91.7; product: 4 → 50
    expect(e2p.selfView).toEqual({ score: expect.closeTo(275 / 3, 10), n: 2 })
    expect(e2p.otherView).toEqual({ score: 50, n: 1 })
    expect(e2p.gap).toBeCloseTo(125 / 3, 10)
  })

  it('gives a negative gap when the other side rates a direction higher than the side itself', () => {
    const r: ResponseForScoring[] = [
      { discipline: 'product', answers: answers({ a1: 2 }) },
      { discipline: 'engineering', answers: answers({ a1: 5 }) },
    ]
    expect(directionalViews(r, items)[0].gap).toBe(-50)
  })

  it('counts design and other in overall but in neither side view', () => {
    const r: ResponseForScoring[] = [
      { discipline: 'design', answers: answers({ a1: 1 }) },
      { discipline: 'product', answers: answers({ a1: 7 }) },
    ]
    const [view] = directionalViews(r, items)
    expect(view.overall).toBe(50)
    expect(view.n).toBe(2)
    expect(view.selfView).toEqual({ score: 100, n: 1 })
    expect(view.otherView).toEqual({ score: null, n: 0 })
    expect(view.gap).toBeNull()
  })
})

describe('respectStatus', () => {
  const healthyDirections = [
    { direction: 'product_to_engineering' as const, overall: 70, gap: 5 },
    { direction: 'engineering_to_product' as const, overall: 65, gap: -10 },
  ]

  it('defaults to thresholds 60 / 55 / 15', () => {
    expect(DEFAULT_DEFICIT_THRESHOLDS).toEqual({ respectIndex: 60, directional: 55, gap: 15 })
  })

  it('is healthy when nothing crosses a threshold, including values exactly at it', () => {
    expect(respectStatus({ respectIndex: 72, directional: healthyDirections, enough: true })).toEqual({
      status: 'healthy',
      reasons: [],
    })
    const atThresholds = [{ overall: 55, gap: 14.9 }]
    expect(respectStatus({ respectIndex: 60, directional: atThresholds, enough: true }).status).toBe('healthy')
  })

  it('flags a low Respect Index', () => {
    const result = respectStatus({ respectIndex: 52, directional: healthyDirections, enough: true })
    expect(result.status).toBe('deficit')
    expect(result.reasons).toEqual(['Respect Index 52 is below 60'])
  })

  it('never rounds a number into contradicting its reason', () => {
    const result = respectStatus({ respectIndex: 59.96, directional: [], enough: true })
    expect(result.reasons).toEqual(['Respect Index 59.96 is below 60'])
  })

  it('flags a low directional score even when the index is fine', () => {
    const result = respectStatus({
      respectIndex: 75,
      directional: [{ direction: 'product_to_engineering', overall: 48, gap: null }],
      enough: true,
    })
    expect(result.status).toBe('deficit')
    expect(result.reasons).toEqual(['Product values technical input scores 48, below 55'])
  })

  it('flags a perception gap of 15 or more in either sign, naming who sees it higher', () => {
    const positive = respectStatus({
      respectIndex: 75,
      directional: [{ direction: 'product_to_engineering', overall: 70, gap: 15 }],
      enough: true,
    })
    expect(positive.status).toBe('deficit')
    expect(positive.reasons[0]).toMatch(/product people rate it 15 points higher than engineers/)

    const negative = respectStatus({
      respectIndex: 75,
      directional: [{ direction: 'engineering_to_product', overall: 70, gap: -20.4 }],
      enough: true,
    })
    expect(negative.status).toBe('deficit')
    expect(negative.reasons[0]).toMatch(
      /^Engineering engages with product thinking: product people rate it 20 points higher than engineers/,
    )
  })

  it('ignores unknown gaps and overalls', () => {
    const result = respectStatus({
      respectIndex: 75,
      directional: [{ overall: null, gap: null }],
      enough: true,
    })
    expect(result.status).toBe('healthy')
  })

  it('collects every reason at once', () => {
    const result = respectStatus({
      respectIndex: 40,
      directional: [
        { direction: 'product_to_engineering', overall: 30, gap: 40 },
        { direction: 'engineering_to_product', overall: 50, gap: 0 },
      ],
      enough: true,
    })
    expect(result.status).toBe('deficit')
    expect(result.reasons).toHaveLength(4)
  })

  it("is 'unknown' rather than a guess when there are not enough responses or no index", () => {
    const lowButThin = respectStatus({ respectIndex: 10, directional: [{ overall: 5, gap: 80 }], enough: false })
    expect(lowButThin.status).toBe('unknown')
    expect(lowButThin.reasons).toHaveLength(1)
    expect(respectStatus({ respectIndex: null, directional: [], enough: true }).status).toBe('unknown')
  })

  it('accepts custom thresholds', () => {
    const result = respectStatus(
      { respectIndex: 72, directional: healthyDirections, enough: true },
      { respectIndex: 80, directional: 55, gap: 15 },
    )
    expect(result).toEqual({ status: 'deficit', reasons: ['Respect Index 72 is below 80'] })
  })
})

describe('distribution', () => {
  it('counts raw answers per scale point, without reversing', () => {
    // d2 is reverse-scored; the distribution still shows what people actually picked
    expect(distribution(responses, 'd2')).toEqual([
      { value: 1, count: 1 },
      { value: 2, count: 0 },
      { value: 3, count: 1 },
      { value: 4, count: 0 },
      { value: 5, count: 0 },
      { value: 6, count: 0 },
      { value: 7, count: 1 },
    ])
  })

  it('skips responses that did not answer the item', () => {
    const counts = distribution(responses, 'c1')
    expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(2)
    expect(distribution(responses, 'nope').every((c) => c.count === 0)).toBe(true)
  })
})
