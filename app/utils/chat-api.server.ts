// The two HTTP calls Tandem makes to chat services: a Slack Web API method
// with the bot token, and a POST to a Teams workflow webhook. They return what
// came back; ~/domain/chat decides what it means. A network failure throws.
import type { HttpAnswer } from '~/domain/chat'
import { getEnv } from './env.server'

// Well inside the outbox lease, so one silent server cannot stall delivery.
const TIMEOUT_MS = 15_000

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** Calls a Slack Web API method with form-encoded arguments and the bot token. */
export async function slackCall(method: string, token: string, args: Record<string, string> = {}): Promise<HttpAnswer> {
  const base = getEnv().SLACK_API_URL.replace(/\/+$/, '')
  const response = await fetch(`${base}/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams(args),
    signal: AbortSignal.timeout(TIMEOUT_MS),
    redirect: 'error',
  })
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await readBody(response) }
}

/** Posts a JSON payload to a Teams workflow webhook. */
export async function postTeamsWebhook(url: string, payload: unknown): Promise<Omit<HttpAnswer, 'body'>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(TIMEOUT_MS),
    redirect: 'error',
  })
  await response.arrayBuffer().catch(() => undefined)
  return { status: response.status, retryAfter: response.headers.get('retry-after') }
}

/** "connect ECONNREFUSED …", "The operation was aborted due to timeout": what a network failure says. */
export function networkError(service: string, error: unknown) {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null
  const message = error instanceof Error ? error.message : String(error)
  return `Could not reach ${service}: ${(cause ?? message).slice(0, 200)}`
}
