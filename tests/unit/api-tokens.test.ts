import { describe, expect, it } from 'vitest'
import { bearerToken, displayPrefix, expiryDate, isScope, looksLikeToken, tokenRows, tokenState } from '~/domain/api-tokens'
import { nextCursor, PageQuery } from '~/domain/api-views'

const TOKEN = `tdm_${'Ab3-_'.repeat(8)}xyz`

describe('reading a bearer token', () => {
  it('takes the token from "Bearer <token>", whatever the scheme’s case', () => {
    expect(bearerToken(`Bearer ${TOKEN}`)).toBe(TOKEN)
    expect(bearerToken(`bearer ${TOKEN}`)).toBe(TOKEN)
    expect(bearerToken(`BEARER  ${TOKEN} `)).toBe(TOKEN)
  })
  it('reads nothing from another scheme, an empty header or two values', () => {
    expect(bearerToken(null)).toBeNull()
    expect(bearerToken('')).toBeNull()
    expect(bearerToken(`Basic ${TOKEN}`)).toBeNull()
    expect(bearerToken('Bearer')).toBeNull()
    expect(bearerToken(`Bearer ${TOKEN} ${TOKEN}`)).toBeNull()
  })
  it('knows a token by its shape, so a stray value costs no query', () => {
    expect(looksLikeToken(TOKEN)).toBe(true)
    expect(looksLikeToken(TOKEN.slice(0, -1))).toBe(false)
    expect(looksLikeToken(`tdx_${TOKEN.slice(4)}`)).toBe(false)
    expect(looksLikeToken(`${TOKEN.slice(0, -1)}=`)).toBe(false)
  })
  it('shows the prefix and 8 characters, never more', () => {
    expect(displayPrefix(TOKEN)).toBe('tdm_Ab3-_Ab3')
  })
})

describe('scopes and expiry', () => {
  it('knows the four scopes and nothing else', () => {
    expect(['teams:read', 'features:read', 'features:write', 'dashboard:read'].every(isScope)).toBe(true)
    expect(['admin', 'teams:write', '__proto__', 'toString'].some(isScope)).toBe(false)
  })
  it('turns an expiry choice into a date, or none', () => {
    const now = new Date('2026-01-01T00:00:00Z')
    expect(expiryDate('30', now)?.toISOString()).toBe('2026-01-31T00:00:00.000Z')
    expect(expiryDate('never', now)).toBeNull()
  })
})

describe('whether a token works', () => {
  const now = new Date('2026-06-01T12:00:00Z')
  it('says revoked before expired, and expired before stopped', () => {
    const past = new Date('2026-05-01T00:00:00Z')
    expect(tokenState({ revokedAt: past, expiresAt: past }, false, now)).toBe('revoked')
    expect(tokenState({ revokedAt: null, expiresAt: past }, false, now)).toBe('expired')
    expect(tokenState({ revokedAt: null, expiresAt: null }, false, now)).toBe('stopped')
    expect(tokenState({ revokedAt: null, expiresAt: null }, true, now)).toBe('active')
  })
  it('expires at the instant, not a moment later', () => {
    expect(tokenState({ revokedAt: null, expiresAt: now }, true, now)).toBe('expired')
    expect(tokenState({ revokedAt: null, expiresAt: new Date(now.getTime() + 1) }, true, now)).toBe('active')
  })
  it('formats a list for its page', () => {
    const item = {
      id: 'x',
      name: 'Export',
      prefix: 'tdm_Ab3-_Ab3',
      scopes: ['teams:read'],
      createdAt: '2026-01-01T00:00:00.000Z',
      lastUsedAt: null,
      expiresAt: '2026-02-01T00:00:00.000Z',
      state: 'active' as const,
      createdByName: 'Ada',
    }
    expect(tokenRows([item], (iso) => iso.slice(0, 10))).toEqual([
      {
        id: 'x',
        name: 'Export',
        prefix: 'tdm_Ab3-_Ab3',
        scopes: ['teams:read'],
        state: 'active',
        createdByName: 'Ada',
        created: '2026-01-01',
        lastUsed: null,
        expires: '2026-02-01',
      },
    ])
  })
})

describe('API pages', () => {
  it('defaults to 25 from the start, and refuses a limit or cursor it cannot use', () => {
    expect(PageQuery.parse({})).toEqual({ limit: 25, cursor: 0 })
    expect(PageQuery.parse({ limit: '100', cursor: '50' })).toEqual({ limit: 100, cursor: 50 })
    for (const bad of [
      { limit: '0' },
      { limit: '101' },
      { limit: '2.5' },
      { limit: 'ten' },
      { cursor: '-1' },
      { cursor: 'abc' },
      { cursor: '99999999' },
    ]) {
      expect(PageQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false)
    }
  })
  it('gives a next cursor until the last page', () => {
    expect(nextCursor(0, 25, 60)).toBe('25')
    expect(nextCursor(50, 10, 60)).toBeNull()
    expect(nextCursor(0, 0, 0)).toBeNull()
  })
})
