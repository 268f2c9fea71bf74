import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { BatchStatusText, MailStatusText } from '~/components/outbox/mail-status'
import { isUuid } from '~/domain/ids'
import { formatDateTime } from '~/domain/format'
import { getOutboxMail } from '~/models/outbox.server'
import { getWorkspaceById } from '~/models/workspace.server'
import { requireAdmin } from '~/utils/auth.server'
import { invariantResponse } from '~/utils/refusals.server'
import { adminMailBody } from '~/utils/outbox-view.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request)
  const mail = isUuid(params.mailId) ? await getOutboxMail(admin.workspaceId, params.mailId) : null
  invariantResponse(mail, 'Mail not found.')
  const workspace = await getWorkspaceById(admin.workspaceId)
  const timeZone = workspace?.timeZone ?? 'UTC'
  const body = adminMailBody(mail, request)
  return json({
    mail: {
      id: mail.id,
      // A batch (a round's reminder) is shown with its size, never its addresses.
      to: mail.batch ? null : mail.toAddress,
      batch: mail.batch,
      subject: mail.subject,
      channel: mail.channel,
      status: mail.status,
      attempts: mail.attempts,
      lastError: mail.lastError,
      nextAttempt: mail.status === 'pending' ? formatDateTime(mail.nextAttemptAt, timeZone) : null,
      created: formatDateTime(mail.createdAt, timeZone),
      sent: mail.sentAt ? formatDateTime(mail.sentAt, timeZone) : null,
      text: body.text,
      html: body.html,
    },
  })
}

const VIA = {
  mail: 'Mail',
  slack: 'Slack (a direct message from the bot to each person, or a post to a team’s channel)',
  teams: 'Microsoft Teams (the workspace’s workflow webhook)',
} as const

export default function OutboxMail() {
  const { mail } = useLoaderData<typeof loader>()
  const htmlHref = `/admin/outbox/${mail.id}.html`
  return (
    <article aria-labelledby="mail-h">
      <p>
        <Link to="/admin/outbox">← All messages</Link>
      </p>
      <h2 id="mail-h" style={{ overflowWrap: 'anywhere' }}>
        {mail.subject}
      </h2>
      <dl className="card" style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.25rem 1rem', margin: '0 0 1rem' }}>
        <dt>Via</dt>
        <dd style={{ margin: 0 }}>{VIA[mail.channel]}</dd>
        <dt>To</dt>
        <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>
          {mail.batch
            ? `${mail.batch.recipients} ${mail.batch.recipients === 1 ? 'person' : 'people'}. Who is not shown: this message went to a group, such as the people who had not yet answered a pulse.`
            : mail.to}
        </dd>
        <dt>Created</dt>
        <dd style={{ margin: 0 }}>{mail.created}</dd>
        {mail.sent ? (
          <>
            <dt>Sent</dt>
            <dd style={{ margin: 0 }}>{mail.sent}</dd>
          </>
        ) : null}
        <dt>Status</dt>
        <dd style={{ margin: 0 }}>
          {mail.batch ? (
            <BatchStatusText byStatus={mail.batch.byStatus} />
          ) : (
            <MailStatusText status={mail.status} attempts={mail.attempts} lastError={mail.lastError} nextAttempt={mail.nextAttempt} />
          )}
        </dd>
      </dl>
      <h3>Plain text</h3>
      {/* React escapes the text; nothing from the mail is parsed as HTML here. */}
      <pre className="card" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: '0.9rem' }}>
        {mail.text}
      </pre>
      {mail.channel === 'mail' ? <h3>HTML</h3> : null}
      {mail.channel !== 'mail' ? null : mail.html ? (
        <>
          <p className="small muted">
            Shown in a sandbox: scripts, forms and links inside it cannot act on Tandem.{' '}
            <a href={htmlHref}>Open the HTML part on its own</a>.
          </p>
          <iframe
            title={`HTML version of “${mail.subject}”`}
            src={htmlHref}
            sandbox=""
            referrerPolicy="no-referrer"
            style={{ width: '100%', height: '18rem', border: '1px solid var(--line)', borderRadius: 'var(--radius)', background: '#fff' }}
          />
          <details>
            <summary>HTML source</summary>
            <pre className="card" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: '0.85rem' }}>
              {mail.html}
            </pre>
          </details>
        </>
      ) : (
        <p className="muted">This mail has no HTML part.</p>
      )}
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.mail.subject ?? 'Mail'} · Outbox · Tandem` }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
