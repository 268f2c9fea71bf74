// The pieces both import pages share: the status line, the choices for what
// the source cannot say, and the preview table.
import { SelectField } from '~/components/field'
import { QUESTIONS, QUESTION_LABELS } from '~/domain/classification'
import { SOURCE_LABELS, type ImportSource } from '~/domain/feature-import'
import { formatDateTime, formatDay, plural } from '~/domain/format'
import type { PreviewRow } from '~/domain/import-preview'
import { STAGE_OPTIONS, numberedStageLabel } from '~/domain/stages'

type Run = { source: ImportSource; created: number; skipped: number; error: string | null; at: string; byName: string | null }

export function ImportStatusLine({ last, lastError, timeZone }: { last: Run | null; lastError: Run | null; timeZone: string }) {
  const when = (iso: string) => formatDateTime(iso, timeZone)
  return (
    <p className="small muted" data-testid="import-status">
      {last ? (
        <>
          Last import: {SOURCE_LABELS[last.source]}, {when(last.at)} by {last.byName ?? 'a former member'}: {last.created} created,{' '}
          {last.skipped} skipped.
        </>
      ) : (
        'No import has run for this team yet.'
      )}
      {lastError ? (
        <>
          {' '}
          <strong>Last error</strong> ({SOURCE_LABELS[lastError.source]}, {when(lastError.at)}): {lastError.error}
        </>
      ) : null}
    </p>
  )
}

/** The stage and question for what the tracker cannot tell; a person can correct each feature later. */
export function ImportDefaults({ values }: { values: { defaultStage: string; question: string } }) {
  return (
    <div className="row wide">
      <SelectField
        label="Engineering joined, when the source shows no engineer"
        name="defaultStage"
        defaultValue={values.defaultStage}
        options={STAGE_OPTIONS}
      />
      <SelectField
        label="Engineering was asked"
        name="question"
        defaultValue={values.question}
        options={QUESTIONS.map((q) => ({ value: q, label: QUESTION_LABELS[q] }))}
      />
    </div>
  )
}

export function PreviewCounts({
  counts,
  total,
}: {
  counts: { ready: number; duplicates: number; problems: number; derived: number }
  total: number
}) {
  return (
    <p role="status" data-testid="preview-counts">
      <strong>{plural(counts.ready, 'feature')} ready to import</strong> of {plural(total, 'row')}
      {counts.derived ? `, ${counts.derived} with the engineering stage derived from the source` : ''}.{' '}
      {counts.duplicates ? `${plural(counts.duplicates, 'duplicate')} will be skipped. ` : ''}
      {counts.problems ? `${plural(counts.problems, 'row')} with problems will be skipped.` : ''}
    </p>
  )
}

/** The most rows the preview shows; the counts above it cover every row. */
export const PREVIEW_LIMIT = 200

function Status({ row }: { row: PreviewRow }) {
  if (row.duplicate === 'log') return <span className="tag">Already in the log: skipped</span>
  if (row.duplicate === 'file') return <span className="tag">Duplicate of an earlier row: skipped</span>
  if (row.problems.length)
    return (
      <>
        <span className="tag warn">Skipped</span>
        <ul className="small" style={{ margin: '0.25rem 0 0', paddingLeft: '1.1rem' }}>
          {row.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </>
    )
  return <span className="tag">Ready</span>
}

export function PreviewTable({ rows, lineLabel }: { rows: readonly PreviewRow[]; lineLabel: string }) {
  const shown = rows.slice(0, PREVIEW_LIMIT)
  return (
    <div className="table-wrap">
      <table className="cards">
        <caption className="sr-only">The rows as they will be created</caption>
        <thead>
          <tr>
            <th scope="col">{lineLabel}</th>
            <th scope="col">Feature</th>
            <th scope="col">Work began → shipped</th>
            <th scope="col">Engineering joined</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={`${r.line}-${r.key}`}>
              <td data-label={lineLabel} style={{ whiteSpace: 'nowrap' }}>
                {r.url ? (
                  <a href={r.url} rel="noreferrer noopener" target="_blank">
                    {r.key || `row ${r.line}`}
                  </a>
                ) : (
                  r.key || `row ${r.line}`
                )}
              </td>
              <td data-label="Feature">{r.title || <span className="muted">(no title)</span>}</td>
              <td data-label="Dates" style={{ whiteSpace: 'nowrap' }}>
                {r.startedOn ? formatDay(r.startedOn) : '—'} → {r.shippedOn ? formatDay(r.shippedOn) : '—'}
              </td>
              <td data-label="Engineering joined">
                {numberedStageLabel(r.stage)}
                <div className="small muted">{r.evidence ? `Derived: ${r.evidence.sentence}` : 'The default above'}</div>
              </td>
              <td data-label="Status">
                <Status row={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown.length ? (
        <p className="small muted">
          Showing the first {PREVIEW_LIMIT} of {rows.length} rows; the counts above cover them all.
        </p>
      ) : null}
    </div>
  )
}
