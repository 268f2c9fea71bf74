// Slack and Microsoft Teams delivery, without I/O: what a message says, how an
// answer from Slack or a Teams webhook is read (delivered, try again, or give
// up), and the checks on what an admin or facilitator types in.
import { z } from 'zod'
import { backoffSeconds, type BackoffPolicy } from './backoff'
import type { NoticeKind } from './nudges'

export const CHAT_PROVIDERS = ['slack', 'teams'] as const
export type ChatProvider = (typeof CHAT_PROVIDERS)[number]

/**
 * The notices also sent as a Slack direct message. "Results ready" goes to a
 * team's channel instead; the rest stay in the app and in mail.
 */
export const SLACK_DM_KINDS = ['pulse', 'action_assigned', 'action_due', 'action_overdue'] as const satisfies readonly NoticeKind[]
export type SlackDmKind = (typeof SLACK_DM_KINDS)[number]

/** A group's Slack messages: a batch of their own next to the group's mail, one line each in the outbox. */
export function slackBatchKey(batchKey: string) {
  return `slack:${batchKey}`
}

/** The words on a direct message's link back into Tandem. */
export const SLACK_LINK_LABELS: Record<SlackDmKind, string> = {
  pulse: 'Answer the pulse',
  action_assigned: 'See the action',
  action_due: 'See the action',
  action_overdue: 'See the action',
}

export function isSlackDmKind(kind: string): kind is SlackDmKind {
  return (SLACK_DM_KINDS as readonly string[]).includes(kind)
}

/** Failed deliveries wait 30 s, 1, 2, 4 … minutes, at most an hour between tries. */
export const DELIVERY_RETRY: BackoffPolicy = { free: 0, baseSeconds: 30, capSeconds: 3600, forgetSeconds: 86_400 }
/** After this many failed tries (about a day) a delivery is given up: the news it carries is stale by then. */
export const MAX_DELIVERY_ATTEMPTS = 30

// ------------------------------------------------------------------ messages

/** Slack's mrkdwn needs these three escaped; nothing else in our text is markup. */
export function slackEscape(text: string) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/**
 * A Slack message: the notice's words and a link back into Tandem. Callers pass
 * only what a notice says (never a score, a comment or a name of who answered).
 */
export function slackText(input: { message: string; url: string; linkLabel: string }) {
  return `${slackEscape(input.message)}\n<${input.url}|${slackEscape(input.linkLabel)}>`
}

/** A Teams workflow webhook payload: one Adaptive Card with the notice and a button. */
export function teamsPayload(input: { title: string; message: string; url: string; linkLabel: string }) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: input.title, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: input.message, wrap: true },
          ],
          actions: [{ type: 'Action.OpenUrl', title: input.linkLabel, url: input.url }],
        },
      },
    ],
  }
}

// ------------------------------------------------------------------ answers

export type DeliveryOutcome =
  | { kind: 'delivered' }
  /** try again after `retryAfterSeconds` (from Retry-After) or else the backoff */
  | { kind: 'retry'; error: string; retryAfterSeconds: number | null }
  /** will not work by trying again: someone must change something */
  | { kind: 'permanent'; error: string }

export type HttpAnswer = { status: number; retryAfter: string | null; body: unknown }

/** Retry-After in seconds (Slack and Teams send seconds); null when absent or unreadable. */
export function readRetryAfter(value: string | null): number | null {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return null
  return Math.min(3600, Math.max(1, Number(value)))
}

// Slack errors that a later try can fix; every other `error` needs a person.
const SLACK_TRANSIENT = new Set(['ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout'])

const SLACK_EXPLAINED: Record<string, string> = {
  invalid_auth: 'Slack refused the bot token (invalid_auth). Copy the current Bot User OAuth Token from your Slack app and connect again.',
  not_authed: 'Slack received no token (not_authed). Connect Slack again.',
  account_inactive: 'The Slack app was removed or its token revoked (account_inactive). Connect Slack again.',
  token_revoked: 'The bot token was revoked (token_revoked). Connect Slack again.',
  missing_scope:
    'The Slack app lacks a scope it needs (missing_scope). Add chat:write, users:read, users:read.email and channels:read, reinstall it, and connect again.',
  channel_not_found: 'Slack cannot find that channel (channel_not_found). Check the channel id, and invite the bot to a private channel.',
  not_in_channel: 'The Tandem bot is not in that channel (not_in_channel). Invite it with /invite in the channel.',
  is_archived: 'The channel is archived (is_archived). Pick another channel.',
  users_not_found: 'No Slack account has this email (users_not_found).',
}

/** Words an admin can act on for a Slack `error` code. */
export function explainSlackError(code: string) {
  return SLACK_EXPLAINED[code] ?? `Slack answered "${code}".`
}

