// Collaboration or handoff: the one rule, written down so the page and the
// trend views cannot drift apart.
import { compareStages, stageLabel, type StageKey } from './stages'

export const CLASSIFICATIONS = ['collaboration', 'handoff'] as const
export type Classification = (typeof CLASSIFICATIONS)[number]

export const CLASSIFICATION_LABELS: Readonly<Record<Classification, string>> = {
  collaboration: 'Collaboration',
  handoff: 'Handoff',
}

/** The last stage at which engineering can join and still shape the spec. */
const LAST_COLLABORATIVE_STAGE: StageKey = 'spec'

export const CLASSIFICATION_RULE =
  'Handoff when engineering was first involved after the spec was written (at the handoff stage or later). Collaboration when engineering was involved while the spec was being written or earlier.'

export const QUESTIONS = ['how_fast', 'what_could'] as const
export type Question = (typeof QUESTIONS)[number]

export const QUESTION_LABELS: Readonly<Record<Question, string>> = {
  how_fast: '“How fast can you build X?”',
  what_could: '“What could we build to solve Y?”',
}

export type ClassificationResult = {
  classification: Classification
  /** true when engineering was there before the spec was started (the trend views count this share) */
  engineeringBeforeSpec: boolean
  /** why, in one sentence, for the page */
  reason: string
  /** collaboration on paper that still carried a warning sign */
  caveats: string[]
}

export function classify(input: { engineeringJoinedStage: StageKey; question: Question }): ClassificationResult {
  const joined = input.engineeringJoinedStage
  const handoff = compareStages(joined, LAST_COLLABORATIVE_STAGE) > 0
  const engineeringBeforeSpec = compareStages(joined, LAST_COLLABORATIVE_STAGE) < 0
  const where = stageLabel(joined).toLowerCase()
  const reason = handoff
    ? `Engineering first joined at ${where}, after the spec was written.`
    : joined === LAST_COLLABORATIVE_STAGE
      ? 'Engineering joined while the spec was being written, so it could still shape it.'
      : `Engineering joined at ${where}, before the spec existed.`
  const caveats: string[] = []
  // The classification is about timing; the question asked is the other half
  // of the story and is worth showing even when the timing looks right.
  if (!handoff && input.question === 'how_fast') {
    caveats.push('Engineering was there early but was asked “how fast can you build X?”, which treats the solution as already decided.')
  }
  if (handoff && input.question === 'what_could') {
    caveats.push(
      'Engineering was asked “what could we build to solve Y?”, but only after the spec was written, when the answer could change little.',
    )
  }
  return { classification: handoff ? 'handoff' : 'collaboration', engineeringBeforeSpec, reason, caveats }
}

export const SHIPPED_AS = ['as_planned', 'differently'] as const
export type ShippedAs = (typeof SHIPPED_AS)[number]
export const SHIPPED_AS_LABELS: Readonly<Record<ShippedAs, string>> = {
  as_planned: 'Shipped as planned',
  differently: 'Shipped differently',
}

export const OUTCOMES = ['fine', 'not_what_we_asked'] as const
export type Outcome = (typeof OUTCOMES)[number]
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  fine: 'Fine',
  not_what_we_asked: '“This isn’t what we asked for”',
}

/** Words in a pasted spec: runs of letters or digits, so markdown punctuation does not count. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu)?.length ?? 0
}

export const WORDS_PER_PAGE = 500

/** Pages for a pasted spec, to the nearest half page (at least half a page for any text). */
export function estimatePages(words: number): number {
  if (words <= 0) return 0
  return Math.max(0.5, Math.round((words / WORDS_PER_PAGE) * 2) / 2)
}

// Efforts are stored in working days; weeks are five working days.
export const EFFORT_UNITS = ['days', 'weeks'] as const
export type EffortUnit = (typeof EFFORT_UNITS)[number]
const DAYS_PER_UNIT: Readonly<Record<EffortUnit, number>> = { days: 1, weeks: 5 }
export const MAX_EFFORT_DAYS = 5000

export function toDays(amount: number, unit: EffortUnit): number {
  return Math.round(amount * DAYS_PER_UNIT[unit] * 10) / 10
}

/** "2 days", "1 day", "40 days (8 weeks)" */
export function formatEffort(days: number | null): string {
  if (days === null) return '—'
  const d = `${formatNumber(days)} ${days === 1 ? 'day' : 'days'}`
  return days >= 10 && days % 5 === 0 ? `${d} (${formatNumber(days / 5)} weeks)` : d
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1)
}
