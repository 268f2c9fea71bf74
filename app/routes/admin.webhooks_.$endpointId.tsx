import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Pager, readPage } from '~/components/pager'
import { DeliveryList } from '~/components/webhooks/delivery-list'
import { EndpointForm, SecretOnce } from '~/components/webhooks/endpoint-form'
import { EndpointStatus } from '~/components/webhooks/endpoint-status'
import { formatDateTime } from '~/domain/format'
import { isUuid } from '~/domain/ids'
import { listDeliveries, queueTestEvent, redeliver } from '~/models/webhooks/deliveries.server'
import { deleteEndpoint, ENDPOINT_NOT_FOUND, getEndpoint, rotateSecret, updateEndpoint } from '~/models/webhooks/endpoints.server'
import { getWorkspaceById } from '~/models/workspace.server'
import { requireAdmin } from '~/utils/auth.server'
import { getEnv } from '~/utils/env.server'
import { formInvalid, invariantResponse, refusalResponse } from '~/utils/refusals.server'
import { redirectWithFlash } from '~/utils/session.server'
import { useFormResult } from '~/utils/use-form-result'
import { endpointFields, readWebhookForm } from '~/utils/webhook-forms'

const PAGE_SIZE = 10

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request)
  invariantResponse(isUuid(params.endpointId), ENDPOINT_NOT_FOUND)
  const [endpoint, workspace] = await Promise.all([getEndpoint(admin.workspaceId, params.endpointId), getWorkspaceById(admin.workspaceId)])
  invariantResponse(endpoint, ENDPOINT_NOT_FOUND)
  const page = readPage(request)
  const { total, items } = await listDeliveries(admin.workspaceId, endpoint.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
  const timeZone = workspace?.timeZone ?? 'UTC'
  const when = (at: Date | null) => (at ? formatDateTime(at, timeZone) : null)
  return json({
    timeZone,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    endpoint: {
      id: endpoint.id,
      url: endpoint.url,
      events: endpoint.events,
      enabled: endpoint.enabled,
      secretReadable: endpoint.secretReadable,
      secretRotated: when(endpoint.secretRotatedAt),
      pending: endpoint.pending,
      failed: endpoint.failed,
      lastAttempt: endpoint.last.attempt
        ? { at: when(endpoint.last.attempt.at), httpStatus: endpoint.last.attempt.httpStatus, status: endpoint.last.attempt.status }
        : null,
      lastError: endpoint.last.error ? { at: when(endpoint.last.error.at), error: endpoint.last.error.error } : null,
    },
    deliveries: items.map((d) => ({
      id: d.id,
      event: d.event,
      status: d.status,
      attempts: d.attempts,
      httpStatus: d.lastHttpStatus,
      lastError: d.lastError,
      created: formatDateTime(d.createdAt, timeZone),
      lastAttempt: when(d.lastAttemptAt),
      nextAttempt: d.status === 'pending' ? formatDateTime(d.nextAttemptAt, timeZone) : null,
      delivered: when(d.deliveredAt),
    })),
  })
}

