import { describe, expect, it } from 'vitest'
import { featureColumns, type FeatureInput } from '~/domain/feature-record'

const input: FeatureInput = {
  name: 'Account analytics dashboard',
  problem: 'Owners cannot tell whether the account is healthy',
  ask: 'Better analytics',
  spec: { words: 1200, pages: 3 },
  engineeringJoinedStage: 'handoff',
  question: 'how_fast',
  plannedDays: 20,
  actualDays: 45,
  startedOn: '2026-01-05',
  shippedOn: '2026-03-01',
  shippedAs: 'as_planned',
  outcome: 'not_what_we_asked',
}

describe('a feature record as stored', () => {
  it('is classified by the one rule: engineering after the spec, asked how fast, is a handoff', () => {
    expect(featureColumns(input)).toMatchObject({
      classification: 'handoff',
      engineeringBeforeSpec: false,
      specWords: 1200,
      specPages: 3,
      specText: null,
    })
    expect(featureColumns({ ...input, engineeringJoinedStage: 'discovery', question: 'what_could' })).toMatchObject({
      classification: 'collaboration',
      engineeringBeforeSpec: true,
    })
  })

  it('counts the words of a pasted spec and keeps its text', () => {
    const columns = featureColumns({ ...input, spec: { text: 'Three numbers every Monday, by email.' } })
    expect(columns).toMatchObject({ specText: 'Three numbers every Monday, by email.', specWords: 6 })
    expect(columns.specPages).toBeGreaterThan(0)
  })

  it('keeps what changed and who was upset only for a feature shipped differently, each discipline once', () => {
    const details = { changeWhat: 'Smaller', changeWhy: 'Cheaper', upsetDisciplines: ['product', 'product', 'design'] as const }
    expect(featureColumns({ ...input, ...details })).toMatchObject({ changeWhat: null, changeWhy: null, upsetDisciplines: [] })
    expect(featureColumns({ ...input, ...details, shippedAs: 'differently' })).toMatchObject({
      changeWhat: 'Smaller',
      changeWhy: 'Cheaper',
      upsetDisciplines: ['product', 'design'],
    })
    expect(featureColumns({ ...input, shippedAs: 'differently' })).toMatchObject({
      changeWhat: null,
      changeWhy: null,
      upsetDisciplines: [],
    })
  })
})
