import { z } from 'zod'
import { eventsField, webhookUrlField } from '~/domain/webhooks'
import { hasControlCharacter, parseForm, readFormData } from './forms'

/** One value or several from a group of checkboxes, as a list. */
const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v])

/** The endpoint form's fields; the URL rule depends on where the app runs (plain http to localhost outside production). */
export function endpointFields(mode: 'production' | 'development' | 'test') {
  return {
    url: webhookUrlField(mode),
    events: z.preprocess(list, eventsField),
    enabled: z.literal('on', { error: 'Tick the box or leave it empty' }).optional(),
  }
}

/**
 * Reads a webhook form with `schema`. A refusal echoes the ticked events as
 * one space-separated value, since a form echo keeps one value per name.
 */
export async function readWebhookForm<S extends z.ZodType>(request: Request, schema: S) {
  const formData = await readFormData(request)
  const form = parseForm(formData, schema)
  if (form.ok) return form
  const events = formData.getAll('events').filter((v): v is string => typeof v === 'string')
  // One event is echoed as it is; an event with a control character is echoed marked, as parseForm does.
  if (events.length < 2 || events.some(hasControlCharacter)) return form
  return { ...form, values: { ...form.values, events: events.join(' ') } }
}
