import { describe, expect, it } from 'vitest'
import type { Discipline } from '~/domain/disciplines'
import { DIMENSION_KEYS } from '~/domain/instrument'
import { DEFAULT_DEFICIT_THRESHOLDS } from '~/domain/scoring'
import type { ResultSettings } from '~/models/anonymity-settings.server'
import { settingsKey, trendPoint } from '~/models/pulse/trend-points.server'

// A kept trend point must be exactly what computing it again would give:
// whatever changes about the round, the viewer or the settings shows at once.

const settings: ResultSettings = { anonymity: { k: 5, commentK: 7 }, thresholds: DEFAULT_DEFICIT_THRESHOLDS, timeZone: 'Europe/Berlin' }

/** A round's cells as packedCells writes them: every person's mean is `mean` on every dimension. */
function packed(groups: [Discipline, number, number][]) {
  return groups
    .flatMap(([discipline, responses, mean]) =>
      DIMENSION_KEYS.map((dimension) => [discipline, dimension, responses, mean * responses, responses].join('\u001f')),
    )
    .join('\u001e')
}

const round = { id: 'a3bb189e-8bf9-4888-9912-ace4e6543002', teamId: 'team', at: new Date('2026-11-20T16:00:00Z') }
const six = packed([
  ['product', 3, 6],
  ['engineering', 3, 4],
])

describe('trendPoint', () => {
  it('scores a round through the anonymity rules, and gives the same point when nothing changed', () => {
    const first = trendPoint(round, { k: 5, cells: six }, undefined, settings, settingsKey(settings))
    expect(first).toMatchObject({ roundId: round.id, visible: true, n: 6, closedOn: '2026-11-20' })
    expect(first.respectIndex).toBeCloseTo(((5 - 1) / 6) * 100, 1)
    expect(trendPoint(round, { k: 5, cells: six }, undefined, settings, settingsKey(settings))).toEqual(first)
  })

  it('follows a change to the round’s cells (a rebuilt rollup) and to its threshold (k raised after the fact)', () => {
    trendPoint(round, { k: 5, cells: six }, undefined, settings, settingsKey(settings))
    const rebuilt = packed([
      ['product', 3, 7],
      ['engineering', 3, 7],
    ])
    expect(trendPoint(round, { k: 5, cells: rebuilt }, undefined, settings, settingsKey(settings)).respectIndex).toBe(100)
    expect(trendPoint(round, { k: 7, cells: six }, undefined, settings, settingsKey(settings))).toMatchObject({ visible: false, n: null })
  })

  it('holds the round to k people besides the viewer when the viewer answered it', () => {
    const five = packed([
      ['product', 3, 6],
      ['engineering', 2, 4],
    ])
    expect(trendPoint(round, { k: 5, cells: five }, undefined, settings, settingsKey(settings)).visible).toBe(true)
    expect(trendPoint(round, { k: 5, cells: five }, 'engineering', settings, settingsKey(settings))).toMatchObject({ visible: false })
  })

  it('follows the workspace’s settings: its time zone for the day shown', () => {
    const tokyo = { ...settings, timeZone: 'Asia/Tokyo' }
    const late = { ...round, at: new Date('2026-11-20T20:00:00Z') }
    expect(trendPoint(late, { k: 5, cells: six }, undefined, settings, settingsKey(settings)).closedOn).toBe('2026-11-20')
    expect(trendPoint(late, { k: 5, cells: six }, undefined, tokyo, settingsKey(tokyo)).closedOn).toBe('2026-11-21')
  })

  it('shows a round without rollups as hidden', () => {
    expect(
      trendPoint({ ...round, id: 'b3bb189e-8bf9-4888-9912-ace4e6543002' }, undefined, undefined, settings, settingsKey(settings)),
    ).toMatchObject({
      visible: false,
      respectIndex: null,
    })
  })
})
