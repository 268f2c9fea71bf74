import { describe, expect, it } from 'vitest'
import { RESPONSE_GROUPS, type ResponseGroup } from '~/domain/disciplines'
import {
  NO_COMPARISON_NOTE,
  OWN_NOTE,
  TOO_FEW_NOTE,
  chooseComparison,
  ownGroup,
  perceptionView,
  storedGroups,
  type GroupSums,
} from '~/domain/perception-split'

const roster = (p: number, e: number, d = 0, o = 0) => ({ product: p, engineering: e, design: d, other: o })
const groups = (counts: Partial<Record<ResponseGroup, number>>) => ({ product: 0, engineering: 0, design: 0, other: 0, rest: 0, ...counts })

/** Sums where every person in a group has the same mean (1–7) on the direction's items. */
function sums(spec: Partial<Record<ResponseGroup, { n: number; mean: number; own?: number }>>): GroupSums {
  return Object.fromEntries(
    RESPONSE_GROUPS.map((g) => {
      const s = spec[g]
      return [g, { responses: s?.n ?? 0, own: s?.own ?? 0, sum: (s?.mean ?? 0) * (s?.n ?? 0), scored: s?.n ?? 0 }]
    }),
  ) as GroupSums
}

describe('choosing the comparison at open, from the roster', () => {
  it('compares product and engineering when nobody else is on the team, or enough others', () => {
    expect(chooseComparison(roster(5, 6), { k: 5 })).toBe('disciplines')
    expect(chooseComparison(roster(5, 6, 5), { k: 5 })).toBe('disciplines')
  })
  it('compares the smaller side with everyone else when a few others would be the remainder', () => {
    expect(chooseComparison(roster(5, 6, 1), { k: 5 })).toBe('product-vs-rest')
    expect(chooseComparison(roster(8, 6, 0, 2), { k: 5 })).toBe('engineering-vs-rest')
  })
  it('has no comparison when either side has fewer than k people', () => {
    expect(chooseComparison(roster(4, 9), { k: 5 })).toBe('none')
    expect(chooseComparison(roster(9, 0, 6), { k: 5 })).toBe('none')
  })
})

describe('what a closed round keeps', () => {
  it('keeps nothing of a round below its threshold', () => {
    expect(storedGroups(groups({ product: 2, engineering: 2 }), 'disciplines', { k: 5 })).toBe('discard')
  })
  it('merges a discipline too small to be shown into "rest", and keeps what can be shown', () => {
    const kept = storedGroups(groups({ product: 5, engineering: 6, design: 3, other: 3 }), 'disciplines', { k: 5 })
    expect(kept).toMatchObject({ product: 'product', engineering: 'engineering', design: 'rest', other: 'rest' })
  })
  it('stores everything as "rest" when even the merged remainder would be below k', () => {
    const kept = storedGroups(groups({ product: 5, engineering: 6, design: 1 }), 'disciplines', { k: 5 })
    expect(new Set(Object.values(kept === 'discard' ? {} : kept))).toEqual(new Set(['rest']))
  })
  it('keeps the anchor of "product against everyone else", whoever of the others answered', () => {
    for (const counts of [groups({ product: 5, engineering: 6, design: 1 }), groups({ product: 5, engineering: 7 })]) {
      expect(storedGroups(counts, 'product-vs-rest', { k: 5 })).toMatchObject({ product: 'product', engineering: 'rest', design: 'rest' })
    }
  })
  it('changes nothing when applied again to what it stored', () => {
    const once = storedGroups(groups({ product: 5, engineering: 6, design: 1 }), 'product-vs-rest', { k: 5 })
    expect(once).not.toBe('discard')
    const twice = storedGroups(groups({ product: 5, rest: 7 }), 'product-vs-rest', { k: 5 })
    expect(twice).toMatchObject({ product: 'product', rest: 'rest' })
  })
})

describe('the comparison a reader sees', () => {
  it('shows product and engineering with their gap', () => {
    const view = perceptionView('product_to_engineering', sums({ product: { n: 5, mean: 7 }, engineering: { n: 5, mean: 4 } }), { k: 5 })
    expect(view).toMatchObject({
      visible: true,
      comparison: 'disciplines',
      self: { label: 'Product', score: 100 },
      other: { label: 'Engineering', score: 50 },
      gap: 50,
      note: null,
    })
  })
  it('shows product against everyone else, and says why', () => {
    const view = perceptionView(
      'engineering_to_product',
      sums({ product: { n: 5, mean: 7 }, rest: { n: 7, mean: 4 } }),
      { k: 5 },
      'product-vs-rest',
    )
    expect(view).toMatchObject({
      visible: true,
      comparison: 'versus-rest',
      self: { label: 'Everyone but product' },
      other: { label: 'Product' },
    })
    expect(view.note).toMatch(/Shown instead: product against everyone else/)
  })
  it('names the reason when nothing can be shown', () => {
    expect(perceptionView('product_to_engineering', sums({ rest: { n: 9, mean: 4 } }), { k: 5 }, 'none').note).toBe(NO_COMPARISON_NOTE(5))
    expect(perceptionView('product_to_engineering', sums({ rest: { n: 9, mean: 4 } }), { k: 5 }, 'disciplines').note).toBe(TOO_FEW_NOTE)
  })
  it('leaves the viewer’s own response out: a side of exactly k that holds her is hidden from her alone', () => {
    const base = { product: { n: 5, mean: 7 }, engineering: { n: 6, mean: 4 } }
    expect(perceptionView('product_to_engineering', sums(base), { k: 5 }).visible).toBe(true)
    const hers = perceptionView('product_to_engineering', sums({ ...base, product: { n: 5, mean: 7, own: 1 } }), { k: 5 })
    expect(hers).toMatchObject({ visible: false, gap: null, note: OWN_NOTE(5) })
  })
  it('finds the viewer’s own response in "rest" when her discipline was merged at close', () => {
    expect(ownGroup('design', new Set<ResponseGroup>(['product', 'rest']))).toBe('rest')
    expect(ownGroup('product', new Set<ResponseGroup>(['product', 'rest']))).toBe('product')
    expect(ownGroup(null, new Set<ResponseGroup>(['product']))).toBeNull()
  })
})
