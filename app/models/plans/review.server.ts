// "How did it go": the team's open actions, from autopsies and plans, that
// were under way before a round closed, each with its measured effect as this
// viewer sees the trend. Shown with that round's results.
import type { TeamFirstAudience } from '~/domain/team-first'
import type { ResultSettings } from '../anonymity-settings.server'
import { listOpenTeamActions } from './actions.server'
import { measureActions } from './effects.server'
import type { TeamScope } from './plans.server'

export async function getActionReview(
  scope: TeamScope & {
    viewerId: string
    settings: ResultSettings
    audience: TeamFirstAudience
    roundClosedAt: string
    publishedAutopsiesOnly: boolean
  },
) {
  const open = await listOpenTeamActions({
    ...scope,
    timeZone: scope.settings.timeZone,
    startedBefore: new Date(scope.roundClosedAt),
    limit: 20,
  })
  const effects = await measureActions(scope, open)
  return open.map((a) => ({
    id: a.id,
    source: a.source,
    kind: a.kind,
    title: a.title,
    ownerName: a.ownerName,
    dueOn: a.dueOn,
    status: a.status,
    overdue: a.overdue,
    planId: a.planId,
    autopsyId: a.autopsyId,
    featureName: a.featureName,
    effect: effects[a.id],
  }))
}
