import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { DigestNumbers } from '~/components/digest/digest-numbers'
import digestStyles from '~/components/digest/digest.css'
import { SubscriptionForm } from '~/components/digest/subscription-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { joinNames } from '~/domain/digest'
import { formatDateTime } from '~/domain/format'
import { listDigestTeams, previewDigest } from '~/models/digest.server'
import { setDigestOptOut } from '~/models/user.server'
import { requireUser } from '~/utils/auth.server'
import { readForm } from '~/utils/forms'
import { invariantResponse } from '~/utils/refusals.server'
import { redirectWithFlash } from '~/utils/session.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: digestStyles }]

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const preview = await previewDigest({ workspaceId: user.workspaceId, userId: user.id })
  // Not a secret and not forbidden: the page says who gets the digest and why this person does not.
  if (!preview) return json({ leader: false as const, isAdmin: user.isAdmin })
  const { digest } = preview
  return json({
    leader: true as const,
    email: user.email,
    subscribed: preview.subscribed,
    dueNow: preview.dueNow,
    sendAt: formatDateTime(preview.sendAt, preview.timeZone),
    timeZone: preview.timeZone,
    schedule: `${WEEKDAYS[preview.weekday - 1]}s at ${String(preview.hour).padStart(2, '0')}:00`,
    weekKey: digest.weekKey,
    previousWeekKey: digest.previousWeekKey,
    subject: digest.rendered.subject,
    text: digest.rendered.text,
    html: digest.rendered.html,
    numbers: digest.numbers,
    deficitLine: digest.deficitLine,
    teams: digest.teams.map((t) => t.teamName),
  })
}

const SubscriptionSchema = z.discriminatedUnion(
  'intent',
  [z.object({ intent: z.literal('subscribe') }), z.object({ intent: z.literal('unsubscribe') })],
  {
    error: 'Choose subscribe or unsubscribe',
  },
)

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const led = await listDigestTeams(user.workspaceId, user.id)
  invariantResponse(led.length > 0, 'The weekly digest goes to team leaders only.', { status: 403 })
  const form = await readForm(request, SubscriptionSchema)
  if (!form.ok) return json(form, { status: 400 })
  const unsubscribe = form.data.intent === 'unsubscribe'
  await setDigestOptOut(user.workspaceId, user.id, unsubscribe)
  return redirectWithFlash(
    request,
    '/digest',
    unsubscribe
      ? 'You will no longer get the weekly digest. You can subscribe again here at any time.'
      : 'You will get the weekly digest again.',
  )
}

export default function Digest() {
  const data = useLoaderData<typeof loader>()
  if (!data.leader) {
    return (
      <section className="narrow">
        <h1>Weekly digest</h1>
        <p>
          The weekly digest goes to team leaders: one email a week with three numbers for the teams they lead, each with its change since
          the last digest.
        </p>
        <p className="alert">
          {data.isAdmin
            ? 'You are a workspace admin but do not lead a team, so you do not get a digest. Admin rights alone do not make you a team leader: to get it, make yourself a leader of a team on the People page.'
            : 'You do not lead a team, so you do not get a digest.'}
        </p>
        <p>
          {data.isAdmin ? (
            <>
              <Link to="/admin/people">Go to People</Link> ·{' '}
            </>
          ) : null}
          <Link to="/teams">Go to your teams</Link>
        </p>
      </section>
    )
  }
  return (
    <>
      <div className="digest-head">
        <h1>Weekly digest</h1>
        <Link to="/dashboard">Open the dashboard</Link>
      </div>
      <section className="card digest-status" aria-label="Subscription">
        {!data.subscribed ? (
          <p>
            <strong>You are unsubscribed,</strong> so no digest is sent to you. The preview below is what you would get.
          </p>
        ) : data.dueNow ? (
          <p>
            <strong>You are subscribed.</strong> This week’s digest ({data.weekKey}) was due on {data.sendAt} ({data.timeZone}) and goes to{' '}
            <span className="digest-email">{data.email}</span> at the scheduler’s next run.
          </p>
        ) : (
          <p>
            <strong>You are subscribed.</strong> The next digest ({data.weekKey}) goes to <span className="digest-email">{data.email}</span>{' '}
            on {data.sendAt} ({data.timeZone}).
          </p>
        )}
        <SubscriptionForm subscribed={data.subscribed} />
      </section>

      <section className="digest-section" aria-labelledby="preview-h">
        <h2 id="preview-h">Preview of the next digest</h2>
        <p className="muted small">
          Numbers as of now; the email carries them as they stand when it is sent.{' '}
          {data.previousWeekKey
            ? `Changes are since your ${data.previousWeekKey} digest.`
            : 'This is your first digest, so there is nothing to compare with yet.'}{' '}
          It covers the {data.teams.length === 1 ? 'team' : `${data.teams.length} teams`} you lead: {joinNames(data.teams)}.
        </p>
        <p className="digest-subject">
          <span className="muted">Subject: </span>
          {data.subject}
        </p>
        <DigestNumbers numbers={data.numbers} />
        <p className="muted small">Higher is better for all three.</p>
        {data.deficitLine ? (
          <p className="alert danger digest-deficit" role="note">
            {data.deficitLine}
          </p>
        ) : (
          <p className="muted small">No team is newly in respect deficit.</p>
        )}
        <details className="digest-part">
          <summary>How the email looks</summary>
          <p className="small muted">
            The HTML part, shown in a sandbox: nothing in it runs or can act on Tandem, and its links do not open from here.
          </p>
          <iframe
            className="digest-frame"
            title="HTML part of the next digest"
            srcDoc={data.html}
            sandbox=""
            referrerPolicy="no-referrer"
          />
        </details>
        <details className="digest-part">
          <summary>Plain-text part</summary>
          {/* React escapes the text; nothing is parsed as HTML. */}
          <pre className="card digest-text">{data.text}</pre>
        </details>
      </section>
      <p className="muted small">
        The digest goes out once a week, on {data.schedule} ({data.timeZone}). Day and hour are a workspace setting that admins change.
      </p>
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Weekly digest · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
