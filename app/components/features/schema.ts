// The feature form's schema, shared by the "log a feature" and "edit" actions
// (one form, two routes). Efforts arrive as a number plus a unit and are
// stored in working days.
import { z } from 'zod'
import { EFFORT_UNITS, MAX_EFFORT_DAYS, OUTCOMES, QUESTIONS, SHIPPED_AS, estimatePages, toDays } from '~/domain/classification'
import { DISCIPLINES } from '~/domain/disciplines'
import { STAGE_KEYS } from '~/domain/stages'
import type { FeatureColumns, FeatureInput } from '~/domain/feature-record'
import { dayField, text } from '~/utils/forms'

const MAX_SPEC_CHARS = 100_000

/**
 * A number typed into a text or number input. Blank is "missing" (required)
 * or null (optional), never silently 0.
 */
export function numberField(label: string, { min = 0, max, integer = false }: { min?: number; max: number; integer?: boolean }) {
  return z
    .string({ error: `Enter ${label}` })
    .trim()
    .transform((raw, ctx) => {
      if (raw === '') return null
      const n = Number(raw.replace(',', '.'))
      if (!Number.isFinite(n)) {
        ctx.addIssue({ code: 'custom', message: `${capitalize(label)} must be a number, like 2 or 0.5` })
        return z.NEVER
      }
      if (integer && !Number.isInteger(n)) ctx.addIssue({ code: 'custom', message: `${capitalize(label)} must be a whole number` })
      if (n < min)
        ctx.addIssue({
          code: 'custom',
          message: min === 0 ? `${capitalize(label)} cannot be negative` : `${capitalize(label)} must be at least ${min}`,
        })
      if (n > max) ctx.addIssue({ code: 'custom', message: `${capitalize(label)} must be at most ${max.toLocaleString('en')}` })
      return n
    })
}

function capitalize(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max.toLocaleString('en')} characters`)
    .optional()
    .transform((v) => (v ? v : null))

const box = z.literal('on').optional()

export const FeatureFormSchema = z
  .object({
    name: text('Name', { max: 120 }),
    problem: text('The user problem', { max: 1000 }),
    ask: text('The ask', { max: 300 }),
    specMode: z.enum(['count', 'paste'], { error: 'Choose how to record the spec' }),
    specText: z
      .string()
      .max(MAX_SPEC_CHARS, `Paste at most ${MAX_SPEC_CHARS.toLocaleString('en')} characters, or enter the word count instead`)
      .optional(),
    specWords: numberField('the word count', { max: 500_000, integer: true }).optional(),
    specPages: numberField('the page count', { max: 2000 }).optional(),
    engineeringJoinedStage: z.enum(STAGE_KEYS, { error: 'Choose the stage at which engineering was first involved' }),
    question: z.enum(QUESTIONS, { error: 'Choose the question engineering was asked' }),
    planned: numberField('the planned effort', { max: MAX_EFFORT_DAYS }),
    plannedUnit: z.enum(EFFORT_UNITS, { error: 'Choose days or weeks' }),
    actual: numberField('the actual effort', { max: MAX_EFFORT_DAYS }),
    actualUnit: z.enum(EFFORT_UNITS, { error: 'Choose days or weeks' }),
    startedOn: dayField('Enter the day work began'),
    shippedOn: dayField('Enter the day it shipped'),
    shippedAs: z.enum(SHIPPED_AS, { error: 'Choose whether it shipped as planned' }),
    changeWhat: optionalText('What changed', 1000),
    changeWhy: optionalText('Why it changed', 1000),
    upset_product: box,
    upset_engineering: box,
    upset_design: box,
    upset_other: box,
    outcome: z.enum(OUTCOMES, { error: 'Choose the outcome' }),
  })
  // Runs even when other fields failed, so one submit shows every error.
  // Fields that failed their own check arrive unparsed, hence the type guards.
  .superRefine(
    (v, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
      const days = (amount: unknown, unit: unknown) =>
        typeof amount === 'number' && (unit === 'days' || unit === 'weeks') ? toDays(amount, unit) : null
      if (v.specMode === 'paste' && !(typeof v.specText === 'string' && v.specText.trim()))
        issue('specText', 'Paste the spec, or choose “Enter the word and page count” instead')
      if (v.specMode === 'count' && (v.specWords === undefined || v.specWords === null))
        issue('specWords', 'Enter the word count (0 if there was no spec)')
      if (v.planned === null) issue('planned', 'Enter the planned effort')
      if (v.actual === null) issue('actual', 'Enter the actual effort')
      if ((days(v.planned, v.plannedUnit) ?? 0) > MAX_EFFORT_DAYS) issue('planned', `At most ${MAX_EFFORT_DAYS} working days`)
      if ((days(v.actual, v.actualUnit) ?? 0) > MAX_EFFORT_DAYS) issue('actual', `At most ${MAX_EFFORT_DAYS} working days`)
      const day = (x: unknown) => (typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x) ? x : null)
      const started = day(v.startedOn)
      const shipped = day(v.shippedOn)
      if (started && shipped && shipped < started) issue('shippedOn', 'It cannot ship before work began')
      if (v.shippedAs === 'differently') {
        if (!v.changeWhat) issue('changeWhat', 'Say what changed')
        if (!v.changeWhy) issue('changeWhy', 'Say why it changed')
      }
    },
    { when: () => true },
  )

export type FeatureForm = z.infer<typeof FeatureFormSchema>

export function toFeatureInput(v: FeatureForm): FeatureInput {
  const words = v.specWords ?? 0
  return {
    name: v.name,
    problem: v.problem,
    ask: v.ask,
    spec: v.specMode === 'paste' ? { text: v.specText ?? '' } : { words, pages: v.specPages ?? estimatePages(words) },
    engineeringJoinedStage: v.engineeringJoinedStage,
    question: v.question,
    plannedDays: toDays(v.planned ?? 0, v.plannedUnit),
    actualDays: toDays(v.actual ?? 0, v.actualUnit),
    startedOn: v.startedOn,
    shippedOn: v.shippedOn,
    shippedAs: v.shippedAs,
    changeWhat: v.changeWhat,
    changeWhy: v.changeWhy,
    upsetDisciplines: DISCIPLINES.filter((d) => v[`upset_${d}`] === 'on'),
    outcome: v.outcome,
  }
}

/** A stored feature as form values, for the edit page. */
export function featureToValues(f: FeatureColumns): Record<string, string> {
  const values: Record<string, string> = {
    name: f.name,
    problem: f.problem,
    ask: f.ask,
    specMode: f.specText ? 'paste' : 'count',
    specText: f.specText ?? '',
    specWords: String(f.specWords),
    specPages: String(f.specPages),
    engineeringJoinedStage: f.engineeringJoinedStage,
    question: f.question,
    planned: String(f.plannedDays),
    plannedUnit: 'days',
    actual: String(f.actualDays),
    actualUnit: 'days',
    startedOn: f.startedOn,
    shippedOn: f.shippedOn,
    shippedAs: f.shippedAs,
    changeWhat: f.changeWhat ?? '',
    changeWhy: f.changeWhy ?? '',
    outcome: f.outcome,
  }
  for (const d of f.upsetDisciplines) values[`upset_${d}`] = 'on'
  return values
}
