// The facilitator's written sections of an autopsy. They are parts of one
// form (see the edit route): one submit saves them all together, and a refusal
// re-renders every section with what was typed in it.
import { Field, SelectField, TextareaField } from '~/components/field'
import type { TimelineStage } from '~/domain/autopsy-view'
import { formatEffort } from '~/domain/classification'
import { FACTORS, MAX_CUSTOM_FACTORS } from '~/domain/factors'
import { STAGES, STAGE_OPTIONS, type StageKey } from '~/domain/stages'
import type { FieldErrors } from '~/utils/forms'
import { MISMATCH_PARTS } from './mismatch'

export const TEXT_LIMIT = 2000
export const NOTE_LIMIT = 500
/** A custom factor's removal box is named with this prefix and the factor's id. */
export const REMOVE_PREFIX = 'removeFactor_'

/** What a section shows: the stored values, or what was typed when the last save was refused. */
type SectionProps = { values: Record<string, string>; errors: FieldErrors }

export function MismatchSection({ values: v, errors }: SectionProps) {
  return (
    <section className="stack card" aria-labelledby="edit-mismatch-h">
      <h3 id="edit-mismatch-h" style={{ margin: 0 }}>
        1. The mismatch
      </h3>
      <div className="form-grid">
        {MISMATCH_PARTS.map((p) => (
          <TextareaField
            key={p.key}
            label={p.title}
            name={p.key}
            defaultValue={v[p.key] ?? ''}
            errors={errors[p.key]}
            maxLength={TEXT_LIMIT}
            rows={4}
          />
        ))}
      </div>
    </section>
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

export function TimelineSection({ values: v, errors }: SectionProps) {
  return (
    <section className="stack card" aria-labelledby="edit-timeline-h">
      <h3 id="edit-timeline-h" style={{ margin: 0 }}>
        2. Timeline
      </h3>
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
    </section>
  )
}

export function FactorsSection({ values: v, errors, custom }: SectionProps & { custom: readonly { id: string; text: string }[] }) {
  return (
    <section className="card stack" aria-labelledby="edit-factors-h">
      <h3 id="edit-factors-h" style={{ margin: 0 }}>
        4. Contributing factors
      </h3>
      <fieldset className="choices">
        <legend>The shared taxonomy: tick every factor that contributed</legend>
        <div className="choice-list vertical">
          {FACTORS.map((f) => (
            <label key={f.key} style={{ alignItems: 'flex-start' }}>
              <input
                type="checkbox"
                name={`factor_${f.key}`}
                value="on"
                defaultChecked={v[`factor_${f.key}`] === 'on'}
                style={{ marginTop: '0.2rem' }}
              />
              <span>
                <strong>{f.label}</strong> <span className="small muted">{f.description}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {custom.length ? (
        <fieldset className="choices">
          <legend>Custom factors: tick any to remove when you save</legend>
          <div className="choice-list vertical">
            {custom.map((c) => (
              <label key={c.id}>
                <input type="checkbox" name={`${REMOVE_PREFIX}${c.id}`} value="on" defaultChecked={v[`${REMOVE_PREFIX}${c.id}`] === 'on'} />
                <span>
                  Remove <span className="tag">{c.text}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <p className="small muted" style={{ margin: 0 }}>
          No custom factors yet. Add one when the taxonomy does not name what happened (up to {MAX_CUSTOM_FACTORS}).
        </p>
      )}
      <Field
        type="text"
        label="Add a custom factor"
        hint="optional, saved with the rest"
        name="customFactor"
        maxLength={80}
        defaultValue={v.customFactor ?? ''}
        errors={errors.customFactor}
      />
    </section>
  )
}

export function HindsightSection({ values: v, errors, actualDays }: SectionProps & { actualDays: number }) {
  return (
    <section className="stack card" aria-labelledby="edit-hindsight-h">
      <h3 id="edit-hindsight-h" style={{ margin: 0 }}>
        5. Cheaper alternative in hindsight
      </h3>
      <TextareaField
        label="What would have solved the real problem?"
        hint="e.g. an automated email with the three numbers users check each Monday"
        name="solution"
        defaultValue={v.solution ?? ''}
        errors={errors.solution}
        maxLength={TEXT_LIMIT}
        rows={3}
      />
      <div className="effort" style={{ maxWidth: 420 }}>
        <Field type="text" label="Its effort" name="effort" inputMode="decimal" defaultValue={v.effort ?? ''} errors={errors.effort} />
        <SelectField
          label="Unit"
          name="effortUnit"
          id="f-effortUnit"
          defaultValue={v.effortUnit ?? 'days'}
          errors={errors.effortUnit}
          options={[
            { value: 'days', label: 'days' },
            { value: 'weeks', label: 'weeks' },
          ]}
        />
      </div>
      <p className="small muted" style={{ margin: 0 }}>
        Compared on the autopsy with the {formatEffort(actualDays)} actually spent. A week is five working days.
      </p>
    </section>
  )
}