function slackBody(body: unknown): { ok: boolean; error: string | null } {
  const parsed = z.object({ ok: z.boolean(), error: z.string().optional() }).safeParse(body)
  if (!parsed.success) return { ok: false, error: null }
  return { ok: parsed.data.ok, error: parsed.data.error ?? null }
}

/** Reads a Slack Web API answer: HTTP status first, then its `{ ok, error }`. */
export function classifySlack(answer: HttpAnswer): DeliveryOutcome {
  if (answer.status === 429) {
    return { kind: 'retry', error: 'Slack is rate limiting Tandem (HTTP 429).', retryAfterSeconds: readRetryAfter(answer.retryAfter) }
  }
  if (answer.status >= 500) return { kind: 'retry', error: `Slack is unavailable (HTTP ${answer.status}).`, retryAfterSeconds: null }
  const body = slackBody(answer.body)
  if (answer.status === 200 && body.ok) return { kind: 'delivered' }
  if (body.error && SLACK_TRANSIENT.has(body.error)) {
    return { kind: 'retry', error: explainSlackError(body.error), retryAfterSeconds: readRetryAfter(answer.retryAfter) }
  }
  if (body.error) return { kind: 'permanent', error: explainSlackError(body.error) }
  return { kind: 'permanent', error: `Slack answered HTTP ${answer.status} without a usable body. Check SLACK_API_URL.` }
}

/** Reads a Teams workflow webhook answer: any 2xx is delivered. */
export function classifyTeams(answer: Omit<HttpAnswer, 'body'>): DeliveryOutcome {
  if (answer.status >= 200 && answer.status < 300) return { kind: 'delivered' }
  if (answer.status === 429) {
    return {
      kind: 'retry',
      error: 'Microsoft Teams is rate limiting Tandem (HTTP 429).',
      retryAfterSeconds: readRetryAfter(answer.retryAfter),
    }
  }
  if (answer.status === 408 || answer.status >= 500) {
    return { kind: 'retry', error: `Microsoft Teams is unavailable (HTTP ${answer.status}).`, retryAfterSeconds: null }
  }
  if (answer.status === 404 || answer.status === 410) {
    return {
      kind: 'permanent',
      error: `The Teams webhook no longer exists (HTTP ${answer.status}). Create a new workflow and save its URL.`,
    }
  }
  return { kind: 'permanent', error: `Microsoft Teams refused the message (HTTP ${answer.status}). Check the workflow and its URL.` }
}

/** When a delivery that failed `attempts` times is tried next; null once it is given up. */
export function nextTry(outcome: Extract<DeliveryOutcome, { kind: 'retry' }>, attempts: number, now: Date): Date | null {
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return null
  const seconds = outcome.retryAfterSeconds ?? backoffSeconds(DELIVERY_RETRY, attempts)
  return new Date(now.getTime() + seconds * 1000)
}

// ------------------------------------------------------------------ inputs

export const slackTokenField = z
  .string({ error: 'Paste the bot token' })
  .trim()
  .min(1, 'Paste the bot token')
  .max(300, 'That is too long for a Slack bot token')
  .regex(/^xoxb-[A-Za-z0-9-]+$/, 'A bot token starts with xoxb- (find it under OAuth & Permissions in your Slack app)')

/** Teams workflow webhooks are https; plain http only to this machine, for trying things out. */
/** The same rule as outgoing webhooks' URLs: https, plain http only to this machine outside production, no credentials. */
export function teamsWebhookField(mode: 'production' | 'development' | 'test') {
  return z
    .string({ error: 'Paste the workflow URL' })
    .trim()
    .min(1, 'Paste the workflow URL')
    .max(2000, 'That URL is too long')
    .superRefine((v, ctx) => {
      const problem = webhookUrlProblem(v, mode)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
}

function webhookUrlProblem(raw: string, mode: 'production' | 'development' | 'test'): string | null {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return 'Enter the whole URL, starting with https://'
  }
  if (url.username || url.password) return 'Leave the user name and password out of the URL'
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]'
  if (url.protocol === 'https:' || (url.protocol === 'http:' && local && mode !== 'production')) return null
  return 'The workflow URL must start with https://'
}

/** A Slack channel id as shown under the channel's details (C…, or G… for older private channels). */
export const slackChannelField = z
  .string({ error: 'Enter the channel id' })
  .trim()
  .min(1, 'Enter the channel id')
  .max(30, 'A Slack channel id is short, such as C0123ABCD')
  .transform((v) => v.toUpperCase())
  .pipe(z.string().regex(/^[CG][A-Z0-9]{6,}$/, 'Enter the channel id, such as C0123ABCD (in Slack: channel details, at the bottom)'))

/** The last four characters, all a page ever shows of a stored secret. */
export function secretHint(secret: string) {
  return `…${secret.slice(-4)}`
}
