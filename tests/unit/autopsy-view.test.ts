import { describe, expect, it } from 'vitest'
import { AUTOPSY_NOT_FOUND, autopsyViewer, canPublish, enforce } from '~/domain/autopsy-lifecycle'
import {
  describeFactor,
  gateFor,
  gateView,
  publishedVerdictVisible,
  revealedPerspectives,
  sealedPerspectives,
  toRespectSnapshot,
  type PerspectiveRow,
  type RespectSnapshot,
} from '~/domain/autopsy-view'
import { CUSTOM_FACTOR } from '~/domain/factors'
import { Refusal } from '~/domain/refusal'
import { PROCESS_FLAG } from '~/domain/respect-gate'
import type { PublicRoundResults } from '~/domain/public-results'

const me = 'a0000000-0000-4000-8000-000000000001'
const other = 'a0000000-0000-4000-8000-000000000002'

const rows: PerspectiveRow[] = [
  {
    id: 'p1',
    authorId: other,
    discipline: 'engineering',
    body: 'We built the ticket.',
    originStage: 'spec',
    updatedAt: new Date('2026-03-01T10:00:00Z'),
    authorName: null,
  },
  {
    id: 'p2',
    authorId: me,
    discipline: 'product',
    body: 'I wrote it alone.',
    originStage: null,
    updatedAt: new Date('2026-03-02T09:30:00Z'),
    authorName: null,
  },
]

function snapshot(status: 'deficit' | 'healthy' | 'unknown', visible = true): RespectSnapshot {
  return {
    roundId: 'r1',
    closedOn: '2026-03-01',
    visible,
    message: visible ? null : 'Hidden: fewer than 5 responses.',
    n: visible ? 7 : null,
    participation: { responded: 7, eligible: 9, rate: 7 / 9 },
    respectIndex: visible ? 48 : null,
    dimensions: [],
    status: { status, reasons: status === 'deficit' ? ['Respect Index 48 is below 60'] : [] },
  }
}

describe('perspectives as a viewer sees them', () => {
  it('after the reveal: every account, marked as the viewer’s own where it is, names as the query gave them', () => {
    const view = revealedPerspectives(rows, me, false)
    expect(view).toEqual({
      revealed: true,
      showNames: false,
      items: [
        { id: 'p1', discipline: 'engineering', body: 'We built the ticket.', originStage: 'spec', authorName: null, mine: false },
        { id: 'p2', discipline: 'product', body: 'I wrote it alone.', originStage: null, authorName: null, mine: true },
      ],
    })
  })

  it('before the reveal: only the count and the viewer’s own text, never another person’s', () => {
    const view = sealedPerspectives(rows, me, 5, null)
    expect(view).toEqual({
      revealed: false,
      count: 5,
      mine: { body: 'I wrote it alone.', originStage: null, updatedAt: '2026-03-02T09:30:00.000Z' },
      submitters: null,
    })
    expect(JSON.stringify(view)).not.toContain('We built the ticket.')
    expect(sealedPerspectives([], me, 0, [])).toEqual({ revealed: false, count: 0, mine: null, submitters: [] })
  })
})

describe('factors', () => {
  it('reads a taxonomy key as its label and a custom factor as its own text', () => {
    expect(describeFactor({ id: 'f1', factor: 'spec_as_handoff', label: null })).toMatchObject({ custom: false, text: expect.any(String) })
    expect(describeFactor({ id: 'f1', factor: 'spec_as_handoff', label: null }).text).not.toBe('spec_as_handoff')
    expect(describeFactor({ id: 'f2', factor: CUSTOM_FACTOR, label: 'Vendor contract signed first' })).toEqual({
      id: 'f2',
      factor: CUSTOM_FACTOR,
      label: 'Vendor contract signed first',
      custom: true,
      text: 'Vendor contract signed first',
    })
  })
})

