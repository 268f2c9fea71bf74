import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError, SelectField } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { isTimeZone, timeZoneOptions } from '~/domain/time-zones'
import { isRefusal } from '~/domain/refusal'
import { createWorkspaceWithOwner, isOnboarded, ONBOARDING_CLOSED } from '~/models/workspace.server'
import { formInvalid } from '~/utils/refusals.server'
import { emailField, passwordField, readForm, text } from '~/utils/forms'
import { useFormResult } from '~/utils/use-form-result'
import { createUserSession } from '~/utils/session.server'

export async function loader() {
  // Onboarding exists only until the installation has its workspace.
  if (await isOnboarded()) throw redirect('/login')
  return json({ zones: timeZoneOptions() })
}

const OnboardingSchema = z.object({
  workspaceName: text('Workspace name', { max: 100 }),
  timeZone: z.string().refine(isTimeZone, 'Choose a time zone from the list'),
  name: text('Your name', { max: 100 }),
  email: emailField,
  password: passwordField,
})

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request, OnboardingSchema)
  if (!form.ok) return formInvalid(form)
  try {
    const { owner } = await createWorkspaceWithOwner(form.data)
    return createUserSession(request, owner.id, '/teams')
  } catch (error) {
    // Someone finished onboarding first: there is nothing left to set up, only to sign in.
    if (isRefusal(error) && error.message === ONBOARDING_CLOSED) throw redirect('/login')
    throw error
  }
}

export default function Onboarding() {
  const { zones } = useLoaderData<typeof loader>()
  const failure = useFormResult()
  const errors = failure.errors
  const values = failure.values
  return (
    <section className="narrow">
      <h1>Set up Tandem</h1>
      <p className="muted">
        Create your workspace and its owner account. You will then create teams and invite product and engineering people.
      </p>
      <Form method="post" className="stack card" noValidate>
        <FormError message={failure.formError} />
        <Field
          label="Workspace name"
          name="workspaceName"
          required
          defaultValue={values.workspaceName}
          errors={errors.workspaceName}
          placeholder="Acme Inc."
        />
        <SelectField
          label="Time zone"
          name="timeZone"
          defaultValue={values.timeZone ?? 'UTC'}
          errors={errors.timeZone}
          options={zones.map((z) => ({ value: z, label: z }))}
        />
        <Field label="Your name" name="name" required autoComplete="name" defaultValue={values.name} errors={errors.name} />
        <Field label="Email" name="email" type="email" required autoComplete="email" defaultValue={values.email} errors={errors.email} />
        <Field
          label="Password"
          name="password"
          type="password"
          required
          autoComplete="new-password"
          hint="(10 characters or more)"
          errors={errors.password}
        />
        <button type="submit">Create workspace</button>
      </Form>
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Set up Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
