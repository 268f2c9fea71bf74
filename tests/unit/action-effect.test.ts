import { describe, expect, it } from 'vitest'
import { DIMENSION_KEYS, type DimensionKey } from '~/domain/instrument'
import { effectByKind, measureEffect, type ActionEffect } from '~/domain/action-effect'

function trend(scores: (number | null)[], { hiddenAt = [] as number[] } = {}) {
  return scores.map((score, i) => {
    const dimensions = Object.fromEntries(DIMENSION_KEYS.map((k) => [k, 70])) as Record<DimensionKey, number | null>
    dimensions.early_involvement = score
    const day = String(i + 1).padStart(2, '0')
    return {
      roundId: `r${i}`,
      closedAt: `2026-03-${day}T12:00:00.000Z`,
      closedOn: `2026-03-${day}`,
      visible: !hiddenAt.includes(i),
      respectIndex: score === null ? null : score + 5,
      dimensions,
    }
  })
}
const startedAfterRound = (i: number) => `2026-03-${String(i + 1).padStart(2, '0')}T18:00:00.000Z`

describe('the measured effect of an action', () => {
  it('a rise larger than any of the previous round-to-round changes is a real change', () => {
    const effect = measureEffect({ dimension: 'early_involvement', startedAt: startedAfterRound(4) }, trend([50, 53, 49, 52, 50, 58, 64]))
    expect(effect).toMatchObject({ verdict: 'rose', change: 14, usualMovement: 4 })
    expect(effect.before).toMatchObject({ roundId: 'r4', score: 50 })
    expect(effect.after.map((p) => p.roundId)).toEqual(['r5', 'r6'])
    expect(effect.summary).toBe(
      '“Early involvement” went from 50 to 64 (+14 points) over 2 rounds since this started. That is larger than the team’s usual movement (at most 4 points between rounds, over the previous 4 changes): a real change upward.',
    )
  })

  it('a change inside the usual movement is said to be possibly noise', () => {
    const effect = measureEffect({ dimension: 'early_involvement', startedAt: startedAfterRound(4) }, trend([50, 58, 49, 57, 50, 54]))
    expect(effect).toMatchObject({ verdict: 'within_noise', change: 4, usualMovement: 9 })
    expect(effect.summary).toMatch(/within the team’s usual movement .*: it could be noise\.$/)
  })

  it('a fall beyond noise is said plainly', () => {
    expect(measureEffect({ dimension: 'early_involvement', startedAt: startedAfterRound(3) }, trend([60, 61, 60, 61, 50])).verdict).toBe(
      'fell',
    )
  })

  it('uses only the previous six changes for the usual movement', () => {
    const effect = measureEffect(
      { dimension: 'early_involvement', startedAt: startedAfterRound(7) },
      trend([20, 60, 61, 60, 61, 60, 61, 60, 66]),
    )
    expect(effect).toMatchObject({ usualMovement: 1, verdict: 'rose' })
  })

  it('skips hidden rounds: they are neither before, after, nor part of the usual movement', () => {
    const effect = measureEffect(
      { dimension: 'early_involvement', startedAt: startedAfterRound(4) },
      trend([50, 52, 51, 53, 52, 90, 60], { hiddenAt: [5] }),
    )
    expect(effect.after.map((p) => p.roundId)).toEqual(['r6'])
    expect(effect.verdict).toBe('rose')
    const hiddenDimension = measureEffect({ dimension: 'early_involvement', startedAt: startedAfterRound(2) }, trend([50, null, 52, 60]))
    expect(hiddenDimension.verdict).toBe('not_enough_data')
  })

  it('says "not enough data" with too few rounds before or none after', () => {
    expect(measureEffect({ dimension: 'early_involvement', startedAt: '2026-02-01T00:00:00Z' }, trend([50, 60])).summary).toMatch(
      /^Not enough data: no visible round of “Early involvement” before this started/,
    )
    const noneAfter = measureEffect({ dimension: 'early_involvement', startedAt: startedAfterRound(4) }, trend([50, 52, 51, 53, 52]))
    expect(noneAfter).toMatchObject({ verdict: 'not_enough_data', change: null, usualMovement: 2 })
    expect(noneAfter.summary).toMatch(/no visible round has closed since this started\. “Early involvement” was 52 before\./)
    const shortHistory = measureEffect({ dimension: 'early_involvement', startedAt: startedAfterRound(1) }, trend([50, 52, 70]))
    expect(shortHistory).toMatchObject({ verdict: 'not_enough_data', change: 18 })
    expect(shortHistory.summary).toMatch(/Not enough earlier rounds \(1 of 3 changes needed\)/)
  })

  it('reads an action without a target dimension against the Respect Index', () => {
    const effect = measureEffect({ dimension: null, startedAt: startedAfterRound(4) }, trend([50, 53, 49, 52, 50, 51]))
    expect(effect).toMatchObject({ dimension: null, verdict: 'within_noise', change: 1 })
    expect(effect.summary).toMatch(/^“Respect Index” went from 55 to 56/)
  })
})

describe('respect against process actions across teams', () => {
  const effect = (verdict: ActionEffect['verdict'], change: number | null): ActionEffect => ({
    dimension: null,
    verdict,
    before: null,
    after: [],
    change,
    usualMovement: null,
    summary: '',
  })

  it('counts verdicts per kind and averages the measured changes', () => {
    const [respect, process] = effectByKind([
      { teamId: 'a', kind: 'respect', effect: effect('rose', 12) },
      { teamId: 'b', kind: 'respect', effect: effect('within_noise', 2) },
      { teamId: 'b', kind: 'respect', effect: effect('not_enough_data', 30) },
      { teamId: 'a', kind: 'process', effect: effect('fell', -6) },
      { teamId: 'c', kind: 'process', effect: effect('within_noise', 0) },
    ])
    expect(respect).toEqual({ kind: 'respect', measured: 2, rose: 1, fell: 0, withinNoise: 1, notEnoughData: 1, meanChange: 7, teams: 2 })
    expect(process).toMatchObject({ kind: 'process', measured: 2, fell: 1, withinNoise: 1, meanChange: -3, teams: 2 })
  })

  it('gives no mean change for a kind measured on one team only', () => {
    const [respect, process] = effectByKind([
      { teamId: 'a', kind: 'respect', effect: effect('rose', 12) },
      { teamId: 'a', kind: 'respect', effect: effect('rose', 10) },
    ])
    expect(respect).toMatchObject({ measured: 2, rose: 2, teams: 1, meanChange: null })
    expect(process).toMatchObject({ measured: 0, meanChange: null, teams: 0 })
  })
})
