import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import type { CSSProperties } from 'react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormError, SelectField } from '~/components/field'
import { GenerativeCultureSetting } from '~/components/generative-culture/setting'
import { TEAM_FIRST_MAX_DAYS } from '~/domain/team-first'
import { isTimeZone, timeZoneOptions } from '~/domain/time-zones'
import { getWorkspaceById, updateWorkspaceSettings } from '~/models/workspace.server'
import { requireAdmin } from '~/utils/auth.server'
import { invariantResponse } from '~/utils/refusals.server'
import { readForm, text } from '~/utils/forms'
import { useFormResult } from '~/utils/use-form-result'
import { redirectWithFlash } from '~/utils/session.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request)
  const workspace = await getWorkspaceById(admin.workspaceId)
  invariantResponse(workspace, 'Workspace not found.')
  const { id: _id, createdAt: _created, ...settings } = workspace
  return json({ settings, zones: timeZoneOptions() })
}

/** A whole number typed into a form. An empty box is "required", never a silent 0. */
function wholeNumber(label: string, min: number, max: number, unit = '') {
  return z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .transform(Number)
    .pipe(
      z
        .number({ error: `${label} must be a whole number` })
        .int(`${label} must be a whole number`)
        .min(min, `${label} must be at least ${min}${unit}`)
        .max(max, `${label} must be at most ${max}${unit}`),
    )
}

const SettingsSchema = z
  .object({
    name: text('Workspace name', { max: 100 }),
    timeZone: z.string({ error: 'Choose a time zone from the list' }).refine(isTimeZone, 'Choose a time zone from the list'),
    anonymityK: wholeNumber('Anonymity threshold', 3, 50),
    commentK: wholeNumber('Comment threshold', 3, 100),
    deficitRespectIndex: wholeNumber('Respect Index threshold', 0, 100),
    deficitDirectional: wholeNumber('Directional score threshold', 0, 100),
    deficitGap: wholeNumber('Perception gap threshold', 0, 100),
    digestWeekday: wholeNumber('Digest day', 1, 7),
    digestHour: wholeNumber('Digest hour', 0, 23),
    teamFirst: z.literal('on', { error: 'Tick the box or leave it empty' }).optional(),
    teamFirstDays: wholeNumber('Days the team sees results first', 1, TEAM_FIRST_MAX_DAYS),
    tightenPast: z.literal('on', { error: 'Tick the box or leave it empty' }).optional(),
    generativeCulture: z.literal('on', { error: 'Tick the box or leave it empty' }).optional(),
  })
  .refine((s) => s.commentK >= s.anonymityK, {
    path: ['commentK'],
    message: 'Comment threshold must be at least the anonymity threshold',
  })

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const form = await readForm(request, SettingsSchema)
  if (!form.ok) return json(form, { status: 422 })
  const { tightenPast, generativeCulture, teamFirst, ...rest } = form.data
  const input = { ...rest, generativeCulture: generativeCulture === 'on', teamFirst: teamFirst === 'on' }
  const saved = await updateWorkspaceSettings(admin.workspaceId, input, { actorId: admin.id, tightenPast: tightenPast === 'on' })
  invariantResponse(saved, 'Workspace not found.')
  const raised = saved.raised ? ` ${saved.raised} earlier ${saved.raised === 1 ? 'round was' : 'rounds were'} made stricter.` : ''
  return redirectWithFlash(request, '/admin/settings', `Workspace settings saved.${raised}`)
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map((label, i) => ({
  value: String(i + 1),
  label,
}))
// Fields side by side where there is room, one per line on a phone, tops aligned.
const fieldGrid: CSSProperties = {
  display: 'grid',
  gap: '0.75rem',
  gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))',
  alignItems: 'start',
}
const HOURS = Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: `${String(h).padStart(2, '0')}:00` }))

