// The perception gap: how one side rates itself against how the other side
// sees it. A team of 6 engineers, 5 product people and 1 designer cannot show
// product next to engineering (the team total minus both would be the one
// designer), but it can show product against everyone else, which is the
// comparison most worth having. The choice is made from the round's counts
// alone, never from who is looking, so two viewers never see two different
// partitions of the same people (which together would expose the difference).
import { normalizeSettings, revealSplit, type AnonymitySettings } from './anonymity'
import { DISCIPLINES, type Discipline } from './disciplines'
import { DIRECTION_SIDES, SCALE_MAX, SCALE_MIN, type Direction } from './instrument'

/** Per respondent discipline: responses, the viewer's own among them, and the sum of person means (1–7) on a direction's items. */
export type DisciplineSums = Record<Discipline, { responses: number; own: number; sum: number; scored: number }>

export type Comparison =
  | { kind: 'disciplines' }
  /** the anchor discipline against every other respondent */
  | { kind: 'versus-rest'; anchor: 'product' | 'engineering' }

export type PerceptionSide = { label: string; disciplines: Discipline[]; score: number | null }

export type PerceptionView = {
  direction: Direction
  comparison: Comparison | null
  /** true when both sides are shown */
  visible: boolean
  self: PerceptionSide
  other: PerceptionSide
  /** self − other in points of the 0–100 scale */
  gap: number | null
  /** why the comparison is hidden or replaced; null when product and engineering are shown as they are */
  note: string | null
}

const PEOPLE: Readonly<Record<'product' | 'engineering', string>> = { product: 'product people', engineering: 'engineers' }
const LABEL: Readonly<Record<Discipline, string>> = { product: 'Product', engineering: 'Engineering', design: 'Design', other: 'Other' }

export function restLabel(anchor: 'product' | 'engineering'): string {
  return anchor === 'product' ? 'Everyone but product' : 'Everyone but engineering'
}

export function replacedNote(anchor: 'product' | 'engineering'): string {
  return `Product and engineering can’t be compared directly this time: a few people from other disciplines answered too, and showing both sides would single them out. Shown instead: ${LABEL[anchor].toLowerCase()} against everyone else.`
}

/** Decided from the round's counts alone, so every viewer gets the same partition. */
export function chooseComparison(counts: Readonly<Record<Discipline, number>>, settings: Partial<AnonymitySettings> = {}) {
  const { k } = normalizeSettings(settings)
  const total = DISCIPLINES.reduce((sum, d) => sum + counts[d], 0)
  const small = (['product', 'engineering'] as const).filter((d) => counts[d] < k)
  if (small.length) {
    const who = small.map((d) => PEOPLE[d]).join(' or ')
    return { comparison: null, note: `Fewer than ${k} ${who} answered, so how each side sees the other can’t be shown.` }
  }
  const split = revealSplit(
    DISCIPLINES.map((d) => ({ key: d, n: counts[d], value: d })),
    total,
    { k },
  )
  if (split.visible) return { comparison: { kind: 'disciplines' } as Comparison, note: null }
  // The larger side absorbs the few others, so it is diluted least.
  const anchor = counts.product <= counts.engineering ? 'product' : 'engineering'
  return { comparison: { kind: 'versus-rest', anchor } as Comparison, note: replacedNote(anchor) }
}

function groups(comparison: Comparison): { key: string; disciplines: Discipline[]; label: string }[] {
  if (comparison.kind === 'disciplines') return DISCIPLINES.map((d) => ({ key: d, disciplines: [d], label: LABEL[d] }))
  const rest = DISCIPLINES.filter((d) => d !== comparison.anchor)
  return [
    { key: comparison.anchor, disciplines: [comparison.anchor], label: LABEL[comparison.anchor] },
    { key: 'rest', disciplines: rest, label: restLabel(comparison.anchor) },
  ]
}

const toPercent = (mean: number) => ((mean - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)) * 100

/**
 * One direction's comparison for one viewer. The partition comes from the
 * counts; whether it can be shown to this viewer also leaves out their own
 * response (a respondent never counts toward a threshold they see).
 */
export function perceptionView(direction: Direction, sums: DisciplineSums, settings: Partial<AnonymitySettings> = {}): PerceptionView {
  const { k } = normalizeSettings(settings)
  const sides = DIRECTION_SIDES[direction]
  const empty = (d: Discipline): PerceptionSide => ({ label: LABEL[d], disciplines: [d], score: null })
  const hiddenView = (comparison: Comparison | null, note: string | null): PerceptionView => ({
    direction,
    comparison,
    visible: false,
    self: empty(sides.self),
    other: empty(sides.other),
    gap: null,
    note,
  })
  const counts = Object.fromEntries(DISCIPLINES.map((d) => [d, sums[d].responses])) as Record<Discipline, number>
  const { comparison, note } = chooseComparison(counts, { k })
  if (!comparison) return hiddenView(null, note)

  const parts = groups(comparison)
  const add = (ds: readonly Discipline[], field: 'responses' | 'own' | 'sum' | 'scored') => ds.reduce((acc, d) => acc + sums[d][field], 0)
  const total = add(DISCIPLINES, 'responses')
  const split = revealSplit(
    parts.map((p) => ({ key: p.key, n: add(p.disciplines, 'responses'), own: add(p.disciplines, 'own'), value: p })),
    total,
    { k },
  )
  const shown = (key: string) => split.slices.find((s) => s.key === key)?.result.visible === true
  const side = (discipline: Discipline) => {
    const part = parts.find((p) => p.disciplines.includes(discipline) && (p.key === discipline || p.key === 'rest')) ?? parts[0]
    const scored = add(part.disciplines, 'scored')
    const mean = scored > 0 ? add(part.disciplines, 'sum') / scored : null
    return { part, mean }
  }
  const self = side(sides.self)
  const other = side(sides.other)
  if (!split.visible || !shown(self.part.key) || !shown(other.part.key) || self.part.key === other.part.key) {
    return hiddenView(comparison, `Fewer than ${k} people other than you are on one side of this comparison, so it is hidden from you.`)
  }
  const round1 = (x: number) => Math.round(x * 10) / 10
  return {
    direction,
    comparison,
    visible: true,
    self: { label: self.part.label, disciplines: self.part.disciplines, score: self.mean === null ? null : round1(toPercent(self.mean)) },
    other: { label: other.part.label, disciplines: other.part.disciplines, score: other.mean === null ? null : round1(toPercent(other.mean)) },
    gap: self.mean !== null && other.mean !== null ? round1(((self.mean - other.mean) / (SCALE_MAX - SCALE_MIN)) * 100) : null,
    note,
  }
}
