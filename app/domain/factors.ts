// The shared taxonomy of contributing factors. Keys are stored, so they never
// change; labels and descriptions may be reworded freely.
export const FACTORS = [
  {
    key: 'spec_as_handoff',
    label: 'Spec as handoff',
    description: 'The spec was written alone and passed over the wall as the finished answer.',
  },
  {
    key: 'eng_absent_user_calls',
    label: 'Engineering absent from user calls',
    description: 'Nobody who would build it heard users describe the problem in their own words.',
  },
  {
    key: 'how_fast_framing',
    label: '“How fast” framing',
    description: 'Engineering was asked how fast it could build X, not what could solve Y.',
  },
  {
    key: 'spec_over_documented',
    label: 'Spec over-documented',
    description: 'Length stood in for understanding; detail fixed the solution before the problem was clear.',
  },
  {
    key: 'cheaper_solution_late',
    label: 'Cheaper solution found too late',
    description: 'A simpler way to solve the real problem surfaced after the expensive one was built.',
  },
  {
    key: 'respect_deficit',
    label: 'Respect deficit',
    description: 'One side did not trust the other’s judgement, so input was not asked for or not heard.',
  },
  {
    key: 'unclear_user_problem',
    label: 'Unclear user problem',
    description: 'Nobody could state the user problem (Y) in one sentence before work began.',
  },
  {
    key: 'solution_in_the_ask',
    label: 'Solution taken from the ask',
    description: 'The ask (“better analytics”) was read as the solution rather than as a clue to the problem.',
  },
  {
    key: 'second_hand_needs',
    label: 'Needs heard second-hand',
    description: 'User needs arrived through a proxy (sales, support, a manager) and lost detail on the way.',
  },
  {
    key: 'no_early_check',
    label: 'No early check with users',
    description: 'Nothing was shown to users between the spec and the launch.',
  },
  {
    key: 'concerns_not_heard',
    label: 'Concerns raised but not heard',
    description: 'Someone saw the mismatch coming, said so, and the plan did not change.',
  },
  {
    key: 'date_before_problem',
    label: 'Date fixed before the problem was understood',
    description: 'A deadline was promised first, and scope was cut to fit it rather than to fit the need.',
  },
  {
    key: 'no_success_measure',
    label: 'No agreed measure of success',
    description: 'Nobody agreed up front how we would know the feature solved the problem.',
  },
] as const

export type Factor = (typeof FACTORS)[number]
export type FactorKey = Factor['key']

/** Stored for a factor that is not in the taxonomy; its wording lives in `label`. */
export const CUSTOM_FACTOR = 'custom'

export const FACTOR_KEYS = FACTORS.map((f) => f.key) as [FactorKey, ...FactorKey[]]

export function factorLabel(key: string, customLabel?: string | null): string {
  if (key === CUSTOM_FACTOR) return customLabel ?? 'Custom factor'
  return FACTORS.find((f) => f.key === key)?.label ?? key
}

export const MAX_CUSTOM_FACTORS = 10
