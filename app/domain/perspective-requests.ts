// Whom an autopsy asks for a perspective, and how many of them have written.
// The people involved are the team's members whose discipline worked on a
// stage of the timeline; the facilitator adds or removes others. Pure: the
// models pass in the team and the timeline.
import type { AutopsyStage, Verdict } from './autopsy-lifecycle'
import type { Discipline } from './disciplines'

type Lanes = { product: boolean; engineering: boolean; design: boolean }
export type RequestCandidate = { userId: string; role: 'member' | 'facilitator' | 'leader'; discipline: Discipline }

/** Leaders read published autopsies; they are not asked to write. */
export function canBeAsked(member: Pick<RequestCandidate, 'role'>): boolean {
  return member.role !== 'leader'
}

/**
 * The people involved: members and facilitators whose discipline is ticked on
 * at least one stage of the timeline, plus anyone who already wrote one.
 */
export function defaultRequested(
  members: readonly RequestCandidate[],
  stages: readonly Lanes[],
  authorIds: readonly string[] = [],
): string[] {
  const involved = new Set<Discipline>()
  for (const s of stages) {
    if (s.product) involved.add('product')
    if (s.engineering) involved.add('engineering')
    if (s.design) involved.add('design')
  }
  const ids = members.filter((m) => canBeAsked(m) && involved.has(m.discipline)).map((m) => m.userId)
  return [...new Set([...ids, ...authorIds])]
}

/** "3 of 12 have written their perspective" */
export function writtenSentence(written: number, requested: number): string {
  if (requested === 0) return 'Nobody has been asked for a perspective yet.'
  const verb = written === 1 ? 'has' : 'have'
  return `${written} of ${requested} ${verb} written their perspective.`
}

export function canEditRequests(stage: AutopsyStage): Verdict {
  if (stage === 'draft' || stage === 'collecting') return { ok: true }
  return { ok: false, status: 409, message: 'The perspectives have been revealed, so the people asked can no longer change.' }
}

export function canRemoveRequest(input: { hasWritten: boolean; remaining: number }): Verdict {
  if (input.hasWritten)
    return { ok: false, status: 409, message: 'This person has already written a perspective; it stays with the autopsy.' }
  if (input.remaining < 1) return { ok: false, status: 422, message: 'Ask at least one person for a perspective.' }
  return { ok: true }
}
