import { describe, expect, it } from 'vitest'
import {
  ANONYMITY_DEFAULTS,
  MIN_K,
  SUPPRESSED_MESSAGE,
  isVisibleCount,
  normalizeSettings,
  reveal,
  revealComments,
  revealDistribution,
  revealSplit,
  seededShuffle,
  suppressOverlaps,
  type OverlapGroup,
} from '~/domain/anonymity'

const defaults = normalizeSettings()

describe('settings', () => {
  it('defaults to k = 5 and commentK = 7, with a floor of 3', () => {
    expect(ANONYMITY_DEFAULTS).toEqual({ k: 5, commentK: 7 })
    expect(MIN_K).toBe(3)
    expect(defaults).toEqual({ k: 5, commentK: 7 })
  })

  it('never lets k drop below 3', () => {
    expect(normalizeSettings({ k: 1 }).k).toBe(3)
    expect(normalizeSettings({ k: 0 }).k).toBe(3)
    expect(normalizeSettings({ k: -4 }).k).toBe(3)
    expect(normalizeSettings({ k: 3 }).k).toBe(3)
  })

  it('keeps commentK at least k', () => {
    expect(normalizeSettings({ k: 10 })).toEqual({ k: 10, commentK: 10 })
    expect(normalizeSettings({ k: 4, commentK: 2 })).toEqual({ k: 4, commentK: 4 })
    expect(normalizeSettings({ k: 4, commentK: 9 })).toEqual({ k: 4, commentK: 9 })
  })

  it('falls back to defaults for non-numbers and rounds fractions down', () => {
    expect(normalizeSettings({ k: Number.NaN, commentK: Number.POSITIVE_INFINITY })).toEqual({ k: 5, commentK: 7 })
    expect(normalizeSettings({ k: 4.9, commentK: 6.9 })).toEqual({ k: 4, commentK: 6 })
  })
})

describe('reveal', () => {
  it('hides k − 1 responses without revealing the count', () => {
    const result = reveal(80, 4, defaults)
    expect(result).toEqual({ visible: false, reason: SUPPRESSED_MESSAGE, n: null })
    expect(JSON.stringify(result)).not.toContain('4')
  })

  it('shows exactly k responses', () => {
    expect(reveal(80, 5, defaults)).toEqual({ visible: true, value: 80, n: 5 })
  })

  it('applies the floor of 3 even when settings ask for less', () => {
    expect(reveal('x', 2, { k: 1, commentK: 1 }).visible).toBe(false)
    expect(reveal('x', 3, { k: 1, commentK: 1 }).visible).toBe(true)
  })

  it('hides nonsense counts', () => {
    expect(reveal(1, Number.NaN, defaults).visible).toBe(false)
    expect(reveal(1, 5.5, defaults).visible).toBe(false)
    expect(reveal(1, -5, defaults).visible).toBe(false)
  })

  it('exposes the same rule as isVisibleCount', () => {
    expect(isVisibleCount(4, defaults)).toBe(false)
    expect(isVisibleCount(5, defaults)).toBe(true)
    expect(isVisibleCount(9, { k: 10, commentK: 10 })).toBe(false)
    expect(isVisibleCount(2)).toBe(false)
  })
})

describe('revealSplit', () => {
  const slice = (key: string, n: number) => ({ key, n, value: `${key}-score` })
  const visibleKeys = (split: ReturnType<typeof revealSplit<string>>) => split.slices.filter((s) => s.result.visible).map((s) => s.key)

  it('hides engineering 6 + everyone else 1: the lone other would be derivable', () => {
    const split = revealSplit([slice('engineering', 6), slice('other', 1)], 7, defaults)
    expect(split.visible).toBe(false)
    expect(visibleKeys(split)).toEqual([])
    for (const s of split.slices) expect(s.result.n).toBeNull()
  })

  it('shows 5 + 5 + 0: nothing is left over', () => {
    const split = revealSplit([slice('engineering', 5), slice('product', 5), slice('design', 0)], 10, defaults)
    expect(split.visible).toBe(true)
    expect(visibleKeys(split)).toEqual(['engineering', 'product'])
    expect(split.slices[0].result).toEqual({ visible: true, value: 'engineering-score', n: 5 })
    expect(split.slices[2].result).toEqual({ visible: false, reason: SUPPRESSED_MESSAGE, n: null })
  })

  it('hides 5 + 5 + 2: the two would be derivable from the total', () => {
    const split = revealSplit([slice('engineering', 5), slice('product', 5), slice('design', 2)], 12, defaults)
    expect(split.visible).toBe(false)
    expect(visibleKeys(split)).toEqual([])
  })

  it('shows the big slices when the hidden ones together reach k', () => {
    const split = revealSplit([slice('engineering', 6), slice('product', 5), slice('design', 2), slice('other', 3)], 16, defaults)
    expect(split.visible).toBe(true)
    expect(visibleKeys(split)).toEqual(['engineering', 'product'])
  })

  it('counts respondents outside every slice as part of the remainder', () => {
    // one respondent gave no discipline: 6 + 5 shown out of 12 would expose them
    expect(revealSplit([slice('engineering', 6), slice('product', 5)], 12, defaults).visible).toBe(false)
    expect(revealSplit([slice('engineering', 6), slice('product', 5)], 16, defaults).visible).toBe(true)
  })

  it('hides a split with no slice large enough to show', () => {
    const split = revealSplit([slice('engineering', 4), slice('product', 4)], 8, defaults)
    expect(split.visible).toBe(false)
  })

  it('uses the normalized k', () => {
    const slices = [slice('engineering', 3), slice('product', 3)]
    expect(revealSplit(slices, 6, { k: 1, commentK: 1 }).visible).toBe(true)
    expect(revealSplit([slice('engineering', 2), slice('product', 4)], 6, { k: 1, commentK: 1 }).visible).toBe(false)
  })

  it('rejects inconsistent counts rather than guessing', () => {
    expect(() => revealSplit([slice('engineering', 6), slice('product', 5)], 10, defaults)).toThrow(RangeError)
    expect(() => revealSplit([slice('engineering', -1)], 10, defaults)).toThrow(RangeError)
  })
})

