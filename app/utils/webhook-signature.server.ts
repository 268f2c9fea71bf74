import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { parseSignatureHeader, signatureHeader, signedContent } from '~/domain/webhooks'

/** A new signing secret, shown to the admin once. The prefix says what it is when it turns up in a config file. */
export function newWebhookSecret() {
  return `whsec_${randomBytes(32).toString('base64url')}`
}

function digest(secret: string, timestamp: number, body: string) {
  return createHmac('sha256', secret).update(signedContent(timestamp, body)).digest('hex')
}

/** The Tandem-Signature header for a body sent at `now`. */
export function signWebhook(secret: string, body: string, now: Date) {
  const timestamp = Math.floor(now.getTime() / 1000)
  return signatureHeader(timestamp, digest(secret, timestamp, body))
}

/**
 * What a receiver does (the README shows the same in a few lines of Node):
 * recompute the HMAC over "<t>.<body>", compare in constant time, and refuse
 * a timestamp older than `toleranceSeconds`, so a captured request cannot be
 * replayed later.
 */
export function verifyWebhook(secret: string, header: string, body: string, now: Date, toleranceSeconds = 300) {
  const parsed = parseSignatureHeader(header)
  if (!parsed) return false
  if (Math.abs(now.getTime() / 1000 - parsed.timestamp) > toleranceSeconds) return false
  const expected = Buffer.from(digest(secret, parsed.timestamp, body), 'hex')
  return parsed.signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected))
}
