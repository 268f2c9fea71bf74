// Conversation prompts for a respect plan's debrief. They are built only from
// what the team's public results show (PublicRoundResults: hidden values are
// null and stay unused), and they name sides, never people: a prompt quotes
// "Product" and "Engineering" (or "Everyone else") and the scores every
// member can already see.
import { getDimension, type DimensionKey, type Direction } from './instrument'
import type { PublicRoundResults } from './public-results'

export const MIN_PROMPTS = 2
export const MAX_PROMPTS = 4
/** a perception gap smaller than this many points is not worth a conversation of its own */
export const MIN_PROMPT_GAP = 5

export type ConversationPrompt = {
  key: string
  dimension: DimensionKey
  direction: Direction | null
  /** what the results show, in numbers everyone on the team can see */
  evidence: string
  question: string
}

export type PlanPrompts = {
  prompts: ConversationPrompt[]
  /** the dimensions the prompts are about, weakest first: the library lists their practices first */
  weakest: DimensionKey[]
  /** why there are no prompts, when there are none */
  empty: string | null
}

type PromptSource = Pick<PublicRoundResults, 'visible' | 'dimensions' | 'directional'>

const DIMENSION_QUESTIONS: Readonly<Record<DimensionKey, string>> = {
  product_values_technical:
    'Think of a recent decision where an engineer’s concern about cost, risk or what users experience was raised. Did it change anything? What would have made it count?',
  engineering_engages_product:
    'When did an engineer last question a request because it looked like a poor fit for the user’s problem? What makes that easy or hard here?',
  early_involvement:
    'Take the last feature: when did engineering first hear of it, and as a problem or as a solution? What would a week earlier have changed?',
  psychological_safety:
    'What is something people on this team hesitate to say across disciplines? What would make it safe to say it in the next planning?',
  shared_outcomes:
    'For the last thing we shipped, did product and engineering judge success by the same measure? Who would we ask first if it went wrong?',
}

const points = (n: number) => `${Math.round(Math.abs(n))} point${Math.round(Math.abs(n)) === 1 ? '' : 's'}`
const score = (n: number) => String(Math.round(n))

function gapPrompt(view: PublicRoundResults['directional'][number]): ConversationPrompt | null {
  const { gap, selfView, otherView } = view
  if (!view.splitVisible || gap === null || selfView.score === null || otherView.score === null) return null
  if (Math.abs(gap) < MIN_PROMPT_GAP) return null
  const self = selfView.label
  const other = otherView.label
  const evidence = `“${view.dimensionLabel}”: ${self} rates it ${score(selfView.score)}, ${other.toLowerCase()} ${score(otherView.score)} (a gap of ${points(gap)}).`
  const question =
    gap > 0
      ? `${self} sees itself doing better here than ${other.toLowerCase()} does. ${other}: what is one recent moment that shaped your view? ${self}: what would you need to see to believe it?`
      : `${other} rates ${self.toLowerCase()} higher than ${self.toLowerCase()} rates itself. What is ${self.toLowerCase()} holding back from that ${other.toLowerCase()} would welcome?`
  return { key: `gap-${view.direction}`, dimension: view.dimension, direction: view.direction, evidence, question }
}

function dimensionPrompt(d: PromptSource['dimensions'][number]): ConversationPrompt | null {
  if (d.score === null) return null
  return {
    key: `dimension-${d.key}`,
    dimension: d.key,
    direction: getDimension(d.key).direction,
    evidence: `“${d.label}” scores ${score(d.score)} out of 100.`,
    question: DIMENSION_QUESTIONS[d.key],
  }
}

/**
 * 2–4 prompts from a round's public results: the largest visible perception
 * gaps first (at most two), then the lowest-scoring dimensions not already
 * covered. A round whose results are hidden gives none, and says why.
 */
export function conversationPrompts(results: PromptSource | null): PlanPrompts {
  if (!results)
    return { prompts: [], weakest: [], empty: 'No pulse round has closed for this team yet, so there is nothing to talk through.' }
  if (!results.visible) {
    return {
      prompts: [],
      weakest: [],
      empty: 'This round’s results are hidden (too few responses), so no prompts can be drawn from them. The library below still applies.',
    }
  }
  const gaps = results.directional
    .map(gapPrompt)
    .filter((p) => p !== null)
    .sort((a, b) => gapSize(results, b) - gapSize(results, a))
    .slice(0, 2)
  const covered = new Set(gaps.map((p) => p.dimension))
  const lowest = [...results.dimensions]
    .filter((d) => d.score !== null && !covered.has(d.key))
    .sort((a, b) => (a.score ?? 0) - (b.score ?? 0))
    .map(dimensionPrompt)
    .filter((p) => p !== null)
  const prompts = [...gaps, ...lowest.slice(0, Math.max(MIN_PROMPTS - gaps.length, 0))]
  // A third or fourth dimension is added only when it is also among the weak ones: below the team's own average.
  const average = mean(results.dimensions.map((d) => d.score).filter((s) => s !== null))
  for (const p of lowest.slice(Math.max(MIN_PROMPTS - gaps.length, 0))) {
    if (prompts.length >= MAX_PROMPTS) break
    const s = results.dimensions.find((d) => d.key === p.dimension)?.score ?? null
    if (s !== null && average !== null && s < average) prompts.push(p)
  }
  const weakest = [...new Set(prompts.map((p) => p.dimension))]
  return { prompts, weakest, empty: prompts.length ? null : 'No dimension’s score is visible in this round.' }
}

function gapSize(results: PromptSource, prompt: ConversationPrompt) {
  return Math.abs(results.directional.find((d) => d.direction === prompt.direction)?.gap ?? 0)
}

function mean(values: readonly number[]) {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null
}