export default function Settings() {
  const { settings, zones } = useLoaderData<typeof loader>()
  const failure = useFormResult()
  const busy = useNavigation().state === 'submitting'
  const errors = failure.errors
  // What the person typed after a failed save, else what is stored.
  const value = (name: keyof typeof settings) => failure.values[name] ?? String(settings[name])
  const number = (name: keyof typeof settings, label: string, min: number, max: number, hint?: string) => (
    <Field
      label={label}
      name={name}
      type="number"
      inputMode="numeric"
      required
      min={min}
      max={max}
      step={1}
      defaultValue={value(name)}
      errors={errors[name]}
      hint={hint}
    />
  )
  return (
    <section style={{ maxWidth: '880px' }}>
      <h1>Workspace settings</h1>
      <p className="small">
        Sign-in: <Link to="/admin/sso">single sign-on and password sign-in</Link> · Messages:{' '}
        <Link to="/admin/integrations">Slack and Microsoft Teams</Link> · Integrations: <Link to="/admin/webhooks">outgoing webhooks</Link>,{' '}
        <Link to="/admin/api-tokens">workspace API tokens</Link>
      </p>
      <Form method="post" className="stack" noValidate>
        <FormError message={failure.failed ? (failure.formError ?? 'Some settings need fixing; see the messages below.') : null} />
        <fieldset className="card stack">
          <legend>Workspace</legend>
          <Field label="Name" name="name" type="text" required maxLength={100} defaultValue={value('name')} errors={errors.name} />
          <SelectField
            label="Time zone"
            name="timeZone"
            hint="(dates, pulse windows and the digest use it)"
            defaultValue={value('timeZone')}
            errors={errors.timeZone}
            options={zones.map((z) => ({ value: z, label: z }))}
          />
        </fieldset>
        <fieldset className="card stack">
          <legend>Anonymity</legend>
          <p className="small" style={{ margin: 0 }}>
            A group&apos;s scores are shown only once at least <em>k</em> people in it have answered, so no one&apos;s answers can be
            singled out. <Link to="/anonymity">How anonymity works</Link>
          </p>
          <div style={fieldGrid}>
            {number('anonymityK', 'Anonymity threshold (k)', 3, 50, '(3 or more; default 5)')}
            {number('commentK', 'Comment threshold', 3, 100, '(at least k; default 7)')}
          </div>
          <p className="small muted" style={{ margin: 0 }}>
            New thresholds apply to rounds that open from now on: people answered earlier rounds under the thresholds those rounds opened
            with, so earlier rounds are never made looser. Every change is listed, with your name, on the anonymity page that everyone can
            read.
          </p>
          <label style={{ fontWeight: 400, display: 'flex', gap: '0.5rem', alignItems: 'center', minHeight: 44 }}>
            <input type="checkbox" name="tightenPast" value="on" defaultChecked={failure.values.tightenPast === 'on'} />
            Also apply to rounds already opened, wherever the new thresholds are stricter
          </label>
        </fieldset>
        <fieldset className="card stack">
          <legend>Respect deficit</legend>
          <p className="small muted" style={{ margin: 0 }}>
            Tandem reports a respect deficit for a team when one of these lines is crossed. All are on the 0–100 scale.
          </p>
          <div style={fieldGrid}>
            {number('deficitRespectIndex', 'Respect Index below', 0, 100, '(default 60)')}
            {number('deficitDirectional', 'Directional score below', 0, 100, '(default 55)')}
            {number('deficitGap', 'Perception gap at or above', 0, 100, '(points; default 15)')}
          </div>
        </fieldset>
        <fieldset className="card stack">
          <legend>Team first</legend>
          <p className="small muted" style={{ margin: 0 }}>
            A team reads its own results before anyone else: for these days after a round closes, its members and facilitators see the
            results and leaders do not yet, on the team&apos;s page, the dashboard, its CSV files and the digest.
          </p>
          <label style={{ fontWeight: 400, display: 'flex', gap: '0.5rem', alignItems: 'center', minHeight: 44 }}>
            <input
              type="checkbox"
              name="teamFirst"
              value="on"
              defaultChecked={failure.failed ? failure.values.teamFirst === 'on' : settings.teamFirst}
            />
            Let each team see its results first
          </label>
          <div style={fieldGrid}>{number('teamFirstDays', 'Days before leaders see them', 1, TEAM_FIRST_MAX_DAYS, '(default 2)')}</div>
        </fieldset>
        <fieldset className="card stack">
          <legend>Weekly digest</legend>
          <div style={fieldGrid}>
            <SelectField
              label="Day"
              name="digestWeekday"
              defaultValue={value('digestWeekday')}
              errors={errors.digestWeekday}
              options={WEEKDAYS}
            />
            <SelectField
              label="Hour"
              name="digestHour"
              hint="(workspace time)"
              defaultValue={value('digestHour')}
              errors={errors.digestHour}
              options={HOURS}
            />
          </div>
        </fieldset>
        <GenerativeCultureSetting checked={failure.failed ? failure.values.generativeCulture === 'on' : settings.generativeCulture} />
        <div>
          <button type="submit" disabled={busy}>
            Save settings
          </button>
        </div>
      </Form>
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Settings · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
