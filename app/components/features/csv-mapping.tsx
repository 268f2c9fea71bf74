// Step two of a CSV import: the columns mapped to Tandem's fields (pre-filled
// for a recognised export) and every row as it will be created.
import { Form, Link } from '@remix-run/react'
import { Field, SelectField } from '~/components/field'
import type { CsvSource } from '~/domain/feature-import'
import { CSV_FIELDS, CSV_FIELD_LABELS, REQUIRED_FIELDS, SOURCE_LABELS } from '~/domain/feature-import'
import type { PreviewRow } from '~/domain/import-preview'
import { ImportDefaults, PreviewCounts, PreviewTable } from './import-parts'

export type CsvPreview = {
  ok: true
  csv: string
  headers: string[]
  recognized: CsvSource | null
  values: Record<string, string>
  mappingProblems: string[]
  badRows: { row: number; message: string }[]
  rows: PreviewRow[]
  counts: { ready: number; duplicates: number; problems: number; derived: number }
}

export function isCsvPreview(data: unknown): data is CsvPreview {
  return typeof data === 'object' && data !== null && 'ok' in data && data.ok === true && 'csv' in data && 'rows' in data
}

export function CsvMappingForm({ preview }: { preview: CsvPreview }) {
  const v = preview.values
  const columns = [{ value: '', label: '— not in this file —' }, ...preview.headers.map((h) => ({ value: h, label: h }))]
  // Keyed by the file and mapping, so a new preview resets the selects to what the server used.
  const key = `${preview.csv.length}-${CSV_FIELDS.map((f) => v[f]).join('|')}-${v.source}-${v.linkBase}`
  return (
    <Form method="post" encType="multipart/form-data" className="stack" key={key}>
      <input type="hidden" name="csv" value={preview.csv} />
      <div className="card stack">
        <h3 style={{ margin: 0 }}>1. Columns</h3>
        <p className="small muted" style={{ margin: 0 }}>
          {preview.recognized
            ? `Recognised as a ${SOURCE_LABELS[preview.recognized]} export: the columns are pre-filled. Change any that are wrong.`
            : 'Tandem does not recognise these columns as a Jira or Linear export: choose them yourself.'}
        </p>
        <div className="row wide">
          <SelectField
            label="Exported from"
            name="source"
            defaultValue={v.source}
            options={[
              { value: 'jira', label: 'Jira' },
              { value: 'linear', label: 'Linear' },
            ]}
          />
          <Field
            label="Issue address prefix"
            name="linkBase"
            defaultValue={v.linkBase}
            placeholder={v.source === 'linear' ? 'https://linear.app/acme/issue' : 'https://acme.atlassian.net/browse'}
            hint="links each feature to its issue: prefix + key"
            inputMode="url"
          />
        </div>
        <div className="grid" style={{ alignItems: 'end' }}>
          {CSV_FIELDS.map((f) => (
            <SelectField
              key={f}
              label={`${CSV_FIELD_LABELS[f]}${REQUIRED_FIELDS.includes(f) ? ' *' : ''}`}
              name={`${f}Column`}
              defaultValue={v[f] ?? ''}
              options={columns}
            />
          ))}
        </div>
        <ImportDefaults values={{ defaultStage: v.defaultStage, question: v.question }} />
        {preview.mappingProblems.length ? (
          <ul className="alert danger" role="alert" style={{ paddingLeft: '2rem' }}>
            {preview.mappingProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
        <div className="form-actions">
          <button type="submit" name="intent" value="preview" className="secondary">
            Update the preview
          </button>
        </div>
      </div>
      <div className="card stack">
        <h3 style={{ margin: 0 }}>2. Preview</h3>
        {preview.mappingProblems.length ? (
          <p className="muted">Choose the columns above to see the rows.</p>
        ) : (
          <>
            <PreviewCounts counts={preview.counts} total={preview.rows.length + preview.badRows.length} />
            {preview.badRows.length ? (
              <ul className="small">
                {preview.badRows.map((b) => (
                  <li key={b.row}>{b.message} Skipped.</li>
                ))}
              </ul>
            ) : null}
            <PreviewTable rows={preview.rows} lineLabel="Issue" />
          </>
        )}
        <div className="form-actions">
          <button type="submit" name="intent" value="import" disabled={preview.counts.ready === 0}>
            {preview.counts.ready ? `Import ${preview.counts.ready} features` : 'Nothing to import'}
          </button>
          <Link to=".">Start over with another file</Link>
        </div>
      </div>
    </Form>
  )
}
