import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData, useOutlet } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { BatchStatusText, MailStatusText } from '~/components/outbox/mail-status'
import { Pager, readPage } from '~/components/pager'
import { formatDateTime } from '~/domain/format'
import { listOutbox } from '~/models/outbox.server'
import { getWorkspaceById } from '~/models/workspace.server'
import { requireAdmin } from '~/utils/auth.server'
import { getEnv } from '~/utils/env.server'

const PAGE_SIZE = 20
const CHANNEL_LABELS = { slack: 'Slack', teams: 'Microsoft Teams' } as const

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request)
  const page = readPage(request)
  const [{ total, items }, workspace] = await Promise.all([
    listOutbox(admin.workspaceId, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    getWorkspaceById(admin.workspaceId),
  ])
  const timeZone = workspace?.timeZone ?? 'UTC'
  return json({
    smtpConfigured: Boolean(getEnv().SMTP_URL),
    timeZone,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    items: items.map((m) => ({
      id: m.id,
      to: m.toAddress,
      recipients: m.recipients,
      byStatus: m.byStatus,
      subject: m.subject,
      channel: m.channel,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      nextAttempt: m.status === 'pending' ? formatDateTime(m.nextAttemptAt, timeZone) : null,
      created: formatDateTime(m.createdAt, timeZone),
    })),
  })
}

export default function Outbox() {
  const { smtpConfigured, timeZone, page, pages, total, items } = useLoaderData<typeof loader>()
  // The mail page renders in place of the list (it is a child route).
  const outlet = useOutlet()
  return (
    <>
      <h1>Outbox</h1>
      {smtpConfigured ? (
        <p className="muted">
          SMTP is configured (<code>SMTP_URL</code>): mail is delivered from here, and a failed send is retried with a growing delay until
          it goes through.
        </p>
      ) : (
        <p className="alert">
          SMTP is not configured, so mail is kept here instead of being sent. Open a mail to read it or copy an invitation link, or set{' '}
          <code>SMTP_URL</code> to deliver mail.
        </p>
      )}
      {outlet ?? (
        <section aria-labelledby="outbox-h">
          <h2 id="outbox-h">
            All messages{' '}
            <span className="muted small">
              ({total}, newest first; times in {timeZone})
            </span>
          </h2>
          {items.length === 0 ? (
            <div className="empty">
              <p>Nothing sent yet. Invitations, pulse reminders, digests and Slack or Teams messages will appear here.</p>
            </div>
          ) : (
            <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {items.map((m) => (
                <li key={m.id} className="card" style={{ marginBottom: '0.5rem', padding: '0.6rem 1rem' }}>
                  <div className="row" style={{ alignItems: 'baseline', justifyContent: 'space-between' }}>
                    <Link to={`/admin/outbox/${m.id}`} style={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
                      {m.subject}
                    </Link>
                    <span className="muted small">{m.created}</span>
                  </div>
                  <div className="small">
                    {m.channel === 'mail' ? null : <strong>{CHANNEL_LABELS[m.channel]} · </strong>}
                    {m.to === null ? (
                      <>
                        To {m.recipients} {m.recipients === 1 ? 'person' : 'people'} (not listed) ·{' '}
                        <BatchStatusText byStatus={m.byStatus} />
                      </>
                    ) : (
                      <>
                        <span style={{ overflowWrap: 'anywhere' }}>To {m.to}</span> ·{' '}
                        <MailStatusText status={m.status} attempts={m.attempts} lastError={m.lastError} nextAttempt={m.nextAttempt} />
                      </>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <Pager page={page} pages={pages} />
        </section>
      )}
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Outbox · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
