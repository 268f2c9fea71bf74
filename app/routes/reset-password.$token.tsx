import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { completePasswordReset, getPasswordReset } from '~/models/password-reset.server'
import { formInvalid, refusalResponse } from '~/utils/refusals.server'
import { passwordField, readForm } from '~/utils/forms'
import { useFormResult } from '~/utils/use-form-result'
import { createUserSession } from '~/utils/session.server'
import { clientAddress, linkWait, recordBadLink, tooManyPage } from '~/utils/throttle.server'

const MESSAGES = {
  expired: 'This reset link has expired. Ask for a new one.',
  used: 'This reset link has already been used. If you did not use it, ask for a new one.',
  deactivated: 'This account has been deactivated. Ask a workspace admin.',
  unknown: 'This reset link is not valid. Check that you opened the whole link from the email.',
} as const

const STATUS = { expired: 410, used: 410, deactivated: 403, unknown: 404 } as const

/** A link that matches no reset: 429 while this client is waiting, otherwise counted. Valid links are never held up. */
async function badLink(context: AppLoadContext) {
  const client = clientAddress(context)
  const wait = await linkWait('reset', client)
  if (wait) throw tooManyPage('Too many reset links that did not match.', wait)
  await recordBadLink('reset', client)
}

export async function loader({ params, context }: LoaderFunctionArgs) {
  const found = await getPasswordReset(params.token ?? '')
  if (found.state === 'unknown') await badLink(context)
  if (found.state !== 'valid') return json({ state: found.state, message: MESSAGES[found.state] } as const, { status: STATUS[found.state] })
  return json({ state: 'valid' as const, email: found.email })
}

const ResetSchema = z
  .object({ password: passwordField, passwordAgain: z.string({ error: 'Type the new password again' }) })
  .refine((v) => v.password === v.passwordAgain, { path: ['passwordAgain'], message: 'The two passwords do not match' })

export async function action({ request, params, context }: ActionFunctionArgs) {
  // The link is checked (and a client guessing links held back) before any
  // password is hashed: hashing is the expensive part of this request.
  const found = await getPasswordReset(params.token ?? '')
  if (found.state === 'unknown') {
    await badLink(context)
    throw new Response(MESSAGES.unknown, { status: 404 })
  }
  const form = await readForm(request, ResetSchema)
  if (!form.ok) return formInvalid(form)
  try {
    const user = await completePasswordReset(params.token ?? '', form.data.password)
    return createUserSession(request, user.id, '/', { flash: 'Your password was changed, and every other session was signed out.' })
  } catch (error) {
    return refusalResponse(error, {})
  }
}

export default function ResetPassword() {
  const data = useLoaderData<typeof loader>()
  const failure = useFormResult()
  if (data.state !== 'valid') {
    return (
      <section className="narrow">
        <h1>Reset link unavailable</h1>
        <p className="alert">{data.message}</p>
        <p>
          <Link to="/forgot-password">Ask for a new link</Link> · <Link to="/login">Sign in</Link>
        </p>
      </section>
    )
  }
  const errors = failure.errors
  return (
    <section className="narrow">
      <h1>Choose a new password</h1>
      <p className="muted" style={{ overflowWrap: 'anywhere' }}>
        For <strong>{data.email}</strong>. Afterwards you are signed in here, and signed out everywhere else.
      </p>
      <Form method="post" className="stack card" noValidate>
        <FormError message={failure.formError} />
        <Field
          label="New password"
          name="password"
          type="password"
          required
          autoComplete="new-password"
          autoFocus
          hint="(10 characters or more)"
          errors={errors.password}
        />
        <Field
          label="New password again"
          name="passwordAgain"
          type="password"
          required
          autoComplete="new-password"
          errors={errors.passwordAgain}
        />
        <button type="submit">Set new password</button>
      </Form>
    </section>
  )
}

// The token is in the path: keep it out of any Referer.
export const meta: MetaFunction = () => [
  { title: 'Choose a new password · Tandem' },
  { name: 'referrer', content: 'no-referrer' },
  { name: 'robots', content: 'noindex' },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
