import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormError, SelectField, TextareaField } from '~/components/field'
import { SsoStatus } from '~/components/sso/sso-status'
import { domainListField, issuerField } from '~/domain/sso'
import { getSsoSettings, listActiveAdmins, saveSsoSettings } from '~/models/sso.server'
import { getWorkspaceById } from '~/models/workspace.server'
import { requireAdmin } from '~/utils/auth.server'
import { readForm, text } from '~/utils/forms'
import { checkIssuer } from '~/utils/oidc.server'
import { refusalResponse } from '~/utils/refusals.server'
import { unseal } from '~/utils/sealed.server'
import { redirectWithFlash } from '~/utils/session.server'
import { appUrl } from '~/utils/urls.server'
import { useFormResult } from '~/utils/use-form-result'

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request)
  const [row, admins, workspace] = await Promise.all([
    getSsoSettings(admin.workspaceId),
    listActiveAdmins(admin.workspaceId),
    getWorkspaceById(admin.workspaceId),
  ])
  // The sealed secret never leaves the server; the page only says whether one is stored.
  const settings = row
    ? {
        enabled: row.enabled,
        label: row.label,
        issuer: row.issuer,
        clientId: row.clientId,
        allowedDomains: row.allowedDomains.join('\n'),
        passwordSignIn: row.passwordSignIn,
        breakGlassUserId: row.breakGlassUserId ?? '',
        lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
        lastErrorAt: row.lastErrorAt?.toISOString() ?? null,
        lastError: row.lastError,
        // Sealed under a key that has since changed: it must be entered again.
        secretReadable: unseal(row.clientSecretSealed) !== null,
      }
    : null
  return json({ settings, admins, redirectUri: appUrl('/auth/sso/callback'), selfId: admin.id, timeZone: workspace?.timeZone ?? 'UTC' })
}

const SsoSchema = z.object({
  enabled: z.literal('on', { error: 'Tick the box or leave it empty' }).optional(),
  label: text('Button label', { max: 60 }),
  issuer: issuerField,
  clientId: text('Client ID', { max: 500 }),
  clientSecret: z.string().max(2000, 'The client secret is too long').optional().default(''),
  allowedDomains: domainListField.optional().default([]),
  passwordSignIn: z.enum(['everyone', 'break-glass'], { error: 'Pick who may sign in with a password' }),
  breakGlassUserId: z.union([z.uuid('Pick an admin from the list'), z.literal('')]).optional(),
})

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const form = await readForm(request, SsoSchema)
  if (!form.ok) return json(form, { status: 422 })
  const { enabled, breakGlassUserId, clientSecret, ...rest } = form.data
  const values = {
    ...rest,
    allowedDomains: rest.allowedDomains.join('\n'),
    breakGlassUserId: breakGlassUserId ?? '',
    enabled: enabled ?? '',
  }
  if (enabled) {
    const stored = await getSsoSettings(admin.workspaceId)
    // Check the issuer only when turning on or changing it, so a provider
    // that is briefly away does not block unrelated edits.
    if (!stored?.enabled || stored.issuer !== rest.issuer || stored.clientId !== rest.clientId) {
      const problem = await checkIssuer({
        issuer: rest.issuer,
        clientId: rest.clientId,
        clientSecret: clientSecret || 'unchecked',
        updatedAt: new Date(),
      })
      if (problem) return json({ ok: false as const, errors: { issuer: [problem] }, values, formError: problem }, { status: 422 })
    }
  }
  try {
    await saveSsoSettings(admin.workspaceId, admin.id, {
      ...rest,
      enabled: enabled === 'on',
      clientSecret,
      breakGlassUserId: breakGlassUserId || null,
    })
  } catch (error) {
    return refusalResponse(error, values)
  }
  return redirectWithFlash(request, '/admin/sso', enabled ? 'Single sign-on saved and turned on.' : 'Single sign-on saved; it is off.')
}

