import { getEnv } from '~/utils/env.server'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { ConnectionStatus, type ConnectionView } from '~/components/chat/connection-status'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormError } from '~/components/field'
import { slackTokenField, teamsWebhookField } from '~/domain/chat'
import {
  connectSlack,
  connectTeams,
  countSlackNotFound,
  disconnectChat,
  listChatConnections,
  sendTestMessage,
} from '~/models/chat-connections.server'
import { getWorkspaceById } from '~/models/workspace.server'
import { requireAdmin } from '~/utils/auth.server'
import { formFailure, readForm } from '~/utils/forms'
import { redirectWithFlash } from '~/utils/session.server'
import { useFormResult } from '~/utils/use-form-result'

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request)
  const [connections, notFound, workspace] = await Promise.all([
    listChatConnections(admin.workspaceId),
    countSlackNotFound(admin.workspaceId),
    getWorkspaceById(admin.workspaceId),
  ])
  // The sealed secrets never leave the server: the page gets their last four characters.
  const view = (c: (typeof connections)['slack']): ConnectionView | null =>
    c && {
      accountName: c.accountName,
      secretHint: c.secretHint,
      secretReadable: c.secretReadable,
      connectedAt: c.connectedAt.toISOString(),
      lastDeliveryAt: c.lastDeliveryAt?.toISOString() ?? null,
      lastErrorAt: c.lastErrorAt?.toISOString() ?? null,
      lastError: c.lastError,
    }
  return json({ slack: view(connections.slack), teams: view(connections.teams), notFound, timeZone: workspace?.timeZone ?? 'UTC' })
}

const provider = z.enum(['slack', 'teams'], { error: 'Pick Slack or Microsoft Teams' })
const integrationSchema = (mode: 'production' | 'development' | 'test') =>
  z.discriminatedUnion('intent', [
    z.object({ intent: z.literal('connect-slack'), token: slackTokenField }),
    z.object({ intent: z.literal('connect-teams'), webhookUrl: teamsWebhookField(mode) }),
    z.object({ intent: z.literal('test'), provider }),
    z.object({ intent: z.literal('disconnect'), provider }),
  ])

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const form = await readForm(request, integrationSchema(getEnv().NODE_ENV))
  // A secret typed into the form is never sent back to the browser.
  if (!form.ok) {
    const { token: _token, webhookUrl: _webhookUrl, ...values } = form.values
    return json({ ...form, values }, { status: 422 })
  }
  const input = form.data
  const back = '/admin/integrations'
  switch (input.intent) {
    case 'connect-slack': {
      const result = await connectSlack(admin.workspaceId, admin.id, input.token)
      if (!result.ok) {
        return json(
          formFailure({ intent: input.intent }, 'Slack is not connected: see the message under the bot token.', {
            token: [result.message],
          }),
          {
            status: 422,
          },
        )
      }
      return redirectWithFlash(request, back, result.message)
    }
    case 'connect-teams': {
      const result = await connectTeams(admin.workspaceId, admin.id, input.webhookUrl)
      if (!result.ok) {
        const message = 'Microsoft Teams is not connected: see the message under the workflow URL.'
        return json(formFailure({ intent: input.intent }, message, { webhookUrl: [result.message] }), { status: 422 })
      }
      return redirectWithFlash(request, back, result.message)
    }
    case 'test': {
      const result = await sendTestMessage(admin.workspaceId, input.provider, admin)
      if (!result.ok) return json(formFailure({ intent: `test-${input.provider}` }, result.message), { status: 422 })
      return redirectWithFlash(request, back, result.message)
    }
    case 'disconnect': {
      await disconnectChat(admin.workspaceId, input.provider)
      const name = input.provider === 'slack' ? 'Slack' : 'Microsoft Teams'
      return redirectWithFlash(request, back, `${name} is disconnected. Messages not yet delivered to it will not be sent.`)
    }
  }
}

