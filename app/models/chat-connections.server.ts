// A workspace's Slack and Microsoft Teams connections: the sealed secret, what
// it connects to, and how delivery went lately. Secrets are unsealed only to
// make a call; pages get the last four characters.
import { and, count, eq, isNull } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { chatConnections, slackMembers, users } from '../../db/schema'
import { classifySlack, classifyTeams, secretHint, slackText, teamsPayload, type ChatProvider } from '~/domain/chat'
import { networkError, postTeamsWebhook, slackCall } from '~/utils/chat-api.server'
import { seal, unseal } from '~/utils/sealed.server'
import { appUrl } from '~/utils/urls.server'

type Result = { ok: true; message: string } | { ok: false; message: string }

export async function listChatConnections(workspaceId: string) {
  const db = await getDb()
  const rows = await db.select().from(chatConnections).where(eq(chatConnections.workspaceId, workspaceId))
  const view = (provider: ChatProvider) => {
    const row = rows.find((r) => r.provider === provider)
    if (!row) return null
    const { secretSealed, ...rest } = row
    // Sealed under a key that has since changed: it must be entered again.
    return { ...rest, secretReadable: unseal(secretSealed) !== null }
  }
  return { slack: view('slack'), teams: view('teams') }
}

/** The unsealed secret (bot token or webhook URL); null when not connected, '' when it can no longer be read. */
export async function getChatSecret(workspaceId: string, provider: ChatProvider) {
  const db = await getDb()
  const [row] = await db
    .select({ sealed: chatConnections.secretSealed })
    .from(chatConnections)
    .where(and(eq(chatConnections.workspaceId, workspaceId), eq(chatConnections.provider, provider)))
  if (!row) return null
  return unseal(row.sealed) ?? ''
}

async function store(workspaceId: string, actorId: string, provider: ChatProvider, secret: string, accountName: string) {
  const db = await getDb()
  const values = {
    secretSealed: seal(secret),
    secretHint: secretHint(secret),
    accountName,
    connectedBy: actorId,
    connectedAt: new Date(),
    lastError: null,
    lastErrorAt: null,
  }
  await db.transaction(async (tx) => {
    await tx
      .insert(chatConnections)
      .values({ workspaceId, provider, ...values })
      .onConflictDoUpdate({ target: [chatConnections.workspaceId, chatConnections.provider], set: values })
    // Another Slack workspace has other user ids: look everyone up again.
    if (provider === 'slack') await tx.delete(slackMembers).where(eq(slackMembers.workspaceId, workspaceId))
  })
}

/** Checks the bot token with auth.test and, when Slack accepts it, keeps it sealed. */
export async function connectSlack(workspaceId: string, actorId: string, token: string): Promise<Result> {
  let answer
  try {
    answer = await slackCall('auth.test', token)
  } catch (error) {
    return { ok: false, message: networkError('Slack', error) }
  }
  const outcome = classifySlack(answer)
  if (outcome.kind !== 'delivered') return { ok: false, message: outcome.error }
  const body = answer.body && typeof answer.body === 'object' ? answer.body : {}
  const team = 'team' in body && typeof body.team === 'string' && body.team ? body.team : 'your Slack workspace'
  await store(workspaceId, actorId, 'slack', token, team.slice(0, 200))
  return { ok: true, message: `Slack is connected to ${team}.` }
}

/** Keeps a Teams workflow URL once a first card reached it, so a wrong URL is found now rather than at the first results. */
export async function connectTeams(workspaceId: string, actorId: string, url: string): Promise<Result> {
  const result = await postToTeams(url, {
    title: 'Tandem is connected',
    message: 'Tandem will post here when a team’s pulse results are ready. No scores, no comments: just a link.',
  })
  if (!result.ok) return result
  await store(workspaceId, actorId, 'teams', url, new URL(url).hostname)
  return { ok: true, message: 'Microsoft Teams is connected; a first card was posted to the channel.' }
}

export async function disconnectChat(workspaceId: string, provider: ChatProvider) {
  const db = await getDb()
  await db.transaction(async (tx) => {
    await tx.delete(chatConnections).where(and(eq(chatConnections.workspaceId, workspaceId), eq(chatConnections.provider, provider)))
    if (provider === 'slack') await tx.delete(slackMembers).where(eq(slackMembers.workspaceId, workspaceId))
  })
}

/** Keeps the last delivery, or the last error, for the integration page. */
export async function recordChatOutcome(workspaceId: string, provider: ChatProvider, outcome: { ok: true } | { ok: false; error: string }) {
  const db = await getDb()
  await db
    .update(chatConnections)
    .set(outcome.ok ? { lastDeliveryAt: new Date() } : { lastError: outcome.error.slice(0, 500), lastErrorAt: new Date() })
    .where(and(eq(chatConnections.workspaceId, workspaceId), eq(chatConnections.provider, provider)))
}

