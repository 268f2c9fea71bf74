// The perception gap: how one side rates itself against how the other side
// sees it. A team of 6 engineers, 5 product people and 1 designer cannot show
// product next to engineering (the team total minus both would be the one
// designer), but it can show product against everyone else, which is the
// comparison most worth having.
//
// Three moments, each blind to what it must not depend on:
// - at open, the comparison is chosen from the roster, never from who answers,
//   so its shape cannot tell whether the one designer answered;
// - at close, each response keeps its discipline only if that group can ever be
//   shown on its own; the others are stored as "rest", so a copy of the
//   database holds no group smaller than k (a round below k keeps no response);
// - at read, what is shown follows from those stored groups alone, never from
//   who is looking, and the viewer's own response is then left out of every
//   threshold.
import { normalizeSettings, revealSplit, type AnonymitySettings } from './anonymity'
import { DISCIPLINES, RESPONSE_GROUPS, type Discipline, type ResponseGroup } from './disciplines'
import { DIRECTION_SIDES, SCALE_MAX, SCALE_MIN, type Direction } from './instrument'

export type RoundComparison = 'disciplines' | 'product-vs-rest' | 'engineering-vs-rest' | 'none'

/** Per stored group: responses, the viewer's own among them, and the sum of person means (1–7) on a direction's items. */
export type GroupSums = Record<ResponseGroup, { responses: number; own: number; sum: number; scored: number }>

type Anchor = 'product' | 'engineering'
type Shown = { kind: 'disciplines' } | { kind: 'versus-rest'; anchor: Anchor }

export type PerceptionSide = { label: string; score: number | null }

export type PerceptionView = {
  direction: Direction
  /** the comparison shown, or null when none can be */
  comparison: Shown['kind'] | null
  /** true when both sides are shown */
  visible: boolean
  self: PerceptionSide
  other: PerceptionSide
  /** self − other in points of the 0–100 scale */
  gap: number | null
  /** why the comparison is hidden or replaced; null when product and engineering are shown as they are */
  note: string | null
}

const LABEL: Readonly<Record<ResponseGroup, string>> = {
  product: 'Product',
  engineering: 'Engineering',
  design: 'Design',
  other: 'Other',
  rest: 'Everyone else',
}

function restLabel(anchor: Anchor): string {
  return anchor === 'product' ? 'Everyone but product' : 'Everyone but engineering'
}

function replacedNote(anchor: Anchor): string {
  return `Product and engineering can’t be compared directly: this team has a few people from other disciplines, and showing both sides would single them out. Shown instead: ${anchor} against everyone else.`
}

export const NO_COMPARISON_NOTE = (k: number) =>
  `This team has fewer than ${k} product people or fewer than ${k} engineers, so how each side sees the other can’t be shown.`
export const TOO_FEW_NOTE = 'Too few people answered on one side to show how each side sees the other without exposing anyone.'
export const OWN_NOTE = (k: number) => `Fewer than ${k} people other than you are on one side of this comparison, so it is hidden from you.`

/** At open, from the roster (people, by discipline): the same whoever answers later. */
export function chooseComparison(roster: Readonly<Record<Discipline, number>>, settings: Partial<AnonymitySettings> = {}): RoundComparison {
  const { k } = normalizeSettings(settings)
  if (roster.product < k || roster.engineering < k) return 'none'
  const total = DISCIPLINES.reduce((sum, d) => sum + roster[d], 0)
  const split = revealSplit(
    DISCIPLINES.map((d) => ({ key: d, n: roster[d], value: d })),
    total,
    { k },
  )
  if (split.visible) return 'disciplines'
  // The larger side absorbs the few others, so it is diluted least.
  return roster.product <= roster.engineering ? 'product-vs-rest' : 'engineering-vs-rest'
}

/**
 * At close, from the responses' groups (their authors' disciplines; "rest"
 * for a round scrambled before): the group each discipline is stored under
 * from now on, or 'discard' when the round has fewer than k responses (then
 * nothing of it can ever be shown, and nothing is kept). Applying it twice
 * changes nothing.
 */
export function storedGroups(
  respondents: Readonly<Record<ResponseGroup, number>>,
  comparison: RoundComparison,
  settings: Partial<AnonymitySettings> = {},
): Record<ResponseGroup, ResponseGroup> | 'discard' {
  const { k } = normalizeSettings(settings)
  const total = RESPONSE_GROUPS.reduce((sum, g) => sum + respondents[g], 0)
  if (total < k) return 'discard'
  const everyoneRest = Object.fromEntries(RESPONSE_GROUPS.map((g) => [g, 'rest'])) as Record<ResponseGroup, ResponseGroup>
  if (comparison === 'disciplines') {
    const split = revealSplit(
      RESPONSE_GROUPS.map((g) => ({ key: g, n: respondents[g], value: g })),
      total,
      { k },
    )
    if (!split.visible) return everyoneRest
    return Object.fromEntries(RESPONSE_GROUPS.map((g) => [g, respondents[g] >= k ? g : 'rest'])) as Record<ResponseGroup, ResponseGroup>
  }
  if (comparison === 'none') return everyoneRest
  const anchor: Anchor = comparison === 'product-vs-rest' ? 'product' : 'engineering'
  if (respondents[anchor] < k || total - respondents[anchor] < k) return everyoneRest
  return { ...everyoneRest, [anchor]: anchor }
}

