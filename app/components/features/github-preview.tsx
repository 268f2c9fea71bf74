// Step two of a GitHub import: who each GitHub person is on the team (only
// engineers' comments and assignments count as evidence) and every issue as
// the feature it will become.
import { Form, Link } from '@remix-run/react'
import type { PreviewRow } from '~/domain/import-preview'
import { ImportDefaults, PreviewCounts, PreviewTable } from './import-parts'

export type GithubPreview = {
  ok: true
  issues: string
  values: { repo: string; defaultStage: string; question: string }
  people: { userId: string; label: string }[]
  mapping: { login: string; userId: string }[]
  rows: PreviewRow[]
  counts: { ready: number; duplicates: number; problems: number; derived: number }
  truncated?: boolean
}

export function isGithubPreview(data: unknown): data is GithubPreview {
  return typeof data === 'object' && data !== null && 'ok' in data && data.ok === true && 'issues' in data && 'mapping' in data
}

export function GithubPreviewForm({ preview }: { preview: GithubPreview }) {
  const key = preview.mapping.map((m) => m.userId).join('|') + preview.values.defaultStage
  return (
    // Multipart, so the carried issues are not inflated by URL-encoding.
    <Form method="post" encType="multipart/form-data" className="stack" key={key}>
      <input type="hidden" name="issues" value={preview.issues} />
      <input type="hidden" name="repo" value={preview.values.repo} />
      <div className="card stack">
        <h3 style={{ margin: 0 }}>1. People in {preview.values.repo}</h3>
        <p className="small muted" style={{ margin: 0 }}>
          A comment or assignment counts as engineering joining when its GitHub person is a team member in engineering. Matches by email
          name or name are filled in; correct them here.
        </p>
        {preview.mapping.length ? (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">GitHub people and the team members they are</caption>
              <thead>
                <tr>
                  <th scope="col">GitHub login</th>
                  <th scope="col">Team member</th>
                </tr>
              </thead>
              <tbody>
                {preview.mapping.map((m) => (
                  <tr key={m.login}>
                    <td>
                      <label htmlFor={`who-${m.login}`}>{m.login}</label>
                    </td>
                    <td>
                      <select id={`who-${m.login}`} name={`who:${m.login}`} defaultValue={m.userId}>
                        <option value="">— not on this team —</option>
                        {preview.people.map((p) => (
                          <option key={p.userId} value={p.userId}>
                            {p.label}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">Nobody opened, commented on or was assigned these issues.</p>
        )}
        <ImportDefaults values={preview.values} />
        <div className="form-actions">
          <button type="submit" name="intent" value="preview" className="secondary">
            Update the preview
          </button>
        </div>
      </div>
      <div className="card stack">
        <h3 style={{ margin: 0 }}>2. Preview</h3>
        {preview.truncated ? (
          <p className="small">
            The repository has more issues than one import reads: these are its 300 newest. Older issues cannot be imported from GitHub yet;
            a CSV export covers them.
          </p>
        ) : null}
        <PreviewCounts counts={preview.counts} total={preview.rows.length} />
        {preview.rows.length ? (
          <PreviewTable rows={preview.rows} lineLabel="Issue" />
        ) : (
          <p className="muted">This repository has no issues.</p>
        )}
        <div className="form-actions">
          <button type="submit" name="intent" value="import" disabled={preview.counts.ready === 0}>
            {preview.counts.ready ? `Import ${preview.counts.ready} features` : 'Nothing to import'}
          </button>
          <Link to=".">Start over</Link>
        </div>
      </div>
    </Form>
  )
}
