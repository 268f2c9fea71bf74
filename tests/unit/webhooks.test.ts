import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  classifyAttempt,
  eventsField,
  MAX_ATTEMPTS,
  parseSignatureHeader,
  retryAfterSeconds,
  roundClosedData,
  webhookBody,
  webhookUrlField,
} from '~/domain/webhooks'
import { newWebhookSecret, signWebhook, verifyWebhook } from '~/utils/webhook-signature.server'

const now = new Date('2026-03-02T10:00:00Z')

describe('webhook signatures', () => {
  const secret = 'whsec_test-secret'
  const body = '{"version":1,"type":"round.closed"}'

  it('signs "<t>.<body>" with HMAC-SHA256 and says so in t=…,v1=…', () => {
    const header = signWebhook(secret, body, now)
    const t = now.getTime() / 1000
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
    expect(header).toBe(`t=${t},v1=${expected}`)
    expect(verifyWebhook(secret, header, body, now)).toBe(true)
  })

  it('refuses a changed body, another secret, a stale timestamp and a malformed header', () => {
    const header = signWebhook(secret, body, now)
    expect(verifyWebhook(secret, header, body.replace('round', 'team'), now)).toBe(false)
    expect(verifyWebhook('whsec_other', header, body, now)).toBe(false)
    expect(verifyWebhook(secret, header, body, new Date(now.getTime() + 301_000))).toBe(false)
    expect(verifyWebhook(secret, 'v1=abc', body, now)).toBe(false)
    expect(parseSignatureHeader('t=12,v1=zz')).toBeNull()
  })

  it('makes a different secret each time, with a prefix that says what it is', () => {
    const a = newWebhookSecret()
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/)
    expect(newWebhookSecret()).not.toBe(a)
  })
})

describe('what an answer means for a delivery', () => {
  const answer = (status: number, retryAfter: string | null = null) => ({ status, retryAfter })

  it('counts any 2xx as delivered', () => {
    for (const status of [200, 201, 202, 204, 299]) expect(classifyAttempt(answer(status), 1, now)).toEqual({ outcome: 'delivered' })
  })

  it('retries 5xx, 408 and network errors with a growing wait, then gives up after the last attempt', () => {
    expect(classifyAttempt(answer(500), 1, now)).toEqual({ outcome: 'retry', afterSeconds: 30, error: 'HTTP 500' })
    expect(classifyAttempt(answer(503), 3, now)).toMatchObject({ outcome: 'retry', afterSeconds: 120 })
    expect(classifyAttempt(answer(408), 2, now)).toMatchObject({ outcome: 'retry', afterSeconds: 60 })
    expect(classifyAttempt({ error: 'connect ECONNREFUSED 127.0.0.1:9' }, 9, now)).toMatchObject({ outcome: 'retry', afterSeconds: 3600 })
    expect(classifyAttempt(answer(502), MAX_ATTEMPTS, now)).toEqual({
      outcome: 'failed',
      error: `HTTP 502; gave up after ${MAX_ATTEMPTS} attempts`,
    })
  })

  it('waits as long as a 429 asks (seconds or a date), up to a day', () => {
    expect(classifyAttempt(answer(429, '120'), 1, now)).toMatchObject({ outcome: 'retry', afterSeconds: 120 })
    expect(classifyAttempt(answer(429, 'Mon, 02 Mar 2026 10:05:00 GMT'), 1, now)).toMatchObject({ afterSeconds: 300 })
    expect(classifyAttempt(answer(429), 1, now)).toMatchObject({ outcome: 'retry', afterSeconds: 30 })
    expect(retryAfterSeconds('999999', now)).toBe(86_400)
    expect(retryAfterSeconds('soon', now)).toBeNull()
  })

  it('fails other 4xx and redirects at once', () => {
    expect(classifyAttempt(answer(400), 1, now)).toMatchObject({ outcome: 'failed', error: expect.stringContaining('HTTP 400') })
    expect(classifyAttempt(answer(410), 1, now)).toMatchObject({ outcome: 'failed' })
    expect(classifyAttempt(answer(301), 1, now)).toMatchObject({
      outcome: 'failed',
      error: expect.stringContaining('redirects are not followed'),
    })
  })
})

describe('endpoint fields', () => {
  const problem = (mode: 'production' | 'test', value: string) => {
    const result = webhookUrlField(mode).safeParse(value)
    return result.success ? null : result.error.issues[0].message
  }

  it('takes https anywhere and plain http to this machine outside production', () => {
    expect(webhookUrlField('production').parse(' https://hooks.example.com/t ')).toBe('https://hooks.example.com/t')
    expect(problem('test', 'http://127.0.0.1:4000/hooks')).toBeNull()
    expect(problem('test', 'http://localhost/hooks')).toBeNull()
    expect(problem('production', 'http://localhost/hooks')).toMatch(/must use https/)
    expect(problem('test', 'http://hooks.example.com/t')).toMatch(/must use https/)
  })

  it('refuses other schemes, non-URLs and credentials by name', () => {
    expect(problem('test', 'ftp://files.example.com/drop')).toBe('Webhooks are sent as HTTPS POST requests: a ftp: URL cannot receive them')
    expect(problem('test', 'javascript:alert(1)')).toMatch(/javascript: URL cannot receive them/)
    expect(problem('test', 'hooks.example.com')).toMatch(/Enter a full URL/)
    expect(problem('test', 'https://user:pw@hooks.example.com/')).toMatch(/user name and password/)
  })

  it('keeps events in a fixed order and refuses unknown ones', () => {
    expect(eventsField.parse(['action.status_changed', 'round.closed'])).toEqual(['round.closed', 'action.status_changed'])
    expect(eventsField.safeParse([]).success).toBe(false)
    expect(eventsField.safeParse(['round.opened']).success).toBe(false)
  })
})

describe('payloads', () => {
  it('versions every body and gives round.closed its participation only', () => {
    const body = JSON.parse(
      webhookBody({
        eventId: 'e1',
        type: 'round.closed',
        occurredAt: now,
        team: { id: 't1', name: 'Checkout' },
        data: roundClosedData({ id: 'r1', opensAt: now, closedAt: now, responded: 2, eligible: 9, url: 'https://tandem.example.com/x' }),
      }),
    )
    expect(body).toEqual({
      version: 1,
      id: 'e1',
      type: 'round.closed',
      occurredAt: now.toISOString(),
      team: { id: 't1', name: 'Checkout' },
      data: {
        round: { id: 'r1', opensAt: now.toISOString(), closedAt: now.toISOString(), url: 'https://tandem.example.com/x' },
        participation: { responded: 2, eligible: 9 },
      },
    })
  })
})
