// Outgoing webhooks without I/O: which events exist, which URLs may receive
// them, what a payload holds, how the signature header reads, and what each
// answer from a receiver means for the delivery (done, try again, give up).
import { z } from 'zod'
import { backoffSeconds, type BackoffPolicy } from './backoff'

export const WEBHOOK_EVENTS = ['round.closed', 'autopsy.published', 'action.status_changed'] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]
/** Sent only by an admin's "Send test event", to one endpoint, whatever it subscribed to. */
export const TEST_EVENT = 'webhook.test'

export const EVENT_LABELS: Record<WebhookEvent, string> = {
  'round.closed': 'A pulse round closed',
  'autopsy.published': 'An autopsy was published',
  'action.status_changed': "An action's status changed",
}

export const PAYLOAD_VERSION = 1
export const MAX_ENDPOINTS = 20
export const REQUEST_TIMEOUT_MS = 10_000
/** After this many failed attempts a delivery is marked failed, about three hours after the first. */
export const MAX_ATTEMPTS = 10
/** 30 s, 1, 2, 4 … minutes between attempts, never more than an hour. */
export const RETRY_POLICY: BackoffPolicy = { free: 0, baseSeconds: 30, capSeconds: 3600, forgetSeconds: 0 }
/** A receiver's Retry-After is honoured up to a day. */
const MAX_RETRY_AFTER_SECONDS = 24 * 3600

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * An endpoint's URL: https, or plain http to this machine (localhost,
 * 127.0.0.1, [::1]) outside production, for a receiver under development or
 * test. Any other scheme is refused by name.
 */
export function webhookUrlField(mode: 'production' | 'development' | 'test') {
  return z
    .string({ error: 'Enter the URL that receives the events' })
    .trim()
    .min(1, 'Enter the URL that receives the events')
    .max(2000, 'The URL must be at most 2000 characters')
    .refine((value) => URL.canParse(value), 'Enter a full URL, such as https://hooks.example.com/tandem')
    .transform((value) => new URL(value))
    .superRefine((url, ctx) => {
      if (url.protocol === 'https:') return
      if (url.protocol === 'http:') {
        if (LOOPBACK.has(url.hostname) && mode !== 'production') return
        ctx.addIssue({
          code: 'custom',
          message:
            mode === 'production'
              ? 'The URL must use https: events are signed, not encrypted, so they never travel in the clear'
              : 'The URL must use https (plain http only to localhost or 127.0.0.1, outside production)',
        })
        return
      }
      ctx.addIssue({
        code: 'custom',
        message: `Webhooks are sent as HTTPS POST requests: a ${url.protocol.replace(/:$/, '')}: URL cannot receive them`,
      })
    })
    .refine((url) => !url.username && !url.password, 'Leave the user name and password out of the URL: the signature proves the sender')
    .transform((url) => url.toString())
}

export const eventsField = z
  .array(z.enum(WEBHOOK_EVENTS, { error: 'Pick events from the list' }), { error: 'Pick at least one event' })
  .min(1, 'Pick at least one event')
  .transform((events) => WEBHOOK_EVENTS.filter((e) => events.includes(e)))

/** What every payload carries around its `data`. */
export type Envelope = {
  eventId: string
  type: WebhookEvent | typeof TEST_EVENT
  occurredAt: Date
  team: { id: string; name: string } | null
  data: Record<string, unknown>
}

/** The JSON body as sent (and signed): one version field, so receivers can tell later shapes apart. */
export function webhookBody(e: Envelope): string {
  return JSON.stringify({
    version: PAYLOAD_VERSION,
    id: e.eventId,
    type: e.type,
    occurredAt: e.occurredAt.toISOString(),
    team: e.team,
    data: e.data,
  })
}

/**
 * round.closed's data: the round's times and link, and its participation,
 * which the team sees for every round whatever the thresholds. No score, no
 * comment and nothing about any one person, whatever the round's size: the
 * receiver (a chat channel, a tracker) is read by people outside the team.
 */
