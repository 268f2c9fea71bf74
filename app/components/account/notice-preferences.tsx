import { Form } from '@remix-run/react'
import { FormError } from '~/components/field'
import { SLACK_DM_KINDS, type SlackDmKind } from '~/domain/chat'
import { NOTICE_KINDS, NOTICE_LABELS, type NoticeKind } from '~/domain/nudges'

/**
 * Which notices also come by mail. In the app they always appear: the
 * notification list is where Tandem tells anyone anything.
 */
export function NoticePreferences({
  mail,
  slack,
  smtpConfigured,
  formError,
}: {
  mail: Record<NoticeKind, boolean>
  /** null while the workspace is not connected to Slack */
  slack: Record<SlackDmKind, boolean> | null
  smtpConfigured: boolean
  formError?: string | null
}) {
  return (
    <Form method="post" className="card stack" noValidate aria-labelledby="notices-h" id="notices">
      <h2 id="notices-h" style={{ margin: 0 }}>
        Notifications
      </h2>
      <input type="hidden" name="intent" value="notices" />
      <FormError message={formError ?? null} />
      <p className="small muted" style={{ margin: 0 }}>
        Every notice appears under Notifications in Tandem. Tick those you also want by mail.{' '}
        {smtpConfigured ? null : <strong>This installation sends no mail yet, so for now they appear in the app only.</strong>}
      </p>
      <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0, gap: '0.25rem' }}>
        <legend className="small" style={{ fontWeight: 600, marginBottom: '0.25rem' }}>
          Also by mail
        </legend>
        {NOTICE_KINDS.map((kind) => (
          <label key={kind} style={{ fontWeight: 400, display: 'flex', gap: '0.6rem', alignItems: 'flex-start', minHeight: 44 }}>
            <input type="checkbox" name="mail" value={kind} defaultChecked={mail[kind]} style={{ marginTop: '0.3rem' }} />
            <span>
              {NOTICE_LABELS[kind].label}
              <br />
              <span className="small muted">{NOTICE_LABELS[kind].hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {slack ? (
        <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0, gap: '0.25rem' }}>
          <legend className="small" style={{ fontWeight: 600, marginBottom: '0.25rem' }}>
            Also in Slack, as a direct message from the Tandem bot
          </legend>
          <input type="hidden" name="slackShown" value="on" />
          {SLACK_DM_KINDS.map((kind) => (
            <label key={kind} style={{ fontWeight: 400, display: 'flex', gap: '0.6rem', alignItems: 'center', minHeight: 44 }}>
              <input type="checkbox" name="slack" value={kind} defaultChecked={slack[kind]} />
              <span>{NOTICE_LABELS[kind].label} in Slack</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <div>
        <button type="submit">Save notifications</button>
      </div>
    </Form>
  )
}