describe('revealComments', () => {
  const comments = Array.from({ length: 10 }, (_, i) => `comment number ${i}`)

  it('hides comments below commentK and shows them at commentK', () => {
    expect(revealComments(comments, 6, defaults, 'round-1')).toEqual({
      visible: false,
      reason: SUPPRESSED_MESSAGE,
      n: null,
    })
    const shown = revealComments(comments, 7, defaults, 'round-1')
    expect(shown.visible).toBe(true)
    expect(shown.n).toBe(7)
  })

  it('requires at least k even when commentK is configured lower', () => {
    expect(revealComments(comments, 7, { k: 8, commentK: 7 }, 's').visible).toBe(false)
    expect(revealComments(comments, 8, { k: 8, commentK: 7 }, 's').visible).toBe(true)
  })

  it('returns a permutation that is not submission order', () => {
    const shown = revealComments(comments, 10, defaults, 'round-1')
    if (!shown.visible) throw new Error('expected visible')
    expect([...shown.value].sort()).toEqual([...comments].sort())
    expect(shown.value).not.toEqual(comments)
  })

  it('is deterministic for a seed, so refreshing does not reorder', () => {
    const first = revealComments(comments, 10, defaults, 'round-1')
    const second = revealComments(comments, 10, defaults, 'round-1')
    expect(second).toEqual(first)
  })

  it('ignores the order it was given, so nothing of submission order survives', () => {
    const forward = revealComments(comments, 10, defaults, 'round-1')
    const backward = revealComments([...comments].reverse(), 10, defaults, 'round-1')
    expect(backward).toEqual(forward)
  })

  it('orders differently for a different seed', () => {
    const a = revealComments(comments, 10, defaults, 'round-1')
    const b = revealComments(comments, 10, defaults, 'round-2')
    expect(a.visible && b.visible).toBe(true)
    expect(a).not.toEqual(b)
  })

  it('drops blank comments', () => {
    const shown = revealComments(['useful', '  ', '', 'also useful'], 7, defaults, 'x')
    expect(shown.visible && [...shown.value].sort()).toEqual(['also useful', 'useful'])
  })
})

describe('seededShuffle', () => {
  it('spreads items around rather than leaving them near their start', () => {
    const items = Array.from({ length: 50 }, (_, i) => i)
    const out = seededShuffle(items, 'spread')
    const fixedPoints = out.filter((v, i) => v === i).length
    expect(fixedPoints).toBeLessThan(10)
    expect([...out].sort((a, b) => a - b)).toEqual(items)
  })
})

