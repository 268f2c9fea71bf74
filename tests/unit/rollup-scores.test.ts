import { describe, expect, it } from 'vitest'
import type { Discipline } from '~/domain/disciplines'
import { DIMENSION_KEYS } from '~/domain/instrument'
import { combine, disciplineScores, groupScores, periodScores, type RollupCell } from '~/domain/rollup-scores'

/** Cells for one team and discipline where every person's mean is `mean` on every dimension. */
function cells(teamId: string, discipline: Discipline, responses: number, mean: number): RollupCell[] {
  return DIMENSION_KEYS.map((dimension) => ({ teamId, discipline, dimension, responses, scoreSum: mean * responses, scored: responses }))
}

describe('groupScores', () => {
  it('turns sums into 0–100 scores and a Respect Index', () => {
    const g = groupScores(combine([...cells('a', 'product', 5, 7), ...cells('a', 'engineering', 5, 4)]), { k: 5 })
    expect(g.visible).toBe(true)
    expect(g.n).toBe(10)
    // (5×7 + 5×4) / 10 = 5.5 → (5.5 − 1) / 6 × 100 = 75
    expect(g.respectIndex).toBe(75)
    const pe = g.directional.find((d) => d.direction === 'product_to_engineering')!
    expect(pe).toMatchObject({ splitVisible: true, selfView: 100, otherView: 50, gap: 50 })
    expect(g.status).toBe('deficit')
  })

  it('hides everything below k, and says unknown rather than guessing', () => {
    const g = groupScores(combine(cells('a', 'engineering', 4, 6)), { k: 5 })
    expect(g).toMatchObject({ visible: false, n: null, respectIndex: null, status: 'unknown' })
    expect(Object.values(g.dimensions).every((v) => v === null)).toBe(true)
  })

  it('hides the discipline views when the remainder would single someone out', () => {
    const g = groupScores(combine([...cells('a', 'engineering', 6, 6), ...cells('a', 'product', 1, 2)]), { k: 5 })
    expect(g.visible).toBe(true)
    expect(g.directional.every((d) => !d.splitVisible && d.selfView === null && d.otherView === null && d.gap === null)).toBe(true)
  })
})

describe('periodScores across teams', () => {
  it('leaves a too-small team out of the aggregate, so the aggregate never reveals it', () => {
    const result = periodScores(
      [
        { teamId: 'big', cells: [...cells('big', 'product', 5, 6), ...cells('big', 'engineering', 5, 6)] },
        { teamId: 'tiny', cells: cells('tiny', 'engineering', 2, 1) },
      ],
      { k: 5 },
    )
    const big = result.teams.find((t) => t.teamId === 'big')!
    const tiny = result.teams.find((t) => t.teamId === 'tiny')!
    expect(tiny.visible).toBe(false)
    expect(big.visible).toBe(true)
    // Had 'tiny' been included, overall − big would expose its two people.
    expect(result.overall.n).toBe(10)
    expect(result.overall.respectIndex).toBe(big.respectIndex)
  })

  it('builds the aggregate discipline views only from teams whose own split is visible', () => {
    const result = periodScores(
      [
        { teamId: 'a', cells: [...cells('a', 'product', 5, 7), ...cells('a', 'engineering', 5, 4)] },
        // Visible as a team, but its split is hidden: its 2 product people must not reach the aggregate split.
        { teamId: 'b', cells: [...cells('b', 'product', 2, 1), ...cells('b', 'engineering', 6, 7)] },
      ],
      { k: 5 },
    )
    expect(result.overall.n).toBe(18)
    const pe = result.overall.directional.find((d) => d.direction === 'product_to_engineering')!
    expect(pe.selfView).toBe(100)
    expect(pe.otherView).toBe(50)
  })

  it('shows no aggregate when no team is visible', () => {
    const result = periodScores([{ teamId: 'x', cells: cells('x', 'product', 3, 5) }], { k: 5 })
    expect(result.overall.visible).toBe(false)
  })
})

describe('disciplineScores', () => {
  it('shows a discipline slice only where the team split is visible', () => {
    const result = disciplineScores(
      [
        { teamId: 'a', cells: [...cells('a', 'product', 5, 7), ...cells('a', 'engineering', 5, 4)] },
        { teamId: 'b', cells: [...cells('b', 'engineering', 6, 7), ...cells('b', 'design', 1, 1)] },
      ],
      'engineering',
      { k: 5 },
    )
    expect(result.teams.find((t) => t.teamId === 'a')).toMatchObject({ visible: true, n: 5, respectIndex: 50 })
    // b has 6 engineers, but showing them next to b's total would expose its one designer.
    expect(result.teams.find((t) => t.teamId === 'b')?.visible).toBe(false)
    expect(result.overall).toMatchObject({ visible: true, n: 5, respectIndex: 50 })
  })
})
