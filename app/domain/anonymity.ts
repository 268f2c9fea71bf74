/*
 * Anonymity rules. Every read path (results page, CSV, JSON, email digest) must
 * go through this module, so a number that is hidden in one place cannot be
 * read from another.
 *
 * Why each rule exists:
 *
 * - Minimum group size (k, never below 3). A score from 1 or 2 people is
 *   effectively their personal answer. When a result is hidden we do not even
 *   say how many responded: "2 responses" is itself information about who
 *   took part.
 *
 * - Derivable remainder (discipline splits). Showing "engineering: 6" next to
 *   a team total of 7 tells everyone that exactly one non-engineer answered,
 *   and subtracting engineering's average from the team's average gives that
 *   person's answers. So a split is shown only if whatever is left over after
 *   the shown slices is either nobody or at least k people.
 *
 * - Overlapping results (difference attacks). Two results a viewer can see
 *   for the same round, e.g. "Team A" and "Team A + Team B", leak the people in
 *   the difference if that difference is small: with totals and averages for
 *   both, the 2 people of Team B can be computed exactly. Any two visible
 *   results must therefore differ by zero or at least k respondents; otherwise
 *   the smaller one is hidden. This is the overlapping-segments rule used by
 *   employee survey tools such as Peakon.
 *
 * - Nobody counts themselves. A respondent knows her own answers, so in a
 *   group of exactly k she could subtract them and learn the set of the other
 *   k − 1. Every threshold is therefore applied to the responses of people
 *   other than the viewer: callers pass `own`, how many of the counted
 *   responses are the viewer's (0 or 1 per round).
 *
 * - Exact per-item counts need more people. When everyone in a small group
 *   gives the same answer, exact counts name each member's answer. Below the
 *   comment threshold an item's answers are shown in three bands (disagree,
 *   neutral, agree) rather than seven exact counts. No threshold can hide
 *   unanimity itself; the anonymity page says so.
 *
 * - Comments need a higher threshold (commentK ≥ k). Free text carries
 *   writing style, topics and in-jokes that can identify an author even when a
 *   numeric average would not, so more people must be in the crowd. Comments
 *   are shown in a shuffled order that depends only on their content and a
 *   seed — never in submission order and never with timestamps — because
 *   order and timing can be matched against who was online when.
 */

export const ANONYMITY_DEFAULTS = { k: 5, commentK: 7 } as const

export const MIN_K = 3

export const SUPPRESSED_MESSAGE = 'Not enough responses to protect anonymity'

export type AnonymitySettings = { k: number; commentK: number }

export type Suppressible<T> = { visible: true; value: T; n: number } | { visible: false; reason: string; n: null }

function wholeOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) ? Math.floor(value) : fallback
}

/** Clamps k to at least MIN_K and commentK to at least k. Missing or non-finite values fall back to defaults. */
export function normalizeSettings(partial: Partial<AnonymitySettings> = {}): AnonymitySettings {
  const k = Math.max(MIN_K, wholeOr(partial.k, ANONYMITY_DEFAULTS.k))
  const commentK = Math.max(k, wholeOr(partial.commentK, ANONYMITY_DEFAULTS.commentK))
  return { k, commentK }
}

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0
}

function assertCount(n: number, what: string): void {
  if (!isCount(n)) throw new RangeError(`${what} must be a non-negative integer, got ${n}`)
}

/** Responses that are not the viewer's own: what every threshold is compared with. */
export function others(n: number, own = 0): number {
  assertCount(own, 'Own count')
  return n - own
}

// Settings are normalized on every call so that a misconfigured k (0, 1, NaN)
// can never weaken protection on some read path.
export function isVisibleCount(n: number, settings: Partial<AnonymitySettings> = {}, own = 0): boolean {
  return isCount(n) && others(n, own) >= normalizeSettings(settings).k
}

export function hidden<T>(reason: string = SUPPRESSED_MESSAGE): Suppressible<T> {
  return { visible: false, reason, n: null }
}

export function reveal<T>(value: T, n: number, settings: Partial<AnonymitySettings> = {}, own = 0): Suppressible<T> {
  return isVisibleCount(n, settings, own) ? { visible: true, value, n } : hidden()
}

