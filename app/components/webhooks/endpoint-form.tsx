import { Form } from '@remix-run/react'
import { Field, FormError } from '~/components/field'
import { EVENT_LABELS, WEBHOOK_EVENTS, type WebhookEvent } from '~/domain/webhooks'

type Failure = { failed: boolean; errors: Record<string, string[] | undefined>; values: Record<string, string>; formError: string | null }

/**
 * The endpoint's URL, events and switch, for adding one and for editing it.
 * After a refusal the boxes show what was submitted (the action echoes the
 * ticked events as one space-separated value).
 */
export function EndpointForm({
  intent,
  submitLabel,
  stored,
  failure,
  busy,
}: {
  intent: 'create' | 'save'
  submitLabel: string
  stored: { url: string; events: readonly string[]; enabled: boolean }
  failure: Failure
  busy: boolean
}) {
  const mine = failure.failed && failure.values.intent === intent
  const url = mine ? (failure.values.url ?? '') : stored.url
  const enabled = mine ? failure.values.enabled === 'on' : stored.enabled
  const errors = mine ? failure.errors : {}
  const checked = (e: WebhookEvent) => (mine ? (failure.values.events ?? '').split(' ').includes(e) : stored.events.includes(e))
  return (
    <Form method="post" className="stack" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <FormError message={mine ? (failure.formError ?? 'Some fields need fixing; see the messages below.') : null} />
      <Field
        label="Payload URL"
        name="url"
        type="text"
        inputMode="url"
        required
        maxLength={2000}
        placeholder="https://hooks.example.com/tandem"
        hint="(https)"
        defaultValue={url}
        errors={errors.url}
      />
      <fieldset
        className="stack"
        style={{ border: 0, padding: 0, margin: 0, gap: 0 }}
        aria-describedby={errors.events ? 'events-error' : undefined}
      >
        <legend style={{ fontWeight: 600, padding: 0, marginBottom: '0.25rem' }}>Events to send</legend>
        {WEBHOOK_EVENTS.map((e) => (
          <label key={e} style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', minHeight: 44 }}>
            <input type="checkbox" name="events" value={e} defaultChecked={checked(e)} />
            <span>
              <code>{e}</code> <span className="muted small">{EVENT_LABELS[e]}</span>
            </span>
          </label>
        ))}
        {errors.events ? (
          <p id="events-error" className="field-error" role="alert">
            {errors.events[0]}
          </p>
        ) : null}
      </fieldset>
      <label style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', minHeight: 44 }}>
        <input type="checkbox" name="enabled" value="on" defaultChecked={enabled} />
        <span>
          On <span className="muted small">(off: no new events are queued for it, and waiting deliveries wait)</span>
        </span>
      </label>
      <div>
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  )
}

/** A signing secret, in the clear only in the answer to the action that made it. */
export function SecretOnce({ secret, url }: { secret: string; url: string }) {
  return (
    <div className="alert" role="status">
      <p style={{ marginTop: 0 }}>
        <strong>Copy the signing secret now.</strong> It is shown only this once; Tandem keeps it sealed and signs every delivery to{' '}
        <code style={{ overflowWrap: 'anywhere' }}>{url}</code> with it.
      </p>
      <p style={{ marginBottom: 0 }}>
        <code style={{ overflowWrap: 'anywhere', userSelect: 'all', fontSize: '1rem' }} data-testid="webhook-secret">
          {secret}
        </code>
      </p>
    </div>
  )
}
