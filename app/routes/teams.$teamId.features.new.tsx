import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import autopsyStyles from '~/components/autopsy/autopsy.css'
import { NOT_FOUND_HANDLERS } from '~/components/autopsy/not-found'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FeatureForm } from '~/components/features/feature-form'
import { FeatureFormSchema, toFeatureInput } from '~/components/features/schema'
import { CLASSIFICATION_LABELS } from '~/domain/classification'
import { createFeature } from '~/models/features.server'
import { readForm } from '~/utils/forms'
import { requireTeamViewer, WRITERS } from '~/utils/guards/autopsy.server'
import { formInvalid } from '~/utils/refusals.server'
import { redirectWithFlash } from '~/utils/session.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: autopsyStyles }]

// Anyone who builds features logs them; leaders read the log.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireTeamViewer(request, params, WRITERS)
  return json({ teamBase: `/teams/${scope.teamId}` })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope } = await requireTeamViewer(request, params, WRITERS)
  const form = await readForm(request, FeatureFormSchema)
  if (!form.ok) return formInvalid(form)
  const feature = await createFeature({ ...scope, userId: user.id }, toFeatureInput(form.data))
  return redirectWithFlash(
    request,
    `/teams/${scope.teamId}/features/${feature.id}`,
    `Logged “${feature.name}”, classified as ${CLASSIFICATION_LABELS[feature.classification]}.`,
  )
}

const NEW_DEFAULTS = { specMode: 'count', plannedUnit: 'days', actualUnit: 'days' }

export default function NewFeature() {
  const { teamBase } = useLoaderData<typeof loader>()
  return (
    <section aria-labelledby="new-h" style={{ maxWidth: 760 }}>
      <h2 id="new-h">Log a feature</h2>
      <p className="muted">About two minutes. Rough numbers are fine: the log is for patterns, not precision.</p>
      <FeatureForm defaults={NEW_DEFAULTS} submitLabel="Save to the log" cancelTo={`${teamBase}/features`} />
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Log a feature · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={NOT_FOUND_HANDLERS} />
}
