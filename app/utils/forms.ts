import { z } from 'zod'

export type FieldErrors = Record<string, string[] | undefined>
export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; formError?: string; values: Record<string, string> }

/**
 * The one form parser: FormData through a zod schema. On failure it returns
 * field errors plus what the person typed, so the form can re-render intact.
 */
export function parseForm<S extends z.ZodType>(formData: FormData, schema: S): FormResult<z.infer<S>> {
  const raw: Record<string, string | string[]> = {}
  const values: Record<string, string> = {}
  for (const [key, value] of formData.entries()) {
    if (typeof value !== 'string') continue
    const existing = raw[key]
    raw[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]
    // Passwords are never echoed back into the page.
    if (!/password/i.test(key)) values[key] = value
  }
  const result = schema.safeParse(raw)
  if (result.success) return { ok: true, data: result.data }
  const flat = z.flattenError(result.error)
  return {
    ok: false,
    errors: flat.fieldErrors as FieldErrors,
    formError: flat.formErrors[0],
    values,
  }
}

/** Trimmed text with a clear length limit. */
export function text(label: string, { min = 1, max = 200 } = {}) {
  return z
    .string({ error: `${label} is required` })
    .trim()
    .min(min, min <= 1 ? `${label} is required` : `${label} must be at least ${min} characters`)
    .max(max, `${label} must be at most ${max} characters`)
}

export const emailField = z
  .string({ error: 'Email is required' })
  .trim()
  .toLowerCase()
  .min(1, 'Email is required')
  .max(254, 'Email is too long')
  .pipe(z.email('Enter a valid email address'))

export const passwordField = z
  .string({ error: 'Password is required' })
  .min(10, 'Password must be at least 10 characters')
  .max(200, 'Password must be at most 200 characters')

/** A failure that is not about one field (wrong password, conflict), in the same shape as parseForm's. */
export function formFailure(values: Record<string, string>, formError: string, errors: FieldErrors = {}) {
  return { ok: false as const, errors, values, formError }
}
