import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { formatDate, plural } from '~/domain/format'
import { isUuid } from '~/domain/ids'
import { getResultSettings } from '~/models/anonymity-settings.server'
import { listPlans, openPlan } from '~/models/plans/plans.server'
import { ANY_ROLE, FACILITATOR, requireTeamRole } from '~/utils/auth.server'
import { readForm } from '~/utils/forms'
import { formInvalid, refusalResponse } from '~/utils/refusals.server'
import { useFormResult } from '~/utils/use-form-result'
import type { loader as teamLoader } from './teams.$teamId'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, team, role } = await requireTeamRole(request, params.teamId, ANY_ROLE)
  const [plans, settings] = await Promise.all([
    listPlans({ workspaceId: user.workspaceId, teamId: team.id }),
    getResultSettings(user.workspaceId),
  ])
  return json({
    teamId: team.id,
    facilitates: user.isAdmin || role === 'facilitator',
    plans: plans.map((p) => ({
      id: p.id,
      opened: formatDate(p.createdAt, settings.timeZone),
      roundClosed: formatDate(p.roundClosedAt, settings.timeZone),
      actions: p.actions,
    })),
  })
}

const OpenSchema = z.object({ intent: z.literal('open'), roundId: z.string().refine(isUuid, 'Round not found.') })

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, team } = await requireTeamRole(request, params.teamId, FACILITATOR)
  const form = await readForm(request, OpenSchema)
  if (!form.ok) return formInvalid(form)
  try {
    const plan = await openPlan({ workspaceId: user.workspaceId, teamId: team.id, roundId: form.data.roundId, userId: user.id })
    return redirect(`/teams/${team.id}/plans/${plan.id}`)
  } catch (error) {
    return refusalResponse(error, {})
  }
}

export default function TeamPlans() {
  const { plans, teamId, facilitates } = useLoaderData<typeof loader>()
  const failure = useFormResult()
  return (
    <section aria-labelledby="plans-h">
      <h2 id="plans-h">Respect plans</h2>
      {failure.formError ? (
        <p className="alert danger" role="alert">
          {failure.formError}
        </p>
      ) : null}
      {plans.length === 0 ? (
        <div className="empty">
          <p>No respect plan yet.</p>
          <p className="small">
            {facilitates ? 'Open one from a closed round on the ' : 'A facilitator opens one from a closed round on the '}
            <Link to={`/teams/${teamId}/pulse`}>pulse results</Link>: it turns the round’s weakest dimensions into conversation prompts and
            actions whose effect is measured at the next rounds.
          </p>
        </div>
      ) : (
        <ul className="stack">
          {plans.map((p) => (
            <li key={p.id}>
              <Link to={p.id}>Plan from the round closed {p.roundClosed}</Link>{' '}
              <span className="small muted">
                opened {p.opened} · {plural(p.actions, 'action')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export const meta: MetaFunction<typeof loader, { 'routes/teams.$teamId': typeof teamLoader }> = ({ matches }) => {
  const team = matches.find((m) => m.id === 'routes/teams.$teamId')?.data?.team
  return [{ title: `Respect plans${team ? ` · ${team.name}` : ''} · Tandem` }]
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
