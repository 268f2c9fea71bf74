// Builds feature-log and autopsy rows through the models, plus pulse rounds
// that put a team in a known respect state for the gate.
import type { SurveyItem } from '../db/schema'
import type { Discipline } from '~/domain/disciplines'
import { createFeature, type FeatureInput } from '~/models/features.server'
import { openAutopsy, revealPerspectives, startCollecting } from '~/models/autopsies/lifecycle.server'
import { addPerspective } from '~/models/autopsies/perspectives.server'
import { getTimeline } from '~/models/autopsies/reads.server'
import { saveTimeline } from '~/models/autopsies/sections.server'
import type { TeamRole } from '~/models/user.server'
import { createMember } from './factories'
import { createRound, createTemplate, respond, times } from './pulse-factories'

type TeamRef = { id: string; workspaceId: string }

/** The founding story's feature: "better analytics", specced as a dashboard, handed over. */
export function featureInput(overrides: Partial<FeatureInput> = {}): FeatureInput {
  return {
    name: 'Analytics dashboard',
    problem: 'Account owners cannot tell each Monday whether their team is using the product.',
    ask: 'Better analytics',
    spec: { words: 6200, pages: 14 },
    engineeringJoinedStage: 'handoff',
    question: 'how_fast',
    plannedDays: 40,
    actualDays: 45,
    startedOn: '2026-03-02',
    shippedOn: '2026-05-01',
    shippedAs: 'as_planned',
    outcome: 'not_what_we_asked',
    ...overrides,
  }
}

export async function createFeatureRow(team: TeamRef, overrides: Partial<FeatureInput> = {}, userId: string | null = null) {
  return createFeature({ workspaceId: team.workspaceId, teamId: team.id, userId }, featureInput(overrides))
}

/** A team with a facilitator, two members (product and engineering) and a leader. */
export async function autopsyTeam(team: TeamRef) {
  const people = async (role: TeamRole, discipline: Discipline) => createMember(team, role, discipline)
  return {
    facilitator: await people('facilitator', 'product'),
    pm: await people('member', 'product'),
    engineer: await people('member', 'engineering'),
    leader: await people('leader', 'product'),
  }
}

/** An autopsy on a fresh feature, in draft. */
export async function createAutopsy(team: TeamRef, facilitatorId: string, overrides: Partial<FeatureInput> = {}) {
  const feature = await createFeatureRow(team, overrides, facilitatorId)
  const autopsy = await openAutopsy({ workspaceId: team.workspaceId, teamId: team.id, featureId: feature.id, actorId: facilitatorId })
  return { feature, autopsy, scope: { workspaceId: team.workspaceId, teamId: team.id, autopsyId: autopsy.id } }
}

/** Moves an autopsy to reviewing with one perspective per author, and marks a failure origin. */
export async function reviewedAutopsy(
  team: TeamRef,
  facilitatorId: string,
  authors: readonly { id: string; discipline: Discipline }[],
  overrides: Partial<FeatureInput> = {},
) {
  const made = await createAutopsy(team, facilitatorId, overrides)
  const { scope } = made
  await startCollecting({ ...scope, actorId: facilitatorId })
  for (const author of authors) {
    await addPerspective(
      { ...scope, author },
      { body: `What I saw, as ${author.discipline}: we built what was written, not what was needed.`, originStage: 'framing' },
    )
  }
  await revealPerspectives({ ...scope, actorId: facilitatorId, confirmedWritten: authors.length })
  const stages = await getTimeline(scope)
  await saveTimeline(scope, {
    failureOriginStage: 'framing',
    stages: stages.map((s) => ({
      stage: s.stage,
      product: s.product,
      engineering: s.engineering,
      design: s.design,
      startedOn: s.startedOn,
      endedOn: s.endedOn,
      note: s.note,
    })),
  })
  return made
}

/**
 * A closed pulse round whose answers put the team in a known state: every
 * answer scores `score` (1–7, after reverse scoring), from `n` people.
 */
export async function pulseRound(
  team: TeamRef,
  { state, closedAt, n }: { state: 'deficit' | 'healthy' | 'unknown'; closedAt: Date; n?: number },
  template?: { template: { id: string }; items: SurveyItem[] },
) {
  const { template: tmpl, items } = template ?? (await createTemplate(team.workspaceId))
  const opensAt = new Date(closedAt.getTime() - 3 * 86_400_000)
  const round = await createRound(team, tmpl, items, { opensAt, closesAt: closedAt, closedAt })
  const score = state === 'deficit' ? 2 : 6
  const values = Object.fromEntries(items.map((item) => [item.itemKey, item.reverseScored ? 8 - score : score]))
  // Below k (5 by default) the pulse cannot tell: the gate must say so.
  const people = n ?? (state === 'unknown' ? 2 : 6)
  await respond(round, items, [
    ...times(Math.ceil(people / 2), { discipline: 'product', values }),
    ...times(Math.floor(people / 2), { discipline: 'engineering', values }),
  ])
  return { round, template: { template: tmpl, items } }
}
