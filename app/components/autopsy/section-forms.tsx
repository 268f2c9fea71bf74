// The facilitator's forms for the autopsy's written sections. Each is its own
// <Form> with an intent, so a mistake in one never loses what was typed in
// another: each shows only the refusals of its own intent.
import { Form } from '@remix-run/react'
import { Field, FormError, SelectField, TextareaField } from '~/components/field'
import type { TimelineStage } from '~/domain/autopsy-view'
import { formatEffort } from '~/domain/classification'
import { FACTORS, MAX_CUSTOM_FACTORS } from '~/domain/factors'
import { STAGES, STAGE_OPTIONS, type StageKey } from '~/domain/stages'
import { MISMATCH_PARTS } from './mismatch'
import { useIntentFailure } from './use-intent-failure'

export const TEXT_LIMIT = 2000
export const NOTE_LIMIT = 500

function Save({ intent, label }: { intent: string; label: string }) {
  return (
    <div>
      <button type="submit" name="intent" value={intent}>
        {label}
      </button>
    </div>
  )
}

export function MismatchForm({ values }: { values: Record<string, string> }) {
  const failure = useIntentFailure('mismatch')
  const v = failure?.values ?? values
  return (
    <Form method="post" className="stack card" aria-labelledby="edit-mismatch-h">
      <h3 id="edit-mismatch-h" style={{ margin: 0 }}>
        1. The mismatch
      </h3>
      <FormError message={failure?.formError} />
      <div className="form-grid">
        {MISMATCH_PARTS.map((p) => (
          <TextareaField
            key={p.key}
            label={p.title}
            name={p.key}
            defaultValue={v[p.key] ?? ''}
            errors={failure?.errors[p.key]}
            maxLength={TEXT_LIMIT}
            rows={4}
          />
        ))}
      </div>
      <Save intent="mismatch" label="Save the mismatch" />
    </Form>
  )
}

export function timelineValues(stages: readonly TimelineStage[], failureOrigin: StageKey | null): Record<string, string> {
  const values: Record<string, string> = { failureOriginStage: failureOrigin ?? '' }
  for (const s of stages) {
    if (s.product) values[`${s.stage}_product`] = 'on'
    if (s.engineering) values[`${s.stage}_engineering`] = 'on'
    if (s.design) values[`${s.stage}_design`] = 'on'
    values[`${s.stage}_startedOn`] = s.startedOn ?? ''
    values[`${s.stage}_endedOn`] = s.endedOn ?? ''
    values[`${s.stage}_note`] = s.note
  }
  return values
}

const LANES = [
  { key: 'product', label: 'Product' },
  { key: 'engineering', label: 'Engineering' },
  { key: 'design', label: 'Design' },
] as const

export function TimelineForm({ values }: { values: Record<string, string> }) {
  const failure = useIntentFailure('timeline')
  const v = failure?.values ?? values
  const errors = failure?.errors ?? {}
  return (
    <Form method="post" className="stack card" aria-labelledby="edit-timeline-h">
      <h3 id="edit-timeline-h" style={{ margin: 0 }}>
        2. Timeline
      </h3>
      <FormError message={failure?.formError} />
      <SelectField
        label="Failure-origin stage"
        hint="where the mismatch started"
        name="failureOriginStage"
        defaultValue={v.failureOriginStage ?? ''}
        errors={errors.failureOriginStage}
        options={[{ value: '', label: 'Not decided yet' }, ...STAGE_OPTIONS]}
      />
      <p className="small muted" style={{ margin: 0 }}>
        For each stage: who was involved, and optionally when and what happened. Engineering “joins” at the first stage it is ticked.
      </p>
      <div className="stage-editor">
        {STAGES.map((s, i) => (
          <fieldset key={s.key}>
            <legend>
              {i + 1}. {s.label}
            </legend>
            <div className="choice-list">
              {LANES.map((lane) => (
                <label key={lane.key}>
                  <input type="checkbox" name={`${s.key}_${lane.key}`} value="on" defaultChecked={v[`${s.key}_${lane.key}`] === 'on'} />
                  <span>{lane.label}</span>
                </label>
              ))}
            </div>
            <div className="dates">
              <Field
                label="From"
                type="date"
                name={`${s.key}_startedOn`}
                defaultValue={v[`${s.key}_startedOn`] ?? ''}
                errors={errors[`${s.key}_startedOn`]}
              />
              <Field
                label="To"
                type="date"
                name={`${s.key}_endedOn`}
                defaultValue={v[`${s.key}_endedOn`] ?? ''}
                errors={errors[`${s.key}_endedOn`]}
              />
            </div>
            <TextareaField
              label="Notes"
              name={`${s.key}_note`}
              defaultValue={v[`${s.key}_note`] ?? ''}
              errors={errors[`${s.key}_note`]}
              maxLength={NOTE_LIMIT}
              rows={2}
            />
          </fieldset>
        ))}
      </div>
      <Save intent="timeline" label="Save the timeline" />
    </Form>
  )
}

