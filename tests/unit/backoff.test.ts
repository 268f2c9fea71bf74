import { describe, expect, it } from 'vitest'
import { backoffSeconds, formatWait, POLICIES } from '~/domain/backoff'
import { describeDevice } from '~/domain/devices'
import { MAX_BULK_INVITES, parseEmailList } from '~/domain/email-list'

describe('backoffSeconds', () => {
  const policy = { free: 3, baseSeconds: 1, capSeconds: 60, forgetSeconds: 3600 }

  it('costs nothing for the free failures, then doubles each time up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => backoffSeconds(policy, n))).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 60])
    expect(backoffSeconds(policy, 10_000)).toBe(60)
  })

  it('keeps the account-wide sign-in wait at a minute or less', () => {
    expect(backoffSeconds(POLICIES.signInAccount, 1_000)).toBeLessThanOrEqual(60)
  })

  it('says waits the way a person would', () => {
    expect(formatWait(1)).toBe('1 second')
    expect(formatWait(0.2)).toBe('1 second')
    expect(formatWait(45)).toBe('45 seconds')
    expect(formatWait(61)).toBe('2 minutes')
    expect(formatWait(900)).toBe('15 minutes')
  })
})

describe('describeDevice', () => {
  it.each([
    ['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox on Linux'],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
      'Safari on macOS',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge on Windows',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1',
      'Chrome on iOS',
    ],
    ['Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 'Chrome on Android'],
    ['curl/8.5.0', 'Unknown browser'],
    ['', 'Unknown browser'],
  ])('describes %s as %s', (ua, expected) => {
    expect(describeDevice(ua)).toBe(expected)
  })
})

describe('parseEmailList', () => {
  it('reads lines, commas and semicolons, lower-cases, and takes the address out of "Name <address>"', () => {
    const entries = parseEmailList('Ada@Example.com\n grace@example.com , Linus <linus@example.com>;\n\n  ')
    expect(entries.map((e) => [e.line, e.email, e.error])).toEqual([
      [1, 'ada@example.com', null],
      [2, 'grace@example.com', null],
      [2, 'linus@example.com', null],
    ])
  })

  it('flags each bad item by its line and a repeat against the first one', () => {
    const entries = parseEmailList('ok@example.com\nnot-an-email\nOK@example.com')
    expect(entries[1]).toMatchObject({ line: 2, input: 'not-an-email', email: null, error: 'This is not a valid email address.' })
    expect(entries[2]).toMatchObject({ line: 3, error: 'Already listed on line 1.' })
  })

  it('counts every item, so the caller can refuse more than the limit', () => {
    const list = Array.from({ length: MAX_BULK_INVITES + 1 }, (_, i) => `p${i}@example.com`).join('\n')
    expect(parseEmailList(list)).toHaveLength(MAX_BULK_INVITES + 1)
  })
})
