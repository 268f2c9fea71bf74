// The fast paths of the dashboard at scale must give the same answers as the
// plain versions: the overlap check that compares only groups sharing a cell,
// and the CSV written as a stream.
import { describe, expect, it } from 'vitest'
import { normalizeSettings, others, suppressOverlaps, type OverlapGroup } from '~/domain/anonymity'
import { csvStream, toCsv } from '~/utils/csv'

/** The overlap rule as first written: every kept group against every candidate. */
function everyPair(groups: OverlapGroup[], counts: Record<string, number>, given: number, own: Record<string, number>): Set<string> {
  const { k } = normalizeSettings({ k: given })
  const count = (cell: string) => others(counts[cell] ?? 0, own[cell] ?? 0)
  const prepared = groups.map((g, index) => {
    const cells = new Set(g.cells)
    return { id: g.id, cells, n: [...cells].reduce((s, c) => s + count(c), 0), index }
  })
  const kept: typeof prepared = []
  for (const g of prepared.filter((p) => p.n >= k).sort((a, b) => b.n - a.n || a.index - b.index)) {
    const clash = kept.some((o) => {
      let shared = 0
      for (const c of g.cells) if (o.cells.has(c)) shared += count(c)
      const d = g.n + o.n - 2 * shared
      return d > 0 && d < k
    })
    if (!clash) kept.push(g)
  }
  return new Set(kept.map((g) => g.id))
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648
    return s / 2147483648
  }
}

describe('suppressOverlaps', () => {
  it('keeps exactly the groups that comparing every pair keeps, for teams, nested and overlapping aggregates', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = random(seed)
      const k = 2 + Math.floor(rnd() * 5)
      const teams = 2 + Math.floor(rnd() * 12)
      const counts: Record<string, number> = {}
      const own: Record<string, number> = {}
      const groups: OverlapGroup[] = []
      for (let t = 0; t < teams; t++) {
        const cells = ['product', 'engineering', 'rest'].map((d) => `t${t}:${d}`)
        for (const c of cells) {
          counts[c] = Math.floor(rnd() * 8)
          if (counts[c] > 0 && rnd() < 0.1) own[c] = 1
        }
        groups.push({ id: `t${t}`, cells })
      }
      const all = Object.keys(counts)
      for (let a = 0; a < 1 + Math.floor(rnd() * 4); a++) groups.push({ id: `agg${a}`, cells: all.filter(() => rnd() < 0.6) })
      groups.sort(() => rnd() - 0.5)
      const fast = suppressOverlaps(groups, counts, { k }, own)
      const slow = everyPair(groups, counts, k, own)
      expect(fast, `seed ${seed}`).toEqual(slow)
    }
  })
})

describe('csvStream', () => {
  it('writes the same bytes as toCsv, across batch boundaries', async () => {
    const columns = [
      { key: 'team' as const, header: 'Team' },
      { key: 'score' as const, header: 'Score' },
    ]
    for (const size of [0, 1, 499, 500, 501, 1234]) {
      const rows = Array.from({ length: size }, (_, i) => ({
        team: i % 7 === 0 ? `=Team, "${i}"` : `Team ${i}`,
        score: i % 5 ? i / 10 : null,
      }))
      const streamed = new Uint8Array(await new Response(csvStream(columns, rows, { bom: true })).arrayBuffer())
      expect(streamed).toEqual(new TextEncoder().encode(toCsv(columns, rows, { bom: true })))
    }
  })
})