export default function IntegrationsPage() {
  const { slack, teams, notFound, timeZone } = useLoaderData<typeof loader>()
  const failure = useFormResult()
  const busy = useNavigation().state === 'submitting'
  const failedIntent = failure.failed ? failure.values.intent : null
  const errorsFor = (intent: string) => (failedIntent === intent && failure.failed ? failure.errors : {})
  const messageFor = (intent: string) =>
    failedIntent === intent && failure.failed ? (failure.formError ?? 'Check the field below.') : null
  return (
    <section style={{ maxWidth: '760px' }} className="stack">
      <p className="small" style={{ margin: 0 }}>
        <Link to="/admin/settings">← Workspace settings</Link>
      </p>
      <h1 style={{ margin: 0 }}>Slack and Microsoft Teams</h1>
      <p className="muted" style={{ margin: 0 }}>
        Messages carry a notice and a link back into Tandem: never a score, a comment, or who answered. They go through the{' '}
        <Link to="/admin/outbox">outbox</Link> and are retried until delivered.
      </p>

      <section className="card stack" aria-labelledby="slack-h">
        <h2 id="slack-h" style={{ margin: 0 }}>
          Slack
        </h2>
        <ConnectionStatus name="Slack" connection={slack} timeZone={timeZone} />
        {slack && notFound > 0 ? (
          <p className="small" style={{ margin: 0 }}>
            {notFound === 1 ? '1 person' : `${notFound} people`} could not be found in Slack by their email; they get mail and in-app
            notices only.
          </p>
        ) : null}
        <p className="small muted" style={{ margin: 0 }}>
          Each person gets direct messages from the bot when a pulse opens, reminders while they have not answered, and when an action is
          assigned to them, due or overdue. Facilitators pick a channel for their team’s “results ready” notice on the team’s Channel page.
        </p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="connect-slack" />
          <FormError message={messageFor('connect-slack')} />
          <Field
            label={slack ? 'New bot token' : 'Bot token'}
            name="token"
            type="password"
            autoComplete="off"
            required
            placeholder="xoxb-…"
            hint="(OAuth & Permissions in your Slack app; scopes chat:write, users:read, users:read.email, channels:read)"
            errors={errorsFor('connect-slack').token}
          />
          <div>
            <button type="submit" disabled={busy}>
              {slack ? 'Replace the token' : 'Connect Slack'}
            </button>
          </div>
        </Form>
        {slack ? (
          <ConnectedActions provider="slack" testLabel="Send a test message to me" busy={busy} error={messageFor('test-slack')} />
        ) : null}
      </section>

      <section className="card stack" aria-labelledby="teams-h">
        <h2 id="teams-h" style={{ margin: 0 }}>
          Microsoft Teams
        </h2>
        <ConnectionStatus name="Microsoft Teams" connection={teams} timeZone={timeZone} />
        <p className="small muted" style={{ margin: 0 }}>
          One channel for the workspace: Tandem posts a card there when any team’s pulse results are ready. In Teams, add the workflow “Post
          to a channel when a webhook request is received” to the channel and paste its URL here. Saving posts a first card to check it.
        </p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="connect-teams" />
          <FormError message={messageFor('connect-teams')} />
          <Field
            label={teams ? 'New workflow URL' : 'Workflow URL'}
            name="webhookUrl"
            type="password"
            autoComplete="off"
            inputMode="url"
            required
            placeholder="https://…"
            hint="(kept sealed; only its last four characters are shown)"
            errors={errorsFor('connect-teams').webhookUrl}
          />
          <div>
            <button type="submit" disabled={busy}>
              {teams ? 'Replace the URL' : 'Connect Microsoft Teams'}
            </button>
          </div>
        </Form>
        {teams ? <ConnectedActions provider="teams" testLabel="Post a test card" busy={busy} error={messageFor('test-teams')} /> : null}
      </section>
    </section>
  )
}

function ConnectedActions({
  provider,
  testLabel,
  busy,
  error,
}: {
  provider: 'slack' | 'teams'
  testLabel: string
  busy: boolean
  error: string | null
}) {
  return (
    <div className="stack" style={{ gap: '0.5rem' }}>
      <FormError message={error} />
      <div className="row" style={{ gap: '0.5rem', flexWrap: 'wrap' }}>
        <Form method="post">
          <input type="hidden" name="provider" value={provider} />
          <button type="submit" name="intent" value="test" className="secondary" disabled={busy}>
            {testLabel}
          </button>
        </Form>
        <Form method="post">
          <input type="hidden" name="provider" value={provider} />
          <button type="submit" name="intent" value="disconnect" className="danger" disabled={busy}>
            Disconnect
          </button>
        </Form>
      </div>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Slack and Microsoft Teams · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
