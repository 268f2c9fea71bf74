// What the JSON API shows of a record, and how its lists are paged. Kept
// apart from the routes so the shapes are the same wherever a record appears.
import { z } from 'zod'

export const MAX_PAGE = 100
export const DEFAULT_PAGE = 25

/** `limit` (1–100) and `cursor` (what the previous page called nextCursor: an offset, opaque to clients). */
export const PageQuery = z.object({
  limit: z.coerce
    .number({ error: 'limit must be a whole number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(MAX_PAGE, `limit must be at most ${MAX_PAGE}`)
    .default(DEFAULT_PAGE),
  cursor: z
    .string()
    .regex(/^\d{1,7}$/, 'cursor must be a nextCursor value from a previous page')
    .transform(Number)
    .default(0),
})

/** The next page's cursor, or null on the last page. */
export function nextCursor(offset: number, shown: number, total: number) {
  return offset + shown < total ? String(offset + shown) : null
}

type FeatureRow = {
  id: string
  teamId: string
  name: string
  problem: string
  ask: string
  specText: string | null
  specWords: number
  specPages: number
  engineeringJoinedStage: string
  question: string
  plannedDays: number
  actualDays: number
  startedOn: string
  shippedOn: string
  shippedAs: string
  changeWhat: string | null
  changeWhy: string | null
  upsetDisciplines: readonly string[]
  outcome: string
  classification: string
  createdAt: Date
  updatedAt: Date
}

/** A feature as the API shows it: what the form holds, plus the derived classification. */
export function featureJson(f: FeatureRow) {
  return {
    id: f.id,
    teamId: f.teamId,
    name: f.name,
    problem: f.problem,
    ask: f.ask,
    specText: f.specText,
    specWords: f.specWords,
    specPages: f.specPages,
    engineeringJoinedStage: f.engineeringJoinedStage,
    question: f.question,
    plannedDays: f.plannedDays,
    actualDays: f.actualDays,
    startedOn: f.startedOn,
    shippedOn: f.shippedOn,
    shippedAs: f.shippedAs,
    changeWhat: f.changeWhat,
    changeWhy: f.changeWhy,
    upsetDisciplines: [...f.upsetDisciplines],
    outcome: f.outcome,
    classification: f.classification,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  }
}