describe('suppressOverlaps', () => {
  const ids = (s: Set<string>) => [...s].sort()

  it('hides a team of 6 when team + another team of 2 is also shown', () => {
    const groups: OverlapGroup[] = [
      { id: 'teamA', cells: ['A:engineering', 'A:product'] },
      { id: 'teamB', cells: ['B:engineering'] },
      { id: 'teamsAB', cells: ['A:engineering', 'A:product', 'B:engineering'] },
    ]
    const counts = { 'A:engineering': 4, 'A:product': 2, 'B:engineering': 2 }
    expect(ids(suppressOverlaps(groups, counts, defaults))).toEqual(['teamsAB'])
  })

  it('shows both when the other team is large enough', () => {
    const groups: OverlapGroup[] = [
      { id: 'teamA', cells: ['A:engineering', 'A:product'] },
      { id: 'teamsAB', cells: ['A:engineering', 'A:product', 'B:engineering'] },
    ]
    const counts = { 'A:engineering': 4, 'A:product': 2, 'B:engineering': 5 }
    expect(ids(suppressOverlaps(groups, counts, defaults))).toEqual(['teamA', 'teamsAB'])
  })

  it('keeps two views of the same people (difference 0)', () => {
    const groups: OverlapGroup[] = [
      { id: 'team', cells: ['A:engineering', 'A:product'] },
      { id: 'filter', cells: ['A:product', 'A:engineering', 'A:product'] },
    ]
    expect(ids(suppressOverlaps(groups, { 'A:engineering': 4, 'A:product': 2 }, defaults))).toEqual(['filter', 'team'])
  })

  it('hides a discipline slice that differs from the whole by fewer than k', () => {
    const groups: OverlapGroup[] = [
      { id: 'all', cells: ['A:engineering', 'A:product'] },
      { id: 'engineering', cells: ['A:engineering'] },
    ]
    expect(ids(suppressOverlaps(groups, { 'A:engineering': 7, 'A:product': 3 }, defaults))).toEqual(['all'])
    expect(ids(suppressOverlaps(groups, { 'A:engineering': 7, 'A:product': 5 }, defaults))).toEqual(['all', 'engineering'])
  })

  it('hides groups below k on their own', () => {
    const groups: OverlapGroup[] = [{ id: 'tiny', cells: ['T:product'] }]
    expect(suppressOverlaps(groups, { 'T:product': 4 }, defaults).size).toBe(0)
    expect(suppressOverlaps(groups, { 'T:product': 5 }, defaults).size).toBe(1)
  })

  it('reaches a fixpoint: a group hidden by a larger one cannot hide a third', () => {
    // cells: a = 5, b = 3, c = 3, d = 1
    // A = a+b+c = 11, B = a+b+d = 9, C = a+d = 6
    // A–B differ by 4 → B hidden. B–C differ by 3, but B is no longer shown;
    // A–C differ by 7, so C stays.
    const groups: OverlapGroup[] = [
      { id: 'C', cells: ['a', 'd'] },
      { id: 'B', cells: ['a', 'b', 'd'] },
      { id: 'A', cells: ['a', 'b', 'c'] },
    ]
    expect(ids(suppressOverlaps(groups, { a: 5, b: 3, c: 3, d: 1 }, defaults))).toEqual(['A', 'C'])
  })

  it('hides the later group on a tie', () => {
    const groups: OverlapGroup[] = [
      { id: 'first', cells: ['shared', 'x'] },
      { id: 'second', cells: ['shared', 'y'] },
    ]
    expect(ids(suppressOverlaps(groups, { shared: 5, x: 1, y: 1 }, defaults))).toEqual(['first'])
    expect(ids(suppressOverlaps([...groups].reverse(), { shared: 5, x: 1, y: 1 }, defaults))).toEqual(['second'])
  })

  it('treats unknown cells as empty and applies the floor of 3', () => {
    const groups: OverlapGroup[] = [
      { id: 'big', cells: ['a', 'b', 'ghost'] },
      { id: 'small', cells: ['a'] },
    ]
    // k = 1 is raised to 3: difference of 2 is too small
    expect(ids(suppressOverlaps(groups, { a: 3, b: 2 }, { k: 1, commentK: 1 }))).toEqual(['big'])
  })

  it('rejects duplicate ids and bad counts', () => {
    expect(() =>
      suppressOverlaps(
        [
          { id: 'x', cells: [] },
          { id: 'x', cells: [] },
        ],
        {},
        defaults,
      ),
    ).toThrow(RangeError)
    expect(() => suppressOverlaps([{ id: 'x', cells: ['a'] }], { a: -1 }, defaults)).toThrow(RangeError)
    expect(() => suppressOverlaps([{ id: 'x', cells: ['a'] }], { a: 1.5 }, defaults)).toThrow(RangeError)
  })

  it('holds the rule on random group layouts: visible groups are ≥ k apart and nothing is hidden needlessly', () => {
    // small deterministic generator so failures are reproducible
    let state = 12345
    const rand = (max: number) => {
      state = (state * 1103515245 + 12345) % 2147483648
      return state % max
    }
    for (let trial = 0; trial < 300; trial++) {
      const k = 3 + rand(4)
      const cellNames = Array.from({ length: 2 + rand(6) }, (_, i) => `c${i}`)
      const counts: Record<string, number> = Object.fromEntries(cellNames.map((c) => [c, rand(9)]))
      const groups: OverlapGroup[] = Array.from({ length: 2 + rand(7) }, (_, g) => ({
        id: `g${g}`,
        cells: cellNames.filter(() => rand(2) === 1),
      }))
      const size = (cells: readonly string[]) => [...new Set(cells)].reduce((s, c) => s + counts[c], 0)
      const diff = (a: readonly string[], b: readonly string[]) =>
        [...new Set(a)].filter((c) => !b.includes(c)).reduce((s, c) => s + counts[c], 0) +
        [...new Set(b)].filter((c) => !a.includes(c)).reduce((s, c) => s + counts[c], 0)

      const visible = suppressOverlaps(groups, counts, { k, commentK: k })
      const shown = groups.filter((g) => visible.has(g.id))
      for (const g of shown) expect(size(g.cells)).toBeGreaterThanOrEqual(k)
      for (const a of shown) {
        for (const b of shown) {
          const d = diff(a.cells, b.cells)
          expect(d === 0 || d >= k, `trial ${trial}: ${a.id} vs ${b.id} differ by ${d}`).toBe(true)
        }
      }
      // every hidden group of adequate size clashes with a visible group at least as large
      for (const g of groups.filter((x) => !visible.has(x.id) && size(x.cells) >= k)) {
        const blocker = shown.find((v) => {
          const d = diff(v.cells, g.cells)
          return d > 0 && d < k && size(v.cells) >= size(g.cells)
        })
        expect(blocker, `trial ${trial}: ${g.id} hidden without cause`).toBeDefined()
      }
    }
  })
})

