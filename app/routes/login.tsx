import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { safeRedirect } from '~/domain/redirects'
import { listEnabledSso, passwordSignInAllowed, PASSWORDS_OFF_MESSAGE } from '~/models/sso.server'
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
  const sso = await listEnabledSso()
  return json({
    sso: sso.map(({ workspaceId, label }) => ({ workspaceId, label })),
    // Passwords stay in view unless every provider turned them off for all but a break-glass admin.
    passwordsOff: sso.length > 0 && sso.every((s) => s.passwordSignIn === 'break-glass'),
  })
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
  if (!(await passwordSignInAllowed(user))) return json(formFailure(values, PASSWORDS_OFF_MESSAGE), { status: 403 })
  return createUserSession(request, user.id, redirectTo)
}

export default function Login() {
  const [params] = useSearchParams()
  const failure = useFormResult()
  const errors = failure.errors
  const values = failure.failed ? failure.values : { email: '', redirectTo: '' }
  const { sso, passwordsOff } = useLoaderData<typeof loader>()
  const redirectTo = values.redirectTo || params.get('redirectTo') || '/'
  const passwordForm = (
    <Form method="post" className="stack card" noValidate>
      <FormError message={failure.formError} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <Field
        label="Email"
        name="email"
        type="email"
        required
        autoComplete="email"
        autoFocus={sso.length === 0}
        defaultValue={values.email}
        errors={errors.email}
      />
      <Field label="Password" name="password" type="password" required autoComplete="current-password" errors={errors.password} />
      <button type="submit">Sign in</button>
    </Form>
  )
  return (
    <section className="narrow">
      <h1>Sign in</h1>
      {sso.map((s) => (
        <Form key={s.workspaceId} method="post" action="/auth/sso/start" className="card stack">
          <input type="hidden" name="workspaceId" value={s.workspaceId} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <button type="submit" autoFocus={sso.length === 1}>
            Sign in with {s.label}
          </button>
        </Form>
      ))}
      {passwordsOff && !failure.failed ? (
        <details className="card">
          <summary>Sign in with a password (break-glass admin only)</summary>
          {passwordForm}
        </details>
      ) : (
        passwordForm
      )}
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
