import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { DISCIPLINE_LABELS } from '~/domain/disciplines'
import { acceptInvite, getInviteByToken, InviteError } from '~/models/invite.server'
import { formFailure, passwordField, readForm, text } from '~/utils/forms'
import { createUserSession } from '~/utils/session.server'

const MESSAGES = {
  expired: 'This invitation has expired. Ask your admin for a new link.',
  used: 'This invitation has already been used. If it was you, sign in.',
  revoked: 'This invitation was withdrawn by an admin. Ask them for a new link.',
  unknown: 'This invitation link is not valid. Check that you copied all of it.',
} as const

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await getInviteByToken(params.token ?? '')
  if (found.state !== 'valid') {
    // 410 Gone for links that were once good, 404 for links that never were.
    return json({ state: found.state, message: MESSAGES[found.state] } as const, { status: found.state === 'unknown' ? 404 : 410 })
  }
  const { invite, teamName, workspaceName } = found
  return json({
    state: 'valid' as const,
    email: invite.email,
    teamName,
    workspaceName,
    role: invite.role,
    discipline: DISCIPLINE_LABELS[invite.discipline],
  })
}

const JoinSchema = z.object({ name: text('Your name', { max: 100 }), password: passwordField })

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request, JoinSchema)
  if (!form.ok) return json(form, { status: 422 })
  try {
    const user = await acceptInvite(params.token ?? '', form.data)
    return createUserSession(request, user.id, '/')
  } catch (error) {
    if (error instanceof InviteError) {
      return json(formFailure({ name: form.data.name }, error.message), { status: 409 })
    }
    throw error
  }
}

export default function Join() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  if (data.state !== 'valid') {
    return (
      <section className="narrow">
        <h1>Invitation unavailable</h1>
        <p className="alert">{data.message}</p>
        <p>
          <Link to="/login">Sign in</Link>
        </p>
      </section>
    )
  }
  const errors = result && !result.ok ? result.errors : {}
  const values = result && !result.ok ? result.values : {}
  return (
    <section className="narrow">
      <h1>Join {data.teamName}</h1>
      <p className="muted">
        You were invited to {data.workspaceName} as {data.discipline.toLowerCase()} · {data.role}. Your account email is <strong>{data.email}</strong>.
      </p>
      <Form method="post" className="stack card" noValidate>
        <FormError message={result && !result.ok ? result.formError : null} />
        <Field label="Your name" name="name" required autoComplete="name" defaultValue={values.name} errors={errors.name} />
        <Field label="Choose a password" name="password" type="password" required autoComplete="new-password" hint="(10 characters or more)" errors={errors.password} />
        <button type="submit">Create account and join</button>
      </Form>
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Join · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
