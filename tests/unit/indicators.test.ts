import { describe, expect, it } from 'vitest'
import {
  summarizeFeatureMonths,
  ALL_TEAMS,
  INDICATORS,
  STAGE_BAR_SERIES,
  factorCounts,
  indicatorSeries,
  median,
  periodKey,
  periodOfKey,
  periodsBetween,
  stageCounts,
  stageCountsByPeriod,
  summarizeFeatures,
  type FeatureFact,
} from '~/domain/indicators'
import {
  MIN_FEATURES_FOR_RATE,
  pearson,
  readRespectVsFailure,
  respectVsFailure,
  type RespectFailureInput,
} from '~/domain/respect-vs-failure'

function fact(overrides: Partial<FeatureFact> = {}): FeatureFact {
  return {
    teamId: 'team-a',
    shippedOn: '2026-07-15',
    specWords: 500,
    engineeringBeforeSpec: false,
    shippedDifferently: false,
    anyoneUpset: false,
    classification: 'handoff',
    missed: false,
    ...overrides,
  }
}

describe('periods', () => {
  it('keys dates by month and quarter', () => {
    expect(periodKey('2026-07-01', 'month')).toBe('2026-07')
    expect(periodKey('2026-07-01', 'quarter')).toBe('2026-Q3')
    expect(periodKey('2026-03-31', 'quarter')).toBe('2026-Q1')
    expect(periodKey('2026-04-01', 'quarter')).toBe('2026-Q2')
    expect(periodKey('2026-12-31', 'quarter')).toBe('2026-Q4')
  })

  it('rejects what is not a date', () => {
    expect(() => periodKey('2026-7-1', 'month')).toThrow(RangeError)
    expect(() => periodKey('2026-13-01', 'month')).toThrow(RangeError)
  })

  it('lists every period between two dates, across year ends', () => {
    expect(periodsBetween('2025-11-20', '2026-02-03', 'month')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
    expect(periodsBetween('2025-08-01', '2026-04-30', 'quarter')).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2'])
    expect(periodsBetween('2026-05-01', '2026-05-31', 'month')).toEqual(['2026-05'])
    expect(periodsBetween('2026-06-01', '2026-05-31', 'month')).toEqual([])
  })

  it('tells which period a key names', () => {
    expect(periodOfKey('2026-Q3')).toBe('quarter')
    expect(periodOfKey('2026-07')).toBe('month')
    expect(() => periodOfKey('2026-Q5')).toThrow(RangeError)
  })
})

describe('median', () => {
  it('is the middle value, or the mean of the two middle values', () => {
    expect(median([100, 300, 500, 2000])).toBe(400)
    expect(median([2000, 100, 500])).toBe(500)
    expect(median([7])).toBe(7)
    expect(median([])).toBeNull()
  })

  it('does not reorder its input', () => {
    const input = [3, 1, 2]
    median(input)
    expect(input).toEqual([3, 1, 2])
  })
})

describe('summarizeFeatures', () => {
  it('computes each share over its own denominator', () => {
    const s = summarizeFeatures([
      fact({ specWords: 100, engineeringBeforeSpec: true, shippedDifferently: true, classification: 'collaboration' }),
      fact({ specWords: 300, engineeringBeforeSpec: false, shippedDifferently: true, anyoneUpset: true, missed: true }),
      fact({ specWords: 500, engineeringBeforeSpec: null, classification: null }),
      fact({ specWords: 2000, engineeringBeforeSpec: true, classification: 'collaboration' }),
      fact({ specWords: null, engineeringBeforeSpec: null, shippedDifferently: true, anyoneUpset: true, missed: true }),
    ])
    expect(s).toEqual({
      features: 5,
      medianSpecWords: 400,
      // only the first is different AND calm: 1 of all 5
      shareDifferentWithoutUpset: 1 / 5,
      // 2 of the 3 where it is known
      shareEngineeringBeforeSpec: 2 / 3,
      shareCollaboration: 2 / 4,
      handoff: 2,
      collaboration: 2,
      missed: 2,
    })
  })

  it('gives nulls, not zeros, when there is nothing to divide by', () => {
    expect(summarizeFeatures([])).toEqual({
      features: 0,
      medianSpecWords: null,
      shareDifferentWithoutUpset: null,
      shareEngineeringBeforeSpec: null,
      shareCollaboration: null,
      handoff: 0,
      collaboration: 0,
      missed: 0,
    })
    expect(summarizeFeatures([fact({ engineeringBeforeSpec: null, specWords: null, classification: null })])).toMatchObject({
      features: 1,
      medianSpecWords: null,
      shareDifferentWithoutUpset: 0,
      shareEngineeringBeforeSpec: null,
      shareCollaboration: null,
    })
  })
})

describe('indicatorSeries', () => {
  const facts = [
    fact({ teamId: 'b', shippedOn: '2026-01-10', specWords: 1000 }),
    fact({ teamId: 'a', shippedOn: '2026-02-10', specWords: 200, engineeringBeforeSpec: true, classification: 'collaboration' }),
    fact({ teamId: 'a', shippedOn: '2026-03-31', specWords: 400, shippedDifferently: true }),
    // Q2 has no features at all
    fact({ teamId: 'a', shippedOn: '2026-07-01', specWords: 100, engineeringBeforeSpec: true, classification: 'collaboration' }),
    // outside the range
    fact({ teamId: 'c', shippedOn: '2025-12-31' }),
    fact({ teamId: 'c', shippedOn: '2026-10-01' }),
  ]
  const series = indicatorSeries(facts, { period: 'quarter', from: '2026-01-01', to: '2026-09-30' })

  it('has a row per period for everyone and for each team that shipped in the range', () => {
    expect(series.map((p) => `${p.period}/${p.teamId}`)).toEqual([
      '2026-Q1/all',
      '2026-Q1/a',
      '2026-Q1/b',
      '2026-Q2/all',
      '2026-Q2/a',
      '2026-Q2/b',
      '2026-Q3/all',
      '2026-Q3/a',
      '2026-Q3/b',
    ])
  })

  it('aggregates overall and per team', () => {
    const q1All = series.find((p) => p.period === '2026-Q1' && p.teamId === ALL_TEAMS)
    expect(q1All).toMatchObject({
      features: 3,
      medianSpecWords: 400,
      shareDifferentWithoutUpset: 1 / 3,
      shareEngineeringBeforeSpec: 1 / 3,
      handoff: 2,
      collaboration: 1,
    })
    const q1A = series.find((p) => p.period === '2026-Q1' && p.teamId === 'a')
    expect(q1A).toMatchObject({ features: 2, medianSpecWords: 300, shareEngineeringBeforeSpec: 0.5, shareCollaboration: 0.5 })
  })

  it('shows an empty period as a gap of nulls', () => {
    const q2 = series.filter((p) => p.period === '2026-Q2')
    for (const p of q2) {
      expect(p).toMatchObject({
        features: 0,
        medianSpecWords: null,
        shareDifferentWithoutUpset: null,
        shareEngineeringBeforeSpec: null,
        missed: 0,
      })
    }
  })

  it('gives rows to the requested teams, in order, even without features', () => {
    const monthly = indicatorSeries(facts, { period: 'month', from: '2026-03-01', to: '2026-03-31', teamIds: ['z', 'a'] })
    expect(monthly.map((p) => [p.teamId, p.features])).toEqual([
      ['all', 1],
      ['z', 0],
      ['a', 1],
    ])
  })

  it('documents which way is good for each indicator', () => {
    expect(Object.fromEntries(INDICATORS.map((i) => [i.key, i.goodDirection]))).toEqual({
      medianSpecWords: 'down',
      shareDifferentWithoutUpset: 'up',
      shareEngineeringBeforeSpec: 'up',
      shareCollaboration: 'up',
    })
  })
})

describe('respect vs failure', () => {
  const team = (id: string, respectIndex: number | null, shipped: number, missed: number): RespectFailureInput => ({
    teamId: id,
    teamName: `Team ${id}`,
    respectIndex,
    shipped,
    missed,
  })

  it('plots only teams with a visible Respect Index and enough shipped features', () => {
    const points = respectVsFailure([
      team('a', 70, 10, 2),
      team('hidden', null, 10, 2),
      team('small', 50, MIN_FEATURES_FOR_RATE - 1, 3),
      team('edge', 55, MIN_FEATURES_FOR_RATE, 1),
    ])
    expect(points).toEqual([
      { teamId: 'a', teamName: 'Team a', respectIndex: 70, shipped: 10, missed: 2, ratePer10: 2 },
      { teamId: 'edge', teamName: 'Team edge', respectIndex: 55, shipped: 5, missed: 1, ratePer10: 2 },
    ])
  })

  it('computes Pearson r', () => {
    expect(pearson([1, 2, 3], [6, 4, 2])).toBeCloseTo(-1, 10)
    expect(pearson([1, 2, 3], [1, 2, 3])).toBeCloseTo(1, 10)
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 10)
    expect(pearson([1], [1])).toBeNull()
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNull()
    expect(() => pearson([1, 2], [1])).toThrow(RangeError)
  })

  it('reads a perfectly inverse set as fewer misses with higher respect, without claiming cause', () => {
    const points = respectVsFailure([team('a', 80, 10, 1), team('b', 60, 10, 3), team('c', 40, 10, 5)])
    const reading = readRespectVsFailure(points)
    expect(reading.r).toBeCloseTo(-1, 10)
    expect(reading.teams).toBe(3)
    expect(reading.text).toMatch(
      /^Teams with higher respect have fewer “this isn’t what we asked for” features \(r = −1\.00 across 3 teams\)\./,
    )
    expect(reading.text).toContain('Correlation, not proof')
    expect(reading.text).not.toMatch(/because|causes|leads to/i)
  })

  it('says when the relation is weak, absent or reversed', () => {
    const reversed = readRespectVsFailure(
      respectVsFailure([team('a', 1, 10, 1), team('b', 2, 10, 3), team('c', 3, 10, 2), team('d', 4, 10, 4)]),
    )
    expect(reversed.text).toMatch(
      /^Teams with higher respect have more “this isn’t what we asked for” features \(r = 0\.80 across 4 teams\)\. Correlation, not proof/,
    )
    const weak = readRespectVsFailure(
      respectVsFailure([team('a', 50, 10, 2), team('b', 60, 10, 4), team('c', 70, 10, 2), team('d', 80, 10, 4), team('e', 90, 10, 3)]),
    )
    expect(weak.r).toBeCloseTo(0.316, 3)
    expect(weak.text).toMatch(/^Teams with higher respect tend to have somewhat more/)
    const none = readRespectVsFailure(
      respectVsFailure([team('a', 50, 10, 2), team('b', 60, 10, 1), team('c', 70, 10, 4), team('d', 80, 10, 1), team('e', 90, 10, 3)]),
    )
    expect(none.r).toBeCloseTo(0.243, 3)
    expect(none.text).toMatch(/^No clear relation yet between respect and .* \(r = 0\.24 across 5 teams\)\. Correlation, not proof/)
    const flat = readRespectVsFailure(respectVsFailure([team('a', 50, 10, 2), team('b', 60, 10, 2), team('c', 70, 10, 2)]))
    expect(flat.r).toBeNull()
    expect(flat.text).toMatch(/^No clear relation yet/)
  })

  it('declines to read fewer than three teams', () => {
    const reading = readRespectVsFailure(respectVsFailure([team('a', 80, 10, 1), team('b', 60, 10, 3), team('c', null, 10, 5)]))
    expect(reading).toEqual({
      r: null,
      teams: 2,
      text: 'Not enough teams with both a Respect Index and 5+ shipped features to read a pattern.',
    })
  })
})

