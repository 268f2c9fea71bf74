import { Form, Link } from '@remix-run/react'
import { Field, FormError, SelectField, TextareaField } from '~/components/field'
import { CLASSIFICATION_RULE, OUTCOME_LABELS, QUESTION_LABELS, SHIPPED_AS_LABELS, WORDS_PER_PAGE } from '~/domain/classification'
import { DISCIPLINES, DISCIPLINE_LABELS } from '~/domain/disciplines'
import { STAGE_OPTIONS } from '~/domain/stages'
import type { FieldErrors } from '~/utils/forms'
import { useFormResult } from '~/utils/use-form-result'
import { CheckboxGroup, RadioGroup } from './choice'

const UNIT_OPTIONS = [
  { value: 'days', label: 'days' },
  { value: 'weeks', label: 'weeks' },
] as const

function Effort({
  name,
  label,
  values,
  errors,
}: {
  name: 'planned' | 'actual'
  label: string
  values: Record<string, string>
  errors: FieldErrors
}) {
  return (
    <div className="effort">
      <Field type="text" label={label} name={name} inputMode="decimal" defaultValue={values[name] ?? ''} errors={errors[name]} />
      <SelectField
        label="Unit"
        name={`${name}Unit`}
        id={`f-${name}Unit`}
        options={UNIT_OPTIONS}
        defaultValue={values[`${name}Unit`] ?? 'days'}
        errors={errors[`${name}Unit`]}
      />
    </div>
  )
}

/**
 * The two-minute record of a shipped feature. Every field is plain HTML, so
 * it works without JavaScript; the "if shipped differently" fields are always
 * present and only required when they apply. After a refused submission it
 * shows what was typed, with the errors by field.
 */
export function FeatureForm({
  defaults,
  submitLabel,
  cancelTo,
  stageNote,
}: {
  defaults: Record<string, string>
  submitLabel: string
  cancelTo: string
  /** where an imported stage came from, so a person can see what they are correcting */
  stageNote?: string | null
}) {
  const { failed, values: typed, errors, formError } = useFormResult()
  const values = failed ? typed : defaults
  return (
    <>
      {failed ? (
        <p className="alert danger" role="alert">
          Some answers need another look. Nothing was saved yet.
        </p>
      ) : null}
      <FeatureFields
        values={values}
        errors={errors}
        formError={formError}
        submitLabel={submitLabel}
        cancelTo={cancelTo}
        stageNote={stageNote}
      />
    </>
  )
}

