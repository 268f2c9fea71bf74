import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import autopsyStyles from '~/components/autopsy/autopsy.css'
import { NOT_FOUND_HANDLERS } from '~/components/autopsy/not-found'
import { PRIVACY_PROMISE } from '~/components/autopsy/perspectives'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormError, SelectField, TextareaField } from '~/components/field'
import { AUTOPSY_NOT_FOUND, canWritePerspective } from '~/domain/autopsy-lifecycle'
import { DISCIPLINE_LABELS } from '~/domain/disciplines'
import { STAGE_KEYS, STAGE_OPTIONS } from '~/domain/stages'
import { addPerspective, listPerspectives } from '~/models/autopsies/perspectives.server'
import { getAutopsy } from '~/models/autopsies/reads.server'
import { readForm, text } from '~/utils/forms'
import { requireAutopsyScope, WRITERS } from '~/utils/guards/autopsy.server'
import { formInvalid, invariantResponse, refusalResponse } from '~/utils/refusals.server'
import { redirectWithFlash } from '~/utils/session.server'
import { useFormResult } from '~/utils/use-form-result'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: autopsyStyles }]

const PERSPECTIVE_MAX = 5000

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, scope } = await requireAutopsyScope(request, params, WRITERS)
  const [found, perspectives] = await Promise.all([getAutopsy({ ...scope, viewer }), listPerspectives({ ...scope, viewer })])
  invariantResponse(found && perspectives, AUTOPSY_NOT_FOUND)
  const { autopsy, feature } = found
  const open = canWritePerspective(autopsy.stage)
  return json({
    back: `/teams/${scope.teamId}/autopsies/${autopsy.id}`,
    feature: { name: feature.name, ask: feature.ask, problem: feature.problem },
    discipline: viewer.discipline,
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
  const { viewer, scope } = await requireAutopsyScope(request, params, WRITERS)
  const form = await readForm(request, PerspectiveSchema)
  if (!form.ok) return formInvalid(form)
  try {
    await addPerspective({ ...scope, author: viewer }, { body: form.data.body, originStage: form.data.originStage || null })
  } catch (error) {
    return refusalResponse(error, { body: form.data.body, originStage: form.data.originStage ?? '' })
  }
  return redirectWithFlash(
    request,
    `/teams/${scope.teamId}/autopsies/${scope.autopsyId}#perspectives`,
    'Your perspective is saved. Nobody can read it until the reveal.',
  )
}

export default function WritePerspective() {
  const data = useLoaderData<typeof loader>()
  const { failed, values: typed, errors, formError } = useFormResult()
  const values = failed ? typed : { body: data.mine?.body ?? '', originStage: data.mine?.originStage ?? '' }
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
          After the reveal your account shows your discipline{data.discipline ? ` (${DISCIPLINE_LABELS[data.discipline]})` : ''}, not your
          name, unless the facilitator chooses to show names.
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
          <FormError message={formError} />
          <p className="small muted" style={{ margin: 0 }}>
            Users asked for “{data.feature.ask}”. The problem, as logged: {data.feature.problem}
          </p>
          <TextareaField
            label="What happened, as you saw it"
            hint="What did you know, when? What did you expect, and what surprised you? Describe what happened, not who was to blame."
            name="body"
            defaultValue={values.body ?? ''}
            errors={errors.body}
            maxLength={PERSPECTIVE_MAX}
            rows={10}
          />
          <SelectField
            label="Where do you think the mismatch started?"
            hint="optional"
            name="originStage"
            defaultValue={values.originStage ?? ''}
            errors={errors.originStage}
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
  return <GeneralErrorBoundary statusHandlers={NOT_FOUND_HANDLERS} />
}
