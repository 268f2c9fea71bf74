import { describe, expect, it } from 'vitest'
import { lruMap } from '~/utils/lru'

describe('lruMap', () => {
  it('keeps at most max entries, dropping the least recently used (a read counts as a use)', () => {
    const kept = lruMap<number>(2)
    kept.set('a', 1)
    kept.set('b', 2)
    expect(kept.get('a')).toBe(1)
    kept.set('c', 3)
    expect(kept.get('b')).toBeUndefined()
    expect([kept.get('a'), kept.get('c')]).toEqual([1, 3])
  })

  it('forgets a key only while it still holds the value given', () => {
    const kept = lruMap<{ n: number }>(3)
    const first = { n: 1 }
    const second = { n: 2 }
    kept.set('a', first)
    kept.set('a', second)
    kept.forget('a', first)
    expect(kept.get('a')).toBe(second)
    kept.forget('a', second)
    expect(kept.get('a')).toBeUndefined()
  })
})
