import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import autopsyStyles from '~/components/autopsy/autopsy.css'
import { AutopsyBody, AutopsyHeader } from '~/components/autopsy/autopsy-page'
import { LifecyclePanel } from '~/components/autopsy/lifecycle-panel'
import { addDays } from '~/domain/calendar'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ACTION_STATUSES } from '~/domain/autopsy-lifecycle'
import { formatDateTime } from '~/domain/format'
import { isUuid } from '~/domain/ids'
import { ACTION_KINDS, OVERRIDE_MAX_LENGTH, RESPECT_SUGGESTIONS } from '~/domain/respect-gate'
import {
  addActionItem,
  autopsyFailure,
  autopsyViewer,
  getAutopsyDetail,
  publishAutopsy,
  removeActionItem,
  revealPerspectives,
  setActionStatus,
  setShowNames,
  startCollecting,
} from '~/models/autopsies.server'
import { listTeamMembers } from '~/models/team.server'
import { ANY_ROLE, requireTeamRole } from '~/utils/auth.server'
import { dayField, readForm, text } from '~/utils/forms'
import { redirectWithFlash } from '~/utils/session.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: autopsyStyles }]

async function requireAutopsyScope(request: Request, params: { teamId?: string; autopsyId?: string }) {
  const guard = await requireTeamRole(request, params.teamId, ANY_ROLE)
  if (!isUuid(params.autopsyId)) throw new Response('Autopsy not found.', { status: 404 })
  const viewer = autopsyViewer(guard)
  const scope = { workspaceId: guard.user.workspaceId, teamId: guard.team.id, autopsyId: params.autopsyId }
  return { guard, viewer, scope }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, scope } = await requireAutopsyScope(request, params)
  // Leaders asking for an unpublished autopsy get the same 404 as for a foreign id.
  const detail = await getAutopsyDetail({ ...scope, viewer })
  if (!detail) throw new Response('Autopsy not found.', { status: 404 })
  const { autopsy, feature, settings } = detail
  const manage = viewer.access === 'facilitate' && autopsy.stage !== 'published'
  const members = manage ? await listTeamMembers(scope.workspaceId, scope.teamId) : []
  // ?suggest=N prefills the add form with a respect suggestion: a plain link, so it works without JavaScript.
  const suggest = new URL(request.url).searchParams.get('suggest')
  const suggestion = suggest !== null && /^\d+$/.test(suggest) ? RESPECT_SUGGESTIONS[Number(suggest)] : undefined
  const when = (d: Date | null) => (d ? formatDateTime(d, settings.timeZone) : null)
  return json({
    teamBase: `/teams/${scope.teamId}`,
    viewer: { id: viewer.id, access: viewer.access, canWrite: viewer.discipline !== null && viewer.access !== 'read_published' },
    k: settings.anonymity.k,
    today: detail.today,
    autopsy: {
      id: autopsy.id,
      stage: autopsy.stage,
      askedFor: autopsy.askedFor,
      specified: autopsy.specified,
      built: autopsy.built,
      needed: autopsy.needed,
      failureOriginStage: autopsy.failureOriginStage,
      hindsightSolution: autopsy.hindsightSolution,
      hindsightDays: autopsy.hindsightDays,
      overrideReason: autopsy.overrideReason,
      overrideByName: detail.overrideByName,
      overrideAt: when(autopsy.overrideAt),
      revealedAt: when(autopsy.revealedAt),
      publishedAt: when(autopsy.publishedAt),
      publishedGateState: detail.publishedGateState,
    },
    feature: {
      id: feature.id,
      name: feature.name,
      classification: feature.classification,
      outcome: feature.outcome,
      startedOn: feature.startedOn,
      actualDays: feature.actualDays,
    },
    timeline: detail.timeline.map(({ workspaceId: _w, autopsyId: _a, ...s }) => s),
    factors: detail.factors,
    actions: detail.actions,
    earlierActions: detail.earlierActions,
    perspectives: detail.perspectives,
    snapshots: detail.snapshots,
    gate: detail.gate,
    blockers: detail.blockers,
    members: members.map((m) => ({ userId: m.userId, name: m.name, discipline: m.discipline })),
    addDefaults: { kind: suggestion ? 'respect' : '', title: suggestion ?? '', dueOn: addDays(detail.today, 14) },
  })
}