describe('nobody counts themselves', () => {
  it('needs k responses besides the viewer’s own', () => {
    expect(reveal('x', 5, { k: 5 }, 1).visible).toBe(false)
    expect(reveal('x', 6, { k: 5 }, 1)).toEqual({ visible: true, value: 'x', n: 6 })
  })
  it('leaves the viewer out of her slice and of the remainder', () => {
    const slices = [
      { key: 'product', n: 5, value: 'p', own: 1 },
      { key: 'engineering', n: 5, value: 'e' },
    ]
    // Product is 4 others: hidden, and then the remainder (4) exposes nothing only if the whole split hides.
    expect(revealSplit(slices, 10, { k: 5 }).visible).toBe(false)
    expect(
      revealSplit(
        slices.map((s) => ({ ...s, own: 0 })),
        10,
        { k: 5 },
      ).visible,
    ).toBe(true)
  })
  it('lets a difference made of the viewer alone stand', () => {
    const groups: OverlapGroup[] = [
      { id: 'team', cells: ['a', 'b'] },
      { id: 'team-without-b', cells: ['a'] },
    ]
    expect(suppressOverlaps(groups, { a: 6, b: 1 }, { k: 5 })).toEqual(new Set(['team']))
    expect(suppressOverlaps(groups, { a: 6, b: 1 }, { k: 5 }, { b: 1 })).toEqual(new Set(['team', 'team-without-b']))
  })
  it('keeps comments hidden at the comment threshold when one of them is the viewer’s', () => {
    expect(revealComments(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 7, { k: 5, commentK: 7 }, 'seed', 1).visible).toBe(false)
  })
})

describe('distributions', () => {
  const counts = [1, 2, 3, 4, 5, 6, 7].map((value) => ({ value, count: value === 6 ? 5 : 0 }))
  const bands = [
    { key: 'disagree', label: 'Disagree', values: [1, 2, 3] },
    { key: 'neutral', label: 'Neutral', values: [4] },
    { key: 'agree', label: 'Agree', values: [5, 6, 7] },
  ]
  it('shows three bands from k up to the comment threshold, so a unanimous small group gives away no exact answer', () => {
    const result = revealDistribution(counts, bands, { k: 5, commentK: 7 })
    expect(result.visible && result.value).toEqual({
      kind: 'bands',
      counts: [
        { key: 'disagree', label: 'Disagree', count: 0 },
        { key: 'neutral', label: 'Neutral', count: 0 },
        { key: 'agree', label: 'Agree', count: 5 },
      ],
    })
  })
  it('shows exact counts at the comment threshold, and nothing below k', () => {
    const seven = counts.map((c) => ({ ...c, count: c.value === 6 ? 7 : 0 }))
    expect(revealDistribution(seven, bands, { k: 5, commentK: 7 })).toMatchObject({ visible: true, value: { kind: 'exact' } })
    expect(revealDistribution(seven, bands, { k: 5, commentK: 7 }, 1)).toMatchObject({ visible: true, value: { kind: 'bands' } })
    const four = counts.map((c) => ({ ...c, count: c.value === 6 ? 4 : 0 }))
    expect(revealDistribution(four, bands, { k: 5, commentK: 7 }).visible).toBe(false)
  })
})
