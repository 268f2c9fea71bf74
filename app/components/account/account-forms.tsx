import { Form } from '@remix-run/react'
import { Field, FormError } from '~/components/field'

type Failure = { errors: Record<string, string[] | undefined>; values: Record<string, string>; formError?: string | null }

/** The form-level message, unless it is already shown next to a field. */
function formLevel(failure?: Failure) {
  const message = failure?.formError
  return message && !Object.values(failure.errors).flat().includes(message) ? message : null
}

export function ProfileForm({ name, email, failure }: { name: string; email: string; failure?: Failure }) {
  return (
    <Form method="post" className="card stack" noValidate aria-labelledby="profile-h">
      <h2 id="profile-h" style={{ margin: 0 }}>
        Your name
      </h2>
      <input type="hidden" name="intent" value="profile" />
      <FormError message={formLevel(failure)} />
      <Field
        label="Name"
        name="name"
        type="text"
        required
        autoComplete="name"
        defaultValue={failure?.values.name ?? name}
        errors={failure?.errors.name}
      />
      <p className="small muted" style={{ margin: 0, overflowWrap: 'anywhere' }}>
        You sign in as <strong>{email}</strong>; your email cannot be changed here.
      </p>
      <div>
        <button type="submit">Save name</button>
      </div>
    </Form>
  )
}

export function PasswordForm({ failure }: { failure?: Failure }) {
  const errors = failure?.errors ?? {}
  return (
    <Form method="post" className="card stack" noValidate aria-labelledby="password-h">
      <h2 id="password-h" style={{ margin: 0 }}>
        Change your password
      </h2>
      <input type="hidden" name="intent" value="password" />
      <FormError message={formLevel(failure)} />
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        required
        autoComplete="current-password"
        errors={errors.currentPassword}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        required
        autoComplete="new-password"
        hint="(10 characters or more)"
        errors={errors.newPassword}
      />
      <Field
        label="New password again"
        name="newPasswordAgain"
        type="password"
        required
        autoComplete="new-password"
        errors={errors.newPasswordAgain}
      />
      <p className="small muted" style={{ margin: 0 }}>
        You stay signed in here; every other session is signed out.
      </p>
      <div>
        <button type="submit">Change password</button>
      </div>
    </Form>
  )
}
