// Readable trends: rolling leading indicators with their sample sizes,
// contributing factors per quarter, and the self-vs-other gap over time.
import { describe, expect, it } from 'vitest'
import { SUPPRESSED_MESSAGE } from '~/domain/anonymity'
import type { TeamFeatureMonth } from '~/domain/dashboard/sections/leading-indicators'
import type { AutopsyMonthTotal } from '~/domain/dashboard/sections/failures'
import { ALL_TEAMS } from '~/domain/indicators'
import { DIMENSION_KEYS } from '~/domain/instrument'
import { combine, groupScores, type RollupCell } from '~/domain/rollup-scores'
import { factorsOverTime, OTHER_FACTORS } from '~/domain/trends/factors-over-time'
import { gapChartRows, gapRows, trendGaps } from '~/domain/trends/gap-over-time'
import { LOW_SAMPLE_LABEL, rollingIndicators, rollingLoadStart } from '~/domain/trends/rolling-indicators'

const A = { id: 'team-a', name: 'Atlas' }
const B = { id: 'team-b', name: 'Beacon' }

function month(teamId: string, m: string, features: number, beforeSpec: number, specWords: number[] = []): TeamFeatureMonth {
  return {
    teamId,
    month: `${m}-01`,
    features,
    missed: 0,
    differentWithoutUpset: 0,
    engineeringBeforeSpec: beforeSpec,
    handoff: features - beforeSpec,
    collaboration: beforeSpec,
    specWords,
  }
}

