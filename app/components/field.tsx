import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'

type Common = { label: string; name: string; errors?: string[]; hint?: ReactNode }

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null
  return (
    <p id={id} className="field-error" role="alert">
      {errors[0]}
    </p>
  )
}

export function Field({ label, name, errors, hint, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const id = input.id ?? `f-${name}`
  const errorId = `${id}-error`
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} {hint ? <span className="hint">{hint}</span> : null}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        {...input}
      />
      <Errors id={errorId} errors={errors} />
    </div>
  )
}

export function SelectField({
  label,
  name,
  errors,
  hint,
  options,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly { value: string; label: string }[] }) {
  const id = select.id ?? `f-${name}`
  const errorId = `${id}-error`
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} {hint ? <span className="hint">{hint}</span> : null}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Errors id={errorId} errors={errors} />
    </div>
  )
}

export function TextareaField({ label, name, errors, hint, ...area }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = area.id ?? `f-${name}`
  const errorId = `${id}-error`
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} {hint ? <span className="hint">{hint}</span> : null}
      </label>
      <textarea
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        {...area}
      />
      <Errors id={errorId} errors={errors} />
    </div>
  )
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null
  return (
    <p className="alert danger" role="alert">
      {message}
    </p>
  )
}