/** What the stored groups of a round (or of rounds added up) allow to be shown. */
function shownComparison(present: ReadonlySet<ResponseGroup>): Shown | null {
  if (present.has('product') && present.has('engineering')) return { kind: 'disciplines' }
  const anchors = (['product', 'engineering'] as const).filter((a) => present.has(a))
  if (anchors.length === 1 && present.has('rest')) return { kind: 'versus-rest', anchor: anchors[0] }
  return null
}

function partsOf(shown: Shown): { key: string; groups: ResponseGroup[]; label: string }[] {
  if (shown.kind === 'disciplines') return RESPONSE_GROUPS.map((g) => ({ key: g, groups: [g], label: LABEL[g] }))
  return [
    { key: shown.anchor, groups: [shown.anchor], label: LABEL[shown.anchor] },
    { key: 'rest', groups: RESPONSE_GROUPS.filter((g) => g !== shown.anchor), label: restLabel(shown.anchor) },
  ]
}

const toPercent = (mean: number) => ((mean - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)) * 100
const round1 = (x: number) => Math.round(x * 10) / 10

/**
 * One direction's comparison for one viewer. `comparison` is the round's own
 * (chosen at open), used only to say why nothing is shown; pass null for an
 * aggregate of several rounds.
 */
export function perceptionView(
  direction: Direction,
  sums: GroupSums,
  settings: Partial<AnonymitySettings> = {},
  comparison: RoundComparison | null = null,
): PerceptionView {
  const { k } = normalizeSettings(settings)
  const sides = DIRECTION_SIDES[direction]
  const hiddenView = (shown: Shown | null, note: string | null): PerceptionView => ({
    direction,
    comparison: shown?.kind ?? null,
    visible: false,
    self: { label: LABEL[sides.self], score: null },
    other: { label: LABEL[sides.other], score: null },
    gap: null,
    note,
  })
  if (comparison === 'none') return hiddenView(null, NO_COMPARISON_NOTE(k))
  const present = new Set(RESPONSE_GROUPS.filter((g) => sums[g].responses > 0))
  const shown = shownComparison(present)
  if (!shown) return hiddenView(null, TOO_FEW_NOTE)

  const parts = partsOf(shown)
  const add = (groups: readonly ResponseGroup[], field: 'responses' | 'own' | 'sum' | 'scored') =>
    groups.reduce((acc, g) => acc + sums[g][field], 0)
  const split = revealSplit(
    parts.map((p) => ({ key: p.key, n: add(p.groups, 'responses'), own: add(p.groups, 'own'), value: p })),
    add(RESPONSE_GROUPS, 'responses'),
    { k },
  )
  const partFor = (d: Discipline) => parts.find((p) => p.key === d) ?? parts.find((p) => p.key === 'rest') ?? parts[0]
  const side = (d: Discipline) => {
    const part = partFor(d)
    const scored = add(part.groups, 'scored')
    return { part, mean: scored > 0 ? add(part.groups, 'sum') / scored : null }
  }
  const self = side(sides.self)
  const other = side(sides.other)
  const shownToViewer = (key: string) => split.slices.find((s) => s.key === key)?.result.visible === true
  if (!split.visible || !shownToViewer(self.part.key) || !shownToViewer(other.part.key)) {
    const ownCounted = add(RESPONSE_GROUPS, 'own') > 0
    return hiddenView(shown, ownCounted ? OWN_NOTE(k) : TOO_FEW_NOTE)
  }
  return {
    direction,
    comparison: shown.kind,
    visible: true,
    self: { label: self.part.label, score: self.mean === null ? null : round1(toPercent(self.mean)) },
    other: { label: other.part.label, score: other.mean === null ? null : round1(toPercent(other.mean)) },
    gap: self.mean !== null && other.mean !== null ? round1(((self.mean - other.mean) / (SCALE_MAX - SCALE_MIN)) * 100) : null,
    note: shown.kind === 'versus-rest' ? replacedNote(shown.anchor) : null,
  }
}

/** The stored group the viewer's own response counts under: her discipline, or "rest" when it was merged at close. */
export function ownGroup(discipline: Discipline | null, present: ReadonlySet<ResponseGroup>): ResponseGroup | null {
  if (!discipline) return null
  return present.has(discipline) ? discipline : 'rest'
}