export default function SsoSettingsPage() {
  const { settings, admins, redirectUri, selfId, timeZone } = useLoaderData<typeof loader>()
  const failure = useFormResult()
  const busy = useNavigation().state === 'submitting'
  const errors = failure.errors
  const value = (name: string, stored: string) => (failure.failed ? (failure.values[name] ?? '') : stored)
  const enabled = failure.failed ? failure.values.enabled === 'on' : (settings?.enabled ?? false)
  return (
    <section style={{ maxWidth: '760px' }}>
      <p className="small">
        <Link to="/admin/settings">← Workspace settings</Link>
      </p>
      <h1>Single sign-on</h1>
      <SsoStatus settings={settings} timeZone={timeZone} />
      <Form method="post" className="stack" noValidate>
        <FormError message={failure.failed ? (failure.formError ?? 'Some settings need fixing; see the messages below.') : null} />
        <fieldset className="card stack">
          <legend>OpenID Connect provider</legend>
          <p className="small" style={{ margin: 0 }}>
            Register Tandem at your provider (Okta, Entra ID, Google Workspace, Keycloak…) as a web application with this redirect URI:{' '}
            <code style={{ overflowWrap: 'anywhere' }}>{redirectUri}</code>
          </p>
          <Field
            label="Issuer"
            name="issuer"
            type="text"
            inputMode="url"
            required
            placeholder="https://login.example.com"
            defaultValue={value('issuer', settings?.issuer ?? '')}
            errors={errors.issuer}
          />
          <Field
            label="Client ID"
            name="clientId"
            type="text"
            required
            autoComplete="off"
            defaultValue={value('clientId', settings?.clientId ?? '')}
            errors={errors.clientId}
          />
          <Field
            label="Client secret"
            name="clientSecret"
            type="password"
            autoComplete="new-password"
            hint={settings ? '(stored, sealed; leave empty to keep it)' : undefined}
            errors={
              errors.clientSecret ??
              (settings && !settings.secretReadable
                ? ['The stored secret can no longer be read (SECRETS_KEY changed). Enter it again.']
                : undefined)
            }
          />
          <Field
            label="Button label"
            name="label"
            type="text"
            required
            maxLength={60}
            hint='(the sign-in page says "Sign in with …")'
            defaultValue={value('label', settings?.label ?? 'single sign-on')}
            errors={errors.label}
          />
        </fieldset>
        <fieldset className="card stack">
          <legend>Who gets in</legend>
          <TextareaField
            label="Email domains that get an account at their first sign-in"
            name="allowedDomains"
            rows={3}
            hint="(one per line, such as example.com; others need an invitation)"
            defaultValue={value('allowedDomains', settings?.allowedDomains ?? '')}
            errors={errors.allowedDomains}
          />
          <p className="small muted" style={{ margin: 0 }}>
            Existing accounts are linked by email the first time their owner signs in, when the provider says the email is verified.
          </p>
        </fieldset>
        <fieldset className="card stack">
          <legend>Passwords</legend>
          <SelectField
            label="Password sign-in"
            name="passwordSignIn"
            defaultValue={value('passwordSignIn', settings?.passwordSignIn ?? 'everyone')}
            errors={errors.passwordSignIn}
            options={[
              { value: 'everyone', label: 'Everyone may also sign in with a password' },
              { value: 'break-glass', label: 'Only the break-glass admin below' },
            ]}
          />
          <SelectField
            label="Break-glass admin"
            name="breakGlassUserId"
            hint="(keeps a password for when the provider is down)"
            defaultValue={value('breakGlassUserId', settings?.breakGlassUserId || selfId)}
            errors={errors.breakGlassUserId}
            options={admins.map((a) => ({ value: a.id, label: `${a.name} (${a.email})` }))}
          />
        </fieldset>
        <label style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', minHeight: 44 }}>
          <input type="checkbox" name="enabled" value="on" defaultChecked={enabled} />
          Single sign-on is on
        </label>
        <div>
          <button type="submit" disabled={busy}>
            Save single sign-on
          </button>
        </div>
      </Form>
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Single sign-on · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
