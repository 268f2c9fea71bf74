// The respect-first gate. A process change (a ritual, a template, a tool) made
// while product and engineering do not respect each other tends to be theater:
// it is followed on paper and routed around in practice. So while the team's
// latest pulse says "deficit", an autopsy must commit to at least one respect
// action, or say in writing why not. When the pulse cannot tell, the gate says
// so instead of guessing either way. The rule (judgeActions) is one and the
// same for autopsies and respect plans; only what it blocks differs: an
// autopsy's publishing, a plan's nothing but its flags and its warning.
import type { RespectStatus } from './scoring'

export const ACTION_KINDS = ['respect', 'process'] as const
export type ActionKind = (typeof ACTION_KINDS)[number]

export const ACTION_KIND_LABELS: Readonly<Record<ActionKind, string>> = {
  respect: 'Respect',
  process: 'Process',
}

export const ACTION_KIND_HINTS: Readonly<Record<ActionKind, string>> = {
  respect: 'changes who is in the room, who is asked, and whose judgement counts',
  process: 'a new ritual, template, review step or tool',
}

export const PROCESS_FLAG = 'Process change on a respect deficit: likely theater. Address respect first.'

export const RESPECT_SUGGESTIONS: readonly string[] = [
  'Engineers join the next three user calls',
  'PM asks “what could we build to solve Y?” in the kickoff, before any solution is named',
  'Product and engineering write the user problem (Y) together before anyone writes a spec',
  'Engineering shares two cheaper options for every request before estimating the one asked for',
  'Each side presents the other’s constraints at the next planning meeting',
  'Facilitator checks in one-to-one with whoever was upset by this feature',
]

export const OVERRIDE_MIN_LENGTH = 20
export const OVERRIDE_MAX_LENGTH = 1000

export type GateState = 'deficit' | 'healthy' | 'unknown'

export type GateInput = {
  /** the respect status of the latest pulse round at the time of the autopsy, already through the anonymity rules */
  snapshot: { status: RespectStatus; reasons: readonly string[]; hasRound: boolean }
  actions: readonly { kind: ActionKind }[]
  /** a recorded override, if the facilitator chose to publish without a respect action */
  override: { reason: string } | null
}

export type GateResult = {
  state: GateState
  headline: string
  explanation: string
  reasons: readonly string[]
  /** shown next to every process action item */
  processFlag: string | null
  suggestions: readonly string[]
  requiresRespectAction: boolean
  /** whether the gate lets the autopsy publish, and why */
  satisfied: boolean
  satisfiedBy: 'respect_action' | 'override' | 'not_required' | null
  /** what to do when not satisfied */
  blocker: string | null
}

export type ActionJudgement = {
  state: GateState
  /** the flag every process action carries, or null when process actions are not flagged */
  processFlag: string | null
  requiresRespectAction: boolean
  hasRespectAction: boolean
}

/** The respect-first rule: in deficit, process actions are flagged and a respect action is needed; otherwise neither. */
export function judgeActions(status: RespectStatus, actions: readonly { kind: ActionKind }[]): ActionJudgement {
  const hasRespectAction = actions.some((a) => a.kind === 'respect')
  const deficit = status === 'deficit'
  return { state: status, processFlag: deficit ? PROCESS_FLAG : null, requiresRespectAction: deficit, hasRespectAction }
}

/** The flag shown next to one action, from either place's gate. */
export function actionFlag(gate: { processFlag: string | null }, kind: ActionKind): string | null {
  return kind === 'process' ? gate.processFlag : null
}

export type PlanGate = ActionJudgement & { headline: string; explanation: string; reasons: readonly string[]; warning: string | null }

/** The same rule for a respect plan, which has nothing to publish: it flags and warns instead of blocking. */
export function planGate(snapshot: GateInput['snapshot'], actions: readonly { kind: ActionKind }[]): PlanGate {
  const judged = judgeActions(snapshot.status, actions)
  if (judged.state === 'unknown') {
    return {
      ...judged,
      headline: 'Not enough pulse data to know',
      explanation: snapshot.hasRound
        ? 'The round this plan was opened from had too few responses to tell whether the team is in respect deficit, so process actions are not flagged.'
        : 'No pulse round has closed for this team yet, so process actions are not flagged.',
      reasons: snapshot.reasons,
      warning: null,
    }
  }
  if (judged.state === 'healthy') {
    return {
      ...judged,
      headline: 'No respect deficit in this round',
      explanation: 'Process actions can land here: the round this plan was opened from shows no respect deficit.',
      reasons: snapshot.reasons,
      warning: null,
    }
  }
  return {
    ...judged,
    headline: 'This team is in respect deficit: address respect first',
    explanation:
      'The round this plan was opened from shows a respect deficit. Process actions are flagged as likely theater, as they are in autopsies: a plan needs at least one respect action.',
    reasons: snapshot.reasons,
    warning: judged.hasRespectAction ? null : 'This plan has no respect action yet. Adopt one from the library or write your own.',
  }
}

export function evaluateGate({ snapshot, actions, override }: GateInput): GateResult {
  const judged = judgeActions(snapshot.status, actions)
  if (judged.state === 'unknown') {
    return {
      state: 'unknown',
      headline: 'Not enough pulse data to know',
      explanation: snapshot.hasRound
        ? 'The latest pulse round had too few responses to tell whether this team is in respect deficit, so the gate does not guess. Process items are not flagged and publishing does not need a respect action. Respect actions are still worth considering.'
        : 'No pulse round has closed for this team yet, so nobody can say whether it is in respect deficit. The gate does not guess: process items are not flagged and publishing does not need a respect action.',
      reasons: snapshot.reasons,
      processFlag: null,
      suggestions: [],
      requiresRespectAction: false,
      satisfied: true,
      satisfiedBy: 'not_required',
      blocker: null,
    }
  }
  if (judged.state === 'healthy') {
    return {
      state: 'healthy',
      headline: 'No respect deficit at the latest pulse',
      explanation: 'Process changes can land here: the team’s latest pulse shows no respect deficit.',
      reasons: snapshot.reasons,
      processFlag: null,
      suggestions: [],
      requiresRespectAction: false,
      satisfied: true,
      satisfiedBy: 'not_required',
      blocker: null,
    }
  }
  const { hasRespectAction } = judged
  const overridden = !hasRespectAction && override !== null && override.reason.trim().length >= OVERRIDE_MIN_LENGTH
  return {
    state: 'deficit',
    headline: 'This team is in respect deficit: address respect first',
    explanation:
      'The latest pulse shows a respect deficit. Every process action is flagged, and publishing needs at least one respect action, or an override with a written reason that is recorded and shown with the autopsy.',
    reasons: snapshot.reasons,
    processFlag: judged.processFlag,
    suggestions: RESPECT_SUGGESTIONS,
    requiresRespectAction: judged.requiresRespectAction,
    satisfied: hasRespectAction || overridden,
    satisfiedBy: hasRespectAction ? 'respect_action' : overridden ? 'override' : null,
    blocker:
      hasRespectAction || overridden
        ? null
        : 'Add at least one respect action item, or override the gate with a written reason, before publishing.',
  }
}