function actionSchema() {
  const deliveryId = z.string().refine(isUuid, 'No such delivery for this endpoint.')
  return z.discriminatedUnion(
    'intent',
    [
      z.object({ intent: z.literal('save'), ...endpointFields(getEnv().NODE_ENV) }),
      z.object({ intent: z.literal('rotate') }),
      z.object({ intent: z.literal('test') }),
      z.object({ intent: z.literal('redeliver'), deliveryId }),
      z.object({ intent: z.literal('delete'), confirm: z.literal('on', { error: 'Tick the box to confirm the removal' }) }),
    ],
    { error: 'Reload the page and try again' },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  invariantResponse(isUuid(params.endpointId), ENDPOINT_NOT_FOUND)
  const endpointId = params.endpointId
  const form = await readWebhookForm(request, actionSchema())
  if (!form.ok) return formInvalid(form)
  const data = form.data
  const here = `/admin/webhooks/${endpointId}`
  const values: Record<string, string> =
    data.intent === 'save'
      ? { intent: 'save', url: data.url, events: data.events.join(' '), enabled: data.enabled ?? '' }
      : { intent: data.intent }
  try {
    switch (data.intent) {
      case 'save':
        await updateEndpoint(admin.workspaceId, endpointId, { url: data.url, events: data.events, enabled: data.enabled === 'on' })
        return redirectWithFlash(request, here, data.enabled ? 'Endpoint saved; it is on.' : 'Endpoint saved; it is off.')
      case 'rotate':
        // The one answer that carries the new secret: no redirect, so it is never kept in a session or a URL.
        return json({ secret: await rotateSecret(admin.workspaceId, endpointId) })
      case 'test':
        await queueTestEvent(admin.workspaceId, endpointId)
        return redirectWithFlash(request, here, `Test event queued; it is sent within ${getEnv().SCHEDULER_INTERVAL_SECONDS} seconds.`)
      case 'redeliver':
        await redeliver(admin.workspaceId, endpointId, data.deliveryId)
        return redirectWithFlash(request, here, 'Delivery queued again, with the same Tandem-Delivery id.')
      case 'delete':
        await deleteEndpoint(admin.workspaceId, endpointId)
        return redirectWithFlash(request, '/admin/webhooks', 'Endpoint removed, with its deliveries.')
    }
  } catch (error) {
    return refusalResponse(error, values)
  }
}

export default function WebhookEndpoint() {
  const { endpoint, deliveries, page, pages, total, timeZone } = useLoaderData<typeof loader>()
  const failure = useFormResult()
  const answer = useActionData<typeof action>()
  const secret = answer && 'secret' in answer ? answer.secret : null
  const busy = useNavigation().state === 'submitting'
  const otherFailure = failure.failed && failure.values.intent !== 'save' ? failure.formError : null
  return (
    <section style={{ maxWidth: '880px' }}>
      <p className="small">
        <Link to="/admin/webhooks">← Webhooks</Link>
      </p>
      <h1 style={{ overflowWrap: 'anywhere' }}>{endpoint.url}</h1>
      <EndpointStatus endpoint={endpoint} />
      {secret ? <SecretOnce secret={secret} url={endpoint.url} /> : null}
      {otherFailure ? (
        <p className="alert danger" role="alert">
          {otherFailure}
        </p>
      ) : null}
      <div className="row" style={{ gap: '0.5rem', flexWrap: 'wrap', margin: '1rem 0' }}>
        <Form method="post">
          <button type="submit" name="intent" value="test" disabled={busy || !endpoint.enabled}>
            Send test event
          </button>
        </Form>
        <Form method="post">
          <button type="submit" name="intent" value="rotate" className="secondary" disabled={busy}>
            Rotate secret
          </button>
        </Form>
      </div>
      <p className="small muted">
        Secret last made {endpoint.secretRotated}. Rotating replaces it at once: update the receiver with the new one.
        {!endpoint.enabled ? ' Turn the endpoint on to send a test event.' : ''}
      </p>
      <section aria-labelledby="deliveries-h">
        <h2 id="deliveries-h">
          Recent deliveries{' '}
          <span className="muted small">
            ({total}, newest first; times in {timeZone})
          </span>
        </h2>
        <DeliveryList deliveries={deliveries} busy={busy} />
        <Pager page={page} pages={pages} />
      </section>
      <section aria-labelledby="settings-h" className="card" style={{ marginTop: '1.5rem' }}>
        <h2 id="settings-h" style={{ marginTop: 0 }}>
          Settings
        </h2>
        <EndpointForm intent="save" submitLabel="Save endpoint" stored={endpoint} failure={failure} busy={busy} />
      </section>
      <Form method="post" className="stack" style={{ marginTop: '1.5rem' }} noValidate>
        <label style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', minHeight: 44 }}>
          <input type="checkbox" name="confirm" value="on" aria-invalid={failure.errors.confirm ? true : undefined} />
          Remove this endpoint and its {total} {total === 1 ? 'delivery' : 'deliveries'}
        </label>
        {failure.errors.confirm ? (
          <p className="field-error" role="alert">
            {failure.errors.confirm[0]}
          </p>
        ) : null}
        <div>
          <button type="submit" name="intent" value="delete" className="danger" disabled={busy}>
            Remove endpoint
          </button>
        </div>
      </Form>
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Webhook endpoint · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={{ 404: () => <p>{ENDPOINT_NOT_FOUND}</p> }} />
}
