import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { safeRedirect } from '~/domain/redirects'
import { verifyLogin } from '~/models/user.server'
import { isOnboarded } from '~/models/workspace.server'
import { getUser } from '~/utils/auth.server'
import { emailField, formFailure, readForm } from '~/utils/forms'
import { useFormResult } from '~/utils/use-form-result'
import { createUserSession } from '~/utils/session.server'
import { beginSignIn, clientAddress, tooManyForm } from '~/utils/throttle.server'

export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await isOnboarded())) throw redirect('/onboarding')
  if (await getUser(request)) throw redirect('/')
  return json({})
}

const LoginSchema = z.object({
  email: emailField,
  password: z.string({ error: 'Password is required' }).min(1, 'Password is required').max(200, 'Password is too long'),
  redirectTo: z.string().optional(),
})

export const DEACTIVATED_MESSAGE = 'This account has been deactivated. Ask a workspace admin.'

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, LoginSchema)
  if (!form.ok) return json(form, { status: 422 })
  const { email, password } = form.data
  const redirectTo = safeRedirect(form.data.redirectTo)
  const values = { email, redirectTo }
  const attempt = await beginSignIn(email, clientAddress(context))
  if (!attempt.ok) return tooManyForm(values, 'Too many failed sign-ins for this account from here.', attempt.retryAfter)
  const user = await verifyLogin(email, password)
  if (!user) {
    await attempt.failed()
    return json(formFailure(values, 'Email or password is incorrect.'), { status: 401 })
  }
  await attempt.succeeded()
  // Said only after the right password, so it reveals nothing to a guesser.
  if (user.deactivatedAt) return json(formFailure(values, DEACTIVATED_MESSAGE), { status: 403 })
  return createUserSession(request, user.id, redirectTo)
}

export default function Login() {
  const [params] = useSearchParams()
  const failure = useFormResult()
  const errors = failure.errors
  const values = failure.failed ? failure.values : { email: '', redirectTo: '' }
  return (
    <section className="narrow">
      <h1>Sign in</h1>
      <Form method="post" className="stack card" noValidate>
        <FormError message={failure.formError} />
        <input type="hidden" name="redirectTo" value={values.redirectTo || params.get('redirectTo') || '/'} />
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
        <Field label="Password" name="password" type="password" required autoComplete="current-password" errors={errors.password} />
        <button type="submit">Sign in</button>
      </Form>
      <p>
        <Link to="/forgot-password">Forgot password?</Link>
      </p>
      <p className="muted small">No account? Ask a workspace admin for an invitation link.</p>
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Sign in · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
