import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EndpointForm, SecretOnce } from '~/components/webhooks/endpoint-form'
import { EndpointStatus } from '~/components/webhooks/endpoint-status'
import { formatDateTime } from '~/domain/format'
import { MAX_ENDPOINTS, WEBHOOK_EVENTS } from '~/domain/webhooks'
import { createEndpoint, listEndpoints } from '~/models/webhooks/endpoints.server'
import { getWorkspaceById } from '~/models/workspace.server'
import { requireAdmin } from '~/utils/auth.server'
import { getEnv } from '~/utils/env.server'
import { formInvalid, refusalResponse } from '~/utils/refusals.server'
import { useFormResult } from '~/utils/use-form-result'
import { endpointFields, readWebhookForm } from '~/utils/webhook-forms'

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request)
  const [endpoints, workspace] = await Promise.all([listEndpoints(admin.workspaceId), getWorkspaceById(admin.workspaceId)])
  const timeZone = workspace?.timeZone ?? 'UTC'
  const when = (at: Date | null) => (at ? formatDateTime(at, timeZone) : null)
  return json({
    timeZone,
    max: MAX_ENDPOINTS,
    endpoints: endpoints.map((e) => ({
      id: e.id,
      url: e.url,
      events: e.events,
      enabled: e.enabled,
      pending: e.pending,
      failed: e.failed,
      secretReadable: e.secretReadable,
      lastAttempt: e.last.attempt
        ? { at: when(e.last.attempt.at), httpStatus: e.last.attempt.httpStatus, status: e.last.attempt.status }
        : null,
      lastError: e.last.error ? { at: when(e.last.error.at), error: e.last.error.error } : null,
    })),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const schema = z.object({ intent: z.literal('create', { error: 'Reload the page and try again' }), ...endpointFields(getEnv().NODE_ENV) })
  const form = await readWebhookForm(request, schema)
  if (!form.ok) return formInvalid(form)
  const { url, events, enabled } = form.data
  try {
    const created = await createEndpoint(admin.workspaceId, admin.id, { url, events, enabled: enabled === 'on' })
    // The one answer that carries the secret: no redirect, so it is never kept in a session or a URL.
    return json({ created: { id: created.id, url, secret: created.secret } })
  } catch (error) {
    return refusalResponse(error, { intent: 'create', url, events: events.join(' '), enabled: enabled ?? '' })
  }
}

export default function Webhooks() {
  const { endpoints, timeZone, max } = useLoaderData<typeof loader>()
  const failure = useFormResult()
  const busy = useNavigation().state === 'submitting'
  const answer = useActionData<typeof action>()
  const created = answer && 'created' in answer ? answer.created : null
  return (
    <section style={{ maxWidth: '880px' }}>
      <p className="small">
        <Link to="/admin/settings">← Workspace settings</Link>
      </p>
      <h1>Webhooks</h1>
      <p className="muted">
        Tandem POSTs a signed JSON event to each endpoint when a pulse round closes, an autopsy is published or an action’s status changes.
        A round’s event carries its participation count, never a score or a comment. Failed deliveries are retried for about three hours.
        The README’s “Outgoing webhooks” section shows how to verify the <code>Tandem-Signature</code> header.
      </p>
      {created ? (
        <>
          <SecretOnce secret={created.secret} url={created.url} />
          <p>
            <Link to={`/admin/webhooks/${created.id}`}>Open the new endpoint</Link> to send it a test event.
          </p>
        </>
      ) : null}
      <section aria-labelledby="endpoints-h">
        <h2 id="endpoints-h">
          Endpoints{' '}
          <span className="muted small">
            ({endpoints.length} of at most {max}; times in {timeZone})
          </span>
        </h2>
        {endpoints.length === 0 ? (
          <div className="empty">
            <p>No endpoints yet. Add one below to send Tandem’s events to a chat tool, a tracker or your own service.</p>
          </div>
        ) : (
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {endpoints.map((e) => (
              <li key={e.id} className="card" style={{ marginBottom: '0.5rem', padding: '0.6rem 1rem' }}>
                <Link to={`/admin/webhooks/${e.id}`} style={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
                  {e.url}
                </Link>
                <div className="small muted" style={{ overflowWrap: 'anywhere' }}>
                  {e.events.join(', ')}
                </div>
                <EndpointStatus endpoint={e} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {endpoints.length < max ? (
        <section aria-labelledby="add-h" className="card" style={{ marginTop: '1.5rem' }}>
          <h2 id="add-h" style={{ marginTop: 0 }}>
            Add an endpoint
          </h2>
          <EndpointForm
            // A fresh, empty form once an endpoint was added.
            key={created?.id ?? 'new'}
            intent="create"
            submitLabel="Add endpoint"
            stored={{ url: '', events: WEBHOOK_EVENTS, enabled: true }}
            failure={failure}
            busy={busy}
          />
        </section>
      ) : null}
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Webhooks · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
