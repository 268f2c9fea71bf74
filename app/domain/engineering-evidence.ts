// The feature log's "stage engineering first joined", derived from an issue
// tracker's history: when the ticket (the written ask) was created, against
// when an engineer first touched it (commented, was assigned, or a date a
// person mapped). Pure; the rule is written down once here and in ADR 023.
import type { StageKey } from './stages'

/** How close to the ticket's creation engineering must be to count as shaping it. */
export const SHAPING_WINDOW_HOURS = 24

const HOUR = 3600_000
const DAY = 24 * HOUR

export type EngineeringTouch = {
  /** ISO timestamp */
  at: string
  /** "commented", "was assigned", "opened the issue", "joined (from the mapped column)" */
  how: string
  /** the engineer's name or login, when the source says */
  who?: string | null
}

export type EvidenceInput = {
  /** ISO timestamp the ticket was created */
  createdAt: string
  /** ISO timestamp it was resolved, if it was */
  resolvedAt: string | null
  /** the engineering touches the source shows, in any order */
  touches: readonly EngineeringTouch[]
}

export type Evidence = {
  stage: StageKey
  /** the first touch, ISO */
  firstAt: string
  /** one sentence for the feature's page: what the stage was derived from */
  sentence: string
}

function distance(ms: number): string {
  const abs = Math.abs(ms)
  if (abs < DAY) {
    const hours = Math.round(abs / HOUR)
    return hours <= 1 ? 'within the hour' : `${hours} hours`
  }
  const days = Math.round(abs / DAY)
  return days === 1 ? '1 day' : `${days} days`
}

/**
 * The stage engineering joined, or null when the source shows no engineer:
 * - before the ticket by more than the window: ideation (engineering was
 *   there before the ask was written down);
 * - within the window around its creation: spec (engineering could still shape it);
 * - later, but before it was resolved: handoff (the ask was already written);
 * - only once it was resolved: review.
 */
export function deriveEngineeringStage(input: EvidenceInput): Evidence | null {
  const created = Date.parse(input.createdAt)
  if (Number.isNaN(created)) return null
  const touches = input.touches
    .map((t) => ({ ...t, ms: Date.parse(t.at) }))
    .filter((t) => !Number.isNaN(t.ms))
    .sort((a, b) => a.ms - b.ms)
  const first = touches[0]
  if (!first) return null
  const delta = first.ms - created
  const resolved = input.resolvedAt ? Date.parse(input.resolvedAt) : Number.NaN
  const windowMs = SHAPING_WINDOW_HOURS * HOUR
  const stage: StageKey =
    delta < -windowMs ? 'ideation' : delta <= windowMs ? 'spec' : !Number.isNaN(resolved) && first.ms >= resolved ? 'review' : 'handoff'
  const who = first.who ? `${first.who} ` : 'Engineering '
  const when =
    Math.abs(delta) < HOUR ? 'when the ticket was created' : `${distance(delta)} ${delta < 0 ? 'before' : 'after'} the ticket was created`
  return { stage, firstAt: new Date(first.ms).toISOString(), sentence: `${who}${first.how} ${when}.` }
}
