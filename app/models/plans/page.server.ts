// Everything the respect plan page shows, for one viewer: the round's prompts
// (as this viewer sees the round), the respect-first rule (as any member who
// answered sees it, like the autopsy gate), the actions with their measured
// effect, and the team to choose owners from.
import { today as localToday, addDays } from '~/domain/calendar'
import { practicesInOrder } from '~/domain/practices'
import { actionFlag, planGate } from '~/domain/respect-gate'
import { conversationPrompts } from '~/domain/respect-plan'
import { ANY_RESPONDENT } from '~/domain/round-results'
import { getResultSettings } from '../anonymity-settings.server'
import { getRoundResults } from '../pulse/results.server'
import { listTeamMembers } from '../team.server'
import { listPlanActions } from './actions.server'
import { measureActions } from './effects.server'
import { getPlan, type TeamScope } from './plans.server'
import type { TeamFirstAudience } from '~/domain/team-first'

export async function getPlanPage(scope: TeamScope & { planId: string; viewerId: string; audience: TeamFirstAudience }) {
  const plan = await getPlan(scope)
  if (!plan) return null
  const settings = await getResultSettings(scope.workspaceId)
  const roundScope = { workspaceId: scope.workspaceId, teamId: scope.teamId, roundId: plan.roundId, settings, audience: scope.audience }
  const [results, judged, actions, members] = await Promise.all([
    getRoundResults({ ...roundScope, viewerId: scope.viewerId }),
    getRoundResults({ ...roundScope, viewerId: ANY_RESPONDENT }),
    listPlanActions(scope),
    listTeamMembers(scope.workspaceId, scope.teamId),
  ])
  const effects = await measureActions({ ...scope, settings }, actions)
  const gate = planGate(
    judged
      ? { status: judged.status.status, reasons: judged.status.reasons, hasRound: true }
      : { status: 'unknown', reasons: [], hasRound: false },
    actions,
  )
  const prompts = conversationPrompts(results)
  const today = localToday(settings.timeZone)
  return {
    plan: { id: plan.id, status: plan.status, createdAt: plan.createdAt.toISOString(), createdByName: plan.createdByName },
    round: results ? { id: results.round.id, closedOn: results.round.closedOn, visible: results.visible } : null,
    timeZone: settings.timeZone,
    today,
    gate,
    prompts,
    practices: practicesInOrder(prompts.weakest).map((p) => ({ ...p, dueOn: addDays(today, p.days) })),
    customDueOn: addDays(today, 14),
    members: members.map((m) => ({ userId: m.userId, name: m.name })),
    actions: actions.map((a) => ({
      id: a.id,
      kind: a.kind,
      title: a.title,
      targetDimension: a.targetDimension,
      ownerId: a.ownerId,
      ownerName: a.ownerName,
      dueOn: a.dueOn,
      status: a.status,
      overdue: (a.status === 'open' || a.status === 'in_progress') && a.dueOn < today,
      flag: actionFlag(gate, a.kind),
      effect: effects[a.id],
    })),
  }
}
