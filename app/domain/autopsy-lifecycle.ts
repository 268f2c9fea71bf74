// An autopsy moves draft → collecting perspectives → reviewing → published,
// never backwards. These checks are the single source of what may happen in
// each stage; models call them inside the transaction that makes the change.
import type { Discipline } from './disciplines'
import { refuse } from './refusal'
import type { GateResult } from './respect-gate'
import { audienceOf, type TeamFirstAudience } from './team-first'

export const AUTOPSY_STAGES = ['draft', 'collecting', 'reviewing', 'published'] as const
export type AutopsyStage = (typeof AUTOPSY_STAGES)[number]

export const AUTOPSY_STAGE_LABELS: Readonly<Record<AutopsyStage, string>> = {
  draft: 'Draft',
  collecting: 'Collecting perspectives',
  reviewing: 'Reviewing',
  published: 'Published',
}

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]
export const ACTION_STATUS_LABELS: Readonly<Record<ActionStatus, string>> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
}
/** Statuses that still need someone to act; these are listed for review at the next autopsy. */
export const UNFINISHED_STATUSES: readonly ActionStatus[] = ['open', 'in_progress']

export type Verdict = { ok: true } | { ok: false; status: 409 | 422; message: string }

const ok: Verdict = { ok: true }
const conflict = (message: string): Verdict => ({ ok: false, status: 409, message })
const invalid = (message: string): Verdict => ({ ok: false, status: 422, message })

/** Goes on only if the verdict allows it; otherwise refuses with its status and message. */
export function enforce(verdict: Verdict): void {
  if (!verdict.ok) refuse(verdict.status, verdict.message)
}

/** The answer for an autopsy that is not there or not the viewer's to see: the two are never told apart. */
export const AUTOPSY_NOT_FOUND = 'Autopsy not found.'

export const READ_ONLY_MESSAGE = 'This autopsy is published and read-only. Only the status of its action items can change.'

/** The parts of an autopsy a facilitator edits. */
export type Section = 'mismatch' | 'timeline' | 'factors' | 'hindsight' | 'actions' | 'show_names'

export function canEditSection(stage: AutopsyStage, section: Section): Verdict {
  if (stage === 'published') return conflict(READ_ONLY_MESSAGE)
  if (section === 'show_names' && stage !== 'reviewing') {
    return conflict('Names can be shown only after the perspectives are revealed.')
  }
  return ok
}

/** Action-item status stays editable in every stage, so follow-up can be tracked after publishing. */
export function canChangeActionStatus(_stage: AutopsyStage): Verdict {
  return ok
}

export function canWritePerspective(stage: AutopsyStage): Verdict {
  if (stage === 'draft') return conflict('Perspectives open when the facilitator starts collecting them.')
  if (stage === 'collecting') return ok
  return conflict('The perspectives have been revealed, so they can no longer be written or changed.')
}

export function canStartCollecting(stage: AutopsyStage, requested: number): Verdict {
  if (stage !== 'draft') return conflict('Perspectives are already being collected or have been revealed.')
  if (requested < 1) return invalid('Ask at least one person for a perspective before collecting them.')
  return ok
}

/**
 * The reveal is one irreversible step, so it needs the facilitator's
 * confirmation of how many have written (`confirmed`, null when there was
 * none); if someone wrote since, the facilitator confirms again.
 */
export function canReveal(stage: AutopsyStage, count: { written: number; requested: number }, confirmed: number | null): Verdict {
  if (stage === 'draft') return conflict('Start collecting perspectives before revealing them.')
  if (stage !== 'collecting') return conflict('The perspectives have already been revealed. They are revealed once, all at once.')
  if (count.written < 1) return invalid('Nobody has written a perspective yet. Reveal once people have written theirs.')
  const now = `${count.written} of ${count.requested} have written their perspective`
  if (confirmed === null) return invalid(`Confirm the reveal first: ${now}, and it cannot be undone.`)
  if (confirmed !== count.written) return conflict(`Since you confirmed, the count changed: now ${now}. Confirm again.`)
  return ok
}

export type PublishContext = {
  failureOriginSet: boolean
  gate: Pick<GateResult, 'satisfied' | 'blocker'>
}

/** What still stands between a reviewing autopsy and publishing, as sentences for the page. */
export function publishBlockers(ctx: PublishContext): string[] {
  const blockers: string[] = []
  if (!ctx.failureOriginSet) blockers.push('Mark the failure-origin stage on the timeline: where the mismatch started.')
  if (!ctx.gate.satisfied) blockers.push(ctx.gate.blocker ?? 'The respect-first gate is not satisfied.')
  return blockers
}

export function canPublish(stage: AutopsyStage, ctx: PublishContext): Verdict {
  if (stage === 'published') return conflict('This autopsy is already published.')
  if (stage !== 'reviewing')
    return conflict('Reveal the perspectives before publishing: an autopsy is published only after everyone’s account is on the table.')
  const blockers = publishBlockers(ctx)
  return blockers.length ? invalid(blockers.join(' ')) : ok
}

export function canOverrideGate(stage: AutopsyStage, gateState: GateResult['state']): Verdict {
  if (stage === 'published') return conflict(READ_ONLY_MESSAGE)
  if (gateState !== 'deficit')
    return conflict('The respect-first gate applies only while the team is in respect deficit; there is nothing to override.')
  return ok
}

/** The stage that comes next, for the progress indicator. */
export function nextStage(stage: AutopsyStage): AutopsyStage | null {
  const i = AUTOPSY_STAGES.indexOf(stage)
  return AUTOPSY_STAGES[i + 1] ?? null
}

/** Whether a date (YYYY-MM-DD) is before today (YYYY-MM-DD, in the workspace zone). */
export function isOverdue(dueOn: string, status: ActionStatus, today: string): boolean {
  return UNFINISHED_STATUSES.includes(status) && dueOn < today
}

/**
 * What a viewer may do with a team's autopsies. Facilitators (and workspace
 * admins) run them; members read them and write their own perspective;
 * leaders read published ones only.
 */
export type AutopsyAccess = 'facilitate' | 'participate' | 'read_published'

export function autopsyAccess(viewer: { isAdmin: boolean; role: 'member' | 'facilitator' | 'leader' | null }): AutopsyAccess | null {
  if (viewer.isAdmin || viewer.role === 'facilitator') return 'facilitate'
  if (viewer.role === 'member') return 'participate'
  if (viewer.role === 'leader') return 'read_published'
  return null
}

/**
 * Who is asking. `discipline` is their discipline on this team (null for an
 * admin who is not on it); `audience` is whose view of the team's rounds they
 * have (team first): an admin may run the autopsy yet read rounds as a leader.
 */
export type AutopsyViewer = { id: string; access: AutopsyAccess; discipline: Discipline | null; audience: TeamFirstAudience }

/** The viewer as the autopsy and feature-log reads need them, or null for someone with no access to the team's autopsies. */
export function autopsyViewer(viewer: {
  user: { id: string; isAdmin: boolean }
  role: 'member' | 'facilitator' | 'leader' | null
  discipline: Discipline | null
}): AutopsyViewer | null {
  const access = autopsyAccess({ isAdmin: viewer.user.isAdmin, role: viewer.role })
  return access ? { id: viewer.user.id, access, discipline: viewer.discipline, audience: audienceOf(viewer.role) } : null
}