function FeatureFields({
  values,
  errors,
  formError,
  submitLabel,
  cancelTo,
  stageNote,
}: {
  values: Record<string, string>
  errors: FieldErrors
  formError: string | null
  submitLabel: string
  cancelTo: string
  stageNote?: string | null
}) {
  return (
    // Multipart, not URL-encoded: URL-encoding triples every non-ASCII byte, and a
    // spec pasted in full in any script must fit the 1 MB a form may hold.
    <Form method="post" encType="multipart/form-data" className="stack card" noValidate>
      <FormError message={formError} />
      <Field
        type="text"
        label="Feature name"
        name="name"
        defaultValue={values.name ?? ''}
        errors={errors.name}
        maxLength={120}
        autoComplete="off"
      />
      <TextareaField
        label="The user problem (Y)"
        hint="in users’ words: what were they trying to do?"
        name="problem"
        defaultValue={values.problem ?? ''}
        errors={errors.problem}
        rows={3}
      />
      <Field
        type="text"
        label="The ask as it arrived (X)"
        hint="e.g. “better analytics”"
        name="ask"
        defaultValue={values.ask ?? ''}
        errors={errors.ask}
        maxLength={300}
      />

      <div className="form-section stack">
        <h3>The spec</h3>
        <RadioGroup
          legend="How do you want to record its length?"
          name="specMode"
          value={values.specMode ?? 'count'}
          errors={errors.specMode}
          options={[
            { value: 'count', label: 'Enter the word and page count' },
            { value: 'paste', label: 'Paste the spec (we count the words)' },
          ]}
        />
        <div className="row top">
          <Field
            type="text"
            label="Words"
            name="specWords"
            inputMode="numeric"
            defaultValue={values.specWords ?? ''}
            errors={errors.specWords}
            hint="0 if there was none"
          />
          <Field
            type="text"
            label="Pages"
            name="specPages"
            inputMode="decimal"
            defaultValue={values.specPages ?? ''}
            errors={errors.specPages}
            hint={`blank: ${WORDS_PER_PAGE} words a page`}
          />
        </div>
        <TextareaField
          label="Or paste the spec"
          hint="used only when “Paste the spec” is chosen"
          name="specText"
          defaultValue={values.specText ?? ''}
          errors={errors.specText}
          rows={4}
        />
      </div>

      <div className="form-section stack">
        <h3>Engineering’s involvement</h3>
        <SelectField
          label="Stage at which engineering was first involved"
          name="engineeringJoinedStage"
          options={[{ value: '', label: 'Choose a stage…' }, ...STAGE_OPTIONS]}
          defaultValue={values.engineeringJoinedStage ?? ''}
          errors={errors.engineeringJoinedStage}
          hint={stageNote ? `(${stageNote} Choose another stage to correct it.)` : undefined}
        />
        <p className="rule" id="classification-rule">
          <strong>Collaboration or handoff?</strong> {CLASSIFICATION_RULE}
        </p>
        <RadioGroup
          legend="The question engineering was asked"
          name="question"
          value={values.question}
          errors={errors.question}
          vertical
          options={[
            { value: 'how_fast', label: QUESTION_LABELS.how_fast },
            { value: 'what_could', label: QUESTION_LABELS.what_could },
          ]}
        />
      </div>

      <div className="form-section stack">
        <h3>Effort and dates</h3>
        <div className="row top">
          <Effort name="planned" label="Planned effort" values={values} errors={errors} />
          <Effort name="actual" label="Actual effort" values={values} errors={errors} />
        </div>
        <p className="small muted" style={{ margin: 0 }}>
          A week is five working days; efforts are stored in days.
        </p>
        <div className="row top">
          <Field label="Work began" type="date" name="startedOn" defaultValue={values.startedOn ?? ''} errors={errors.startedOn} />
          <Field label="Shipped" type="date" name="shippedOn" defaultValue={values.shippedOn ?? ''} errors={errors.shippedOn} />
        </div>
      </div>

      <div className="form-section stack">
        <h3>How it shipped</h3>
        <RadioGroup
          legend="Did it ship as planned?"
          name="shippedAs"
          value={values.shippedAs}
          errors={errors.shippedAs}
          options={[
            { value: 'as_planned', label: SHIPPED_AS_LABELS.as_planned },
            { value: 'differently', label: SHIPPED_AS_LABELS.differently },
          ]}
        />
        <div className="when stack">
          <p className="small muted" style={{ margin: 0 }}>
            Only if it shipped differently:
          </p>
          <TextareaField
            label="What changed"
            name="changeWhat"
            defaultValue={values.changeWhat ?? ''}
            errors={errors.changeWhat}
            rows={2}
          />
          <TextareaField label="Why" name="changeWhy" defaultValue={values.changeWhy ?? ''} errors={errors.changeWhy} rows={2} />
          <CheckboxGroup
            legend="Was anyone upset by the change?"
            hint="Tick each discipline that was; leave all clear if nobody was."
            prefix="upset_"
            options={DISCIPLINES.map((d) => ({ value: d, label: DISCIPLINE_LABELS[d] }))}
            checked={(d) => values[`upset_${d}`] === 'on'}
          />
        </div>
      </div>

      <div className="form-section stack">
        <h3>Outcome</h3>
        <RadioGroup
          legend="What did users say?"
          name="outcome"
          value={values.outcome}
          errors={errors.outcome}
          hint="“This isn’t what we asked for” invites an autopsy."
          options={[
            { value: 'fine', label: OUTCOME_LABELS.fine },
            { value: 'not_what_we_asked', label: OUTCOME_LABELS.not_what_we_asked },
          ]}
        />
      </div>

      <div className="form-actions">
        <button type="submit">{submitLabel}</button>
        <Link to={cancelTo}>Cancel</Link>
      </div>
    </Form>
  )
}
