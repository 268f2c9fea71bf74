import { useActionData } from '@remix-run/react'
import type { FieldErrors } from './forms'

type Failure = { ok: false; errors: FieldErrors; values: Record<string, string>; formError?: string }

function isFailure(data: unknown): data is Failure {
  return typeof data === 'object' && data !== null && 'ok' in data && data.ok === false && 'errors' in data && 'values' in data
}

/**
 * The last submission's outcome for a form: errors by field, what was typed
 * and the form-level message, all empty when there was no failure. The one
 * way a component reads an action's refusal.
 */
export function useFormResult() {
  const data: unknown = useActionData()
  const failure = isFailure(data) ? data : null
  return {
    failed: failure !== null,
    errors: failure?.errors ?? {},
    values: failure?.values ?? {},
    formError: failure?.formError ?? null,
    data,
  }
}
