/**
 * A map that keeps at most `max` entries: reading or writing an entry makes it
 * the most recently used, and the least recently used goes first when full.
 * (A Map iterates in insertion order, so the first key is the oldest.)
 */
export function lruMap<V>(max: number) {
  const entries = new Map<string, V>()
  return {
    get(key: string): V | undefined {
      const value = entries.get(key)
      if (value !== undefined) {
        entries.delete(key)
        entries.set(key, value)
      }
      return value
    },
    set(key: string, value: V) {
      entries.delete(key)
      entries.set(key, value)
      for (const oldest of entries.keys()) {
        if (entries.size <= max) break
        entries.delete(oldest)
      }
    },
    /** Drops `key` only if it still holds `value` (not a newer entry set since). */
    forget(key: string, value: V) {
      if (entries.get(key) === value) entries.delete(key)
    },
    clear() {
      entries.clear()
    },
  }
}
