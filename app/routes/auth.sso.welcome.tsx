import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormError, SelectField } from '~/components/field'
import { DISCIPLINE_LABELS, DISCIPLINES } from '~/domain/disciplines'
import { provisionUser } from '~/models/sso.server'
import { readForm, text } from '~/utils/forms'
import { refusalResponse } from '~/utils/refusals.server'
import { createUserSession } from '~/utils/session.server'
import { clearSsoPending, readSsoPending } from '~/utils/sso-cookie.server'
import { useFormResult } from '~/utils/use-form-result'

// A first sign-in through single sign-on: the provider vouched for the email;
// the person says what to call them and which discipline they work in (the
// default when they join a team), and the account is made.

async function requirePendingIdentity(request: Request) {
  const pending = await readSsoPending(request)
  if (!pending?.identity) throw redirect('/login')
  return { ...pending, identity: pending.identity }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { identity } = await requirePendingIdentity(request)
  return json({ email: identity.email, name: identity.name })
}

const WelcomeSchema = z.object({
  name: text('Name', { max: 100 }),
  discipline: z.enum(DISCIPLINES, { error: 'Pick the discipline you work in' }),
})

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request, WelcomeSchema)
  if (!form.ok) return json(form, { status: 422 })
  const pending = await requirePendingIdentity(request)
  try {
    const user = await provisionUser(pending.workspaceId, { ...pending.identity, ...form.data })
    const response = await createUserSession(request, user.id, pending.redirectTo, { flash: 'Welcome to Tandem.' })
    response.headers.append('Set-Cookie', await clearSsoPending())
    return response
  } catch (error) {
    return refusalResponse(error, form.data)
  }
}

export default function SsoWelcome() {
  const { email, name } = useLoaderData<typeof loader>()
  const failure = useFormResult()
  return (
    <section className="narrow">
      <h1>Welcome to Tandem</h1>
      <p className="muted">
        Your sign-in provider confirmed <strong>{email}</strong>. One more step makes your account.
      </p>
      <Form method="post" className="stack card" noValidate>
        <FormError message={failure.formError} />
        <Field
          label="Your name"
          name="name"
          type="text"
          required
          maxLength={100}
          autoComplete="name"
          defaultValue={failure.failed ? failure.values.name : name}
          errors={failure.errors.name}
        />
        <SelectField
          label="Discipline"
          name="discipline"
          hint="The discipline you work in. Pulse answers count under the discipline you have on each team."
          defaultValue={failure.failed ? failure.values.discipline : ''}
          errors={failure.errors.discipline}
          options={[{ value: '', label: 'Choose…' }, ...DISCIPLINES.map((d) => ({ value: d, label: DISCIPLINE_LABELS[d] }))]}
        />
        <button type="submit">Create my account</button>
      </Form>
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Welcome · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
