// The Slack channel where a team's "results ready" notice is posted, picked by
// its facilitator and checked with conversations.info before it is kept.
import { and, eq } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { teamSlackChannels } from '../../db/schema'
import { classifySlack, explainSlackError } from '~/domain/chat'
import { networkError, slackCall } from '~/utils/chat-api.server'
import { getChatSecret } from './chat-connections.server'

export async function getTeamSlackChannel(workspaceId: string, teamId: string) {
  const db = await getDb()
  const [row] = await db
    .select({ channelId: teamSlackChannels.channelId, channelName: teamSlackChannels.channelName, updatedAt: teamSlackChannels.updatedAt })
    .from(teamSlackChannels)
    .where(and(eq(teamSlackChannels.workspaceId, workspaceId), eq(teamSlackChannels.teamId, teamId)))
  return row ?? null
}

/**
 * Keeps the channel once Slack says it exists and the bot is in it; otherwise
 * says plainly what Slack said, so the facilitator can fix it in Slack.
 */
export async function saveTeamSlackChannel(input: {
  workspaceId: string
  teamId: string
  actorId: string
  channelId: string
}): Promise<{ ok: true; channelName: string } | { ok: false; message: string }> {
  const token = await getChatSecret(input.workspaceId, 'slack')
  if (token === null) return { ok: false, message: 'Slack is not connected. An admin connects it under Admin → Slack and Teams.' }
  if (token === '') return { ok: false, message: 'The Slack token can no longer be read. An admin must connect Slack again.' }
  let answer
  try {
    answer = await slackCall('conversations.info', token, { channel: input.channelId })
  } catch (error) {
    return { ok: false, message: networkError('Slack', error) }
  }
  const outcome = classifySlack(answer)
  if (outcome.kind !== 'delivered') return { ok: false, message: outcome.error }
  const channel = readChannel(answer.body)
  if (!channel) return { ok: false, message: 'Slack answered conversations.info without a channel.' }
  if (channel.archived) return { ok: false, message: explainSlackError('is_archived') }
  if (!channel.member)
    return {
      ok: false,
      message: `The Tandem bot is not in #${channel.name}. In that Slack channel, type /invite and your Slack app’s name, then save again.`,
    }
  const db = await getDb()
  const values = {
    workspaceId: input.workspaceId,
    channelId: input.channelId,
    channelName: channel.name.slice(0, 100),
    updatedBy: input.actorId,
    updatedAt: new Date(),
  }
  await db
    .insert(teamSlackChannels)
    .values({ teamId: input.teamId, ...values })
    .onConflictDoUpdate({ target: teamSlackChannels.teamId, set: values })
  return { ok: true, channelName: channel.name }
}

export async function removeTeamSlackChannel(workspaceId: string, teamId: string) {
  const db = await getDb()
  await db.delete(teamSlackChannels).where(and(eq(teamSlackChannels.workspaceId, workspaceId), eq(teamSlackChannels.teamId, teamId)))
}

function readChannel(body: unknown) {
  if (!body || typeof body !== 'object' || !('channel' in body)) return null
  const c = body.channel
  if (!c || typeof c !== 'object') return null
  const name = 'name' in c && typeof c.name === 'string' ? c.name : 'the channel'
  return {
    name,
    // A private channel the bot can see is one it is in; public ones say so with is_member.
    member: !('is_member' in c) || c.is_member === true,
    archived: 'is_archived' in c && c.is_archived === true,
  }
}
