import { Form, Link } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { Field, FormError, SelectField } from '~/components/field'
import { DISCIPLINE_OPTIONS, ROLE_OPTIONS, type TeamOption } from './options'

type Failure = {
  errors: Record<string, string[] | undefined>
  values: Record<string, string>
  formError?: string
  /** an invitation already open for this email, to resend or revoke */
  pending?: { id: string; email: string; expires: string } | null
  /** the email already has an account */
  account?: { email: string } | null
}

/** Offered when an invitation for the email is already open: nested forms are not allowed, so this sits outside the invite form. */
function PendingConflict({ pending }: { pending: { id: string; email: string; expires: string } }) {
  return (
    <div className="alert" role="status">
      <p style={{ margin: '0 0 0.5rem', overflowWrap: 'anywhere' }}>
        <strong>{pending.email}</strong> already has a pending invitation, open until {pending.expires}.
      </p>
      <div className="row" style={{ alignItems: 'center' }}>
        <Form method="post">
          <input type="hidden" name="intent" value="resend-invite" />
          <input type="hidden" name="inviteId" value={pending.id} />
          <button type="submit">Resend it</button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="revoke-invite" />
          <input type="hidden" name="inviteId" value={pending.id} />
          <button type="submit" className="secondary">
            Revoke it
          </button>
        </Form>
      </div>
    </div>
  )
}

export function InviteForm({ teams, failure, resetKey }: { teams: TeamOption[]; failure?: Failure; resetKey?: string }) {
  const errors = failure?.errors ?? {}
  const values = failure?.values ?? {}
  if (teams.length === 0) {
    return (
      <div className="empty">
        <p>
          Invitations add people to a team, and there are no teams yet. <Link to="/teams">Create a team first.</Link>
        </p>
      </div>
    )
  }
  return (
    <>
      {failure?.pending ? <PendingConflict pending={failure.pending} /> : null}
      {failure?.account ? (
        <p className="alert" role="status" style={{ overflowWrap: 'anywhere' }}>
          <strong>{failure.account.email}</strong> already has an account and can <Link to="/login">sign in</Link> (or use “Forgot
          password?” there). If they belong to this workspace,{' '}
          <Link to={`/admin/people?q=${encodeURIComponent(failure.account.email)}`}>find them in the list</Link> to add them to a team.
        </p>
      ) : null}
      {/* A new key after each invite clears what was typed. */}
      <Form method="post" className="card stack" noValidate key={resetKey} aria-labelledby="invite-h">
        <h2 id="invite-h" style={{ marginTop: 0 }}>
          Invite someone
        </h2>
        <input type="hidden" name="intent" value="invite" />
        {/* Said once: next to the field when it is about the field. */}
        <FormError
          message={failure?.formError && !Object.values(failure.errors).flat().includes(failure.formError) ? failure.formError : null}
        />
        <div className="row">
          <Field label="Email" name="email" type="email" required autoComplete="off" defaultValue={values.email} errors={errors.email} />
          <SelectField
            label="Team"
            name="teamId"
            defaultValue={values.teamId}
            errors={errors.teamId}
            options={teams.map((t) => ({ value: t.id, label: t.name }))}
          />
        </div>
        <div className="row">
          <SelectField
            label="Discipline"
            name="discipline"
            defaultValue={values.discipline ?? 'engineering'}
            errors={errors.discipline}
            options={DISCIPLINE_OPTIONS}
          />
          <SelectField label="Role" name="role" defaultValue={values.role ?? 'member'} errors={errors.role} options={ROLE_OPTIONS} />
        </div>
        <label style={{ fontWeight: 400 }}>
          <input type="checkbox" name="makeAdmin" value="true" defaultChecked={values.makeAdmin === 'true'} /> Make them a workspace admin
        </label>
        <div>
          <button type="submit">Create invitation</button>
        </div>
      </Form>
    </>
  )
}

/** The link is shown once, right after it is created; it is never stored in clear. */
export function CreatedInvite({ link, email, days, resent = false }: { link: string; email: string; days: number; resent?: boolean }) {
  const [hydrated, setHydrated] = useState(false)
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle')
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => setHydrated(true), [])
  async function copy() {
    input.current?.select()
    try {
      await navigator.clipboard.writeText(link)
      setCopied('done')
    } catch {
      setCopied('failed')
    }
  }
  return (
    <section className="card" aria-labelledby="created-h">
      <h2 id="created-h" style={{ marginTop: 0 }}>
        Invitation for {email} {resent ? 'sent again' : 'created'}
      </h2>
      <p className="small">
        Send them this link. It works once and expires in {days} days. It is also in the <Link to="/admin/outbox">outbox</Link>.
      </p>
      <div className="copy">
        <label htmlFor="invite-link" className="sr-only">
          Invitation link
        </label>
        <input id="invite-link" ref={input} type="text" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        {/* Without JavaScript the button could not work, so it only appears once it can. */}
        {hydrated ? (
          <button type="button" className="secondary" onClick={copy}>
            Copy
          </button>
        ) : null}
      </div>
      <p className="small muted" role="status">
        {copied === 'done' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Could not copy; select the link and copy it by hand.' : ''}
      </p>
    </section>
  )
}
