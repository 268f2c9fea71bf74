import { useFormResult } from '~/utils/use-form-result'

/**
 * The last submission's failure when it came from a form with one of these
 * intents, else null: a page of several forms shows a refusal on the form
 * that was sent, with what was typed in it, and leaves the others alone.
 */
export function useIntentFailure(...intents: readonly string[]) {
  const result = useFormResult()
  return result.failed && intents.includes(result.values.intent ?? '') ? result : null
}