describe('stage counts', () => {
  const autopsies = [
    { failureOriginStage: 4, closedOn: '2026-02-01' },
    { failureOriginStage: 'spec' as const, closedOn: '2026-05-01' },
    { failureOriginStage: 1, closedOn: '2026-05-20' },
    { failureOriginStage: null, closedOn: '2026-05-21' },
    { failureOriginStage: 9, closedOn: '2026-08-01' },
  ]

  it('has every stage in order, zeros included, and skips autopsies without an origin', () => {
    const counts = stageCounts(autopsies)
    expect(counts).toHaveLength(9)
    expect(counts.map((c) => c.count)).toEqual([1, 0, 0, 2, 0, 0, 0, 0, 1])
    expect(counts[3]).toEqual({ stage: 4, key: 'spec', label: 'Spec writing', count: 2 })
  })

  it('filters by a period key', () => {
    expect(stageCounts(autopsies, '2026-Q2').map((c) => c.count)).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0])
    expect(stageCounts(autopsies, '2026-02').map((c) => c.count)).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0])
    expect(stageCounts(autopsies, '2025-Q1').every((c) => c.count === 0)).toBe(true)
  })

  it('rejects stages that do not exist', () => {
    expect(() => stageCounts([{ failureOriginStage: 10, closedOn: '2026-01-01' }])).toThrow(RangeError)
    expect(() => stageCounts([{ failureOriginStage: 0, closedOn: '2026-01-01' }])).toThrow(RangeError)
  })

  it('builds stacked bars per quarter, with empty quarters as zeros', () => {
    const bars = stageCountsByPeriod(autopsies, { from: '2026-01-01', to: '2026-12-31' })
    expect(bars).toEqual([
      { period: '2026-Q1', stage1: 0, stage2: 0, stage3: 0, stage4: 1, stage5: 0, stage6: 0, stage7: 0, stage8: 0, stage9: 0 },
      { period: '2026-Q2', stage1: 1, stage2: 0, stage3: 0, stage4: 1, stage5: 0, stage6: 0, stage7: 0, stage8: 0, stage9: 0 },
      { period: '2026-Q3', stage1: 0, stage2: 0, stage3: 0, stage4: 0, stage5: 0, stage6: 0, stage7: 0, stage8: 0, stage9: 1 },
      { period: '2026-Q4', stage1: 0, stage2: 0, stage3: 0, stage4: 0, stage5: 0, stage6: 0, stage7: 0, stage8: 0, stage9: 0 },
    ])
    expect(STAGE_BAR_SERIES.map((s) => s.label)[4]).toBe('5. Handoff')
  })

  it('leaves out autopsies closed outside the range', () => {
    const bars = stageCountsByPeriod(autopsies, { period: 'month', from: '2026-05-01', to: '2026-05-20' })
    expect(bars).toEqual([
      { period: '2026-05', stage1: 1, stage2: 0, stage3: 0, stage4: 1, stage5: 0, stage6: 0, stage7: 0, stage8: 0, stage9: 0 },
    ])
  })
})

