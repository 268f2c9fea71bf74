import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { PasswordForm, ProfileForm } from '~/components/account/account-forms'
import { NoticePreferences } from '~/components/account/notice-preferences'
import { SessionsList } from '~/components/account/sessions-list'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { isUuid } from '~/domain/ids'
import { NOTICE_KINDS } from '~/domain/nudges'
import { formatDateTime } from '~/domain/format'
import { changePassword, updateUserName } from '~/models/account.server'
import { deleteOwnSession, deleteUserSessions, listUserSessions, SESSION_IDLE_DAYS, SESSION_MAX_DAYS } from '~/models/auth-session.server'
import { SLACK_DM_KINDS } from '~/domain/chat'
import { listChatConnections } from '~/models/chat-connections.server'
import { getMailPreferences, getSlackPreferences, saveNoticePreferences } from '~/models/nudges/preferences.server'
import { getWorkspaceById } from '~/models/workspace.server'
import { getEnv } from '~/utils/env.server'
import { requireUserSession } from '~/utils/auth.server'
import { formFailure, passwordField, readForm, text } from '~/utils/forms'
import { invariantResponse } from '~/utils/refusals.server'
import { useFormResult } from '~/utils/use-form-result'
import { destroySession, redirectSignedOut, redirectWithFlash } from '~/utils/session.server'
import { beginPasswordCheck, tooManyForm } from '~/utils/throttle.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session } = await requireUserSession(request)
  const [rows, workspace, mail, slack, chat] = await Promise.all([
    listUserSessions(user.id),
    getWorkspaceById(user.workspaceId),
    getMailPreferences(user),
    getSlackPreferences(user),
    listChatConnections(user.workspaceId),
  ])
  const timeZone = workspace?.timeZone ?? 'UTC'
  return json({
    name: user.name,
    email: user.email,
    mail,
    // Slack choices are offered only while the workspace is connected to Slack.
    slack: chat.slack ? slack : null,
    smtpConfigured: Boolean(getEnv().SMTP_URL),
    idleDays: SESSION_IDLE_DAYS,
    maxDays: SESSION_MAX_DAYS,
    sessions: rows.map((s) => ({
      id: s.id,
      device: s.device || 'Unknown browser',
      created: formatDateTime(s.createdAt, timeZone),
      lastSeen: formatDateTime(s.lastSeenAt, timeZone),
      current: s.id === session.id,
    })),
  })
}

const AccountSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('profile'), name: text('Your name', { max: 100 }) }),
  z
    .object({
      intent: z.literal('password'),
      currentPassword: z
        .string({ error: 'Enter your current password' })
        .min(1, 'Enter your current password')
        .max(200, 'Password is too long'),
      newPassword: passwordField,
      newPasswordAgain: z.string({ error: 'Type the new password again' }),
    })
    .refine((v) => v.newPassword === v.newPasswordAgain, { path: ['newPasswordAgain'], message: 'The two new passwords do not match' }),
  z.object({
    intent: z.literal('notices'),
    // One value per ticked box; none ticked sends no field at all.
    mail: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .pipe(z.array(z.enum(NOTICE_KINDS, { error: 'Choose from the kinds of notice listed' }))),
    // Present when the form showed the Slack boxes: only then does "none ticked" mean "none".
    slackShown: z.literal('on').optional(),
    slack: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .pipe(z.array(z.enum(SLACK_DM_KINDS, { error: 'Choose from the kinds of Slack message listed' }))),
  }),
  z.object({ intent: z.literal('revoke-session'), sessionId: z.string() }),
  z.object({ intent: z.literal('sign-out-everywhere') }),
])

export async function action({ request }: ActionFunctionArgs) {
  const { user, session } = await requireUserSession(request)
  const form = await readForm(request, AccountSchema)
  if (!form.ok) return json(form, { status: 422 })
  const input = form.data
  switch (input.intent) {
    case 'profile': {
      await updateUserName(user.id, input.name)
      return redirectWithFlash(request, '/account', 'Your name was saved.')
    }
    case 'password': {
      const values = { intent: 'password' }
      const check = await beginPasswordCheck(user.id)
      if (!check.ok) return tooManyForm(values, 'Too many wrong current passwords.', check.retryAfter)
      const changed = await changePassword(user.id, { current: input.currentPassword, next: input.newPassword, keepSessionId: session.id })
      if (!changed.ok) {
        const message = 'Your current password is not right.'
        return json(formFailure(values, message, { currentPassword: [message] }), { status: 422 })
      }
      await check.succeeded()
      const others = changed.revoked === 1 ? '1 other session was' : `${changed.revoked} other sessions were`
      return redirectWithFlash(request, '/account', `Your password was changed. ${others} signed out.`)
    }
    case 'notices': {
      await saveNoticePreferences(user, { mail: input.mail, slack: input.slackShown ? input.slack : undefined })
      return redirectWithFlash(request, '/account#notices', 'Your notification choices were saved.')
    }
    case 'revoke-session': {
      if (input.sessionId === session.id) return destroySession(request, '/login', 'You signed out.')
      invariantResponse(
        isUuid(input.sessionId) && (await deleteOwnSession(user.id, input.sessionId)),
        'That session was not found. It may have ended already.',
      )
      return redirectWithFlash(request, '/account', 'That session was signed out.')
    }
    case 'sign-out-everywhere': {
      await deleteUserSessions(user.id)
      return redirectSignedOut('/login', 'You were signed out everywhere, including here.')
    }
  }
}

export default function Account() {
  const data = useLoaderData<typeof loader>()
  const failed = useFormResult()
  const failure = failed.failed ? failed : undefined
  const intent = failure?.values.intent
  return (
    <>
      <h1>Your account</h1>
      <p className="small">
        For scripts: <Link to="/account/tokens">your API tokens</Link>
      </p>
      <div className="grid" style={{ alignItems: 'start' }}>
        <ProfileForm name={data.name} email={data.email} failure={intent === 'profile' ? failure : undefined} />
        <PasswordForm failure={intent === 'password' ? failure : undefined} />
      </div>
      <NoticePreferences
        mail={data.mail}
        slack={data.slack}
        smtpConfigured={data.smtpConfigured}
        formError={intent === 'notices' ? (failure?.formError ?? Object.values(failure?.errors ?? {}).flat()[0]) : null}
      />
      <SessionsList sessions={data.sessions} idleDays={data.idleDays} maxDays={data.maxDays} />
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Your account · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
