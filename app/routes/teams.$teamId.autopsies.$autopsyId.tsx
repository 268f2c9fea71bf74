import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import autopsyStyles from '~/components/autopsy/autopsy.css'
import { AutopsyBody, AutopsyHeader } from '~/components/autopsy/autopsy-page'
import { LifecyclePanel } from '~/components/autopsy/lifecycle-panel'
import { NOT_FOUND_HANDLERS } from '~/components/autopsy/not-found'
import { RequestsPanel } from '~/components/autopsy/requests-panel'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ACTION_STATUSES } from '~/domain/autopsy-lifecycle'
import { autopsyPageView, respectSuggestion } from '~/domain/autopsy-page'
import { isUuid } from '~/domain/ids'
import { ACTION_KINDS, OVERRIDE_MAX_LENGTH } from '~/domain/respect-gate'
import { publishAutopsy, revealPerspectives, startCollecting } from '~/models/autopsies/lifecycle.server'
import { setShowNames } from '~/models/autopsies/perspectives.server'
import { getAutopsyDetail } from '~/models/autopsies/reads.server'
import { addRequest, listRequests, removeRequest } from '~/models/autopsies/requests.server'
import { DIMENSION_KEYS } from '~/domain/instrument'
import { addActionItem, removeActionItem, setActionStatus } from '~/models/autopsies/sections.server'
import { listTeamMembers } from '~/models/team.server'
import { dayField, readForm, text } from '~/utils/forms'
import { requireAutopsyScope } from '~/utils/guards/autopsy.server'
import { formInvalid, invariantResponse, refusalResponse } from '~/utils/refusals.server'
import { redirectWithFlash } from '~/utils/session.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: autopsyStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, scope } = await requireAutopsyScope(request, params)
  // Leaders asking for an unpublished autopsy get the same 404 as for a foreign id.
  const detail = await getAutopsyDetail({ ...scope, viewer })
  invariantResponse(detail, 'Autopsy not found.')
  const manage = viewer.access === 'facilitate' && detail.autopsy.stage !== 'published'
  const asking = manage && (detail.autopsy.stage === 'draft' || detail.autopsy.stage === 'collecting')
  const [members, requests] = await Promise.all([
    manage ? listTeamMembers(scope.workspaceId, scope.teamId) : [],
    asking ? listRequests(scope) : null,
  ])
  const search = new URL(request.url).searchParams
  const suggestion = respectSuggestion(search.get('suggest'))
  return json({
    ...autopsyPageView(detail, { teamBase: `/teams/${scope.teamId}`, viewer, members, suggestion }),
    requests,
    confirmReveal: search.get('confirm') === 'reveal',
  })
}

