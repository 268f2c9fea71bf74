// The answer form's quick way, shared by the answer page's action and the
// server's answer lane (app/server/answer-lane.ts): a well-formed form from a
// session token, recorded in one statement that checks the session, the
// roster and the round itself. See docs/decisions/012-one-round-trip-per-answer.md.
import { anyAnswerForm } from '~/domain/answer-form'
import { submitAnswer } from '~/models/pulse/intake.server'
import { parseForm } from '../forms'

/**
 * 'recorded' or 'already-answered' when the answer went the quick way; null
 * when it needs the careful way, which says what is wrong: a form that is not
 * an answer form, a session that is not live, items that are not the round's.
 * A round that is closed or not theirs is a Refusal (409, 404), thrown.
 */
export async function answerQuickly(tokenHash: string, roundId: string, formData: FormData) {
  const form = parseForm(formData, anyAnswerForm)
  if (!form.ok) return null
  const outcome = await submitAnswer({ tokenHash }, roundId, form.data)
  return outcome === 'recorded' || outcome === 'already-answered' ? outcome : null
}
