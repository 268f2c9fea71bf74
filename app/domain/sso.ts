// Single sign-on rules that need no I/O: which issuer addresses are accepted,
// whose email domain may get an account at first sign-in, what a provider's
// answer means for the person signing in, and how each way a sign-in can fail
// is said to them.
import { z } from 'zod'

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/** An issuer must be https; plain http only on this machine (a provider under test or in development). */
export const issuerField = z
  .string({ error: 'Issuer is required' })
  .trim()
  .min(1, 'Issuer is required')
  .max(500, 'Issuer is too long')
  .refine((value) => URL.canParse(value), 'Enter the issuer as a URL, such as https://login.example.com')
  .transform((value) => new URL(value))
  .refine((url) => url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname)), 'The issuer must use https')
  .refine((url) => !url.search && !url.hash && !url.username && !url.password, 'The issuer has no query, fragment or credentials')
  .transform((url) => url.href.replace(/\/$/, ''))

export function isLoopbackIssuer(issuer: string) {
  return new URL(issuer).protocol === 'http:'
}

const DOMAIN = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/

/** "example.com, corp.example.com" (commas, spaces or lines) as a clean, sorted list. */
export const domainListField = z
  .string()
  .max(2000, 'The list of domains is too long')
  .transform((value, ctx) => {
    const domains = [
      ...new Set(
        value
          .split(/[\s,;]+/)
          .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
          .filter(Boolean),
      ),
    ].sort()
    const bad = domains.find((d) => !DOMAIN.test(d))
    if (bad) ctx.addIssue({ code: 'custom', message: `"${bad}" is not a domain such as example.com` })
    return domains
  })

export function emailDomain(email: string) {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase()
}

export function domainAllowed(email: string, domains: readonly string[]) {
  return domains.includes(emailDomain(email))
}

/** What the provider told us about the person, after the token was checked. */
export type VerifiedClaims = { subject: string; email: string | null; emailVerified: boolean; name: string | null }

type Account = { id: string; deactivated: boolean }

export type SignInDecision =
  | { kind: 'sign-in'; userId: string; link: boolean }
  | { kind: 'provision'; email: string; name: string; invited: boolean }
  | { kind: 'refuse'; status: 403; message: string }

export const SSO_MESSAGES = {
  deactivated: 'This account has been deactivated. Ask a workspace admin.',
  noEmail:
    'Your provider did not share an email address, so Tandem cannot tell which account is yours. Ask your admin to release the email claim to Tandem.',
  unverified:
    'Your provider has not verified this email address, so Tandem cannot link it to an account. Verify it with your provider, then sign in again.',
  notAllowed: (domain: string) =>
    `There is no Tandem account for this email, and addresses at ${domain} do not get one automatically. Ask a workspace admin for an invitation.`,
  otherAccount: 'This email belongs to an account already linked to someone else at your provider. Ask a workspace admin.',
} as const

/**
 * Who is signing in. A subject already linked wins (emails change); otherwise
 * a verified email links to the account that has it; otherwise a verified
 * email gets a new account if it was invited or its domain is allowed.
 */
export function decideSignIn(input: {
  claims: VerifiedClaims
  linked: Account | null
  byEmail: (Account & { linkedElsewhere: boolean }) | null
  invited: boolean
  allowedDomains: readonly string[]
}): SignInDecision {
  const { claims, linked, byEmail } = input
  if (linked) {
    return linked.deactivated ? refusal(SSO_MESSAGES.deactivated) : { kind: 'sign-in', userId: linked.id, link: false }
  }
  if (!claims.email) return refusal(SSO_MESSAGES.noEmail)
  if (!claims.emailVerified) return refusal(SSO_MESSAGES.unverified)
  const email = claims.email.toLowerCase()
  if (byEmail) {
    if (byEmail.deactivated) return refusal(SSO_MESSAGES.deactivated)
    if (byEmail.linkedElsewhere) return refusal(SSO_MESSAGES.otherAccount)
    return { kind: 'sign-in', userId: byEmail.id, link: true }
  }
  if (!input.invited && !domainAllowed(email, input.allowedDomains)) return refusal(SSO_MESSAGES.notAllowed(emailDomain(email)))
  return { kind: 'provision', email, name: claims.name?.trim() || email.slice(0, email.indexOf('@')), invited: input.invited }
}

function refusal(message: string): SignInDecision {
  return { kind: 'refuse', status: 403, message }
}

/** The error codes of openid-client (oauth4webapi) that a person can be told about. */
export function describeProviderFailure(error: { code?: string; error?: string; message?: string; claim?: string }): string {
  switch (error.code) {
    case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
      if (error.claim === 'aud') return 'The sign-in token was issued to another application, not to Tandem. Nobody was signed in.'
      if (error.claim === 'nonce') return 'The sign-in token does not belong to this sign-in. Nobody was signed in; start again.'
      if (error.claim === 'iss') return 'The sign-in token came from another provider than the one configured. Nobody was signed in.'
      return 'The sign-in token did not match this sign-in. Nobody was signed in; start again.'
    case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
      return 'The sign-in token has expired. Nobody was signed in; start again.'
    case 'OAUTH_AUTHORIZATION_RESPONSE_ERROR':
      return error.error === 'access_denied'
        ? 'Sign-in was cancelled at your provider.'
        : 'Your provider refused the sign-in. Start again, or ask a workspace admin.'
    case 'OAUTH_RESPONSE_BODY_ERROR':
      return 'Your provider refused to complete the sign-in (the code was already used, expired or issued to someone else). Start again.'
    default:
      return 'Tandem could not complete the sign-in with your provider. Start again, or ask a workspace admin to check the single sign-on settings.'
  }
}
