import { describe, expect, it } from 'vitest'
import { PROCESS_FLAG, RESPECT_SUGGESTIONS, actionFlag, evaluateGate, judgeActions, planGate, type GateInput } from '~/domain/respect-gate'

const deficit: GateInput['snapshot'] = { status: 'deficit', reasons: ['Respect Index 48 is below 60'], hasRound: true }
const healthy: GateInput['snapshot'] = { status: 'healthy', reasons: [], hasRound: true }
const tooFew: GateInput['snapshot'] = {
  status: 'unknown',
  reasons: ['Not enough responses yet to judge the state of mutual respect.'],
  hasRound: true,
}
const noRound: GateInput['snapshot'] = { ...tooFew, hasRound: false }

describe('the respect-first gate', () => {
  it('in deficit: flags process items, suggests respect actions, and blocks publishing without a respect action', () => {
    const gate = evaluateGate({ snapshot: deficit, actions: [{ kind: 'process' }], override: null })
    expect(gate.state).toBe('deficit')
    expect(gate.processFlag).toBe(PROCESS_FLAG)
    expect(gate.processFlag).toBe('Process change on a respect deficit: likely theater. Address respect first.')
    expect(gate.suggestions).toEqual(RESPECT_SUGGESTIONS)
    expect(gate.suggestions.some((s) => /user calls/.test(s))).toBe(true)
    expect(gate.requiresRespectAction).toBe(true)
    expect(gate.satisfied).toBe(false)
    expect(gate.blocker).toMatch(/respect action/)
    expect(gate.reasons).toEqual(['Respect Index 48 is below 60'])
  })

  it('in deficit: one respect action satisfies it', () => {
    const gate = evaluateGate({ snapshot: deficit, actions: [{ kind: 'process' }, { kind: 'respect' }], override: null })
    expect(gate).toMatchObject({ satisfied: true, satisfiedBy: 'respect_action', blocker: null, processFlag: PROCESS_FLAG })
  })

  it('in deficit: an override with a written reason satisfies it; a blank one does not', () => {
    const reason = 'The team lead is on leave; respect actions are planned with her next week.'
    expect(evaluateGate({ snapshot: deficit, actions: [], override: { reason } })).toMatchObject({
      satisfied: true,
      satisfiedBy: 'override',
    })
    expect(evaluateGate({ snapshot: deficit, actions: [], override: { reason: '   too short   ' } })).toMatchObject({ satisfied: false })
  })

  it('healthy: nothing flagged, nothing required', () => {
    const gate = evaluateGate({ snapshot: healthy, actions: [{ kind: 'process' }], override: null })
    expect(gate).toMatchObject({ state: 'healthy', processFlag: null, requiresRespectAction: false, satisfied: true, suggestions: [] })
  })

  it('not enough pulse data: says so rather than guessing either way', () => {
    const gate = evaluateGate({ snapshot: tooFew, actions: [{ kind: 'process' }], override: null })
    expect(gate.state).toBe('unknown')
    expect(gate.headline).toMatch(/Not enough pulse data/)
    expect(gate.explanation).toMatch(/too few responses/)
    expect(gate.explanation).toMatch(/does not guess/)
    // Neither flagged as theater nor waved through as healthy.
    expect(gate.processFlag).toBeNull()
    expect(gate.requiresRespectAction).toBe(false)
    expect(gate.satisfied).toBe(true)
    expect(gate.satisfiedBy).toBe('not_required')
  })

  it('no round closed yet: also unknown, with its own explanation', () => {
    const gate = evaluateGate({ snapshot: noRound, actions: [], override: null })
    expect(gate.state).toBe('unknown')
    expect(gate.explanation).toMatch(/No pulse round has closed/)
  })
})

describe('the same rule for respect plans', () => {
  it('flags process actions in deficit and warns until a respect action is in the plan', () => {
    const gate = planGate(deficit, [{ kind: 'process' }])
    expect(gate).toMatchObject({ state: 'deficit', processFlag: PROCESS_FLAG, requiresRespectAction: true, hasRespectAction: false })
    expect(gate.warning).toMatch(/no respect action yet/)
    expect(actionFlag(gate, 'process')).toBe(PROCESS_FLAG)
    expect(actionFlag(gate, 'respect')).toBeNull()
    expect(planGate(deficit, [{ kind: 'process' }, { kind: 'respect' }]).warning).toBeNull()
  })

  it('agrees with the autopsy gate on every state', () => {
    for (const snapshot of [deficit, healthy, tooFew, noRound]) {
      const actions = [{ kind: 'process' as const }]
      const plan = planGate(snapshot, actions)
      const autopsy = evaluateGate({ snapshot, actions, override: null })
      expect(plan.state).toBe(autopsy.state)
      expect(plan.processFlag).toBe(autopsy.processFlag)
      expect(plan.requiresRespectAction).toBe(autopsy.requiresRespectAction)
      expect(judgeActions(snapshot.status, actions).processFlag).toBe(autopsy.processFlag)
    }
  })

  it('does not guess without enough pulse data', () => {
    expect(planGate(noRound, [{ kind: 'process' }])).toMatchObject({ state: 'unknown', processFlag: null, warning: null })
    expect(planGate(tooFew, []).explanation).toMatch(/too few responses/)
  })
})
