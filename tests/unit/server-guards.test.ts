import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import {
  BodyTooLargeError,
  checkBody,
  checkSameOrigin,
  clientAddress,
  isApiPath,
  isHttps,
  MAX_BODY_BYTES,
  ownOrigin,
  readBody,
} from '~/server/guards'
import { contentSecurityPolicy, securityHeaders } from '~/server/headers'

const own = 'https://tandem.example.com'

describe('checkSameOrigin', () => {
  it.each([
    ['GET', {}, null],
    ['HEAD', { origin: 'https://evil.example' }, null],
    ['POST', { origin: own }, null],
    ['POST', { origin: 'https://evil.example' }, 403],
    ['POST', { origin: 'https://tandem.example.com.evil.example' }, 403],
    ['POST', { origin: 'http://tandem.example.com' }, 403],
    ['POST', { origin: 'null' }, 403],
    ['POST', { 'sec-fetch-site': 'same-origin' }, null],
    ['POST', { 'sec-fetch-site': 'none' }, null],
    ['POST', { 'sec-fetch-site': 'same-site' }, 403],
    ['POST', { 'sec-fetch-site': 'cross-site' }, 403],
    ['POST', {}, 403],
    ['DELETE', { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' }, 403],
    ['PUT', { origin: own }, null],
  ])('%s with %o → %s', (method, headers, status) => {
    expect(checkSameOrigin(method, headers, own)?.status ?? null).toBe(status)
  })

  it('refuses everything when the own origin is unknown (no Host, no APP_URL)', () => {
    expect(checkSameOrigin('POST', { origin: 'http://localhost:3000' }, null)?.status).toBe(403)
  })
})

describe('ownOrigin', () => {
  it('is APP_URL’s origin when set, whatever the request says', () => {
    expect(ownOrigin({ host: 'evil.example' }, { appUrl: 'https://tandem.example.com/app', trustProxy: true })).toBe(own)
  })
  it('is the Host over http, and https only when a trusted proxy says so', () => {
    expect(ownOrigin({ host: 'localhost:3000' }, { trustProxy: false })).toBe('http://localhost:3000')
    expect(ownOrigin({ host: 'tandem.example.com', 'x-forwarded-proto': 'https' }, { trustProxy: false })).toBe('http://tandem.example.com')
    expect(ownOrigin({ host: 'tandem.example.com', 'x-forwarded-proto': 'https, http' }, { trustProxy: true })).toBe(own)
    expect(ownOrigin({}, { trustProxy: false })).toBeNull()
    expect(ownOrigin({ host: 'bad host/\\' }, { trustProxy: false })).toBeNull()
  })
})

describe('checkBody', () => {
  it.each([
    ['GET', {}, null],
    ['POST', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '12' }, null],
    ['POST', { 'content-type': 'multipart/form-data; boundary=x', 'content-length': '300' }, null],
    ['POST', { 'content-type': 'Application/X-WWW-Form-Urlencoded;charset=UTF-8' }, null],
    ['POST', { 'content-length': '0' }, null],
    ['POST', {}, null],
    ['POST', { 'transfer-encoding': 'chunked' }, 415],
    ['POST', { 'content-type': 'application/json', 'content-length': '2' }, 415],
    ['POST', { 'content-type': 'text/plain' }, 415],
    ['POST', { 'content-length': '5' }, 415],
    ['POST', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(MAX_BODY_BYTES + 1) }, 413],
    ['POST', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '1e9' }, 413],
  ])('%s with %o → %s', (method, headers, status) => {
    expect(checkBody(method, headers)?.status ?? null).toBe(status)
  })
})

describe('the JSON API', () => {
  it('is everything under /api/ and nothing else', () => {
    expect(['/api', '/api/v1/teams', '/api/v1/features/x'].map(isApiPath)).toEqual([true, true, true])
    expect(['/apis', '/teams/api', '/', '/account/tokens'].map(isApiPath)).toEqual([false, false, false, false])
  })
  it('takes JSON and leaves the content type to the route, but not a body over the limit', () => {
    expect(checkBody('POST', { 'content-type': 'application/json', 'content-length': '2' }, { api: true })).toBeNull()
    expect(checkBody('PATCH', { 'content-type': 'text/plain' }, { api: true })).toBeNull()
    expect(
      checkBody('POST', { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) }, { api: true })?.status,
    ).toBe(413)
  })
})

describe('readBody', () => {
  it('reads a body up to the limit', async () => {
    const body = await readBody(Readable.from([Buffer.from('a=1&'), Buffer.from('b=2')]), 7)
    expect(Buffer.from(body).toString()).toBe('a=1&b=2')
  })
  it('stops at the first chunk past the limit, without reading the rest', async () => {
    let produced = 0
    async function* endless() {
      for (;;) {
        produced++
        yield Buffer.alloc(1024)
      }
    }
    await expect(readBody(endless(), 4096)).rejects.toBeInstanceOf(BodyTooLargeError)
    expect(produced).toBe(5)
  })
})

describe('clientAddress and isHttps', () => {
  it('trusts X-Forwarded-For and X-Forwarded-Proto only behind a trusted proxy', () => {
    const headers = { 'x-forwarded-for': '203.0.113.9, 10.0.0.1', 'x-forwarded-proto': 'https' }
    expect(clientAddress(headers, '::ffff:10.0.0.1', false)).toBe('10.0.0.1')
    expect(clientAddress(headers, '10.0.0.1', true)).toBe('203.0.113.9')
    expect(clientAddress({}, undefined, true)).toBe('unknown')
    expect(isHttps(headers, { trustProxy: false })).toBe(false)
    expect(isHttps(headers, { trustProxy: true })).toBe(true)
    expect(isHttps({}, { appUrl: own, trustProxy: false })).toBe(true)
  })
})

describe('security headers', () => {
  it('allow scripts only from us and with the nonce; no inline scripts', () => {
    const csp = contentSecurityPolicy('abc123')
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src'))
    expect(scriptSrc).toBe("script-src 'self' 'nonce-abc123'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
  })
  it('add HSTS only over HTTPS', () => {
    expect(securityHeaders({ nonce: 'n', https: false, development: false })).not.toHaveProperty('Strict-Transport-Security')
    expect(securityHeaders({ nonce: 'n', https: true, development: false })['Strict-Transport-Security']).toContain('max-age=31536000')
  })
})
