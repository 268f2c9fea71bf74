import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Comments } from '~/components/pulse/comments'
import { DimensionScores } from '~/components/pulse/dimension-scores'
import { DirectionalViews } from '~/components/pulse/directional-views'
import { PulseEmptyState } from '~/components/pulse/empty-state'
import { ItemDistributions } from '~/components/pulse/item-distributions'
import { RespectBanner } from '~/components/pulse/respect-banner'
import { RespectIndexCard } from '~/components/pulse/respect-index-card'
import { RoundPicker } from '~/components/pulse/round-picker'
import { RoundSummary } from '~/components/pulse/round-summary'
import { Trend } from '~/components/pulse/trend'
import { ActionReview } from '~/components/pulse/action-review'
import { PlanEntry } from '~/components/pulse/plan-entry'
import { GapTrend } from '~/components/trends/gap-trend'
import { PulseCsvLinks } from '~/components/trends/pulse-csv-links'
import { GenerativeCultureResults } from '~/components/generative-culture/results'
import { isUuid } from '~/domain/ids'
import { formatDate, formatDateTime } from '~/domain/format'
import { audienceOf } from '~/domain/team-first'
import { getResultSettings } from '~/models/anonymity-settings.server'
import { leadersSeeNextFrom } from '~/models/nudges/team-first.server'
import { getRoundResults, getTeamTrend, listTeamRounds } from '~/models/pulse/results.server'
import { findPlanForRound } from '~/models/plans/plans.server'
import { getActionReview } from '~/models/plans/review.server'
import planStyles from '~/styles/plan.css'
import pulseStyles from '~/styles/pulse.css'
import { ANY_ROLE, requireTeamRole } from '~/utils/auth.server'
import { invariantResponse } from '~/utils/refusals.server'
import type { loader as teamLoader } from './teams.$teamId'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: pulseStyles },
  { rel: 'stylesheet', href: planStyles },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, team, role } = await requireTeamRole(request, params.teamId, ANY_ROLE)
  const raw = new URL(request.url).searchParams.get('round')
  const roundId = raw ? raw : undefined
  invariantResponse(roundId === undefined || isUuid(roundId), 'Round not found.')

  const settings = await getResultSettings(user.workspaceId)
  // Leaders (and admins off the team) read a round once team first has passed.
  const audience = audienceOf(role)
  const scope = { workspaceId: user.workspaceId, teamId: team.id, settings, viewerId: user.id, audience }
  const [results, picker, trend, teamFirstUntil] = await Promise.all([
    getRoundResults({ ...scope, roundId }),
    listTeamRounds(user.workspaceId, team.id, { limit: 60, audience }),
    getTeamTrend(user.workspaceId, team.id, { settings, viewerId: user.id, audience }),
    audience === 'leaders' ? leadersSeeNextFrom({ workspaceId: user.workspaceId, teamId: team.id }) : null,
  ])
  // The where clause is scoped to this team and workspace, so another team's
  // round id reads as unknown.
  invariantResponse(!(roundId && !results), 'Round not found.')

  // A closed round is where a respect plan starts, and where open actions are reviewed.
  const closed = results && results.round.status === 'closed' ? results.round : null
  const reviewScope = closed && {
    ...scope,
    roundClosedAt: closed.closedAt ?? closed.closesAt,
    publishedAutopsiesOnly: !user.isAdmin && role === 'leader',
  }
  const [plan, review] = await Promise.all([
    closed ? findPlanForRound({ workspaceId: user.workspaceId, teamId: team.id, roundId: closed.id }) : null,
    reviewScope ? getActionReview(reviewScope) : Promise.resolve([]),
  ])

  return json({
    timeZone: settings.timeZone,
    k: settings.anonymity.k,
    commentK: settings.anonymity.commentK,
    deficitLine: settings.thresholds.respectIndex,
    selectedRoundId: roundId ?? null,
    results,
    rounds: picker.rounds,
    trend,
    teamId: team.id,
    planId: plan?.id ?? null,
    canOpenPlan: user.isAdmin || role === 'facilitator',
    review,
    teamFirstUntil: teamFirstUntil ? formatDateTime(teamFirstUntil, settings.timeZone) : null,
  })
}

export default function TeamPulse() {
  const {
    results,
    rounds,
    trend,
    timeZone,
    k,
    commentK,
    deficitLine,
    selectedRoundId,
    teamId,
    planId,
    canOpenPlan,
    review,
    teamFirstUntil,
  } = useLoaderData<typeof loader>()
  const teamBase = `/teams/${teamId}`
  const openRound = rounds.find((r) => r.status === 'open') ?? null
  return (
    <div className="pulse">
      <div className="pulse-head">
        <h2 id="pulse-h">Pulse results</h2>
        <RoundPicker rounds={rounds} selectedId={selectedRoundId ?? results?.round.id ?? null} timeZone={timeZone} />
      </div>

      {openRound && results && results.round.id !== openRound.id ? (
        <p className="open-note muted">
          A round is open until {formatDate(openRound.closesAt, timeZone)}.{' '}
          <Link to={`?round=${openRound.id}`}>See how many have answered so far.</Link>
        </p>
      ) : null}

      {teamFirstUntil ? (
        <p className="open-note muted">The team sees its latest round first. Its results reach leaders on {teamFirstUntil}.</p>
      ) : null}

      {!results ? (
        <PulseEmptyState openRound={openRound} k={k} commentK={commentK} />
      ) : (
        <>
          <RoundSummary results={results} timeZone={timeZone} />
          {results.round.status === 'closed' ? (
            <>
              <RespectBanner status={results.status} thresholds={results.thresholds}>
                <PlanEntry
                  teamBase={teamBase}
                  roundId={results.round.id}
                  planId={planId}
                  canOpen={canOpenPlan}
                  deficit={results.status.status === 'deficit'}
                />
              </RespectBanner>
              <ActionReview items={review} teamBase={teamBase} />
            </>
          ) : null}
          {results.visible ? (
            <>
              <RespectIndexCard
                respectIndex={results.respectIndex}
                formula={results.respectIndexFormula}
                n={results.n}
                deficitLine={deficitLine}
              />
              <DimensionScores dimensions={results.dimensions} />
              <DirectionalViews views={results.directional} />
              <ItemDistributions items={results.items} commentK={results.commentK} />
            </>
          ) : null}
          {results.round.status === 'closed' ? (
            <GenerativeCultureResults culture={results.generativeCulture} commentK={results.commentK} />
          ) : null}
          {results.round.status === 'closed' ? <Comments comments={results.comments} commentK={commentK} /> : null}
        </>
      )}

      <Trend points={trend} deficitLine={deficitLine} />
      <GapTrend points={trend} gapLimit={results?.thresholds.gap} />
      <PulseCsvLinks roundId={results?.round.id ?? null} />
    </div>
  )
}

export const meta: MetaFunction<typeof loader, { 'routes/teams.$teamId': typeof teamLoader }> = ({ matches }) => {
  const team = matches.find((m) => m.id === 'routes/teams.$teamId')?.data?.team
  return [{ title: `Pulse results${team ? ` · ${team.name}` : ''} · Tandem` }]
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
