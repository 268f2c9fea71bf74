import { Form, Link } from '@remix-run/react'
import { COMMENT_MAX_LENGTH, SCALE } from '~/domain/instrument'
import type { FieldErrors } from '~/utils/forms'

type Item = { id: string; wording: string }

/**
 * The answer form: plain HTML radio groups in fieldsets, so it works with
 * JavaScript off, with the keyboard alone (arrow keys move within a group) and
 * on a phone, where the scale stacks vertically.
 */
export function AnswerForm({
  items,
  errors,
  values,
  formError,
}: {
  items: Item[]
  errors: FieldErrors
  values: Record<string, string>
  formError?: string
}) {
  return (
    <Form method="post" noValidate>
      {formError ? (
        <p className="alert danger" role="alert">
          {formError}
        </p>
      ) : null}
      {Object.keys(errors).length ? (
        <p className="alert danger" role="alert">
          Some answers are missing or not valid. They are marked below.
        </p>
      ) : null}
      <ol className="stack" style={{ listStyle: 'none', padding: 0 }}>
        {items.map((item, index) => {
          const name = `item-${item.id}`
          const error = errors[name]?.[0]
          return (
            <li key={item.id}>
              <fieldset className="scale" aria-describedby={error ? `${name}-error` : undefined} aria-invalid={error ? true : undefined}>
                <legend>
                  <span className="muted">{index + 1}.</span> {item.wording}
                </legend>
                <div className="scale-ends" aria-hidden="true">
                  <span>← {SCALE[0].label}</span>
                  <span>{SCALE[SCALE.length - 1].label} →</span>
                </div>
                <div className="scale-options">
                  {SCALE.map((option) => (
                    <label key={option.value}>
                      <input
                        type="radio"
                        name={name}
                        value={option.value}
                        required
                        defaultChecked={values[name] === String(option.value)}
                      />
                      <span className="scale-num" aria-hidden="true">
                        {option.value}
                      </span>
                      <span className="scale-label">{option.label}</span>
                    </label>
                  ))}
                </div>
                {error ? (
                  <p id={`${name}-error`} className="field-error">
                    {error}
                  </p>
                ) : null}
              </fieldset>
            </li>
          )
        })}
      </ol>
      <div className="field">
        <label htmlFor="comment">
          Anything else?{' '}
          <span className="hint">(optional; shown only when enough people answered, shuffled and without a date or time)</span>
        </label>
        <textarea
          id="comment"
          name="comment"
          maxLength={COMMENT_MAX_LENGTH}
          defaultValue={values.comment}
          aria-invalid={errors.comment ? true : undefined}
          aria-describedby={errors.comment ? 'comment-error' : undefined}
        />
        {errors.comment ? (
          <p id="comment-error" className="field-error">
            {errors.comment[0]}
          </p>
        ) : null}
      </div>
      <p className="small muted">
        Your answers are stored without your name. <Link to="/anonymity">How anonymity works</Link>
      </p>
      <button type="submit">Submit my answers</button>
    </Form>
  )
}
