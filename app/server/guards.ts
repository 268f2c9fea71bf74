// Checks a request must pass before any loader or action sees it. Pure
// functions of the request's method and headers, so they are unit-tested.

export const MAX_BODY_BYTES = 1024 * 1024

export type HeaderBag = Record<string, string | string[] | undefined>

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

export function isSafeMethod(method: string) {
  return method === 'GET' || method === 'HEAD'
}

/**
 * The origin this server answers as: APP_URL's when set, else what the request
 * was addressed to (its Host, and https only when a trusted proxy says so).
 */
export function ownOrigin(headers: HeaderBag, { appUrl, trustProxy }: { appUrl?: string; trustProxy: boolean }): string | null {
  if (appUrl) return new URL(appUrl).origin
  const host = header(headers, 'host')
  if (!host) return null
  const forwarded = trustProxy ? header(headers, 'x-forwarded-proto')?.split(',')[0].trim() : undefined
  const proto = forwarded === 'https' ? 'https' : 'http'
  try {
    return new URL(`${proto}://${host}`).origin
  } catch {
    return null
  }
}

export type Refusal = { status: 403 | 413 | 415; reason: string }

/**
 * Cross-site request forgery: a state-changing request must come from one of
 * our own pages. Browsers send Origin on every POST form and fetch; where it
 * is missing, Fetch Metadata says who started the request. A request with
 * neither is refused: no browser we serve sends that, so it is not a form of ours.
 */
export function checkSameOrigin(method: string, headers: HeaderBag, own: string | null): Refusal | null {
  if (isSafeMethod(method)) return null
  const origin = header(headers, 'origin')
  if (origin !== undefined) {
    return own && origin === own ? null : { status: 403, reason: 'cross-origin' }
  }
  const site = header(headers, 'sec-fetch-site')
  if (site === 'same-origin' || site === 'none') return null
  return { status: 403, reason: site ? `sec-fetch-site ${site}` : 'no origin' }
}

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data'])

/**
 * The JSON API (/api/…) reads only bearer tokens, never the session cookie,
 * so a forged cross-site request carries nothing it would accept: the
 * same-origin check is not needed there (and API clients send no Origin).
 * It takes JSON, and answers a wrong content type itself, in its error format.
 */
export function isApiPath(pathname: string) {
  return pathname === '/api' || pathname.startsWith('/api/')
}

/** Every action reads a form (the API: any type, checked by the route); anything else is refused before it is parsed. */
export function checkBody(method: string, headers: HeaderBag, { api = false } = {}): Refusal | null {
  if (isSafeMethod(method)) return null
  const length = header(headers, 'content-length')
  if (length !== undefined && (!/^\d+$/.test(length) || Number(length) > MAX_BODY_BYTES)) {
    return { status: 413, reason: 'content-length' }
  }
  if (api) return null
  const type = header(headers, 'content-type')?.split(';')[0].trim().toLowerCase()
  if (type === undefined || type === '') {
    // An empty POST (a bare button) has nothing to parse.
    const chunked = header(headers, 'transfer-encoding') !== undefined
    return length === '0' || (length === undefined && !chunked) ? null : { status: 415, reason: 'no content-type' }
  }
  return FORM_TYPES.has(type) ? null : { status: 415, reason: type.slice(0, 60) }
}

export class BodyTooLargeError extends Error {
  constructor() {
    super(`Request body over ${MAX_BODY_BYTES} bytes`)
  }
}

/** Reads a body into memory, stopping as soon as it passes the limit (chunked uploads have no length to check first). */
export async function readBody(stream: AsyncIterable<Buffer | string>, limit = MAX_BODY_BYTES): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += buffer.length
    if (size > limit) throw new BodyTooLargeError()
    chunks.push(buffer)
  }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.length
  }
  return body
}

/** The client's address: the socket's, or the first X-Forwarded-For hop when a proxy we trust sets it. */
export function clientAddress(headers: HeaderBag, socketAddress: string | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = header(headers, 'x-forwarded-for')?.split(',')[0].trim()
    if (forwarded) return forwarded
  }
  return socketAddress?.replace(/^::ffff:/, '') ?? 'unknown'
}

/** Whether the response is served over HTTPS, for HSTS. */
export function isHttps(headers: HeaderBag, { appUrl, trustProxy }: { appUrl?: string; trustProxy: boolean }) {
  if (appUrl?.startsWith('https:')) return true
  return trustProxy && header(headers, 'x-forwarded-proto')?.split(',')[0].trim() === 'https'
}
