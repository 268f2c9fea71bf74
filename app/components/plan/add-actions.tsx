import { Form } from '@remix-run/react'
import { Field, SelectField } from '~/components/field'
import type { FieldErrors } from '~/utils/forms'
import { DIMENSIONS, type DimensionKey } from '~/domain/instrument'
import type { Practice } from '~/domain/practices'
import { ACTION_KINDS, ACTION_KIND_HINTS, ACTION_KIND_LABELS } from '~/domain/respect-gate'

type Member = { userId: string; name: string }
type Failure = { errors: FieldErrors; values: Record<string, string> }

const dimensionOptions = DIMENSIONS.map((d) => ({ value: d.key, label: d.label }))

function OwnerAndDue({
  prefix,
  members,
  failure,
  dueOn,
  today,
}: {
  prefix: string
  members: readonly Member[]
  failure: Failure | null
  dueOn: string
  today: string
}) {
  return (
    <>
      <SelectField
        id={`${prefix}-owner`}
        label="Owner"
        name="ownerId"
        options={[{ value: '', label: 'Choose someone on the team' }, ...members.map((m) => ({ value: m.userId, label: m.name }))]}
        defaultValue={failure?.values.ownerId ?? ''}
        errors={failure?.errors.ownerId}
        required
      />
      <Field
        id={`${prefix}-due`}
        label="Due"
        name="dueOn"
        type="date"
        min={today}
        defaultValue={failure?.values.dueOn ?? dueOn}
        errors={failure?.errors.dueOn}
        required
      />
    </>
  )
}

/** The library, weakest dimensions first: each practice can be adopted with its dimension preset. */
export function Library({
  practices,
  weakest,
  members,
  failure,
  today,
}: {
  practices: readonly (Practice & { dueOn: string })[]
  weakest: readonly DimensionKey[]
  members: readonly Member[]
  failure: Failure | null
  today: string
}) {
  return (
    <section className="card no-print" aria-labelledby="library-h" id="library">
      <h2 id="library-h">Practice library</h2>
      <p className="small muted">
        Concrete respect practices, each aimed at one dimension of the pulse.
        {weakest.length ? ' Practices for this round’s weakest dimensions come first.' : ''} Adopting one sets the dimension its effect is
        measured on.
      </p>
      <ul className="library">
        {practices.map((p) => {
          const own = failure?.values.practiceKey === p.key ? failure : null
          const prefix = `adopt-${p.key}`
          return (
            <li key={p.key} className="practice">
              <h3 id={`${prefix}-h`}>{p.title}</h3>
              <p className="small">{p.how}</p>
              <p className="small muted">
                Aimed at: {DIMENSIONS.find((d) => d.key === p.dimension)?.label}
                {weakest.includes(p.dimension) ? <span className="tag warn">weak in this round</span> : null}
              </p>
              <details open={own !== null}>
                <summary>
                  Adopt<span className="sr-only"> “{p.title}”</span>
                </summary>
                <Form method="post" className="adopt-form" aria-labelledby={`${prefix}-h`}>
                  <input type="hidden" name="practiceKey" value={p.key} />
                  <OwnerAndDue prefix={prefix} members={members} failure={own} dueOn={p.dueOn} today={today} />
                  <SelectField
                    id={`${prefix}-dimension`}
                    label="Target dimension"
                    name="targetDimension"
                    options={dimensionOptions}
                    defaultValue={own?.values.targetDimension ?? p.dimension}
                    errors={own?.errors.targetDimension}
                  />
                  <button type="submit" name="intent" value="adopt">
                    Adopt this practice
                  </button>
                </Form>
              </details>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

/** An action of the team's own: a respect action names its dimension; a process one may not. */
export function CustomAction({
  members,
  failure,
  dueOn,
  today,
  processFlag,
}: {
  members: readonly Member[]
  failure: Failure | null
  dueOn: string
  today: string
  processFlag: string | null
}) {
  const kind = failure?.values.kind ?? 'respect'
  return (
    <section className="card no-print" aria-labelledby="custom-h" id="custom">
      <h2 id="custom-h">Your own action</h2>
      <Form method="post" className="stack">
        <fieldset className="kind-choice">
          <legend>Kind</legend>
          {ACTION_KINDS.map((k) => (
            <label key={k}>
              <input type="radio" name="kind" value={k} defaultChecked={kind === k} /> {ACTION_KIND_LABELS[k]}{' '}
              <span className="small muted">({ACTION_KIND_HINTS[k]})</span>
            </label>
          ))}
          {failure?.errors.kind ? (
            <p className="field-error" role="alert">
              {failure.errors.kind[0]}
            </p>
          ) : null}
        </fieldset>
        {processFlag ? (
          <p className="small flag" role="note">
            ⚠ {processFlag}
          </p>
        ) : null}
        <Field
          id="custom-title"
          label="What will happen"
          name="title"
          defaultValue={failure?.values.title ?? ''}
          errors={failure?.errors.title}
          maxLength={200}
          required
        />
        <SelectField
          id="custom-dimension"
          label="Target dimension"
          hint="(needed for a respect action)"
          name="targetDimension"
          options={[{ value: '', label: 'None' }, ...dimensionOptions]}
          defaultValue={failure?.values.targetDimension ?? ''}
          errors={failure?.errors.targetDimension}
        />
        <OwnerAndDue prefix="custom" members={members} failure={failure} dueOn={dueOn} today={today} />
        <button type="submit" name="intent" value="custom">
          Add action
        </button>
      </Form>
    </section>
  )
}
