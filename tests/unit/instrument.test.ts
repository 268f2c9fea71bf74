import { describe, expect, it } from 'vitest'
import { DISCIPLINES, DISCIPLINE_LABELS, isDiscipline } from '~/domain/disciplines'
import {
  BUILT_IN_ITEMS,
  COMMENT_MAX_LENGTH,
  DIMENSIONS,
  DIMENSION_KEYS,
  DIRECTIONS,
  DIRECTION_SIDES,
  SCALE,
  TEMPLATE_NAME,
  isScaleValue,
} from '~/domain/instrument'

describe('disciplines', () => {
  it('lists the four disciplines with a label each', () => {
    expect(DISCIPLINES).toEqual(['product', 'engineering', 'design', 'other'])
    for (const d of DISCIPLINES) expect(DISCIPLINE_LABELS[d]).toMatch(/\S/)
  })

  it('recognises only known disciplines', () => {
    expect(isDiscipline('engineering')).toBe(true)
    expect(isDiscipline('Engineering')).toBe(false)
    expect(isDiscipline('qa')).toBe(false)
    expect(isDiscipline(undefined)).toBe(false)
  })
})

describe('built-in instrument', () => {
  it('is named and limits comments', () => {
    expect(TEMPLATE_NAME).toBe('Mutual respect pulse')
    expect(COMMENT_MAX_LENGTH).toBe(2000)
  })

  it('uses a 7-point agreement scale from Strongly disagree to Strongly agree', () => {
    expect(SCALE.map((p) => p.value)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(SCALE[0].label).toBe('Strongly disagree')
    expect(SCALE[3].label).toBe('Neither agree nor disagree')
    expect(SCALE[6].label).toBe('Strongly agree')
    expect(new Set(SCALE.map((p) => p.label)).size).toBe(7)
    expect(isScaleValue(7)).toBe(true)
    expect(isScaleValue(0)).toBe(false)
    expect(isScaleValue(3.5)).toBe(false)
  })

  it('has the five dimensions in order, matching DIMENSION_KEYS', () => {
    expect(DIMENSIONS.map((d) => d.key)).toEqual([...DIMENSION_KEYS])
    expect(DIMENSIONS.map((d) => d.label)).toEqual([
      'Product values technical input',
      'Engineering engages with product thinking',
      'Early involvement',
      'Psychological safety',
      'Shared outcomes',
    ])
    for (const d of DIMENSIONS) expect(d.description.length).toBeGreaterThan(20)
  })

  it('gives exactly one dimension to each direction, the right one', () => {
    const byKey = Object.fromEntries(DIMENSIONS.map((d) => [d.key, d.direction]))
    expect(byKey.product_values_technical).toBe('product_to_engineering')
    expect(byKey.engineering_engages_product).toBe('engineering_to_product')
    expect(byKey.early_involvement).toBeNull()
    expect(byKey.psychological_safety).toBeNull()
    expect(byKey.shared_outcomes).toBeNull()
    for (const direction of DIRECTIONS) {
      expect(DIMENSIONS.filter((d) => d.direction === direction)).toHaveLength(1)
    }
    expect(DIRECTION_SIDES.product_to_engineering).toEqual({ self: 'product', other: 'engineering' })
    expect(DIRECTION_SIDES.engineering_to_product).toEqual({ self: 'engineering', other: 'product' })
  })

  it('has 12 to 14 items with unique, stable slug keys and unique wording', () => {
    expect(BUILT_IN_ITEMS.length).toBeGreaterThanOrEqual(12)
    expect(BUILT_IN_ITEMS.length).toBeLessThanOrEqual(14)
    const keys = BUILT_IN_ITEMS.map((i) => i.key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const key of keys) expect(key).toMatch(/^[a-z][a-z0-9_]*$/)
    const wordings = BUILT_IN_ITEMS.map((i) => i.wording)
    expect(new Set(wordings).size).toBe(wordings.length)
    for (const w of wordings) {
      expect(w.length).toBeGreaterThan(20)
      expect(w.length).toBeLessThan(200)
    }
  })

  it('gives every dimension at least two items', () => {
    for (const d of DIMENSION_KEYS) {
      expect(BUILT_IN_ITEMS.filter((i) => i.dimension === d).length, d).toBeGreaterThanOrEqual(2)
    }
  })

  it('reverse-scores at least two psychological safety items, and only there', () => {
    const reversed = BUILT_IN_ITEMS.filter((i) => i.reverseScored)
    expect(reversed.filter((i) => i.dimension === 'psychological_safety').length).toBeGreaterThanOrEqual(2)
    // A scale made only of reversed items would be a different construct; keep a positive anchor.
    expect(BUILT_IN_ITEMS.some((i) => i.dimension === 'psychological_safety' && !i.reverseScored)).toBe(true)
  })

  it('makes every item carry the direction of its dimension', () => {
    for (const item of BUILT_IN_ITEMS) {
      const dimension = DIMENSIONS.find((d) => d.key === item.dimension)
      expect(dimension, item.key).toBeDefined()
      expect(item.direction, item.key).toBe(dimension?.direction)
    }
  })

  it('words directional items about the team, so anyone can answer both directions', () => {
    for (const item of BUILT_IN_ITEMS.filter((i) => i.direction !== null)) {
      expect(item.wording, item.key).toMatch(/this team/i)
      expect(item.wording, item.key).not.toMatch(/\bI\b|\bmy\b/)
    }
  })

  it('asks the "what could we build" vs "how fast" early-involvement question', () => {
    const early = BUILT_IN_ITEMS.filter((i) => i.dimension === 'early_involvement').map((i) => i.wording)
    expect(early.some((w) => /what could we build/i.test(w) && /how fast/i.test(w))).toBe(true)
  })
})