const uuid = z.string({ error: 'Unknown item' }).refine(isUuid, 'Unknown item')
const ActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('start-collecting') }),
  z.object({ intent: z.literal('reveal') }),
  z.object({ intent: z.literal('show-names'), show: z.enum(['yes', 'no']) }),
  z.object({
    intent: z.literal('publish'),
    overrideReason: z.string().trim().max(OVERRIDE_MAX_LENGTH, `The reason must be at most ${OVERRIDE_MAX_LENGTH} characters`).optional(),
  }),
  z.object({
    intent: z.literal('add-action'),
    kind: z.enum(ACTION_KINDS, { error: 'Choose respect or process' }),
    title: text('What will happen', { min: 3, max: 200 }),
    ownerId: z.string({ error: 'Choose an owner' }).refine(isUuid, 'Choose an owner from this team'),
    dueOn: dayField('Enter a due date'),
  }),
  z.object({ intent: z.literal('remove-action'), actionId: uuid }),
  z.object({ intent: z.literal('action-status'), actionId: uuid, status: z.enum(ACTION_STATUSES, { error: 'Choose a status' }) }),
])

export async function action({ request, params }: ActionFunctionArgs) {
  const { guard, viewer, scope } = await requireAutopsyScope(request, params)
  const form = await readForm(request, ActionSchema)
  if (!form.ok) return json(form, { status: 422 })
  const data = form.data
  // Owners update the status of their own items; everything else is the facilitator's.
  if (data.intent !== 'action-status' && viewer.access !== 'facilitate') {
    throw new Response('Only a facilitator of this team can do this.', { status: 403 })
  }
  const here = `/teams/${scope.teamId}/autopsies/${scope.autopsyId}`
  const actor = { ...scope, actorId: guard.user.id }
  const flash = (message: string, hash = '') => redirectWithFlash(request, here + hash, message)
  try {
    switch (data.intent) {
      case 'start-collecting':
        await startCollecting({ ...actor, href: `${here}/perspective` })
        return flash('Collecting perspectives. The team has been asked to write theirs.')
      case 'reveal':
        await revealPerspectives(actor)
        return flash('All perspectives are revealed.', '#perspectives')
      case 'show-names':
        await setShowNames(actor, data.show === 'yes')
        return flash(data.show === 'yes' ? 'Names are shown with each perspective.' : 'Names are hidden again.', '#perspectives')
      case 'publish':
        await publishAutopsy(actor, { overrideReason: data.overrideReason || null })
        return flash('Published. The autopsy is now read-only, except for the status of its action items.')
      case 'add-action':
        await addActionItem(scope, { kind: data.kind, title: data.title, ownerId: data.ownerId, dueOn: data.dueOn })
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
    return autopsyFailure(error, values)
  }
}

export default function AutopsyPage() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = result && !result.ok ? result : null
  const intent = failure?.values.intent
  const lifecycleFailure = intent === 'start-collecting' || intent === 'reveal' || intent === 'publish' ? failure : null
  return (
    <article className="autopsy" aria-labelledby="autopsy-h">
      <AutopsyHeader data={data} />
      {data.viewer.access === 'facilitate' ? (
        <LifecyclePanel
          stage={data.autopsy.stage}
          written={data.perspectives.revealed ? data.perspectives.items.length : data.perspectives.count}
          blockers={data.blockers}
          gate={data.gate}
          failure={lifecycleFailure}
          editHref={`${data.teamBase}/autopsies/${data.autopsy.id}/edit#edit-timeline-h`}
        />
      ) : null}
      <AutopsyBody data={data} failure={failure && !lifecycleFailure ? failure : null} />
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Autopsy: ${data?.feature.name ?? 'feature'} · Tandem` }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
