import { z } from 'zod'

export type FieldErrors = Record<string, string[] | undefined>
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; formError?: string; values: Record<string, string> }

/**
 * The largest form body any action reads. The longest field, a pasted spec of
 * 100,000 characters, is at most 400 KB as multipart (the feature form's encoding).
 */
export const MAX_FORM_BYTES = 1024 * 1024

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

export const CONTROL_CHARACTER_MESSAGE = 'Remove the control character from this field'

// C0 controls except tab, LF and CR; DEL and the C1 controls; and UTF-16 halves
// without their partner. PostgreSQL rejects NUL in text outright, and none of
// these has a place in anything a person types into a form.
const CONTROL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const CONTROL_ALL = new RegExp(CONTROL.source, 'g')

/** Whether text holds a character no form field accepts (see CONTROL). */
export function hasControlCharacter(text: string) {
  return CONTROL.test(text)
}

function refuse(status: 400 | 413 | 415, message: string): never {
  throw new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

// An oversized body is still read and dropped, up to DRAIN_FACTOR times the
// limit: a client gets to read the 413 only once it has finished sending (a
// server that stops reading resets the connection instead). Past that the
// stream is cancelled, which is all an endless body deserves.
const DRAIN_FACTOR = 16

type Reader = ReadableStreamDefaultReader<Uint8Array>

/** Reads and drops the rest of an oversized body, then refuses it. */
async function refuseTooLarge(reader: Reader | null, seen: number, limit: number, message = tooLarge(limit)): Promise<never> {
  let size = seen
  while (reader && size <= limit * DRAIN_FACTOR) {
    const { done, value } = await reader.read()
    if (done) refuse(413, message)
    size += value.byteLength
  }
  await reader?.cancel().catch(() => {})
  refuse(413, message)
}

/** The body's bytes, never more than `limit`: a body without a Content-Length is stopped while it streams. */
async function readCapped(request: Request, limit: number, message?: string): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array()
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) await refuseTooLarge(reader, size, limit, message)
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

function tooLarge(limit: number) {
  return `A form can hold at most ${Math.round(limit / 1024 / 1024)} MB. Shorten the longest text (a pasted spec, say) and send it again.`
}

/**
 * The request's form fields, or a thrown 4xx Response: 415 for a body that is
 * not a form (JSON, plain text…) or that carries files, 413 for a body over
 * `MAX_FORM_BYTES`, 400 for a form that cannot be decoded. A POST with no body
 * at all reads as an empty form. Use `readForm` unless the schema depends on
 * a field (an `intent`); then pass this to `parseForm` yourself.
 */
export type ReadFormOptions = {
  maxBytes?: number
  /** file fields read as text (a CSV upload); any other file is still refused */
  textFiles?: readonly string[]
  /** what a 413 says, when the form's own words are clearer than the default */
  tooLargeMessage?: string
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true })

export async function readFormData(
  request: Request,
  { maxBytes = MAX_FORM_BYTES, textFiles = [], tooLargeMessage }: ReadFormOptions = {},
): Promise<FormData> {
  const contentType = request.headers.get('Content-Type')
  const mediaType = contentType?.split(';')[0].trim().toLowerCase() ?? ''
  const declared = request.headers.get('Content-Length')
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    // Refused on the header alone: nothing is kept, though a body of sane size is still drained.
    await refuseTooLarge(
      Number(declared) <= maxBytes * DRAIN_FACTOR ? (request.body?.getReader() ?? null) : null,
      0,
      maxBytes,
      tooLargeMessage,
    )
  }
  if (!FORM_TYPES.includes(mediaType)) {
    // Read (and dropped) even so, so the client gets to read the answer.
    const body = await readCapped(request, maxBytes)
    // A bare POST (no type, no body) is an empty form: a sign-out button, a one-click unsubscribe.
    if (contentType === null && body.byteLength === 0) return new FormData()
    refuse(415, 'This address takes an HTML form (application/x-www-form-urlencoded or multipart/form-data), not this kind of body.')
  }
  const bytes = await readCapped(request, maxBytes, tooLargeMessage)
  if (mediaType === 'application/x-www-form-urlencoded') return urlencodedForm(bytes)
  let formData: FormData
  try {
    formData = await new Response(bytes, { headers: { 'Content-Type': contentType ?? '' } }).formData()
  } catch {
    refuse(400, 'The form could not be read. Reload the page and try again.')
  }
  const fields = new FormData()
  for (const [name, value] of formData.entries()) {
    if (typeof value === 'string') fields.append(name, value)
    else if (!textFiles.includes(name)) refuse(415, 'This form does not take file uploads.')
    // An uploaded file's control characters are dropped, not refused: exports carry stray ones, and no field wants them.
    else fields.append(name, (await value.text()).replace(CONTROL_ALL, ''))
  }
  return fields
}

/**
 * An application/x-www-form-urlencoded body's fields. The Fetch standard's
 * parser for it is URLSearchParams; going through a Response and its stream
 * to reach it cost a tenth of an answer's time.
 */
export function urlencodedForm(bytes: Uint8Array): FormData {
  const fields = new FormData()
  for (const [name, value] of new URLSearchParams(utf8.decode(bytes))) fields.append(name, value)
  return fields
}

/** The schema of an action that takes no fields (a sign-out button): the body is still checked like any other. */
export const noFields = z.object({})

/**
 * The one way an action reads its form: `readFormData`'s checks on the body,
 * then `parseForm` with the schema.
 */
export async function readForm<S extends z.ZodType>(request: Request, schema: S): Promise<FormResult<z.infer<S>>> {
  return parseForm(await readFormData(request), schema)
}

/**
 * The one form parser: FormData through a zod schema. On failure it returns
 * field errors plus what the person typed, so the form can re-render intact.
 * Control characters fail their field before the schema runs, so no rule
 * downstream (or the database) ever sees one.
 */
export function parseForm<S extends z.ZodType>(formData: FormData, schema: S): FormResult<z.infer<S>> {
  const raw: Record<string, string | string[]> = {}
  const values: Record<string, string> = {}
  const controlErrors: FieldErrors = {}
  let badName = false
  for (const [key, value] of formData.entries()) {
    if (typeof value !== 'string') continue
    if (hasControlCharacter(key)) {
      badName = true
      continue
    }
    if (hasControlCharacter(value)) controlErrors[key] = [CONTROL_CHARACTER_MESSAGE]
    const existing = raw[key]
    raw[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]
    // Passwords are never echoed back into the page. What is echoed shows
    // each control character as U+FFFD, so the person can see where it was.
    if (!/password/i.test(key)) values[key] = value.replace(CONTROL_ALL, '\uFFFD')
  }
  if (badName || Object.keys(controlErrors).length) {
    return {
      ok: false,
      errors: controlErrors,
      formError: badName ? 'The form contained a field name with a control character. Reload the page and try again.' : undefined,
      values,
    }
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

export { dayField, isCalendarDay } from '~/domain/calendar'

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
