import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { requestPasswordReset, RESET_MINUTES } from '~/models/password-reset.server'
import { getUser } from '~/utils/auth.server'
import { emailField, readForm } from '~/utils/forms'
import { useFormResult } from '~/utils/use-form-result'
import { clientAddress, hitPasswordReset, tooManyForm } from '~/utils/throttle.server'

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect('/account')
  return json({ minutes: RESET_MINUTES })
}

const ForgotSchema = z.object({ email: emailField })

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, ForgotSchema)
  if (!form.ok) return json(form, { status: 422 })
  const { email } = form.data
  const allowed = await hitPasswordReset(email, clientAddress(context))
  if (!allowed.ok) {
    return tooManyForm({ email }, 'Too many reset requests. If we already sent you a link, it still works.', allowed.retryAfter)
  }
  await requestPasswordReset(email)
  // The same answer whether or not the account exists.
  return json({ ok: true as const, email })
}

export default function ForgotPassword() {
  const { minutes } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = useFormResult()
  if (result?.ok) {
    return (
      <section className="narrow">
        <h1>Check your email</h1>
        <p role="status" className="card">
          If an account exists for <strong style={{ overflowWrap: 'anywhere' }}>{result.email}</strong>, we sent a link to set a new
          password. It works once and expires in {minutes} minutes.
        </p>
        <p className="muted small">
          Nothing arrived? Check your spam folder. If this installation does not send mail, ask a workspace admin: they can find the link in
          the outbox.
        </p>
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      </section>
    )
  }
  const errors = failure.errors
  const values = failure.values
  return (
    <section className="narrow">
      <h1>Forgot your password?</h1>
      <p className="muted">Enter the email you sign in with. We will send you a link to choose a new password.</p>
      <Form method="post" className="stack card" noValidate>
        <FormError message={failure.formError} />
        <Field
          label="Email"
          name="email"
          type="email"
          required
          autoComplete="email"
          autoFocus
          defaultValue={values.email}
          errors={errors.email}
        />
        <button type="submit">Send reset link</button>
      </Form>
      <p>
        <Link to="/login">Back to sign in</Link>
      </p>
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Forgot password · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
