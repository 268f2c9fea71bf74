import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import autopsyStyles from '~/components/autopsy/autopsy.css'
import { PRIVACY_PROMISE } from '~/components/autopsy/perspectives'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormError, SelectField, TextareaField } from '~/components/field'
import { canWritePerspective } from '~/domain/autopsy-lifecycle'
import { DISCIPLINE_LABELS } from '~/domain/disciplines'
import { isUuid } from '~/domain/ids'
import { STAGE_KEYS, STAGE_OPTIONS } from '~/domain/stages'
import { addPerspective, autopsyFailure, autopsyViewer, getAutopsy, listPerspectives } from '~/models/autopsies.server'
import { requireTeamRole } from '~/utils/auth.server'
import { readForm, text } from '~/utils/forms'
import { redirectWithFlash } from '~/utils/session.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: autopsyStyles }]

// Everyone who worked on it writes one; leaders read published autopsies only.
const WRITERS = ['member', 'facilitator'] as const
const PERSPECTIVE_MAX = 5000

async function requireScope(request: Request, params: { teamId?: string; autopsyId?: string }) {
  const guard = await requireTeamRole(request, params.teamId, WRITERS)
  if (!isUuid(params.autopsyId)) throw new Response('Autopsy not found.', { status: 404 })
  const viewer = autopsyViewer(guard)
  return { workspaceId: guard.user.workspaceId, teamId: guard.team.id, autopsyId: params.autopsyId, viewer }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request, params)
  const [found, perspectives] = await Promise.all([getAutopsy(scope), listPerspectives(scope)])
  if (!found || !perspectives) throw new Response('Autopsy not found.', { status: 404 })
  const { autopsy, feature } = found
  const open = canWritePerspective(autopsy.stage)
  return json({
    back: `/teams/${scope.teamId}/autopsies/${autopsy.id}`,
    feature: { name: feature.name, ask: feature.ask, problem: feature.problem },
    discipline: scope.viewer.discipline,
    open: open.ok ? null : open.message,
    // Only ever the viewer's own text: listPerspectives returns nothing else before the reveal.
    mine: perspectives.revealed ? null : perspectives.mine,
  })
}

const PerspectiveSchema = z.object({
  body: text('Your account', { min: 20, max: PERSPECTIVE_MAX }),
  originStage: z.union([z.enum(STAGE_KEYS), z.literal('')]).optional(),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request, params)
  const form = await readForm(request, PerspectiveSchema)
  if (!form.ok) return json(form, { status: 422 })
  try {
    await addPerspective({ ...scope, author: scope.viewer }, { body: form.data.body, originStage: form.data.originStage || null })
  } catch (error) {
    return autopsyFailure(error, { body: form.data.body, originStage: form.data.originStage ?? '' })
  }
  return redirectWithFlash(request, `/teams/${scope.teamId}/autopsies/${scope.autopsyId}#perspectives`, 'Your perspective is saved. Nobody can read it until the reveal.')
}

export default function WritePerspective() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = result && !result.ok ? result : null
  const values = failure?.values ?? { body: data.mine?.body ?? '', originStage: data.mine?.originStage ?? '' }
  return (
    <section aria-labelledby="perspective-h" style={{ maxWidth: 760 }}>
      <p className="small">
        <Link to={data.back}>← Back to the autopsy</Link>
      </p>
      <h2 id="perspective-h">Your perspective on “{data.feature.name}”</h2>
      <div className="sealed" role="note">
        <p style={{ marginTop: 0 }}>
          <strong>Private until the reveal.</strong> {PRIVACY_PROMISE}
        </p>
        <p style={{ marginBottom: 0 }} className="small">
          After the reveal your account shows your discipline{data.discipline ? ` (${DISCIPLINE_LABELS[data.discipline]})` : ''}, not your name, unless the
          facilitator chooses to show names.
        </p>
      </div>
      {data.open ? (
        <p className="alert" role="status">
          {data.open}
        </p>
      ) : !data.discipline ? (
        <p className="alert" role="status">
          Only members of this team write perspectives.
        </p>
      ) : (
        <Form method="post" className="stack card" style={{ marginTop: '1rem' }}>
          <FormError message={failure?.formError} />
          <p className="small muted" style={{ margin: 0 }}>
            Users asked for “{data.feature.ask}”. The problem, as logged: {data.feature.problem}
          </p>
          <TextareaField
            label="What happened, as you saw it"
            hint="What did you know, when? What did you expect, and what surprised you? Describe what happened, not who was to blame."
            name="body"
            defaultValue={values.body ?? ''}
            errors={failure?.errors.body}
            maxLength={PERSPECTIVE_MAX}
            rows={10}
          />
          <SelectField
            label="Where do you think the mismatch started?"
            hint="optional"
            name="originStage"
            defaultValue={values.originStage ?? ''}
            errors={failure?.errors.originStage}
            options={[{ value: '', label: 'Not sure' }, ...STAGE_OPTIONS]}
          />
          <div className="form-actions">
            <button type="submit">{data.mine ? 'Save changes' : 'Save my perspective'}</button>
            <span className="small muted">You can change it until the facilitator reveals all perspectives.</span>
          </div>
        </Form>
      )}
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Your perspective · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