/** `own`: how many of the slice's n responses are the viewer's. */
export type SplitSlice<T> = { key: string; n: number; value: T; own?: number }

export type RevealedSplit<T> = {
  /** false when the split as a whole must not be shown; every slice is then hidden */
  visible: boolean
  slices: { key: string; result: Suppressible<T> }[]
}

/**
 * Reveals a split of one result (e.g. a team by discipline). Slices with fewer
 * than k responses are hidden; if the responses left over after the shown
 * slices number 1..k−1, the whole split is hidden.
 *
 * Pass every possible slice (including empty ones) so that the list of keys
 * does not itself reveal which disciplines answered. Counts are of people
 * other than the viewer: a slice's own responses are left out of it, of the
 * total and so of the remainder.
 */
export function revealSplit<T>(
  slices: readonly SplitSlice<T>[],
  total: number,
  settings: Partial<AnonymitySettings> = {},
): RevealedSplit<T> {
  assertCount(total, 'Split total')
  for (const slice of slices) {
    assertCount(slice.n, `Slice "${slice.key}" count`)
    if (others(slice.n, slice.own ?? 0) < 0) throw new RangeError(`Slice "${slice.key}" has more own responses than responses`)
  }
  const sum = slices.reduce((acc, s) => acc + s.n, 0)
  if (sum > total) throw new RangeError(`Slices add up to ${sum}, more than the total of ${total}`)

  const { k } = normalizeSettings(settings)
  const ownTotal = slices.reduce((acc, s) => acc + (s.own ?? 0), 0)
  const shown = slices.filter((s) => others(s.n, s.own ?? 0) >= k)
  const remainder = total - ownTotal - shown.reduce((acc, s) => acc + others(s.n, s.own ?? 0), 0)
  const remainderSafe = remainder === 0 || remainder >= k
  if (shown.length === 0 || !remainderSafe) {
    return { visible: false, slices: slices.map((s) => ({ key: s.key, result: hidden<T>() })) }
  }
  return {
    visible: true,
    slices: slices.map((s) => ({ key: s.key, result: reveal(s.value, s.n, { k }, s.own ?? 0) })),
  }
}

// FNV-1a: a small, stable string hash to seed the shuffle.
function hashSeed(seed: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

// mulberry32: tiny deterministic PRNG; it only needs to be stable, not secure.
function prng(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Deterministic Fisher–Yates shuffle. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items]
  const random = prng(hashSeed(seed))
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const tmp = out[i]
    out[i] = out[j]
    out[j] = tmp
  }
  return out
}

/**
 * Comments are visible only when the round has at least commentK responses
 * (n = responses, not comments). Blank comments are dropped. The input is
 * sorted before the seeded shuffle so the output carries no trace of the order
 * the caller supplied (usually submission order).
 */
export function revealComments(
  comments: readonly string[],
  n: number,
  settings: Partial<AnonymitySettings>,
  seed: string,
  own = 0,
): Suppressible<string[]> {
  const { commentK } = normalizeSettings(settings)
  if (!isCount(n) || others(n, own) < commentK) return hidden()
  const nonBlank = comments.filter((c) => c.trim().length > 0)
  const canonical = [...nonBlank].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return { visible: true, value: seededShuffle(canonical, seed), n }
}

export type Band = { key: string; label: string; values: readonly number[] }

export type RevealedDistribution =
  { kind: 'exact'; counts: { value: number; count: number }[] } | { kind: 'bands'; counts: { key: string; label: string; count: number }[] }

/**
 * One item's answers. Exact counts per scale point need the comment threshold
 * (of people other than the viewer); from k up to that, only the bands; below
 * k nothing. `own` is 1 when the viewer answered this item.
 */
