import { Form, Link } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { FormError, TextareaField } from '~/components/field'
import type { AutopsyStage } from '~/domain/autopsy-lifecycle'
import { writtenSentence } from '~/domain/perspective-requests'
import { OVERRIDE_MAX_LENGTH, OVERRIDE_MIN_LENGTH, type GateResult } from '~/domain/respect-gate'
import { useIntentFailure } from './use-intent-failure'

/** The intents of the lifecycle panel's forms: their refusals show in the panel. */
export const LIFECYCLE_INTENTS = ['start-collecting', 'reveal', 'publish'] as const

/** The facilitator's next step, one at a time. */
export function LifecyclePanel({
  stage,
  written,
  requested,
  confirmReveal,
  blockers,
  gate,
  editHref,
  pageHref,
}: {
  editHref: string
  pageHref: string
  stage: AutopsyStage
  written: number
  requested: number
  /** the reveal's confirmation step is showing (?confirm=reveal) */
  confirmReveal: boolean
  blockers: readonly string[]
  gate: GateResult
}) {
  const failure = useIntentFailure(...LIFECYCLE_INTENTS)
  if (stage === 'published') return null
  const needsOverride = stage === 'reviewing' && gate.state === 'deficit' && !gate.satisfied
  return (
    <section className="card" aria-labelledby="next-h">
      <h2 id="next-h" style={{ marginTop: 0 }}>
        Next step
      </h2>
      <FormError message={failure?.formError} />
      {stage === 'draft' ? (
        <Form method="post" className="stack">
          <p style={{ margin: 0 }}>
            Fill in what you know, then ask everyone who worked on the feature for their account. Each writes privately; nobody, you
            included, reads any of them until you reveal them all at once.
          </p>
          <div>
            <button type="submit" name="intent" value="start-collecting">
              Start collecting perspectives
            </button>{' '}
            <span className="small muted">The people asked (listed below) are notified.</span>
          </div>
        </Form>
      ) : stage === 'collecting' && confirmReveal && written > 0 ? (
        <RevealConfirmation written={written} requested={requested} cancelHref={pageHref} />
      ) : stage === 'collecting' ? (
        // A GET to the confirmation step: the reveal itself is the second submit, there.
        <Form method="get" className="stack" preventScrollReset>
          <p style={{ margin: 0 }}>
            <strong>{writtenSentence(written, requested)}</strong> When everyone has written theirs, reveal them together. There is one
            reveal; after it, perspectives cannot change.
          </p>
          <div>
            <button type="submit" name="confirm" value="reveal" disabled={written === 0}>
              Reveal all perspectives…
            </button>
          </div>
        </Form>
      ) : (
        <Form method="post" className="stack">
          {blockers.length ? (
            <>
              <p style={{ margin: 0 }}>Before publishing:</p>
              <ul style={{ margin: 0 }}>
                {blockers.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </>
          ) : (
            <p style={{ margin: 0 }}>
              Everything is in place. Publishing makes the autopsy read-only, except for action-item status, and shows it to the team’s
              leaders.
            </p>
          )}
          {needsOverride ? (
            <TextareaField
              label="Or override the respect-first gate"
              hint={`why publish without a respect action? At least ${OVERRIDE_MIN_LENGTH} characters; recorded and shown with the autopsy`}
              name="overrideReason"
              maxLength={OVERRIDE_MAX_LENGTH}
              defaultValue={failure?.values.overrideReason ?? ''}
              errors={failure?.errors.overrideReason}
              rows={3}
            />
          ) : null}
          <div className="form-actions">
            <button type="submit" name="intent" value="publish">
              {needsOverride ? 'Publish (with the override above)' : 'Publish'}
            </button>
            {blockers.length ? <Link to={editHref}>Edit sections</Link> : null}
          </div>
        </Form>
      )}
    </section>
  )
}

/** The second step of the reveal: says how many have written, and reveals only on this submit. */
function RevealConfirmation({ written, requested, cancelHref }: { written: number; requested: number; cancelHref: string }) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const missing = requested - written
  return (
    <Form method="post" className="stack confirm-reveal" aria-labelledby="confirm-reveal-h">
      <h3 id="confirm-reveal-h" ref={heading} tabIndex={-1} style={{ margin: 0 }}>
        Reveal all perspectives now?
      </h3>
      <p style={{ margin: 0 }}>
        <strong>{writtenSentence(written, requested)}</strong>{' '}
        {missing > 0
          ? `The ${missing === 1 ? 'one person' : `${missing} people`} who have not written will not be able to once you reveal. `
          : ''}
        Everyone’s account becomes readable by the team at once, and the reveal cannot be undone.
      </p>
      <input type="hidden" name="written" value={written} />
      <div className="form-actions">
        <button type="submit" name="intent" value="reveal">
          Yes, reveal {written === 1 ? 'the one perspective' : `all ${written} perspectives`}
        </button>
        <Link to={cancelHref}>Not yet</Link>
      </div>
    </Form>
  )
}
