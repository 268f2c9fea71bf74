import { describe, expect, it } from 'vitest'
import { DIMENSIONS, type DimensionKey } from '~/domain/instrument'
import type { PublicRoundResults } from '~/domain/public-results'
import { MAX_PROMPTS, conversationPrompts } from '~/domain/respect-plan'

type Source = Pick<PublicRoundResults, 'visible' | 'dimensions' | 'directional'>

function results(
  scores: Partial<Record<DimensionKey, number | null>>,
  gaps: { p2e?: [number, number]; e2p?: [number, number] } = {},
): Source {
  const view = (direction: 'product_to_engineering' | 'engineering_to_product', pair: [number, number] | undefined) => {
    const dimension = direction === 'product_to_engineering' ? 'product_values_technical' : 'engineering_engages_product'
    const [self, other] = direction === 'product_to_engineering' ? ['Product', 'Engineering'] : ['Engineering', 'Product']
    return {
      direction,
      label: direction,
      dimension,
      dimensionLabel: DIMENSIONS.find((d) => d.key === dimension)?.label ?? '',
      overall: 60,
      splitVisible: pair !== undefined,
      comparison: pair ? ('disciplines' as const) : null,
      selfView: { label: self, score: pair?.[0] ?? null },
      otherView: { label: other, score: pair?.[1] ?? null },
      gap: pair ? pair[0] - pair[1] : null,
      note: null,
    } satisfies Source['directional'][number]
  }
  return {
    visible: true,
    dimensions: DIMENSIONS.map((d) => ({ key: d.key, label: d.label, description: '', score: scores[d.key] ?? 70, mean: null })),
    directional: [view('product_to_engineering', gaps.p2e), view('engineering_to_product', gaps.e2p)],
  }
}

describe('conversation prompts', () => {
  it('starts with the largest visible perception gap and names sides, never people', () => {
    const { prompts, weakest } = conversationPrompts(
      results({ early_involvement: 40, shared_outcomes: 55 }, { p2e: [78, 52], e2p: [66, 60] }),
    )
    expect(prompts[0].key).toBe('gap-product_to_engineering')
    expect(prompts[0].evidence).toBe('“Product values technical input”: Product rates it 78, engineering 52 (a gap of 26 points).')
    expect(prompts[0].question).toMatch(/^Product sees itself doing better here than engineering does/)
    expect(prompts[1].key).toBe('gap-engineering_to_product')
    expect(prompts.map((p) => p.dimension)).toContain('early_involvement')
    expect(prompts.length).toBeLessThanOrEqual(MAX_PROMPTS)
    expect(weakest[0]).toBe('product_values_technical')
  })

  it('ignores small gaps and hidden splits, and falls back to the lowest dimensions (at least two)', () => {
    const { prompts } = conversationPrompts(results({ psychological_safety: 50, shared_outcomes: 58 }, { p2e: [62, 60] }))
    expect(prompts.map((p) => p.key)).toEqual(['dimension-psychological_safety', 'dimension-shared_outcomes'])
    expect(prompts[0].evidence).toBe('“Psychological safety” scores 50 out of 100.')
  })

  it('adds a third or fourth dimension only when it is below the team’s own average', () => {
    const spread = conversationPrompts(
      results({
        product_values_technical: 40,
        engineering_engages_product: 45,
        early_involvement: 50,
        psychological_safety: 90,
        shared_outcomes: 92,
      }),
    )
    expect(spread.prompts.map((p) => p.dimension)).toEqual(['product_values_technical', 'engineering_engages_product', 'early_involvement'])
    const flat = conversationPrompts(results({}))
    expect(flat.prompts).toHaveLength(2)
  })

  it('never quotes a hidden score: a hidden round, or a hidden dimension, gives no prompt for it', () => {
    expect(conversationPrompts({ ...results({}), visible: false })).toMatchObject({ prompts: [], empty: expect.stringMatching(/hidden/) })
    expect(conversationPrompts(null)).toMatchObject({ prompts: [], empty: expect.stringMatching(/No pulse round/) })
    const someHidden = conversationPrompts(results({ early_involvement: null, shared_outcomes: 30, psychological_safety: 35 }))
    expect(someHidden.prompts.map((p) => p.dimension)).not.toContain('early_involvement')
  })

  it('words a negative gap as a side underrating itself', () => {
    const { prompts } = conversationPrompts(results({}, { e2p: [50, 70] }))
    expect(prompts[0].question).toMatch(/^Product rates engineering higher than engineering rates itself/)
  })
})
