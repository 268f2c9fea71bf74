import { describe, expect, it } from 'vitest'
import { features } from '../../db/schema'
import { STAGES, STAGE_KEYS, STAGE_OPTIONS, compareStages, isStageKey, numberedStageLabel, stagePosition } from '~/domain/stages'

describe('process stages', () => {
  it('is the fixed, ordered list of nine', () => {
    expect(STAGES.map((s) => s.label)).toEqual([
      'Discovery / user calls',
      'Problem framing',
      'Solution ideation',
      'Spec writing',
      'Handoff',
      'Build',
      'Review / QA',
      'Launch',
      'Feedback',
    ])
    expect(STAGE_OPTIONS[3]).toEqual({ value: 'spec', label: '4. Spec writing' })
  })

  it('orders and numbers stages', () => {
    expect(stagePosition('discovery')).toBe(1)
    expect(stagePosition('feedback')).toBe(9)
    expect(compareStages('spec', 'handoff')).toBeLessThan(0)
    expect(compareStages('build', 'framing')).toBeGreaterThan(0)
    expect(numberedStageLabel('review')).toBe('7. Review / QA')
  })

  it('recognises only known keys', () => {
    expect(isStageKey('spec')).toBe(true)
    expect(isStageKey('Spec')).toBe(false)
    expect(isStageKey(undefined)).toBe(false)
  })

  it('matches the database enum', () => {
    expect(features.engineeringJoinedStage.enumValues).toEqual(STAGE_KEYS)
  })
})