export function revealDistribution(
  counts: readonly { value: number; count: number }[],
  bands: readonly Band[],
  settings: Partial<AnonymitySettings> = {},
  own = 0,
): Suppressible<RevealedDistribution> {
  const { k, commentK } = normalizeSettings(settings)
  for (const c of counts) assertCount(c.count, `Count of ${c.value}`)
  const answered = counts.reduce((sum, c) => sum + c.count, 0)
  const n = others(answered, own)
  if (n >= commentK) return { visible: true, value: { kind: 'exact', counts: counts.map((c) => ({ ...c })) }, n: answered }
  if (n < k) return hidden()
  const banded = bands.map((band) => ({
    key: band.key,
    label: band.label,
    count: counts.filter((c) => band.values.includes(c.value)).reduce((sum, c) => sum + c.count, 0),
  }))
  return { visible: true, value: { kind: 'bands', counts: banded }, n: answered }
}

export type OverlapGroup = { id: string; cells: readonly string[] }

/**
 * Returns the ids of the groups that may be shown. Each group is a union of
 * disjoint cells (e.g. `${teamId}:${discipline}`) whose respondent counts are
 * in cellCounts (a missing cell counts as 0).
 *
 * Groups with fewer than k respondents are hidden. Then groups are considered
 * from largest to smallest (ties: earlier in input first); a group stays
 * visible only if it differs from every group already kept by 0 or at least k
 * respondents. A group is thus only ever hidden because of a group that is
 * actually visible, which is the fixpoint of "hide the smaller of any two
 * visible groups that differ by 1..k−1" without hiding more than necessary.
 * `ownCells` holds the viewer's own responses per cell; they never count
 * toward a threshold, so a difference made of the viewer alone is harmless.
 */
export function suppressOverlaps(
  groups: readonly OverlapGroup[],
  cellCounts: Readonly<Record<string, number>>,
  settings: Partial<AnonymitySettings> = {},
  ownCells: Readonly<Record<string, number>> = {},
): Set<string> {
  const { k } = normalizeSettings(settings)
  const count = (cell: string): number => {
    const n = Object.hasOwn(cellCounts, cell) ? cellCounts[cell] : 0
    assertCount(n, `Cell "${cell}" count`)
    const own = Object.hasOwn(ownCells, cell) ? ownCells[cell] : 0
    const rest = others(n, own)
    if (rest < 0) throw new RangeError(`Cell "${cell}" has more own responses than responses`)
    return rest
  }

  const seen = new Set<string>()
  const prepared = groups.map((group, index) => {
    if (seen.has(group.id)) throw new RangeError(`Duplicate group id "${group.id}"`)
    seen.add(group.id)
    const cells = new Set(group.cells)
    let n = 0
    for (const cell of cells) n += count(cell)
    return { id: group.id, cells, n, index }
  })

  // |A Δ B| = |A| + |B| − 2·|A ∩ B|, walking only the smaller set: a team
  // against an aggregate of hundreds of teams then costs a handful of lookups.
  const difference = (a: { cells: Set<string>; n: number }, b: { cells: Set<string>; n: number }): number => {
    const [small, large] = a.cells.size <= b.cells.size ? [a.cells, b.cells] : [b.cells, a.cells]
    let shared = 0
    for (const cell of small) if (large.has(cell)) shared += count(cell)
    return a.n + b.n - 2 * shared
  }

  const candidates = prepared.filter((g) => g.n >= k).sort((a, b) => b.n - a.n || a.index - b.index)
  const kept: typeof candidates = []
  // Two groups that share no cell differ by |A| + |B| ≥ 2k, so they never
  // clash: each group is compared only with the kept groups it shares a cell
  // with. Teams are disjoint, so a team meets just the aggregates holding it,
  // not every other team.
  const keptByCell = new Map<string, typeof candidates>()
  for (const group of candidates) {
    const near = new Set<(typeof candidates)[number]>()
    for (const cell of group.cells) for (const other of keptByCell.get(cell) ?? []) near.add(other)
    const clashes = [...near].some((other) => {
      const d = difference(group, other)
      return d > 0 && d < k
    })
    if (clashes) continue
    kept.push(group)
    for (const cell of group.cells) {
      const list = keptByCell.get(cell)
      if (list) list.push(group)
      else keptByCell.set(cell, [group])
    }
  }
  return new Set(kept.map((g) => g.id))
}
