import { Form } from '@remix-run/react'
import { FormError, SelectField } from '~/components/field'
import { DISCIPLINE_LABELS, type Discipline } from '~/domain/disciplines'
import { writtenSentence } from '~/domain/perspective-requests'
import { useIntentFailure } from './use-intent-failure'

export const REQUEST_INTENTS = ['request-add', 'request-remove'] as const

type Requests = {
  requested: { userId: string; name: string; discipline: Discipline; written: boolean }[]
  others: { userId: string; name: string }[]
  count: { written: number; requested: number }
}

/**
 * The facilitator's list of whom the autopsy asks for a perspective, before
 * the reveal: by default the people whose discipline is on the timeline. They
 * see who has written, never what.
 */
export function RequestsPanel({ requests, collecting }: { requests: Requests; collecting: boolean }) {
  const failure = useIntentFailure(...REQUEST_INTENTS)
  return (
    <section className="card stack" aria-labelledby="asked-h">
      <h2 id="asked-h" style={{ margin: 0 }}>
        Perspectives asked for
      </h2>
      <p style={{ margin: 0 }}>
        {collecting
          ? writtenSentence(requests.count.written, requests.count.requested)
          : 'When you start collecting, these people are asked. By default they are the team’s members whose discipline worked on a stage of the timeline.'}{' '}
        <span className="small muted">You see who has written, never what, so the reveal stays fair.</span>
      </p>
      <FormError message={failure?.formError && !failure.errors.userId ? failure.formError : null} />
      {requests.requested.length ? (
        <ul className="asked-list">
          {requests.requested.map((p) => (
            <li key={p.userId}>
              <span>
                {p.name} <span className="muted small">({DISCIPLINE_LABELS[p.discipline]})</span>
              </span>
              {collecting ? <span className={p.written ? 'tag ok' : 'tag'}>{p.written ? 'Written' : 'Not yet'}</span> : null}
              {p.written ? null : (
                <Form method="post">
                  <input type="hidden" name="userId" value={p.userId} />
                  <button type="submit" name="intent" value="request-remove" className="link-button" aria-label={`Remove ${p.name}`}>
                    Remove
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nobody is asked yet. Add the people who worked on the feature.</p>
      )}
      {requests.others.length ? (
        <Form method="post" className="row">
          <SelectField
            label="Also ask"
            name="userId"
            id="ask-userId"
            errors={failure?.errors.userId}
            options={requests.others.map((o) => ({ value: o.userId, label: o.name }))}
          />
          <button type="submit" name="intent" value="request-add" className="secondary">
            Ask
          </button>
        </Form>
      ) : null}
    </section>
  )
}
