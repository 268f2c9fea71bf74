import { describe, expect, it } from 'vitest'
import { checkComment } from '~/domain/comment'

describe('checkComment', () => {
  it('treats blank as no comment and trims', () => {
    expect(checkComment('   \n ')).toEqual({ ok: true, value: null })
    expect(checkComment('  fine  ')).toEqual({ ok: true, value: 'fine' })
  })
  it('counts characters, not UTF-16 units, against the limit', () => {
    expect(checkComment('👍'.repeat(2000)).ok).toBe(true)
    const long = checkComment('a'.repeat(2001))
    expect(long.ok).toBe(false)
    if (!long.ok) expect(long.message).toMatch(/2000/)
  })
  it('rejects broken surrogates, control characters and bidi overrides', () => {
    expect(checkComment('half \uD800 surrogate').ok).toBe(false)
    expect(checkComment('bell \u0007').ok).toBe(false)
    expect(checkComment('flip \u202E txt').ok).toBe(false)
    expect(checkComment('isolate \u2066 x').ok).toBe(false)
  })
  it('keeps newlines, tabs, accents, CJK and emoji, normalised to NFC', () => {
    const result = checkComment('Cafe\u0301\r\nline\ttab 工程 👩🏽‍💻')
    expect(result).toEqual({ ok: true, value: 'Café\nline\ttab 工程 👩🏽‍💻' })
  })
})
