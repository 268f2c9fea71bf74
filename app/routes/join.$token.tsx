import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { DISCIPLINE_LABELS } from '~/domain/disciplines'
import { acceptInvite, getInviteByToken } from '~/models/invite.server'
import { getSsoSettings, PASSWORDS_OFF_MESSAGE } from '~/models/sso.server'
import { formInvalid, refusalResponse } from '~/utils/refusals.server'
import { passwordField, readForm, text } from '~/utils/forms'
import { useFormResult } from '~/utils/use-form-result'
import { createUserSession } from '~/utils/session.server'
import { clientAddress, linkWait, recordBadLink, tooManyPage } from '~/utils/throttle.server'

const MESSAGES = {
  expired: 'This invitation has expired. Ask your admin for a new link.',
  used: 'This invitation has already been used. If it was you, sign in.',
  revoked: 'This invitation was withdrawn by an admin. Ask them for a new link.',
  unknown: 'This invitation link is not valid. Check that you copied all of it.',
} as const

/** A link that matches no invitation: 429 while this client is waiting, otherwise counted. Valid links are never held up. */
async function badLink(context: AppLoadContext) {
  const client = clientAddress(context)
  const wait = await linkWait('join', client)
  if (wait) throw tooManyPage('Too many invitation links that did not match.', wait)
  await recordBadLink('join', client)
}

export async function loader({ params, context }: LoaderFunctionArgs) {
  const found = await getInviteByToken(params.token ?? '')
  if (found.state === 'unknown') await badLink(context)
  if (found.state === 'account') {
    // Someone already has this email: there is nothing to create, only to sign in.
    return json(
      { state: 'account' as const, email: found.email, message: `An account for ${found.email} already exists. Sign in instead.` },
      { status: 409 },
    )
  }
  if (found.state !== 'valid') {
    // 410 Gone for links that were once good, 404 for links that never were.
    return json({ state: found.state, message: MESSAGES[found.state] } as const, { status: found.state === 'unknown' ? 404 : 410 })
  }
  const { invite, teamName, workspaceName } = found
  const sso = await getSsoSettings(invite.workspaceId)
  return json({
    // Signing in with the provider accepts the invitation too (by its verified email).
    sso: sso?.enabled ? { workspaceId: invite.workspaceId, label: sso.label, only: sso.passwordSignIn === 'break-glass' } : null,
    state: 'valid' as const,
    email: invite.email,
    teamName,
    workspaceName,
    role: invite.role,
    discipline: DISCIPLINE_LABELS[invite.discipline],
  })
}

const JoinSchema = z.object({ name: text('Your name', { max: 100 }), password: passwordField })

export async function action({ request, params, context }: ActionFunctionArgs) {
  // The link is checked (and a client guessing links held back) before any
  // password is hashed: hashing is the expensive part of this request.
  const found = await getInviteByToken(params.token ?? '')
  if (found.state === 'unknown') {
    await badLink(context)
    throw new Response('This invitation link is not valid.', { status: 404 })
  }
  if (found.state === 'valid') {
    const sso = await getSsoSettings(found.invite.workspaceId)
    if (sso?.enabled && sso.passwordSignIn === 'break-glass') throw new Response(PASSWORDS_OFF_MESSAGE, { status: 403 })
  }
  const form = await readForm(request, JoinSchema)
  if (!form.ok) return formInvalid(form)
  try {
    const user = await acceptInvite(params.token ?? '', form.data)
    return createUserSession(request, user.id, '/')
  } catch (error) {
    return refusalResponse(error, { name: form.data.name })
  }
}

export default function Join() {
  const data = useLoaderData<typeof loader>()
  const failure = useFormResult()
  if (data.state !== 'valid') {
    return (
      <section className="narrow">
        <h1>{data.state === 'account' ? 'You already have an account' : 'Invitation unavailable'}</h1>
        <p className="alert" style={{ overflowWrap: 'anywhere' }}>
          {data.message}
        </p>
        <p>
          <Link to="/login">Sign in</Link>
          {data.state === 'account' ? (
            <>
              {' '}
              · <Link to="/forgot-password">Forgot password?</Link>
            </>
          ) : null}
        </p>
      </section>
    )
  }
  const errors = failure.errors
  const values = failure.values
  return (
    <section className="narrow">
      <h1>Join {data.teamName}</h1>
      <p className="muted">
        You were invited to {data.workspaceName} as {data.discipline.toLowerCase()} · {data.role}. Your account email is{' '}
        <strong>{data.email}</strong>.
      </p>
      {data.sso ? (
        <Form method="post" action="/auth/sso/start" className="card stack">
          <input type="hidden" name="workspaceId" value={data.sso.workspaceId} />
          <p style={{ margin: 0 }}>Sign in with your work account as {data.email} and the invitation is accepted.</p>
          <button type="submit">Sign in with {data.sso.label}</button>
        </Form>
      ) : null}
      {data.sso?.only ? null : (
        <Form method="post" className="stack card" noValidate>
          <FormError message={failure.formError} />
          <Field label="Your name" name="name" required autoComplete="name" defaultValue={values.name} errors={errors.name} />
          <Field
            label="Choose a password"
            name="password"
            type="password"
            required
            autoComplete="new-password"
            hint="(10 characters or more)"
            errors={errors.password}
          />
          <button type="submit">Create account and join</button>
        </Form>
      )}
    </section>
  )
}

// The token is in the path: keep it out of any Referer.
export const meta: MetaFunction = () => [
  { title: 'Join · Tandem' },
  { name: 'referrer', content: 'no-referrer' },
  { name: 'robots', content: 'noindex' },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