describe('respect snapshots and the gate', () => {
  it('keeps only what the autopsy shows of a round’s results', () => {
    const results = {
      round: { id: 'r9', closedOn: '2026-02-20' },
      participation: { responded: 3, eligible: 8, rate: 0.375 },
      visible: false,
      message: 'Hidden',
      n: null,
      respectIndex: null,
      dimensions: [{ key: 'safety', label: 'Psychological safety', score: null, extra: 1 }],
      status: { status: 'unknown', reasons: ['Too few responses'] },
      comments: { visible: false, message: 'Hidden', closedOn: '2026-02-20', items: ['a comment'] },
    } as unknown as PublicRoundResults
    const shown = toRespectSnapshot(results)
    expect(shown).toEqual({
      roundId: 'r9',
      closedOn: '2026-02-20',
      visible: false,
      message: 'Hidden',
      n: null,
      participation: { responded: 3, eligible: 8, rate: 0.375 },
      respectIndex: null,
      dimensions: [{ key: 'safety', label: 'Psychological safety', score: null }],
      status: { status: 'unknown', reasons: ['Too few responses'] },
    })
    expect(JSON.stringify(shown)).not.toContain('a comment')
  })

  it('without a closed round the gate cannot tell, and does not guess', () => {
    expect(gateFor(null, [{ kind: 'process' }], { overrideReason: null })).toMatchObject({
      state: 'unknown',
      satisfied: true,
      processFlag: null,
    })
  })

  it('in deficit flags process items and is satisfied by a respect action or a long enough override', () => {
    expect(gateFor(snapshot('deficit'), [{ kind: 'process' }], { overrideReason: null })).toMatchObject({
      state: 'deficit',
      satisfied: false,
      processFlag: PROCESS_FLAG,
    })
    expect(gateFor(snapshot('deficit'), [{ kind: 'respect' }], { overrideReason: null })).toMatchObject({
      satisfied: true,
      satisfiedBy: 'respect_action',
    })
    expect(gateFor(snapshot('deficit'), [], { overrideReason: 'The team agreed to publish now and revisit in a month.' })).toMatchObject({
      satisfied: true,
      satisfiedBy: 'override',
    })
  })

  it('repeats a frozen verdict only to a reader who can see the round behind it', () => {
    expect(publishedVerdictVisible(snapshot('deficit', true))).toBe(true)
    expect(publishedVerdictVisible(snapshot('deficit', false))).toBe(false)
    expect(publishedVerdictVisible(null)).toBe(false)
  })

  it('judges the gate by the any-respondent round, and lists blockers only while reviewing', () => {
    const autopsy = { stage: 'reviewing' as const, failureOriginStage: null, overrideReason: null, gateState: null }
    // The reader's own view is hidden, but the gate still judges the round as any respondent sees it.
    const view = gateView(autopsy, snapshot('deficit'), snapshot('deficit', false), [{ kind: 'process' }])
    expect(view.gate.state).toBe('deficit')
    expect(view.blockers).toHaveLength(2)
    expect(view.blockers[0]).toMatch(/failure-origin/)
    expect(gateView({ ...autopsy, stage: 'collecting' }, snapshot('deficit'), null, []).blockers).toEqual([])
    const published = { ...autopsy, stage: 'published' as const, failureOriginStage: 'spec' as const, gateState: 'deficit' as const }
    expect(gateView(published, snapshot('deficit'), snapshot('deficit', true), []).publishedGateState).toBe('deficit')
    expect(gateView(published, snapshot('deficit'), snapshot('deficit', false), []).publishedGateState).toBeNull()
  })
})

describe('the lifecycle’s refusals and viewers', () => {
  it('enforce lets an allowed move through and refuses a forbidden one with its status and message', () => {
    expect(() => enforce({ ok: true })).not.toThrow()
    const error = (() => {
      try {
        enforce(canPublish('published', { failureOriginSet: true, gate: { satisfied: true, blocker: null } }))
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(Refusal)
    expect(error).toMatchObject({ status: 409, message: 'This autopsy is already published.' })
  })

  it('facilitators and admins run autopsies, members take part, leaders read; someone without a role gets nothing', () => {
    const user = { id: me, isAdmin: false }
    expect(autopsyViewer({ user, role: 'facilitator', discipline: 'product' })).toEqual({
      id: me,
      access: 'facilitate',
      discipline: 'product',
      audience: 'team',
    })
    expect(autopsyViewer({ user: { ...user, isAdmin: true }, role: null, discipline: null })).toEqual({
      id: me,
      access: 'facilitate',
      discipline: null,
      audience: 'leaders',
    })
    expect(autopsyViewer({ user, role: 'member', discipline: 'engineering' })?.access).toBe('participate')
    expect(autopsyViewer({ user, role: 'leader', discipline: 'product' })?.access).toBe('read_published')
    expect(autopsyViewer({ user, role: null, discipline: null })).toBeNull()
    expect(AUTOPSY_NOT_FOUND).toBe('Autopsy not found.')
  })
})