export function FactorsForm({ chosen, custom }: { chosen: readonly string[]; custom: readonly { id: string; text: string }[] }) {
  const failure = useIntentFailure('factors')
  const customFailure = useIntentFailure('custom-factor', 'remove-factor')
  const picked = (key: string) => (failure ? failure.values[`factor_${key}`] === 'on' : chosen.includes(key))
  return (
    <div className="card stack" aria-labelledby="edit-factors-h" role="group">
      <h3 id="edit-factors-h" style={{ margin: 0 }}>
        4. Contributing factors
      </h3>
      <Form method="post" className="stack">
        <FormError message={failure?.formError} />
        <fieldset className="choices">
          <legend>The shared taxonomy: tick every factor that contributed</legend>
          <div className="choice-list vertical">
            {FACTORS.map((f) => (
              <label key={f.key} style={{ alignItems: 'flex-start' }}>
                <input type="checkbox" name={`factor_${f.key}`} value="on" defaultChecked={picked(f.key)} style={{ marginTop: '0.2rem' }} />
                <span>
                  <strong>{f.label}</strong> <span className="small muted">{f.description}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <Save intent="factors" label="Save factors" />
      </Form>
      <div>
        <h4 style={{ margin: '0.5rem 0 0.25rem' }}>Custom factors</h4>
        {custom.length ? (
          <ul className="actions-list">
            {custom.map((c) => (
              <li key={c.id} className="row" style={{ alignItems: 'center' }}>
                <span className="tag">{c.text}</span>
                <Form method="post">
                  <input type="hidden" name="factorId" value={c.id} />
                  <button type="submit" name="intent" value="remove-factor" className="link-button" aria-label={`Remove “${c.text}”`}>
                    Remove
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="small muted">None yet. Add one when the taxonomy does not name what happened (up to {MAX_CUSTOM_FACTORS}).</p>
        )}
        <Form method="post" className="row">
          <Field
            type="text"
            label="Add a custom factor"
            name="label"
            maxLength={80}
            defaultValue={customFailure?.values.label ?? ''}
            errors={customFailure?.errors.label}
          />
          <button type="submit" name="intent" value="custom-factor" className="secondary">
            Add
          </button>
        </Form>
        <FormError message={customFailure?.formError && !customFailure.errors.label ? customFailure.formError : null} />
      </div>
    </div>
  )
}

export function HindsightForm({ values, actualDays }: { values: Record<string, string>; actualDays: number }) {
  const failure = useIntentFailure('hindsight')
  const v = failure?.values ?? values
  return (
    <Form method="post" className="stack card" aria-labelledby="edit-hindsight-h">
      <h3 id="edit-hindsight-h" style={{ margin: 0 }}>
        5. Cheaper alternative in hindsight
      </h3>
      <FormError message={failure?.formError} />
      <TextareaField
        label="What would have solved the real problem?"
        hint="e.g. an automated email with the three numbers users check each Monday"
        name="solution"
        defaultValue={v.solution ?? ''}
        errors={failure?.errors.solution}
        maxLength={TEXT_LIMIT}
        rows={3}
      />
      <div className="effort" style={{ maxWidth: 420 }}>
        <Field
          type="text"
          label="Its effort"
          name="effort"
          inputMode="decimal"
          defaultValue={v.effort ?? ''}
          errors={failure?.errors.effort}
        />
        <SelectField
          label="Unit"
          name="effortUnit"
          id="f-effortUnit"
          defaultValue={v.effortUnit ?? 'days'}
          errors={failure?.errors.effortUnit}
          options={[
            { value: 'days', label: 'days' },
            { value: 'weeks', label: 'weeks' },
          ]}
        />
      </div>
      <p className="small muted" style={{ margin: 0 }}>
        Compared on the autopsy with the {formatEffort(actualDays)} actually spent. A week is five working days.
      </p>
      <Save intent="hindsight" label="Save the hindsight" />
    </Form>
  )
}
