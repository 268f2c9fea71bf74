import { useActionData } from '@remix-run/react'
import { useEffect } from 'react'
import type { FieldErrors } from './forms'

type Failure = { ok: false; errors: FieldErrors; values: Record<string, string>; formError?: string }

function isFailure(data: unknown): data is Failure {
  return typeof data === 'object' && data !== null && 'ok' in data && data.ok === false && 'errors' in data && 'values' in data
}

// Refusals already given focus: several forms on a page read the same one.
const focused = new WeakSet<object>()

/**
 * After a refused submit with JavaScript on, puts focus on the first invalid
 * field, or else on the form's message, instead of letting it drop to the
 * body. (Without JavaScript the page reloads and the messages are read in
 * order from the top.)
 */
function useFocusOnFailure(failure: Failure | null) {
  useEffect(() => {
    if (!failure || focused.has(failure)) return
    focused.add(failure)
    const target =
      document.querySelector<HTMLElement>('[aria-invalid="true"]') ?? document.querySelector<HTMLElement>('.alert.danger[role="alert"]')
    if (!target) return
    if (!target.matches('input, select, textarea, button')) target.tabIndex = -1
    target.focus()
  }, [failure])
}

/**
 * The last submission's outcome for a form: errors by field, what was typed
 * and the form-level message, all empty when there was no failure. The one
 * way a component reads an action's refusal.
 */
export function useFormResult() {
  const data: unknown = useActionData()
  const failure = isFailure(data) ? data : null
  useFocusOnFailure(failure)
  return {
    failed: failure !== null,
    errors: failure?.errors ?? {},
    values: failure?.values ?? {},
    formError: failure?.formError ?? null,
    data,
  }
}