describe('rolling leading indicators', () => {
  const months = [
    month(A.id, '2026-01', 1, 1, [100]),
    month(A.id, '2026-02', 1, 0, [300]),
    month(A.id, '2026-03', 2, 1, [200, 400]),
    month(B.id, '2026-03', 3, 3),
    month(A.id, '2026-04', 4, 4),
  ]
  const result = rollingIndicators([A, B], months, { fromMonth: '2026-01-01', toMonth: '2026-05-01' })

  it('gives every month of the range a three-month window, overall row first', () => {
    const overall = result.points.filter((p) => p.teamId === ALL_TEAMS)
    expect(overall.map((p) => p.window)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'])
    expect(overall.map((p) => p.firstMonth)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03'])
    expect(overall[2].label).toBe('Jan–Mar 2026')
    expect(overall[0].label).toBe('Nov 2025–Jan 2026')
    expect(result.points[0].teamId).toBe(ALL_TEAMS)
    expect(result.points).toHaveLength(15)
  })

  it('adds up the window: features, shares and an exact median across months', () => {
    const march = result.points.find((p) => p.teamId === ALL_TEAMS && p.window === '2026-03')
    expect(march).toMatchObject({ features: 7, lowSample: false })
    expect(march?.shareEngineeringBeforeSpec).toBeCloseTo(5 / 7)
    expect(march?.medianSpecWords).toBe(250)
    const may = result.points.find((p) => p.teamId === ALL_TEAMS && p.window === '2026-05')
    // March (5) and April (4) are inside the window ending in May; nothing shipped in May.
    expect(may?.features).toBe(9)
  })

  it('flags windows with fewer than five features, per team as well as overall', () => {
    const jan = result.points.find((p) => p.teamId === ALL_TEAMS && p.window === '2026-01')
    expect(jan).toMatchObject({ features: 1, lowSample: true, shareEngineeringBeforeSpec: 1 })
    const beacon = result.points.filter((p) => p.teamId === B.id)
    expect(beacon.every((p) => p.lowSample)).toBe(true)
    const atlasApril = result.points.find((p) => p.teamId === A.id && p.window === '2026-04')
    expect(atlasApril).toMatchObject({ features: 7, lowSample: false })
    expect(LOW_SAMPLE_LABEL).toBe('fewer than 5 features')
  })

  it('a window with no features has no shares, and is flagged', () => {
    const empty = rollingIndicators([A], [], { fromMonth: '2026-01-01', toMonth: '2026-01-01' })
    expect(empty.points[0]).toMatchObject({ features: 0, lowSample: true, shareCollaboration: null, medianSpecWords: null })
  })

  it('counts months before the range only inside windows, and says where to load from', () => {
    expect(rollingLoadStart('2026-01-01')).toBe('2025-11-01')
    const withEarlier = rollingIndicators([A], [month(A.id, '2025-12', 6, 6)], { fromMonth: '2026-01-01', toMonth: '2026-03-01' })
    expect(withEarlier.points.filter((p) => p.teamId === ALL_TEAMS).map((p) => p.features)).toEqual([6, 6, 0])
  })

  it('refuses a window that is not a whole number of months', () => {
    expect(() => rollingIndicators([A], [], { fromMonth: '2026-01-01', toMonth: '2026-01-01' }, { windowMonths: 0 })).toThrow(RangeError)
  })
})

describe('contributing factors over time', () => {
  const rows: AutopsyMonthTotal[] = [
    { month: '2026-01-01', kind: 'factor', key: 'spec_as_handoff', count: 3 },
    { month: '2026-02-01', kind: 'factor', key: 'respect_deficit', count: 1 },
    { month: '2026-02-01', kind: 'stage', key: 'spec', count: 3 },
    { month: '2026-04-01', kind: 'factor', key: 'spec_as_handoff', count: 1 },
    { month: '2026-05-01', kind: 'factor', key: 'custom:Vendor outage', count: 1 },
    { month: '2026-05-01', kind: 'stage', key: 'build', count: 2 },
  ]

  it('counts each factor per quarter, zeros included, with the quarter’s autopsies', () => {
    const result = factorsOverTime(rows, { from: '2026-01-01', to: '2026-09-30' })
    expect(result.rows.map((r) => r.period)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3'])
    // Most named first, ties by label.
    expect(result.series.map((s) => s.key)).toEqual(['spec_as_handoff', 'respect_deficit', 'custom:Vendor outage'])
    expect(result.series[0]).toMatchObject({ label: 'Spec as handoff', total: 4 })
    expect(result.series[2].label).toBe('Vendor outage')
    expect(result.rows[0]).toMatchObject({ label: 'Q1 2026', mentions: 4, autopsies: 3 })
    expect(result.rows[0].counts).toEqual({ spec_as_handoff: 3, respect_deficit: 1, 'custom:Vendor outage': 0 })
    expect(result.rows[2]).toMatchObject({ mentions: 0, autopsies: 0 })
  })

  it('adds up the factors beyond the top ones as "Other factors"', () => {
    const result = factorsOverTime(rows, { from: '2026-01-01', to: '2026-06-30' }, { top: 1 })
    expect(result.series.map((s) => [s.key, s.total])).toEqual([
      ['spec_as_handoff', 4],
      [OTHER_FACTORS, 2],
    ])
    expect(result.rows[1].counts).toEqual({ spec_as_handoff: 1, [OTHER_FACTORS]: 1 })
  })

  it('reads months as well as quarters, and leaves out rows outside the range', () => {
    const result = factorsOverTime(rows, { from: '2026-02-01', to: '2026-02-28' }, { period: 'month' })
    expect(result.rows).toHaveLength(1)
    expect(result.rows[0]).toMatchObject({ period: '2026-02', mentions: 1, autopsies: 3 })
  })
})

/** A round's cells: `people` of a discipline, each scoring `mean` on every dimension. */
function cells(parts: [RollupCell['discipline'], number, number][]): RollupCell[] {
  return parts.flatMap(([discipline, people, mean]) =>
    DIMENSION_KEYS.map((dimension) => ({
      teamId: A.id,
      discipline,
      dimension,
      responses: people,
      scoreSum: mean * people,
      scored: people,
      k: 5,
    })),
  )
}

describe('self-vs-other gap over time', () => {
  it('gives both directions’ views and gaps for a round that can be shown', () => {
    const gaps = trendGaps(
      groupScores(
        combine(
          cells([
            ['product', 5, 6],
            ['engineering', 5, 4],
          ]),
        ),
        { k: 5, commentK: 7 },
      ),
    )
    const p2e = gaps.find((g) => g.direction === 'product_to_engineering')
    // product rates itself 6 (83.3), engineering sees it at 4 (50): +33.3
    expect(p2e).toMatchObject({ comparison: 'disciplines', selfLabel: 'Product', otherLabel: 'Engineering', note: null })
    expect(p2e?.selfView).toBeCloseTo(83.3, 1)
    expect(p2e?.otherView).toBeCloseTo(50, 1)
    expect(p2e?.gap).toBeCloseTo(33.3, 1)
    expect(gaps.find((g) => g.direction === 'engineering_to_product')?.gap).toBeCloseTo(-33.3, 1)
  })

  it('never gives a gap, or either view, for a hidden round', () => {
    const gaps = trendGaps(
      groupScores(
        combine(
          cells([
            ['product', 2, 7],
            ['engineering', 2, 1],
          ]),
        ),
        { k: 5, commentK: 7 },
      ),
    )
    for (const g of gaps) {
      expect(g).toMatchObject({ gap: null, selfView: null, otherView: null, comparison: null, note: SUPPRESSED_MESSAGE })
    }
  })

  it('gives no gap where the round is shown but one side is too small', () => {
    const gaps = trendGaps(
      groupScores(
        combine(
          cells([
            ['product', 2, 7],
            ['engineering', 8, 3],
          ]),
        ),
        { k: 5, commentK: 7 },
      ),
    )
    for (const g of gaps) {
      expect(g.gap).toBeNull()
      expect(g.selfView).toBeNull()
      expect(g.note).toBeTruthy()
    }
  })

  it('lays the gaps out as a long table and as chart rows, keeping hidden rounds as gaps', () => {
    const shown = trendGaps(
      groupScores(
        combine(
          cells([
            ['product', 5, 6],
            ['engineering', 5, 4],
          ]),
        ),
        { k: 5, commentK: 7 },
      ),
    )
    const hiddenRound = trendGaps(groupScores(combine(cells([['product', 1, 6]])), { k: 5, commentK: 7 }))
    const points = [
      { roundId: 'r1', closedOn: '2026-01-10', gaps: shown },
      { roundId: 'r2', closedOn: '2026-01-24', gaps: hiddenRound },
    ]
    const rows = gapRows(points)
    expect(rows).toHaveLength(4)
    expect(rows[0]).toMatchObject({ roundId: 'r1', direction: 'product_to_engineering', directionLabel: 'Product → Engineering' })
    const chart = gapChartRows(points)
    expect(chart[0].product_to_engineering).toBeCloseTo(33.3, 1)
    expect(chart[1]).toEqual({ roundId: 'r2', closedOn: '2026-01-24', product_to_engineering: null, engineering_to_product: null })
  })
})
