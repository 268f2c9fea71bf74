import type { Discipline } from './disciplines'

// The built-in "Mutual respect pulse". The wording is written for this product;
// it is informed by, but does not reproduce, published instruments such as
// Edmondson's team psychological safety scale.

export const TEMPLATE_NAME = 'Mutual respect pulse'

export const COMMENT_MAX_LENGTH = 2000

export const SCALE_MIN = 1
export const SCALE_MAX = 7

export const SCALE = [
  { value: 1, label: 'Strongly disagree' },
  { value: 2, label: 'Disagree' },
  { value: 3, label: 'Somewhat disagree' },
  { value: 4, label: 'Neither agree nor disagree' },
  { value: 5, label: 'Somewhat agree' },
  { value: 6, label: 'Agree' },
  { value: 7, label: 'Strongly agree' },
] as const

export type ScaleValue = (typeof SCALE)[number]['value']

/** The three bands an item's answers are shown in when the group is too small for exact counts. */
export const SCALE_BANDS = [
  { key: 'disagree', label: 'Disagree (1–3)', values: [1, 2, 3] },
  { key: 'neutral', label: 'Neutral (4)', values: [4] },
  { key: 'agree', label: 'Agree (5–7)', values: [5, 6, 7] },
] as const

export function isScaleValue(value: unknown): value is ScaleValue {
  return typeof value === 'number' && Number.isInteger(value) && value >= SCALE_MIN && value <= SCALE_MAX
}

export const DIRECTIONS = ['product_to_engineering', 'engineering_to_product'] as const

export type Direction = (typeof DIRECTIONS)[number]

export function isDirection(value: unknown): value is Direction {
  return typeof value === 'string' && DIRECTIONS.some((d) => d === value)
}

export const DIRECTION_LABELS: Readonly<Record<Direction, string>> = {
  product_to_engineering: 'Product → Engineering',
  engineering_to_product: 'Engineering → Product',
}

// "self" is the side whose behaviour the direction describes; "other" is the side
// on the receiving end. Comparing the two views is what exposes blind spots.
export const DIRECTION_SIDES: Readonly<Record<Direction, { self: Discipline; other: Discipline }>> = {
  product_to_engineering: { self: 'product', other: 'engineering' },
  engineering_to_product: { self: 'engineering', other: 'product' },
}

export const DIMENSION_KEYS = [
  'product_values_technical',
  'engineering_engages_product',
  'early_involvement',
  'psychological_safety',
  'shared_outcomes',
] as const

export type DimensionKey = (typeof DIMENSION_KEYS)[number]

export function isDimensionKey(value: unknown): value is DimensionKey {
  return typeof value === 'string' && DIMENSION_KEYS.some((d) => d === value)
}

export type Dimension = {
  key: DimensionKey
  label: string
  description: string
  direction: Direction | null
}

export const DIMENSIONS: readonly Dimension[] = [
  {
    key: 'product_values_technical',
    label: 'Product values technical input',
    description:
      'Whether product people seek out and act on what engineers know: what is feasible, what it costs, what might break, and what users are actually experiencing.',
    direction: 'product_to_engineering',
  },
  {
    key: 'engineering_engages_product',
    label: 'Engineering engages with product thinking',
    description:
      'Whether engineers treat the user’s problem as their own: taking part in discovery, questioning requests and proposing better ways to solve the underlying need.',
    direction: 'engineering_to_product',
  },
  {
    key: 'early_involvement',
    label: 'Early involvement',
    description:
      'Whether engineering is brought in while the problem is still open, rather than handed a finished solution and asked how fast it can ship.',
    direction: null,
  },
  {
    key: 'psychological_safety',
    label: 'Psychological safety',
    description:
      'Whether people on the team feel able to take interpersonal risks — admit mistakes, ask for help, disagree across disciplines — without fear of it counting against them.',
    direction: null,
  },
  {
    key: 'shared_outcomes',
    label: 'Shared outcomes',
    description: 'Whether product and engineering own the user outcome together, and whether failures lead to inquiry rather than blame.',
    direction: null,
  },
]

