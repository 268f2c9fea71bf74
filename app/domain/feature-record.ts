// One record of the feature log: what a person enters, and the columns it is
// stored as. The classification and the spec's size are derived here, by the
// one rule in ./classification, so every write stores them the same way.
import { classify, countWords, estimatePages, type Outcome, type Question, type ShippedAs } from './classification'
import type { Discipline } from './disciplines'
import type { StageKey } from './stages'

/** The answer for a feature that is not in this team's log. */
export const FEATURE_NOT_FOUND = 'Feature not found.'

export type SpecInput = { text: string } | { words: number; pages: number }

export type FeatureInput = {
  name: string
  /** "Y": the user problem */
  problem: string
  /** "X": the ask as it arrived */
  ask: string
  spec: SpecInput
  engineeringJoinedStage: StageKey
  question: Question
  plannedDays: number
  actualDays: number
  /** YYYY-MM-DD: when work began; the "before" respect snapshot is taken from rounds closed before this day */
  startedOn: string
  shippedOn: string
  shippedAs: ShippedAs
  /** only when shipped differently */
  changeWhat?: string | null
  changeWhy?: string | null
  upsetDisciplines?: readonly Discipline[]
  outcome: Outcome
}

/** The stored columns of a feature record, derived from what was entered. */
export function featureColumns(input: FeatureInput) {
  const pasted = 'text' in input.spec
  const specWords = 'text' in input.spec ? countWords(input.spec.text) : input.spec.words
  const specPages = 'text' in input.spec ? estimatePages(specWords) : input.spec.pages
  const differently = input.shippedAs === 'differently'
  const { classification, engineeringBeforeSpec } = classify(input)
  return {
    name: input.name,
    problem: input.problem,
    ask: input.ask,
    specText: pasted && 'text' in input.spec ? input.spec.text : null,
    specWords,
    specPages,
    engineeringJoinedStage: input.engineeringJoinedStage,
    question: input.question,
    plannedDays: input.plannedDays,
    actualDays: input.actualDays,
    startedOn: input.startedOn,
    shippedOn: input.shippedOn,
    shippedAs: input.shippedAs,
    // "What changed" and "who was upset" describe a difference; a feature
    // shipped as planned has none, whatever the form carried.
    changeWhat: differently ? (input.changeWhat ?? null) : null,
    changeWhy: differently ? (input.changeWhy ?? null) : null,
    upsetDisciplines: differently ? [...new Set(input.upsetDisciplines ?? [])] : [],
    outcome: input.outcome,
    classification,
    engineeringBeforeSpec,
  }
}

/** A feature record as stored, without its ids and timestamps: what the edit form starts from. */
export type FeatureColumns = ReturnType<typeof featureColumns>
