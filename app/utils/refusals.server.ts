// Where a Refusal becomes a response, for every route. A refusal about what
// someone typed (409, 422, 429) answers the form with their input and the
// message; any other (403, 404, …) is thrown as a Response for the route's
// error boundary. Anything that is not a Refusal is a bug and goes on to the
// 500 handler.
import { json } from '@remix-run/node'
import { isRefusal, type Refusal, type RefusalStatus } from '~/domain/refusal'
import { formFailure, type FormResult } from './forms'

const ANSWERED_IN_FORM: readonly RefusalStatus[] = [409, 422, 429]

/**
 * In an action's catch: the form's failure with what was typed, or a thrown
 * 4xx Response. `extra` adds what the form needs to offer a way out (from the
 * refusal's detail), such as the open invitation to resend.
 */
export function refusalResponse<X extends object = object>(
  error: unknown,
  values: Record<string, string>,
  extra?: (refusal: Refusal) => X,
) {
  if (!isRefusal(error)) throw error
  if (!ANSWERED_IN_FORM.includes(error.status)) throw new Response(error.message, { status: error.status })
  const errors = error.fieldErrors ?? (error.field ? { [error.field]: [error.message] } : {})
  return json({ ...formFailure(values, error.message, errors), ...(extra?.(error) ?? ({} as Partial<X>)) }, { status: error.status })
}

/** In a loader: a thrown Response for any Refusal (a 404 for a record that is not there), anything else goes on. */
export function throwRefusal(error: unknown): never {
  if (isRefusal(error)) throw new Response(error.message, { status: error.status })
  throw error
}

/**
 * Narrows `condition` or throws a Response with the status (404 unless told
 * otherwise): one line instead of `if (!x) throw new Response(…)`.
 */
export function invariantResponse(condition: unknown, message: string, { status = 404 }: { status?: number } = {}): asserts condition {
  if (!condition) throw new Response(message, { status })
}

/** A form that did not parse, answered with its errors and what was typed. */
export function formInvalid(form: Extract<FormResult<unknown>, { ok: false }>) {
  return json(form, { status: 422 })
}