const uuid = z.string({ error: 'Unknown item' }).refine(isUuid, 'Unknown item')
const ActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('start-collecting') }),
  z.object({
    intent: z.literal('reveal'),
    // How many had written when the facilitator confirmed; without it the reveal is refused.
    written: z
      .string()
      .regex(/^\d{1,6}$/, 'Confirm the reveal again')
      .transform(Number)
      .optional(),
  }),
  z.object({
    intent: z.literal('request-add'),
    userId: z.string({ error: 'Choose someone' }).refine(isUuid, 'Choose someone on this team'),
  }),
  z.object({ intent: z.literal('request-remove'), userId: uuid }),
  z.object({ intent: z.literal('show-names'), show: z.enum(['yes', 'no']) }),
  z.object({
    intent: z.literal('publish'),
    overrideReason: z.string().trim().max(OVERRIDE_MAX_LENGTH, `The reason must be at most ${OVERRIDE_MAX_LENGTH} characters`).optional(),
  }),
  z.object({
    intent: z.literal('add-action'),
    kind: z.enum(ACTION_KINDS, { error: 'Choose respect or process' }),
    title: text('What will happen', { min: 3, max: 200 }),
    // Empty: the effect is read on the Respect Index as a whole.
    targetDimension: z.enum(['', ...DIMENSION_KEYS], { error: 'Choose a dimension from the list' }).default(''),
    ownerId: z.string({ error: 'Choose an owner' }).refine(isUuid, 'Choose an owner from this team'),
    dueOn: dayField('Enter a due date'),
  }),
  z.object({ intent: z.literal('remove-action'), actionId: uuid }),
  z.object({ intent: z.literal('action-status'), actionId: uuid, status: z.enum(ACTION_STATUSES, { error: 'Choose a status' }) }),
])

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, viewer, scope } = await requireAutopsyScope(request, params)
  const form = await readForm(request, ActionSchema)
  if (!form.ok) return formInvalid(form)
  const data = form.data
  // Owners update the status of their own items; everything else is the facilitator's.
  invariantResponse(data.intent === 'action-status' || viewer.access === 'facilitate', 'Only a facilitator of this team can do this.', {
    status: 403,
  })
  const here = `/teams/${scope.teamId}/autopsies/${scope.autopsyId}`
  const actor = { ...scope, actorId: user.id }
  const flash = (message: string, hash = '') => redirectWithFlash(request, here + hash, message)
  try {
    switch (data.intent) {
      case 'start-collecting':
        await startCollecting({ ...actor, href: `${here}/perspective` })
        return flash('Collecting perspectives. The team has been asked to write theirs.')
      case 'reveal':
        await revealPerspectives({ ...actor, confirmedWritten: data.written ?? null })
        return flash('All perspectives are revealed.', '#perspectives')
      case 'request-add':
        await addRequest({ ...actor, userId: data.userId, href: `${here}/perspective` })
        return flash('Asked. They have been notified if perspectives are being collected.', '#asked-h')
      case 'request-remove':
        await removeRequest({ ...actor, userId: data.userId })
        return flash('No longer asked.', '#asked-h')
      case 'show-names':
        await setShowNames(actor, data.show === 'yes')
        return flash(data.show === 'yes' ? 'Names are shown with each perspective.' : 'Names are hidden again.', '#perspectives')
      case 'publish':
        await publishAutopsy(actor, { overrideReason: data.overrideReason || null })
        return flash('Published. The autopsy is now read-only, except for the status of its action items.')
      case 'add-action':
        await addActionItem(actor, {
          kind: data.kind,
          title: data.title,
          targetDimension: data.targetDimension === '' ? null : data.targetDimension,
          ownerId: data.ownerId,
          dueOn: data.dueOn,
        })
        return flash('Action item added.', '#actions')
      case 'remove-action':
        await removeActionItem(scope, data.actionId)
        return flash('Action item removed.', '#actions')
      case 'action-status':
        await setActionStatus({ ...scope, actionId: data.actionId, actor: viewer }, data.status)
        return flash('Status saved.', '#actions')
    }
  } catch (error) {
    const values: Record<string, string> = {}
    for (const [key, value] of Object.entries(data)) values[key] = String(value ?? '')
    return refusalResponse(error, values)
  }
}

export default function AutopsyPage() {
  const data = useLoaderData<typeof loader>()
  return (
    <article className="autopsy" aria-labelledby="autopsy-h">
      <AutopsyHeader data={data} />
      {data.viewer.access === 'facilitate' ? (
        <LifecyclePanel
          stage={data.autopsy.stage}
          written={data.requests?.count.written ?? 0}
          requested={data.requests?.count.requested ?? 0}
          confirmReveal={data.confirmReveal}
          blockers={data.blockers}
          gate={data.gate}
          editHref={`${data.teamBase}/autopsies/${data.autopsy.id}/edit#edit-timeline-h`}
          pageHref={`${data.teamBase}/autopsies/${data.autopsy.id}`}
        />
      ) : null}
      {data.requests ? <RequestsPanel requests={data.requests} collecting={data.autopsy.stage === 'collecting'} /> : null}
      <AutopsyBody data={data} />
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Autopsy: ${data?.feature.name ?? 'feature'} · Tandem` }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={NOT_FOUND_HANDLERS} />
}
