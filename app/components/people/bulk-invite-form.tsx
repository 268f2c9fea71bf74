import { Form } from '@remix-run/react'
import { FormError, SelectField, TextareaField } from '~/components/field'
import { DISCIPLINE_OPTIONS, ROLE_OPTIONS, type TeamOption } from './options'

export type BulkProblem = { line: number; input: string; message: string }
type Failure = {
  errors: Record<string, string[] | undefined>
  values: Record<string, string>
  formError?: string
  problems?: BulkProblem[]
}

/**
 * Many invitations from a pasted list. All or nothing: if any line has a
 * problem nothing is created, and every problem is listed by its line, with
 * the list kept as typed so it can be fixed in place.
 */
export function BulkInviteForm({
  teams,
  max,
  failure,
  resetKey,
}: {
  teams: TeamOption[]
  max: number
  failure?: Failure
  resetKey?: string
}) {
  if (teams.length === 0) return null
  const values = failure?.values ?? {}
  const errors = failure?.errors ?? {}
  return (
    <details className="card" open={Boolean(failure)} key={resetKey}>
      <summary>
        <strong>Invite several people at once</strong>
      </summary>
      <Form method="post" className="stack" noValidate style={{ marginTop: '0.75rem' }} aria-label="Invite several people">
        <input type="hidden" name="intent" value="bulk-invite" />
        <p className="small muted" style={{ margin: 0 }}>
          Up to {max} emails, one per line or separated by commas. Everyone joins the same team with the same discipline and role. All or
          nothing: if any line has a problem, no invitation is created and each problem is listed below.
        </p>
        <FormError message={failure?.formError} />
        {failure?.problems?.length ? (
          <ul className="small" aria-label="Lines that need attention" style={{ margin: 0 }}>
            {failure.problems.map((p) => (
              <li key={`${p.line}-${p.input}`} style={{ overflowWrap: 'anywhere' }}>
                {p.line > 0 ? (
                  <>
                    Line {p.line}, <code>{p.input}</code>:{' '}
                  </>
                ) : null}
                {p.message}
              </li>
            ))}
          </ul>
        ) : null}
        <TextareaField
          label="Emails"
          name="emails"
          rows={6}
          required
          defaultValue={values.emails}
          errors={errors.emails}
          placeholder={'ada@example.com\ngrace@example.com'}
        />
        <div className="row">
          <SelectField
            id="bulk-team"
            label="Team"
            name="teamId"
            defaultValue={values.teamId}
            errors={errors.teamId}
            options={teams.map((t) => ({ value: t.id, label: t.name }))}
          />
          <SelectField
            id="bulk-discipline"
            label="Discipline"
            name="discipline"
            defaultValue={values.discipline ?? 'engineering'}
            errors={errors.discipline}
            options={DISCIPLINE_OPTIONS}
          />
          <SelectField
            id="bulk-role"
            label="Role"
            name="role"
            defaultValue={values.role ?? 'member'}
            errors={errors.role}
            options={ROLE_OPTIONS}
          />
        </div>
        <div>
          <button type="submit">Create invitations</button>
        </div>
      </Form>
    </details>
  )
}

/** What a bulk invite created: each person's link, for handing over when there is no mail server. */
export function CreatedInvites({ created, days }: { created: { email: string; link: string }[]; days: number }) {
  return (
    <section className="card" aria-labelledby="bulk-created-h">
      <h2 id="bulk-created-h" style={{ marginTop: 0 }}>
        {created.length} invitation{created.length === 1 ? '' : 's'} created
      </h2>
      <p className="small">
        Each link works once and expires in {days} days. The mails are in the outbox; without a mail server, hand each person their link.
      </p>
      <details>
        <summary>Show the links</summary>
        <ul className="small" style={{ paddingLeft: '1.2rem' }}>
          {created.map((c) => (
            <li key={c.email} style={{ overflowWrap: 'anywhere' }}>
              <strong>{c.email}</strong>: <code>{c.link}</code>
            </li>
          ))}
        </ul>
      </details>
    </section>
  )
}
