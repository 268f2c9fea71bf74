import { Form } from '@remix-run/react'
import { SelectField, TextareaField } from '~/components/field'
import type { FieldErrors } from '~/utils/forms'

type Failure = { errors: FieldErrors; values: Record<string, string>; formError?: string | null } | null
type Item = { id: string; wording: string; version: number; reverseScored: boolean; history: { version: number; wording: string }[] }

export function TemplateItemCard({ item, failure }: { item: Item; failure: Failure }) {
  return (
    <div className="card">
      <p style={{ marginTop: 0 }}>
        {item.wording} <span className="tag">v{item.version}</span>{' '}
        {item.reverseScored ? <span className="tag warn">reverse-scored</span> : null}
      </p>
      {item.history.length ? (
        <details>
          <summary className="small">Earlier wordings ({item.history.length})</summary>
          <ul className="small muted">
            {item.history.map((h) => (
              <li key={h.version}>
                v{h.version}: {h.wording}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <details open={Boolean(failure?.errors.wording)}>
        <summary className="small">Reword or retire</summary>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="reword" />
          <input type="hidden" name="itemId" value={item.id} />
          <TextareaField
            label="New wording"
            name="wording"
            id={`wording-${item.id}`}
            defaultValue={failure?.values.wording ?? item.wording}
            errors={failure?.errors.wording}
            maxLength={300}
          />
          <label style={{ fontWeight: 400 }}>
            <input type="checkbox" name="reverseScored" value="on" defaultChecked={item.reverseScored} /> Reverse-scored (agreeing means
            less respect or safety)
          </label>
          <div className="row">
            <button type="submit">Save as version {item.version + 1}</button>
          </div>
        </Form>
        <Form method="post" style={{ marginTop: '0.5rem' }}>
          <input type="hidden" name="intent" value="retire" />
          <input type="hidden" name="itemId" value={item.id} />
          <button type="submit" className="secondary">
            Retire this item
          </button>
        </Form>
      </details>
    </div>
  )
}

export function AddItemForm({ dimensions, failure }: { dimensions: { key: string; label: string }[]; failure: Failure }) {
  return (
    <Form method="post" className="card stack" noValidate aria-labelledby="add-item-h">
      <h2 id="add-item-h" style={{ margin: 0 }}>
        Add an item
      </h2>
      <input type="hidden" name="intent" value="add" />
      <SelectField
        label="Dimension"
        name="dimension"
        defaultValue={failure?.values.dimension}
        errors={failure?.errors.dimension}
        options={dimensions.map((d) => ({ value: d.key, label: d.label }))}
      />
      <TextareaField
        label="Wording"
        name="wording"
        id="new-wording"
        defaultValue={failure?.values.wording}
        errors={failure?.errors.wording}
        maxLength={300}
        hint="(a statement people agree or disagree with)"
      />
      <label style={{ fontWeight: 400 }}>
        <input type="checkbox" name="reverseScored" value="on" defaultChecked={failure?.values.reverseScored === 'on'} /> Reverse-scored
      </label>
      <div>
        <button type="submit">Add item</button>
      </div>
    </Form>
  )
}