export function roundClosedData(r: { id: string; opensAt: Date; closedAt: Date; responded: number; eligible: number; url: string }) {
  return {
    round: { id: r.id, opensAt: r.opensAt.toISOString(), closedAt: r.closedAt.toISOString(), url: r.url },
    participation: { responded: r.responded, eligible: r.eligible },
  }
}

export function autopsyPublishedData(a: { id: string; publishedAt: Date; url: string; feature: { id: string; name: string } }) {
  return { autopsy: { id: a.id, publishedAt: a.publishedAt.toISOString(), url: a.url }, feature: a.feature }
}

export function actionStatusData(a: {
  id: string
  title: string
  source: 'autopsy' | 'plan'
  previousStatus: string
  status: string
  dueOn: string
  changedAt: Date
  url: string
}) {
  return {
    action: { id: a.id, title: a.title, source: a.source, dueOn: a.dueOn, url: a.url },
    previousStatus: a.previousStatus,
    status: a.status,
    changedAt: a.changedAt.toISOString(),
  }
}

/** What is signed: the timestamp and the exact body, so neither can be replayed with the other changed. */
export function signedContent(timestamp: number, body: string) {
  return `${timestamp}.${body}`
}

export function signatureHeader(timestamp: number, hexDigest: string) {
  return `t=${timestamp},v1=${hexDigest}`
}

/** The header's parts, or null when it is not of the form t=<unix>,v1=<hex>. */
export function parseSignatureHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | null = null
  const signatures: string[] = []
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2)
    if (key === 't' && /^\d{1,12}$/.test(value ?? '')) timestamp = Number(value)
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value ?? '')) signatures.push(value)
  }
  return timestamp === null || !signatures.length ? null : { timestamp, signatures }
}

export type AttemptResult = { status: number; retryAfter: string | null } | { error: string }
export type Verdict =
  { outcome: 'delivered' } | { outcome: 'retry'; afterSeconds: number; error: string } | { outcome: 'failed'; error: string }

/** Seconds a Retry-After header asks for (delta-seconds or an HTTP date), or null when it says nothing usable. */
export function retryAfterSeconds(header: string | null, now: Date): number | null {
  if (!header) return null
  const value = header.trim()
  const seconds = /^\d+$/.test(value) ? Number(value) : Number.isNaN(Date.parse(value)) ? null : (Date.parse(value) - now.getTime()) / 1000
  if (seconds === null) return null
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(seconds)))
}

/**
 * What one attempt means, `attempts` counting it: any 2xx is delivered; 408,
 * 429, 5xx and network errors are tried again with backoff (429 after its
 * Retry-After) until MAX_ATTEMPTS; any other answer is final, since sending
 * the same request again would get the same answer.
 */
export function classifyAttempt(result: AttemptResult, attempts: number, now: Date): Verdict {
  if ('error' in result) return retryOrFail(result.error, attempts, null)
  const { status } = result
  if (status >= 200 && status < 300) return { outcome: 'delivered' }
  const error = `HTTP ${status}`
  if (status === 429) return retryOrFail(`${error} (rate limited)`, attempts, retryAfterSeconds(result.retryAfter, now))
  if (status === 408 || status >= 500) return retryOrFail(error, attempts, null)
  if (status >= 300 && status < 400) return { outcome: 'failed', error: `${error}: redirects are not followed; enter the final URL` }
  return { outcome: 'failed', error: `${error}: the receiver refused the event; it is not retried` }
}

function retryOrFail(error: string, attempts: number, wait: number | null): Verdict {
  if (attempts >= MAX_ATTEMPTS) return { outcome: 'failed', error: `${error}; gave up after ${attempts} attempts` }
  return { outcome: 'retry', afterSeconds: wait ?? backoffSeconds(RETRY_POLICY, attempts), error }
}
