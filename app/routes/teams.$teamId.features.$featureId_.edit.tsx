import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import autopsyStyles from '~/components/autopsy/autopsy.css'
import { NOT_FOUND_HANDLERS } from '~/components/autopsy/not-found'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FeatureForm } from '~/components/features/feature-form'
import { FeatureFormSchema, featureToValues, toFeatureInput } from '~/components/features/schema'
import { CLASSIFICATION_LABELS } from '~/domain/classification'
import { derivedStageNote } from '~/domain/feature-import'
import { FEATURE_NOT_FOUND } from '~/domain/feature-record'
import { getFeature, updateFeature } from '~/models/features.server'
import { readForm } from '~/utils/forms'
import { requireFeatureScope, WRITERS } from '~/utils/guards/autopsy.server'
import { formInvalid, invariantResponse, throwRefusal } from '~/utils/refusals.server'
import { redirectWithFlash } from '~/utils/session.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: autopsyStyles }]

async function requireFeature(request: Request, params: { teamId?: string; featureId?: string }) {
  const { scope } = await requireFeatureScope(request, params, WRITERS)
  const feature = await getFeature(scope)
  invariantResponse(feature, FEATURE_NOT_FOUND)
  return { scope, feature }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, feature } = await requireFeature(request, params)
  return json({
    teamBase: `/teams/${scope.teamId}`,
    featureId: feature.id,
    name: feature.name,
    values: featureToValues(feature),
    stageNote: derivedStageNote(feature),
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireFeature(request, params)
  const form = await readForm(request, FeatureFormSchema)
  if (!form.ok) return formInvalid(form)
  // The one refusal here is a feature that went missing since the guard read it: a 404.
  const saved = await updateFeature(scope, toFeatureInput(form.data)).catch(throwRefusal)
  return redirectWithFlash(
    request,
    `/teams/${scope.teamId}/features/${saved.id}`,
    `Saved. Classified as ${CLASSIFICATION_LABELS[saved.classification]}.`,
  )
}

export default function EditFeature() {
  const { teamBase, featureId, name, values, stageNote } = useLoaderData<typeof loader>()
  return (
    <section aria-labelledby="edit-h" style={{ maxWidth: 760 }}>
      <h2 id="edit-h">Edit “{name}”</h2>
      <FeatureForm defaults={values} submitLabel="Save changes" cancelTo={`${teamBase}/features/${featureId}`} stageNote={stageNote} />
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Edit feature · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={NOT_FOUND_HANDLERS} />
}
