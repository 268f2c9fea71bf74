import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormError } from '~/components/field'
import { slackChannelField } from '~/domain/chat'
import { formatDateTime } from '~/domain/format'
import { listChatConnections } from '~/models/chat-connections.server'
import { getTeamSlackChannel, removeTeamSlackChannel, saveTeamSlackChannel } from '~/models/team-slack-channel.server'
import { getWorkspaceById } from '~/models/workspace.server'
import { FACILITATOR, requireTeamRole } from '~/utils/auth.server'
import { formFailure, readForm } from '~/utils/forms'
import { redirectWithFlash } from '~/utils/session.server'
import { useFormResult } from '~/utils/use-form-result'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user } = await requireTeamRole(request, params.teamId, FACILITATOR)
  const [channel, connections, workspace] = await Promise.all([
    getTeamSlackChannel(user.workspaceId, team.id),
    listChatConnections(user.workspaceId),
    getWorkspaceById(user.workspaceId),
  ])
  return json({
    teamName: team.name,
    slackConnected: Boolean(connections.slack),
    teamsConnected: Boolean(connections.teams),
    isAdmin: user.isAdmin,
    channel: channel && {
      id: channel.channelId,
      name: channel.channelName,
      savedAt: channel.updatedAt.toISOString(),
      updated: formatDateTime(channel.updatedAt, workspace?.timeZone ?? 'UTC'),
    },
  })
}

const ChannelSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('save'), channelId: slackChannelField }),
  z.object({ intent: z.literal('remove') }),
])

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, user } = await requireTeamRole(request, params.teamId, FACILITATOR)
  const form = await readForm(request, ChannelSchema)
  if (!form.ok) return json(form, { status: 422 })
  const here = `/teams/${team.id}/channel`
  if (form.data.intent === 'remove') {
    await removeTeamSlackChannel(user.workspaceId, team.id)
    return redirectWithFlash(request, here, 'Results will no longer be announced in Slack.')
  }
  const result = await saveTeamSlackChannel({
    workspaceId: user.workspaceId,
    teamId: team.id,
    actorId: user.id,
    channelId: form.data.channelId,
  })
  if (!result.ok) {
    const values = { intent: 'save', channelId: form.data.channelId }
    return json(formFailure(values, 'The channel was not saved: see the message under the channel id.', { channelId: [result.message] }), {
      status: 422,
    })
  }
  return redirectWithFlash(request, here, `Results will be announced in #${result.channelName}.`)
}

export default function TeamChannel() {
  const { teamName, slackConnected, teamsConnected, isAdmin, channel } = useLoaderData<typeof loader>()
  const failure = useFormResult()
  const busy = useNavigation().state === 'submitting'
  return (
    <section className="stack" style={{ maxWidth: '720px' }} aria-labelledby="channel-h">
      <h2 id="channel-h" style={{ margin: 0 }}>
        Where results are announced
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        When a round of {teamName} closes with results that can be shown, Tandem posts “results ready” and a link. The post carries no
        score, no comment and nothing about who answered.
      </p>
      <div className="card stack">
        <h3 style={{ margin: 0 }}>Slack channel</h3>
        {!slackConnected ? (
          <p style={{ margin: 0 }}>
            Slack is not connected.{' '}
            {isAdmin ? <a href="/admin/integrations">Connect it</a> : 'An admin connects it under Settings → Slack and Microsoft Teams.'}
          </p>
        ) : (
          <>
            <p style={{ margin: 0 }} role="status">
              {channel ? (
                <>
                  Announced in <strong>#{channel.name}</strong> (<code>{channel.id}</code>), set {channel.updated}.
                </>
              ) : (
                'No channel yet: results are announced in the app and by mail only.'
              )}
            </p>
            {/* Keyed by the last save, so after one the field shows what was saved rather than what was typed. */}
            <Form method="post" className="stack" noValidate key={channel?.savedAt ?? 'none'}>
              <input type="hidden" name="intent" value="save" />
              <FormError message={failure.failed ? (failure.formError ?? 'Check the channel id.') : null} />
              <Field
                label="Channel id"
                name="channelId"
                type="text"
                required
                autoComplete="off"
                maxLength={30}
                placeholder="C0123ABCD"
                hint="(in Slack: open the channel’s details; the id is at the bottom. Invite the Tandem bot to the channel first.)"
                defaultValue={failure.failed ? (failure.values.channelId ?? '') : (channel?.id ?? '')}
                errors={failure.failed ? failure.errors.channelId : undefined}
              />
              <div className="row" style={{ gap: '0.5rem', flexWrap: 'wrap' }}>
                <button type="submit" disabled={busy}>
                  Check and save the channel
                </button>
              </div>
            </Form>
            {channel ? (
              <Form method="post">
                <button type="submit" name="intent" value="remove" className="secondary" disabled={busy}>
                  Stop announcing in Slack
                </button>
              </Form>
            ) : null}
          </>
        )}
      </div>
      <div className="card stack">
        <h3 style={{ margin: 0 }}>Microsoft Teams</h3>
        <p style={{ margin: 0 }}>
          {teamsConnected
            ? 'Results of every team are announced in the workspace’s Teams channel, set by an admin.'
            : 'Microsoft Teams is not connected for this workspace.'}
        </p>
      </div>
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Results channel · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