async function postToTeams(url: string, card: { title: string; message: string }): Promise<Result> {
  try {
    const answer = await postTeamsWebhook(url, teamsPayload({ ...card, url: appUrl('/'), linkLabel: 'Open Tandem' }))
    const outcome = classifyTeams(answer)
    return outcome.kind === 'delivered' ? { ok: true, message: 'Posted.' } : { ok: false, message: outcome.error }
  } catch (error) {
    return { ok: false, message: networkError('Microsoft Teams', error) }
  }
}

/**
 * A test message, sent now rather than through the outbox so the admin sees
 * the answer: a Slack direct message to the admin, or a card to the Teams channel.
 */
export async function sendTestMessage(workspaceId: string, provider: ChatProvider, admin: { id: string; email: string }): Promise<Result> {
  const secret = await getChatSecret(workspaceId, provider)
  if (secret === null) return { ok: false, message: `Connect ${provider === 'slack' ? 'Slack' : 'Microsoft Teams'} first.` }
  if (secret === '') return { ok: false, message: 'The stored secret can no longer be read (SECRETS_KEY changed). Connect again.' }
  let result: Result
  if (provider === 'teams') {
    result = await postToTeams(secret, { title: 'Test from Tandem', message: 'Tandem can post to this channel.' })
  } else {
    const found = await lookUpSlackUser(workspaceId, { id: admin.id, email: admin.email }, secret)
    if (found.kind !== 'found') {
      result = { ok: false, message: found.kind === 'not-found' ? `No Slack account has your email (${admin.email}).` : found.error }
    } else {
      result = await slackPost(
        secret,
        found.slackUserId,
        slackText({ message: 'Test from Tandem: direct messages reach you.', url: appUrl('/'), linkLabel: 'Open Tandem' }),
      )
      if (result.ok) result = { ok: true, message: 'A test message is in your Slack direct messages.' }
    }
  }
  await recordChatOutcome(workspaceId, provider, result.ok ? { ok: true } : { ok: false, error: result.message })
  return result.ok && provider === 'teams' ? { ok: true, message: 'A test card was posted to the Teams channel.' } : result
}

async function slackPost(token: string, channel: string, text: string): Promise<Result> {
  try {
    const outcome = classifySlack(await slackCall('chat.postMessage', token, { channel, text, unfurl_links: 'false' }))
    return outcome.kind === 'delivered' ? { ok: true, message: 'Posted.' } : { ok: false, message: outcome.error }
  } catch (error) {
    return { ok: false, message: networkError('Slack', error) }
  }
}

export type SlackLookup =
  | { kind: 'found'; slackUserId: string }
  | { kind: 'not-found' }
  | { kind: 'retry'; error: string; retryAfterSeconds: number | null }
  | { kind: 'permanent'; error: string }

// A person found (or not) is looked up again after this long: they may have joined Slack.
const LOOKUP_DAYS = 7

/**
 * A person's Slack user id: from the cache when fresh and for the same email,
 * else users.lookupByEmail, whose answer is kept either way.
 */
export async function lookUpSlackUser(workspaceId: string, person: { id: string; email: string }, token: string): Promise<SlackLookup> {
  const db = await getDb()
  const [cached] = await db.select().from(slackMembers).where(eq(slackMembers.userId, person.id))
  const fresh = cached && cached.email === person.email && Date.now() - cached.checkedAt.getTime() < LOOKUP_DAYS * 86_400_000
  if (fresh) return cached.slackUserId ? { kind: 'found', slackUserId: cached.slackUserId } : { kind: 'not-found' }
  let answer
  try {
    answer = await slackCall('users.lookupByEmail', token, { email: person.email })
  } catch (error) {
    return { kind: 'retry', error: networkError('Slack', error), retryAfterSeconds: null }
  }
  const outcome = classifySlack(answer)
  const body = answer.body && typeof answer.body === 'object' ? answer.body : {}
  const notFound = 'error' in body && body.error === 'users_not_found'
  const slackUserId =
    'user' in body && body.user && typeof body.user === 'object' && 'id' in body.user && typeof body.user.id === 'string'
      ? body.user.id
      : null
  if (outcome.kind === 'delivered' && !slackUserId)
    return { kind: 'permanent', error: 'Slack answered users.lookupByEmail without a user id.' }
  if (outcome.kind !== 'delivered' && !notFound) return outcome
  const values = { workspaceId, email: person.email, slackUserId: notFound ? null : slackUserId, checkedAt: new Date() }
  await db
    .insert(slackMembers)
    .values({ userId: person.id, ...values })
    .onConflictDoUpdate({ target: slackMembers.userId, set: values })
  return slackUserId && !notFound ? { kind: 'found', slackUserId } : { kind: 'not-found' }
}

/** How many active people Slack could not find by email: a count, never who. */
export async function countSlackNotFound(workspaceId: string) {
  const db = await getDb()
  const [{ n }] = await db
    .select({ n: count() })
    .from(slackMembers)
    .innerJoin(users, eq(users.id, slackMembers.userId))
    .where(and(eq(slackMembers.workspaceId, workspaceId), isNull(slackMembers.slackUserId), isNull(users.deactivatedAt)))
  return n
}
