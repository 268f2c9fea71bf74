import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { audienceOf } from '~/domain/team-first'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CustomAction, Library } from '~/components/plan/add-actions'
import { PlanActions } from '~/components/plan/plan-actions'
import { PlanGatePanel } from '~/components/plan/gate'
import { PrintButton } from '~/components/plan/print-button'
import { Prompts } from '~/components/plan/prompts'
import { ACTION_STATUSES } from '~/domain/autopsy-lifecycle'
import { today as localToday } from '~/domain/calendar'
import { formatDate } from '~/domain/format'
import { isUuid } from '~/domain/ids'
import { DIMENSION_KEYS } from '~/domain/instrument'
import { getPractice } from '~/domain/practices'
import { refuse } from '~/domain/refusal'
import { ACTION_KINDS } from '~/domain/respect-gate'
import { getResultSettings } from '~/models/anonymity-settings.server'
import { addPlanAction, removePlanAction, setPlanActionStatus } from '~/models/plans/actions.server'
import { getPlanPage } from '~/models/plans/page.server'
import { PLAN_NOT_FOUND } from '~/models/plans/plans.server'
import planStyles from '~/styles/plan.css'
import { ANY_ROLE, requireTeamRole } from '~/utils/auth.server'
import { dayField, readForm, text } from '~/utils/forms'
import { formInvalid, invariantResponse, refusalResponse } from '~/utils/refusals.server'
import { redirectWithFlash } from '~/utils/session.server'
import { useFormResult } from '~/utils/use-form-result'
import type { loader as teamLoader } from './teams.$teamId'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: planStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, team, role } = await requireTeamRole(request, params.teamId, ANY_ROLE)
  invariantResponse(params.planId && isUuid(params.planId), PLAN_NOT_FOUND)
  const page = await getPlanPage({
    workspaceId: user.workspaceId,
    teamId: team.id,
    planId: params.planId,
    viewerId: user.id,
    audience: audienceOf(role),
  })
  invariantResponse(page, PLAN_NOT_FOUND)
  return json({ ...page, teamId: team.id, viewerId: user.id, facilitates: user.isAdmin || role === 'facilitator' })
}

const owner = z.string().refine(isUuid, 'Choose an owner from this team')
const dimension = z.enum(DIMENSION_KEYS, { error: 'Choose a dimension' })
const actionId = z.string().refine(isUuid, 'No such action in this plan.')

const ActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('adopt'),
    practiceKey: z.string().refine((key) => getPractice(key) !== undefined, 'Choose a practice from the library'),
    ownerId: owner,
    dueOn: dayField('Enter a due date'),
    targetDimension: dimension,
  }),
  z
    .object({
      intent: z.literal('custom'),
      kind: z.enum(ACTION_KINDS, { error: 'Choose respect or process' }),
      title: text('Describe the action'),
      targetDimension: z.enum(['', ...DIMENSION_KEYS], { error: 'Choose a dimension from the list' }).default(''),
      ownerId: owner,
      dueOn: dayField('Enter a due date'),
    })
    .refine((v) => v.kind === 'process' || v.targetDimension !== '', {
      path: ['targetDimension'],
      message: 'A respect action names the dimension it should move',
    }),
  z.object({ intent: z.literal('status'), actionId, status: z.enum(ACTION_STATUSES, { error: 'Choose a status' }) }),
  z.object({ intent: z.literal('remove'), actionId }),
])

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, team, role } = await requireTeamRole(request, params.teamId, ANY_ROLE)
  invariantResponse(params.planId && isUuid(params.planId), PLAN_NOT_FOUND)
  const facilitates = user.isAdmin || role === 'facilitator'
  const form = await readForm(request, ActionSchema)
  if (!form.ok) return formInvalid(form)
  const data = form.data
  const scope = { workspaceId: user.workspaceId, teamId: team.id, planId: params.planId, actor: { id: user.id, facilitates } }
  const here = `/teams/${team.id}/plans/${params.planId}`
  const values = 'dueOn' in data ? { ...data } : {}
  const told = (ownerId: string) => (ownerId === user.id ? '' : ' Its owner has been notified.')
  try {
    if (data.intent === 'status') {
      await setPlanActionStatus({ ...scope, actionId: data.actionId }, data.status)
      return redirectWithFlash(request, `${here}#action-${data.actionId}`, 'Status saved.')
    }
    if (!facilitates) refuse(403, 'Only a facilitator of this team changes the plan’s actions.')
    if (data.intent === 'remove') {
      await removePlanAction({ ...scope, actionId: data.actionId })
      return redirectWithFlash(request, `${here}#actions`, 'Action removed.')
    }
    const { timeZone } = await getResultSettings(user.workspaceId)
    if (data.dueOn < localToday(timeZone)) refuse(422, 'Choose a due date from today on.', { field: 'dueOn' })
    if (data.intent === 'adopt') {
      const practice = getPractice(data.practiceKey)
      invariantResponse(practice, 'Choose a practice from the library.', { status: 422 })
      const row = await addPlanAction(scope, {
        kind: 'respect',
        title: practice.title,
        targetDimension: data.targetDimension,
        practiceKey: practice.key,
        ownerId: data.ownerId,
        dueOn: data.dueOn,
      })
      return redirectWithFlash(request, `${here}#action-${row.id}`, `Adopted: ${practice.title}.${told(data.ownerId)}`)
    }
    const row = await addPlanAction(scope, {
      kind: data.kind,
      title: data.title,
      targetDimension: data.targetDimension === '' ? null : data.targetDimension,
      practiceKey: null,
      ownerId: data.ownerId,
      dueOn: data.dueOn,
    })
    return redirectWithFlash(request, `${here}#action-${row.id}`, `Action added.${told(data.ownerId)}`)
  } catch (error) {
    return refusalResponse(error, values)
  }
}

export default function RespectPlan() {
  const data = useLoaderData<typeof loader>()
  const failure = useFormResult()
  const adoptFailure = failure.values.intent === 'adopt' ? failure : null
  const customFailure = failure.values.intent === 'custom' ? failure : null
  return (
    <div className="plan">
      <div className="plan-head">
        <h2 id="plan-h">Respect plan</h2>
        <PrintButton />
      </div>
      <p className="muted">
        Opened {formatDate(data.plan.createdAt, data.timeZone)}
        {data.plan.createdByName ? ` by ${data.plan.createdByName}` : ''} from the round that closed {data.round?.closedOn ?? '—'}.{' '}
        <Link to={`/teams/${data.teamId}/pulse${data.round ? `?round=${data.round.id}` : ''}`} className="no-print">
          See that round’s results
        </Link>
      </p>
      {failure.formError ? (
        <p className="alert danger" role="alert">
          {failure.formError}
        </p>
      ) : null}
      <PlanGatePanel gate={data.gate} />
      <Prompts prompts={data.prompts.prompts} empty={data.prompts.empty} />
      <PlanActions items={data.actions} viewerId={data.viewerId} facilitates={data.facilitates} />
      {data.facilitates ? (
        <>
          <Library
            practices={data.practices}
            weakest={data.prompts.weakest}
            members={data.members}
            failure={adoptFailure}
            today={data.today}
          />
          <CustomAction
            members={data.members}
            failure={customFailure}
            dueOn={data.customDueOn}
            today={data.today}
            processFlag={data.gate.processFlag}
          />
        </>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction<typeof loader, { 'routes/teams.$teamId': typeof teamLoader }> = ({ matches }) => {
  const team = matches.find((m) => m.id === 'routes/teams.$teamId')?.data?.team
  return [{ title: `Respect plan${team ? ` · ${team.name}` : ''} · Tandem` }]
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={{ 404: () => <p>{PLAN_NOT_FOUND}</p> }} />
}
