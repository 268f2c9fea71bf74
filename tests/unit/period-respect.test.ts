import { describe, expect, it } from 'vitest'
import type { Discipline } from '~/domain/disciplines'
import { DIMENSION_KEYS } from '~/domain/instrument'
import type { TeamRound } from '~/domain/dashboard/rounds'
import { respectInPeriod } from '~/domain/dashboard/sections/respect-over-time'
import type { DashboardTeam, ScoreSettings } from '~/domain/dashboard/types'
import { DEFAULT_DEFICIT_THRESHOLDS } from '~/domain/scoring'
import { keptRespectInPeriod } from '~/models/dashboard/period-respect.server'

// A kept period must be exactly what computing it again would give.

const settings: ScoreSettings = { anonymity: { k: 5, commentK: 7 }, thresholds: DEFAULT_DEFICIT_THRESHOLDS }
const teams: DashboardTeam[] = [
  { id: 'a', name: 'Alpha' },
  { id: 'b', name: 'Beta' },
] as DashboardTeam[]

/** A round whose people all gave `mean` on every dimension, `source` saying what it was read from. */
function round(teamId: string, roundId: string, groups: [Discipline, number, number][], k = 5, own?: Discipline): TeamRound {
  const cells = groups.flatMap(([discipline, responses, mean]) =>
    DIMENSION_KEYS.map((dimension) => ({
      teamId,
      discipline,
      dimension,
      responses,
      scoreSum: mean * responses,
      scored: responses,
      k,
      ...(own === discipline ? { own: 1 } : {}),
    })),
  )
  return { roundId, teamId, closedAt: 0, closedOn: '2026-11-20', eligible: 8, cells, source: `${k}|${own ?? ''}|${JSON.stringify(groups)}` }
}

const alpha = round('a', 'r1', [
  ['product', 3, 6],
  ['engineering', 3, 5],
])
const beta = round('b', 'r2', [
  ['product', 4, 3],
  ['engineering', 3, 4],
])

describe('keptRespectInPeriod', () => {
  it('gives what respectInPeriod gives, read again or not', () => {
    const direct = respectInPeriod(teams, '2026-11', [alpha, beta], null, settings)
    expect(keptRespectInPeriod(teams, '2026-11', [alpha, beta], null, settings)).toEqual(direct)
    expect(keptRespectInPeriod(teams, '2026-11', [{ ...alpha }, { ...beta }], null, settings)).toEqual(direct)
    expect(direct.points.map((p) => p.teamName)).toEqual(['All selected teams', 'Alpha', 'Beta'])
  })

  it('follows a round whose rollups changed, a threshold raised, the viewer’s own answer and a renamed team', () => {
    keptRespectInPeriod(teams, '2026-11', [alpha, beta], null, settings)
    const changes: [DashboardTeam[], (TeamRound | null)[]][] = [
      [
        teams,
        [
          alpha,
          round('b', 'r2', [
            ['product', 4, 7],
            ['engineering', 3, 7],
          ]),
        ],
      ],
      [
        teams,
        [
          alpha,
          round(
            'b',
            'r2',
            [
              ['product', 4, 3],
              ['engineering', 3, 4],
            ],
            8,
          ),
        ],
      ],
      [
        teams,
        [
          round(
            'a',
            'r1',
            [
              ['product', 3, 6],
              ['engineering', 2, 5],
            ],
            5,
            'engineering',
          ),
          beta,
        ],
      ],
      [
        [teams[0], { ...teams[1], name: 'Beta team' }],
        [alpha, beta],
      ],
      [teams, [alpha, null]],
    ]
    for (const [which, picked] of changes) {
      expect(keptRespectInPeriod(which, '2026-11', picked, null, settings)).toEqual(
        respectInPeriod(which, '2026-11', picked, null, settings),
      )
    }
    // Each change showed: Beta at 100, then hidden under k = 8, five-person Alpha hidden with the viewer held out (shown without), the new name.
    const shown = (which: DashboardTeam[], picked: (TeamRound | null)[], team: string) =>
      keptRespectInPeriod(which, '2026-11', picked, null, settings).points.find((p) => p.teamId === team)
    expect(shown(...changes[0], 'b')?.respectIndex).toBe(100)
    expect(shown(...changes[1], 'b')?.respectIndex).toBeNull()
    expect(shown(...changes[2], 'a')?.respectIndex).toBeNull()
    const fiveWithoutViewer = round('a', 'r1', [
      ['product', 3, 6],
      ['engineering', 2, 5],
    ])
    expect(shown(teams, [fiveWithoutViewer, beta], 'a')?.respectIndex).not.toBeNull()
    expect(shown(...changes[3], 'b')?.teamName).toBe('Beta team')
  })

  it('follows the discipline filter and the settings', () => {
    for (const [discipline, s] of [
      ['product', settings],
      [null, { ...settings, anonymity: { k: 7, commentK: 7 } }],
    ] as const) {
      expect(keptRespectInPeriod(teams, '2026-11', [alpha, beta], discipline, s)).toEqual(
        respectInPeriod(teams, '2026-11', [alpha, beta], discipline, s),
      )
    }
  })
})
