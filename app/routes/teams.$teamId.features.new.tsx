import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import autopsyStyles from '~/components/autopsy/autopsy.css'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FeatureForm } from '~/components/features/feature-form'
import { FeatureFormSchema, toFeatureInput } from '~/components/features/schema'
import { CLASSIFICATION_LABELS } from '~/domain/classification'
import { createFeature } from '~/models/features.server'
import { requireTeamRole } from '~/utils/auth.server'
import { readForm } from '~/utils/forms'
import { redirectWithFlash } from '~/utils/session.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: autopsyStyles }]

// Anyone who builds features logs them; leaders read the log.
const WRITERS = ['member', 'facilitator'] as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team } = await requireTeamRole(request, params.teamId, WRITERS)
  return json({ teamBase: `/teams/${team.id}` })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, user } = await requireTeamRole(request, params.teamId, WRITERS)
  const form = await readForm(request, FeatureFormSchema)
  if (!form.ok) return json(form, { status: 422 })
  const feature = await createFeature({ workspaceId: user.workspaceId, teamId: team.id, userId: user.id }, toFeatureInput(form.data))
  return redirectWithFlash(
    request,
    `/teams/${team.id}/features/${feature.id}`,
    `Logged “${feature.name}”, classified as ${CLASSIFICATION_LABELS[feature.classification]}.`,
  )
}

const NEW_DEFAULTS = { specMode: 'count', plannedUnit: 'days', actualUnit: 'days' }

export default function NewFeature() {
  const { teamBase } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = result && !result.ok ? result : null
  return (
    <section aria-labelledby="new-h" style={{ maxWidth: 760 }}>
      <h2 id="new-h">Log a feature</h2>
      <p className="muted">About two minutes. Rough numbers are fine: the log is for patterns, not precision.</p>
      {failure ? (
        <p className="alert danger" role="alert">
          Some answers need another look. Nothing was saved yet.
        </p>
      ) : null}
      <FeatureForm
        values={failure?.values ?? NEW_DEFAULTS}
        errors={failure?.errors ?? {}}
        formError={failure?.formError}
        submitLabel="Save to the log"
        cancelTo={`${teamBase}/features`}
      />
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Log a feature · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
