import type { AppLoadContext } from '@remix-run/node'
import { json } from '@remix-run/node'
import { formatWait, POLICIES } from '~/domain/backoff'
import { clearThrottle, hitThrottle, refundThrottle, throttleWait } from '~/models/throttle.server'
import type { FieldErrors } from './forms'

/** Stands for every client when the server does not say who is asking (tests, a bare remix-serve). */
const UNKNOWN_CLIENT = 'unknown'

/** The client's address from the server's load context, or UNKNOWN_CLIENT. */
export function clientAddress(context: AppLoadContext | undefined): string {
  return context?.clientAddress || UNKNOWN_CLIENT
}

export type Blocked = { ok: false; retryAfter: number }

/**
 * One sign-in attempt, counted before the password is checked:
 * - per client address (any account): a client spraying many accounts waits;
 * - per account and client: the strict limit, which only ever holds up the
 *   client that keeps failing;
 * - per account (any client): looser and capped at a minute, and applied only
 *   to clients that have already failed on this account. A person signing in
 *   from a client that has not been failing is never held up by an attack
 *   from elsewhere.
 * Unknown emails are counted exactly like known ones.
 */
export async function beginSignIn(
  email: string,
  client: string,
): Promise<Blocked | { ok: true; succeeded: () => Promise<void>; failed: () => Promise<void> }> {
  if (client === UNKNOWN_CLIENT) return beginSignInWithoutAddress(email)
  const keys = {
    client: `sign-in:client:${client}`,
    accountClient: `sign-in:account-client:${email}|${client}`,
    account: `sign-in:account:${email}`,
  }
  const byClient = await hitThrottle(keys.client, POLICIES.signInClient)
  if (!byClient.ok) return byClient
  const byPair = await hitThrottle(keys.accountClient, POLICIES.signInAccountClient)
  if (!byPair.ok) {
    await refundThrottle(keys.client)
    return byPair
  }
  // Failures before this attempt: the one just counted is this attempt itself.
  const failing = byPair.failures > 1
  if (failing) {
    const byAccount = await hitThrottle(keys.account, POLICIES.signInAccount)
    if (!byAccount.ok) {
      await Promise.all([refundThrottle(keys.client), refundThrottle(keys.accountClient)])
      return byAccount
    }
  }
  return {
    ok: true,
    succeeded: async () => {
      await Promise.all([refundThrottle(keys.client), clearThrottle(keys.accountClient), failing ? refundThrottle(keys.account) : null])
    },
    failed: async () => {
      // Already counted up front, except the account-wide key for a client that had not failed yet.
      if (!failing) await hitThrottle(keys.account, POLICIES.signInAccount, { enforce: false })
    },
  }
}

/**
 * Without the client's address every request looks alike, so a per-client or
 * account+client limit would let one attacker hold up everyone, or lock the
 * account. Only the account-wide limit applies then, whose wait is capped at
 * a minute.
 */
async function beginSignInWithoutAddress(email: string) {
  const key = `sign-in:account:${email}`
  const hit = await hitThrottle(key, POLICIES.signInAccount)
  if (!hit.ok) return hit
  return { ok: true as const, succeeded: () => refundThrottle(key), failed: async () => {} }
}

/** A password reset request: every request counts, since each one sends a mail. */
export async function hitPasswordReset(email: string, client: string): Promise<Blocked | { ok: true }> {
  // One shared bucket for every unknown client would let one person stop all resets.
  const clientKey = client === UNKNOWN_CLIENT ? null : `reset:client:${client}`
  if (clientKey) {
    const byClient = await hitThrottle(clientKey, POLICIES.resetClient)
    if (!byClient.ok) return byClient
  }
  const byAccount = await hitThrottle(`reset:account:${email}`, POLICIES.resetAccount)
  if (!byAccount.ok) {
    if (clientKey) await refundThrottle(clientKey)
    return byAccount
  }
  return { ok: true }
}

export type LinkKind = 'join' | 'reset' | 'unsubscribe' | 'api-token'

/**
 * Links that carry their own credential (invitation, password reset,
 * unsubscribe). A valid link always works; a client that keeps presenting
 * links that match nothing waits. The tokens are 256-bit, so this is about
 * noise and probing, not about guessing. `account` names the person a
 * forged link points at, where the link says (unsubscribe links do).
 */
export async function linkWait(kind: LinkKind, client: string, account?: string | null): Promise<number> {
  const [byClient, byAccount] = await Promise.all([
    throttleWait(`bad-link:${kind}:client:${client}`),
    account ? throttleWait(`bad-link:${kind}:account:${account}`) : 0,
  ])
  return Math.max(byClient, byAccount)
}

export async function recordBadLink(kind: LinkKind, client: string, account?: string | null) {
  await hitThrottle(`bad-link:${kind}:client:${client}`, POLICIES.badLinkClient, { enforce: false })
  if (account) await hitThrottle(`bad-link:${kind}:account:${account}`, POLICIES.badLinkAccount, { enforce: false })
}

/** A wrong current password on the account page, per person. */
export async function beginPasswordCheck(userId: string): Promise<Blocked | { ok: true; succeeded: () => Promise<void> }> {
  const key = `password-change:${userId}`
  const hit = await hitThrottle(key, POLICIES.passwordChange)
  if (!hit.ok) return hit
  return { ok: true, succeeded: () => clearThrottle(key) }
}

function waitMessage(what: string, retryAfter: number) {
  return `${what} Try again in ${formatWait(retryAfter)}.`
}

/** 429 with Retry-After, for a form: the message shows above the form, and what was typed stays. */
export function tooManyForm(values: Record<string, string>, message: string, retryAfter: number, errors: FieldErrors = {}) {
  return json(
    { ok: false as const, errors, values, formError: waitMessage(message, retryAfter) },
    { status: 429, headers: { 'Retry-After': String(retryAfter) } },
  )
}

/** 429 with Retry-After, for a page (thrown to the error boundary). */
export function tooManyPage(message: string, retryAfter: number) {
  return new Response(waitMessage(message, retryAfter), {
    status: 429,
    headers: { 'Retry-After': String(retryAfter), 'Content-Type': 'text/plain; charset=utf-8' },
  })
}
