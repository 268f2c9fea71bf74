// The pulse answer form's rules, shared by the answer page's action and the
// server's answer lane (app/server/answer-lane.ts): a field per item, each one
// of seven answers, and an optional comment.
import { z } from 'zod'
import { checkComment } from './comment'

const scale = z
  .string({ error: 'Choose an answer' })
  .regex(/^[1-7]$/, 'Choose one of the seven answers')
  .transform(Number)

const commentField = z
  .string()
  .max(20_000, 'The comment is far too long')
  .optional()
  .transform((raw, ctx) => {
    const checked = checkComment(raw ?? '')
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', message: checked.message })
      return z.NEVER
    }
    return checked.value
  })

const ITEM_FIELD = /^item-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/

function itemAnswers(fields: Record<string, unknown>) {
  const answers: Record<string, number> = {}
  for (const [name, value] of Object.entries(fields)) {
    const id = ITEM_FIELD.exec(name)?.[1]
    if (id && typeof value === 'number') answers[id] = value
  }
  return answers
}

/** A round's own form: each of its items answered, nothing else. */
export function answerSchema(itemIds: string[]) {
  const shape = Object.fromEntries(itemIds.map((id) => [`item-${id}`, scale]))
  return z
    .strictObject(
      { ...shape, comment: commentField },
      { error: 'The form contained a question that is not part of this pulse. Reload the page and try again.' },
    )
    .transform(({ comment, ...fields }) => ({ comment, answers: itemAnswers(fields) }))
}

/**
 * Any round's answer form, checked before the round is read: item fields and
 * a comment. Whether the items are exactly the round's is checked by the
 * write itself, so a well-formed answer costs one statement; anything else
 * goes the careful way, where the round's own schema names each mistake.
 */
export const anyAnswerForm = z
  .object({ comment: commentField })
  .catchall(scale)
  .refine((fields) => Object.keys(fields).every((name) => name === 'comment' || ITEM_FIELD.test(name)))
  .transform(({ comment, ...fields }) => ({ comment, answers: itemAnswers(fields) }))

/**
 * Where an answer sends the browser: a page, not a POST result, so a refresh
 * cannot submit again; a second submission (double click, back button) lands
 * on the page that says plainly that only the first answer counts.
 */
export function answeredLocation(roundId: string, outcome: 'recorded' | 'already-answered') {
  return outcome === 'recorded' ? `/pulse/${roundId}?done=1` : `/pulse/${roundId}`
}
