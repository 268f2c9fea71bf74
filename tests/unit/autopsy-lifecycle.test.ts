import { describe, expect, it } from 'vitest'
import {
  AUTOPSY_STAGES,
  autopsyViewer,
  canChangeActionStatus,
  canEditSection,
  canOverrideGate,
  canPublish,
  canReveal,
  canStartCollecting,
  canWritePerspective,
  isOverdue,
  nextStage,
  publishBlockers,
} from '~/domain/autopsy-lifecycle'
import { autopsies } from '../../db/schema'

const satisfied = { satisfied: true, blocker: null }

describe('autopsy lifecycle', () => {
  it('runs draft → collecting → reviewing → published, matching the database enum', () => {
    expect(AUTOPSY_STAGES).toEqual(autopsies.stage.enumValues)
    expect(nextStage('draft')).toBe('collecting')
    expect(nextStage('reviewing')).toBe('published')
    expect(nextStage('published')).toBeNull()
  })

  it('opens perspectives only while collecting', () => {
    expect(canWritePerspective('draft')).toMatchObject({ ok: false, status: 409 })
    expect(canWritePerspective('collecting')).toEqual({ ok: true })
    expect(canWritePerspective('reviewing')).toMatchObject({ ok: false, status: 409 })
    expect(canWritePerspective('published')).toMatchObject({ ok: false, status: 409 })
  })

  it('starts collecting once', () => {
    expect(canStartCollecting('draft', 3).ok).toBe(true)
    expect(canStartCollecting('collecting', 3)).toMatchObject({ ok: false, status: 409 })
    // Nobody to ask: nothing to collect.
    expect(canStartCollecting('draft', 0)).toMatchObject({ ok: false, status: 422 })
  })

  it('reveals once, all at once, and only with something to reveal', () => {
    const count = { written: 2, requested: 12 }
    expect(canReveal('collecting', count, 2)).toEqual({ ok: true })
    expect(canReveal('collecting', { written: 0, requested: 12 }, 0)).toMatchObject({ ok: false, status: 422 })
    expect(canReveal('draft', count, 2)).toMatchObject({ ok: false, status: 409 })
    const second = canReveal('reviewing', count, 2)
    expect(second).toMatchObject({ ok: false, status: 409 })
    expect(!second.ok && second.message).toMatch(/already been revealed/)
  })

  it('reveals only once confirmed, and again if the count changed since', () => {
    const unconfirmed = canReveal('collecting', { written: 3, requested: 12 }, null)
    expect(unconfirmed).toMatchObject({ ok: false, status: 422 })
    expect(!unconfirmed.ok && unconfirmed.message).toMatch(/3 of 12 have written their perspective/)
    const stale = canReveal('collecting', { written: 4, requested: 12 }, 3)
    expect(stale).toMatchObject({ ok: false, status: 409 })
    expect(!stale.ok && stale.message).toMatch(/now 4 of 12/)
  })

  it('publishes only after the reveal, with a failure origin and the gate satisfied', () => {
    expect(canPublish('collecting', { failureOriginSet: true, gate: satisfied })).toMatchObject({ ok: false, status: 409 })
    expect(canPublish('draft', { failureOriginSet: true, gate: satisfied })).toMatchObject({ ok: false, status: 409 })
    expect(canPublish('published', { failureOriginSet: true, gate: satisfied })).toMatchObject({ ok: false, status: 409 })
    expect(canPublish('reviewing', { failureOriginSet: true, gate: satisfied })).toEqual({ ok: true })
    const missing = canPublish('reviewing', { failureOriginSet: false, gate: { satisfied: false, blocker: 'Add a respect action.' } })
    expect(missing).toMatchObject({ ok: false, status: 422 })
    expect(publishBlockers({ failureOriginSet: false, gate: { satisfied: false, blocker: 'Add a respect action.' } })).toEqual([
      'Mark the failure-origin stage on the timeline: where the mismatch started.',
      'Add a respect action.',
    ])
  })

  it('makes a published autopsy read-only except for action-item status', () => {
    for (const section of ['mismatch', 'timeline', 'factors', 'hindsight', 'actions', 'show_names'] as const) {
      expect(canEditSection('published', section), section).toMatchObject({ ok: false, status: 409 })
    }
    expect(canChangeActionStatus('published')).toEqual({ ok: true })
    expect(canEditSection('draft', 'mismatch')).toEqual({ ok: true })
    expect(canEditSection('collecting', 'show_names')).toMatchObject({ ok: false, status: 409 })
    expect(canEditSection('reviewing', 'show_names')).toEqual({ ok: true })
  })

  it('overrides the gate only in deficit and before publishing', () => {
    expect(canOverrideGate('reviewing', 'deficit')).toEqual({ ok: true })
    expect(canOverrideGate('reviewing', 'unknown')).toMatchObject({ ok: false, status: 409 })
    expect(canOverrideGate('published', 'deficit')).toMatchObject({ ok: false, status: 409 })
  })

  it('marks unfinished items past their due day as overdue', () => {
    expect(isOverdue('2026-03-01', 'open', '2026-03-02')).toBe(true)
    expect(isOverdue('2026-03-02', 'open', '2026-03-02')).toBe(false)
    expect(isOverdue('2026-03-01', 'in_progress', '2026-03-02')).toBe(true)
    expect(isOverdue('2026-03-01', 'done', '2026-03-02')).toBe(false)
    expect(isOverdue('2026-03-01', 'dropped', '2026-03-02')).toBe(false)
  })
})

describe('who may do what', () => {
  it('lets facilitators and admins run autopsies, members participate, leaders read published ones', async () => {
    const { autopsyAccess } = await import('~/domain/autopsy-lifecycle')
    expect(autopsyAccess({ isAdmin: false, role: 'facilitator' })).toBe('facilitate')
    expect(autopsyAccess({ isAdmin: true, role: null })).toBe('facilitate')
    expect(autopsyAccess({ isAdmin: true, role: 'leader' })).toBe('facilitate')
    expect(autopsyAccess({ isAdmin: false, role: 'member' })).toBe('participate')
    expect(autopsyAccess({ isAdmin: false, role: 'leader' })).toBe('read_published')
    expect(autopsyAccess({ isAdmin: false, role: null })).toBeNull()
  })
})

describe('whose view of the rounds an autopsy reader has (team first)', () => {
  const user = (isAdmin: boolean) => ({ id: 'u1', isAdmin })
  it('runs the autopsy as an admin off the team, yet reads rounds as leaders do', () => {
    expect(autopsyViewer({ user: user(true), role: null, discipline: null })).toMatchObject({ access: 'facilitate', audience: 'leaders' })
    expect(autopsyViewer({ user: user(true), role: 'leader', discipline: null })).toMatchObject({
      access: 'facilitate',
      audience: 'leaders',
    })
  })
  it('reads as the team for the team’s own members and facilitators, admins among them', () => {
    expect(autopsyViewer({ user: user(true), role: 'member', discipline: 'product' })).toMatchObject({ audience: 'team' })
    expect(autopsyViewer({ user: user(false), role: 'facilitator', discipline: 'product' })).toMatchObject({ audience: 'team' })
    expect(autopsyViewer({ user: user(false), role: 'leader', discipline: 'product' })).toMatchObject({
      access: 'read_published',
      audience: 'leaders',
    })
  })
})
