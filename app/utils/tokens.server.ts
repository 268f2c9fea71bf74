import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { isUuid } from '~/domain/ids'
import { LINK_PLACEHOLDER } from '~/domain/mail-links'
import { getEnv } from './env.server'
import { htmlText } from './mail-render.server'
import { sessionSecret } from './secret.server'

/** 32 random bytes, URL-safe: a session token. */
export function randomToken() {
  return randomBytes(32).toString('base64url')
}

/** What the database keeps instead of a token. Tokens are 256-bit random or HMAC output, so one SHA-256 is enough. */
export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

// ------------------------------------------------------------------ secret links

export type LinkPurpose = 'invite' | 'password-reset'

const LINK_PATHS: Record<LinkPurpose, string> = { invite: '/join/', 'password-reset': '/reset-password/' }

/**
 * The token in an invitation or reset link: the record id signed with the
 * server secret. The database holds only its hash, and the secret lives
 * outside the database, so a copy of the database cannot rebuild a link,
 * while the app can, whenever it has to deliver or show one.
 */
export function secretToken(purpose: LinkPurpose, id: string) {
  return createHmac('sha256', sessionSecret()).update(`link:${purpose}:${id}`).digest('base64url')
}

/** The base of links in mail and on admin pages: APP_URL, else the request's origin. */
export function linkBase(request?: Request) {
  const env = getEnv()
  return env.APP_URL ?? (request ? new URL(request.url).origin : `http://localhost:${env.PORT}`)
}

export function secretLink(purpose: LinkPurpose, id: string, base: string) {
  return new URL(LINK_PATHS[purpose] + secretToken(purpose, id), base).toString()
}

export function linkRef(purpose: LinkPurpose, id: string) {
  return `${purpose}:${id}`
}

function parseLinkRef(ref: string | null): { purpose: LinkPurpose; id: string } | null {
  if (!ref) return null
  const colon = ref.indexOf(':')
  const purpose = ref.slice(0, colon)
  const id = ref.slice(colon + 1)
  if ((purpose !== 'invite' && purpose !== 'password-reset') || !isUuid(id)) return null
  return { purpose, id }
}

export type StoredMail = { textBody: string; htmlBody: string | null; linkRef: string | null }

/**
 * A stored mail with its link put back in, for delivery or for an admin's
 * eyes. `reveal` false puts a note where the link was: the outbox shows an
 * admin a password reset link only when there is no SMTP, because then the
 * admin is how the mail reaches its owner.
 */
export function renderMailLinks(mail: StoredMail, base: string, { reveal = true } = {}): { text: string; html: string | null } {
  const ref = parseLinkRef(mail.linkRef)
  if (!ref) return { text: mail.textBody, html: mail.htmlBody }
  const link = reveal ? secretLink(ref.purpose, ref.id, base) : '(link withheld: it was sent by email only)'
  return {
    text: mail.textBody.split(LINK_PLACEHOLDER).join(link),
    html: mail.htmlBody === null ? null : mail.htmlBody.split(LINK_PLACEHOLDER).join(htmlText(link)),
  }
}

// ------------------------------------------------------------------ carried form data

/**
 * Data the server sends to a page to have it posted back (the issues fetched
 * from GitHub, between preview and import), signed with the server secret so
 * that what comes back is what the server fetched: nobody can post evidence
 * of their own making as "derived from GitHub".
 */
export function signCarried(purpose: string, text: string): string {
  const mac = createHmac('sha256', sessionSecret()).update(`carried:${purpose}:`).update(text).digest('base64url')
  return `${mac}.${text}`
}

/** The text of a signed carried value, or null when it was changed or is not one. */
export function openCarried(purpose: string, signed: string): string | null {
  const dot = signed.indexOf('.')
  if (dot < 1) return null
  const text = signed.slice(dot + 1)
  const expected = signCarried(purpose, text).slice(0, dot)
  const given = Buffer.from(signed.slice(0, dot))
  const want = Buffer.from(expected)
  return given.length === want.length && timingSafeEqual(given, want) ? text : null
}
