import type { ReactNode } from 'react'

type Option = { value: string; label: ReactNode }

function FieldsetError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null
  return (
    <p id={id} className="field-error" role="alert">
      {errors[0]}
    </p>
  )
}

/** A radio group as a real fieldset, so it reads and tabs like one. */
export function RadioGroup({
  legend,
  name,
  options,
  value,
  errors,
  hint,
  vertical,
}: {
  legend: string
  name: string
  options: readonly Option[]
  value?: string
  errors?: string[]
  hint?: ReactNode
  vertical?: boolean
}) {
  const errorId = `f-${name}-error`
  return (
    <fieldset className="choices" aria-invalid={errors?.length ? true : undefined} aria-describedby={errors?.length ? errorId : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint small muted" style={{ margin: '0 0 0.25rem' }}>
          {hint}
        </p>
      ) : null}
      <div className={vertical ? 'choice-list vertical' : 'choice-list'}>
        {options.map((o) => (
          <label key={o.value}>
            <input type="radio" name={name} value={o.value} defaultChecked={value === o.value} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <FieldsetError id={errorId} errors={errors} />
    </fieldset>
  )
}

/** Checkboxes, each its own field (`${prefix}${value}` = "on"), so a failed form re-renders every box. */
export function CheckboxGroup({
  legend,
  prefix,
  options,
  checked,
  hint,
  errors,
}: {
  legend: string
  prefix: string
  options: readonly Option[]
  checked: (value: string) => boolean
  hint?: ReactNode
  errors?: string[]
}) {
  const errorId = `f-${prefix}-error`
  return (
    <fieldset className="choices" aria-invalid={errors?.length ? true : undefined} aria-describedby={errors?.length ? errorId : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint small muted" style={{ margin: '0 0 0.25rem' }}>
          {hint}
        </p>
      ) : null}
      <div className="choice-list">
        {options.map((o) => (
          <label key={o.value}>
            <input type="checkbox" name={`${prefix}${o.value}`} value="on" defaultChecked={checked(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <FieldsetError id={errorId} errors={errors} />
    </fieldset>
  )
}