export function getDimension(key: DimensionKey): Dimension {
  const found = DIMENSIONS.find((d) => d.key === key)
  if (!found) throw new Error(`Unknown dimension: ${key}`)
  return found
}

export type BuiltInItem = {
  key: string
  dimension: DimensionKey
  direction: Direction | null
  wording: string
  reverseScored: boolean
}

// Everyone rates both directions, so each statement describes observable team
// behaviour that a product person, an engineer or a designer can all judge.
export const BUILT_IN_ITEMS: readonly BuiltInItem[] = [
  {
    key: 'ptech_asked_before_solution',
    dimension: 'product_values_technical',
    direction: 'product_to_engineering',
    wording: 'On this team, product people ask engineers what could be built before a solution is chosen.',
    reverseScored: false,
  },
  {
    key: 'ptech_concerns_change_decisions',
    dimension: 'product_values_technical',
    direction: 'product_to_engineering',
    wording: 'When engineers on this team raise a concern about cost, risk or fragility, it genuinely changes what product decides.',
    reverseScored: false,
  },
  {
    key: 'ptech_engineers_hear_users',
    dimension: 'product_values_technical',
    direction: 'product_to_engineering',
    wording: 'Product people on this team make sure engineers hear from users first-hand, not only through second-hand summaries.',
    reverseScored: false,
  },
  {
    key: 'eprod_user_problem_is_their_job',
    dimension: 'engineering_engages_product',
    direction: 'engineering_to_product',
    wording: 'Engineers on this team treat understanding the user’s problem as part of their job.',
    reverseScored: false,
  },
  {
    key: 'eprod_propose_alternatives',
    dimension: 'engineering_engages_product',
    direction: 'engineering_to_product',
    wording: 'When a request looks like a poor fit for the problem, engineers on this team suggest a different way to solve it.',
    reverseScored: false,
  },
  {
    key: 'eprod_join_discovery',
    dimension: 'engineering_engages_product',
    direction: 'engineering_to_product',
    wording: 'Engineers on this team take part in discovery work, such as user interviews, prototypes or digging into usage data.',
    reverseScored: false,
  },
  {
    key: 'early_before_spec',
    dimension: 'early_involvement',
    direction: null,
    wording: 'On our recent work, engineers were involved before a spec or design had been written.',
    reverseScored: false,
  },
  {
    key: 'early_problem_not_solution',
    dimension: 'early_involvement',
    direction: null,
    wording:
      'Work usually reaches engineers on this team as “what could we build to solve this problem?” rather than “how fast can you build this?”.',
    reverseScored: false,
  },
  {
    key: 'psafe_disagree_across_disciplines',
    dimension: 'psychological_safety',
    direction: null,
    wording: 'I can openly disagree with someone from another discipline on this team without worrying about what it will cost me.',
    reverseScored: false,
  },
  {
    key: 'psafe_errors_remembered',
    dimension: 'psychological_safety',
    direction: null,
    wording: 'If I got something wrong on this team, people would keep remembering it against me.',
    reverseScored: true,
  },
  {
    key: 'psafe_help_feels_weak',
    dimension: 'psychological_safety',
    direction: null,
    wording: 'On this team, asking a colleague for help feels like admitting I am not good enough.',
    reverseScored: true,
  },
  {
    key: 'shared_both_own_outcome',
    dimension: 'shared_outcomes',
    direction: null,
    wording: 'Product and engineering on this team both see themselves as responsible for whether the user’s problem actually gets solved.',
    reverseScored: false,
  },
  {
    key: 'shared_failure_inquiry',
    dimension: 'shared_outcomes',
    direction: null,
    wording: 'When something we ship goes wrong, this team asks what we can learn from it rather than whose fault it was.',
    reverseScored: false,
  },
  {
    key: 'shared_same_measure_of_success',
    dimension: 'shared_outcomes',
    direction: null,
    wording: 'Product and engineering on this team judge whether a release succeeded by the same measures.',
    reverseScored: false,
  },
]
