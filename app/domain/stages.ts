// The process stages every feature passes through, in order. Every form, chart
// and table uses this one list, so "stage 4" means the same thing everywhere.
export const STAGES = [
  { key: 'discovery', label: 'Discovery / user calls', short: 'Discovery' },
  { key: 'framing', label: 'Problem framing', short: 'Framing' },
  { key: 'ideation', label: 'Solution ideation', short: 'Ideation' },
  { key: 'spec', label: 'Spec writing', short: 'Spec' },
  { key: 'handoff', label: 'Handoff', short: 'Handoff' },
  { key: 'build', label: 'Build', short: 'Build' },
  { key: 'review', label: 'Review / QA', short: 'Review' },
  { key: 'launch', label: 'Launch', short: 'Launch' },
  { key: 'feedback', label: 'Feedback', short: 'Feedback' },
] as const

export type Stage = (typeof STAGES)[number]
export type StageKey = Stage['key']

export const STAGE_KEYS = STAGES.map((s) => s.key) as [StageKey, ...StageKey[]]

export function isStageKey(value: unknown): value is StageKey {
  return typeof value === 'string' && STAGES.some((s) => s.key === value)
}

/** 1-based position: "1. Discovery / user calls". */
export function stagePosition(key: StageKey): number {
  return STAGES.findIndex((s) => s.key === key) + 1
}

export function stageLabel(key: StageKey): string {
  return STAGES.find((s) => s.key === key)?.label ?? key
}

/** "4. Spec writing" */
export function numberedStageLabel(key: StageKey): string {
  return `${stagePosition(key)}. ${stageLabel(key)}`
}

/** Negative when a comes before b. */
export function compareStages(a: StageKey, b: StageKey): number {
  return stagePosition(a) - stagePosition(b)
}

export const STAGE_OPTIONS: readonly { value: StageKey; label: string }[] = STAGES.map((s) => ({
  value: s.key,
  label: numberedStageLabel(s.key),
}))
