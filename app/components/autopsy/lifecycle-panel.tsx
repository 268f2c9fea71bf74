import { Form, Link } from '@remix-run/react'
import { FormError, TextareaField } from '~/components/field'
import type { AutopsyStage } from '~/domain/autopsy-lifecycle'
import { OVERRIDE_MAX_LENGTH, OVERRIDE_MIN_LENGTH, type GateResult } from '~/domain/respect-gate'
import { useIntentFailure } from './use-intent-failure'

/** The intents of the lifecycle panel's forms: their refusals show in the panel. */
export const LIFECYCLE_INTENTS = ['start-collecting', 'reveal', 'publish'] as const

/** The facilitator's next step, one at a time. */
export function LifecyclePanel({
  stage,
  written,
  blockers,
  gate,
  editHref,
}: {
  editHref: string
  stage: AutopsyStage
  written: number
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
            <span className="small muted">Members of the team are notified.</span>
          </div>
        </Form>
      ) : stage === 'collecting' ? (
        <Form method="post" className="stack">
          <p style={{ margin: 0 }}>
            {written} {written === 1 ? 'perspective is' : 'perspectives are'} written. When everyone has written theirs, reveal them
            together. There is one reveal; after it, perspectives cannot change.
          </p>
          <div>
            <button type="submit" name="intent" value="reveal">
              Reveal all perspectives
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