describe('factorCounts', () => {
  it('sorts by count, then by name, counting a factor once per autopsy', () => {
    expect(
      factorCounts([
        ['spec_as_handoff', 'how_fast_framing'],
        ['how_fast_framing', 'respect_deficit', 'how_fast_framing'],
        ['spec_as_handoff', 'how_fast_framing'],
        ['eng_absent_user_calls'],
        [],
      ]),
    ).toEqual([
      { factor: 'how_fast_framing', count: 3 },
      { factor: 'spec_as_handoff', count: 2 },
      { factor: 'eng_absent_user_calls', count: 1 },
      { factor: 'respect_deficit', count: 1 },
    ])
  })
})

describe('summarizeFeatureMonths', () => {
  it('adds months up and keeps the median exact across them', () => {
    const summary = summarizeFeatureMonths([
      { features: 3, missed: 1, differentWithoutUpset: 1, engineeringBeforeSpec: 2, handoff: 1, collaboration: 2, specWords: [100, 2000] },
      { features: 2, missed: 0, differentWithoutUpset: 2, engineeringBeforeSpec: 0, handoff: 2, collaboration: 0, specWords: [300, 500] },
    ])
    expect(summary).toEqual({
      features: 5,
      medianSpecWords: 400,
      shareDifferentWithoutUpset: 3 / 5,
      shareEngineeringBeforeSpec: 2 / 5,
      shareCollaboration: 2 / 5,
      handoff: 3,
      collaboration: 2,
      missed: 1,
    })
    expect(summarizeFeatureMonths([])).toMatchObject({ features: 0, medianSpecWords: null, shareDifferentWithoutUpset: null })
  })
})
