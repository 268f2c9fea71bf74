import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import autopsyStyles from '~/components/autopsy/autopsy.css'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FeatureForm } from '~/components/features/feature-form'
import { FeatureFormSchema, featureToValues, toFeatureInput } from '~/components/features/schema'
import { CLASSIFICATION_LABELS } from '~/domain/classification'
import { isUuid } from '~/domain/ids'
import { getFeature, updateFeature } from '~/models/features.server'
import { requireTeamRole } from '~/utils/auth.server'
import { readForm } from '~/utils/forms'
import { redirectWithFlash } from '~/utils/session.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: autopsyStyles }]

const WRITERS = ['member', 'facilitator'] as const

async function requireFeature(request: Request, params: { teamId?: string; featureId?: string }) {
  const { team, user } = await requireTeamRole(request, params.teamId, WRITERS)
  const feature = isUuid(params.featureId) ? await getFeature({ workspaceId: user.workspaceId, teamId: team.id, featureId: params.featureId }) : null
  if (!feature) throw new Response('Feature not found.', { status: 404 })
  return { team, user, feature }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, feature } = await requireFeature(request, params)
  return json({ teamBase: `/teams/${team.id}`, featureId: feature.id, name: feature.name, values: featureToValues(feature) })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, user, feature } = await requireFeature(request, params)
  const form = await readForm(request, FeatureFormSchema)
  if (!form.ok) return json(form, { status: 422 })
  const saved = await updateFeature({ workspaceId: user.workspaceId, teamId: team.id, featureId: feature.id }, toFeatureInput(form.data))
  if (!saved) throw new Response('Feature not found.', { status: 404 })
  return redirectWithFlash(request, `/teams/${team.id}/features/${saved.id}`, `Saved. Classified as ${CLASSIFICATION_LABELS[saved.classification]}.`)
}

export default function EditFeature() {
  const { teamBase, featureId, name, values } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = result && !result.ok ? result : null
  return (
    <section aria-labelledby="edit-h" style={{ maxWidth: 760 }}>
      <h2 id="edit-h">Edit “{name}”</h2>
      {failure ? (
        <p className="alert danger" role="alert">
          Some answers need another look. Nothing was saved yet.
        </p>
      ) : null}
      <FeatureForm
        values={failure?.values ?? values}
        errors={failure?.errors ?? {}}
        formError={failure?.formError}
        submitLabel="Save changes"
        cancelTo={`${teamBase}/features/${featureId}`}
      />
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Edit feature · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
