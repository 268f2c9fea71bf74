import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import autopsyStyles from '~/components/autopsy/autopsy.css'
import { NOT_FOUND_HANDLERS } from '~/components/autopsy/not-found'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ClassificationNote } from '~/components/features/classification-badge'
import { FeatureRecord } from '~/components/features/feature-record'
import { OutcomeTag } from '~/components/features/outcome-tag'
import { FormError } from '~/components/field'
import { AUTOPSY_STAGE_LABELS } from '~/domain/autopsy-lifecycle'
import { classify } from '~/domain/classification'
import { FEATURE_NOT_FOUND } from '~/domain/feature-record'
import { openAutopsy } from '~/models/autopsies/lifecycle.server'
import { getFeature } from '~/models/features.server'
import { FACILITATOR } from '~/utils/auth.server'
import { readForm } from '~/utils/forms'
import { requireFeatureScope } from '~/utils/guards/autopsy.server'
import { formInvalid, invariantResponse, refusalResponse } from '~/utils/refusals.server'
import { redirectWithFlash } from '~/utils/session.server'
import { useFormResult } from '~/utils/use-form-result'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: autopsyStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, scope } = await requireFeatureScope(request, params)
  const feature = await getFeature({ ...scope, publishedAutopsiesOnly: viewer.access === 'read_published' })
  invariantResponse(feature, FEATURE_NOT_FOUND)
  const { specText, ...rest } = feature
  return json({
    teamBase: `/teams/${scope.teamId}`,
    feature: { ...rest, specPasted: specText !== null },
    verdict: classify(feature),
    canEdit: viewer.access !== 'read_published',
    canOpenAutopsy: viewer.access === 'facilitate',
  })
}

const ActionSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('open-autopsy') })])

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope } = await requireFeatureScope(request, params, FACILITATOR)
  const form = await readForm(request, ActionSchema)
  if (!form.ok) return formInvalid(form)
  try {
    const autopsy = await openAutopsy({ ...scope, actorId: user.id })
    return redirectWithFlash(
      request,
      `/teams/${scope.teamId}/autopsies/${autopsy.id}`,
      'Autopsy opened as a draft. Fill in what you know, then ask everyone for their perspective.',
    )
  } catch (error) {
    return refusalResponse(error, { intent: 'open-autopsy' })
  }
}

export default function FeaturePage() {
  const { feature, verdict, teamBase, canEdit, canOpenAutopsy } = useLoaderData<typeof loader>()
  const { formError } = useFormResult()
  const missed = feature.outcome === 'not_what_we_asked'
  return (
    <article aria-labelledby="feature-h">
      <p className="small">
        <Link to={`${teamBase}/features`}>← Feature log</Link>
      </p>
      <div className="page-head">
        <h2 id="feature-h">{feature.name}</h2>
        <div className="actions">
          <OutcomeTag outcome={feature.outcome} />
          {canEdit ? (
            <Link className="button secondary" to={`${teamBase}/features/${feature.id}/edit`}>
              Edit record
            </Link>
          ) : null}
        </div>
      </div>
      <FormError message={formError} />
      <ClassificationNote classification={verdict.classification} reason={verdict.reason} caveats={verdict.caveats} />
      {feature.autopsy ? (
        <p className="alert" role="note">
          <strong>Autopsy ({AUTOPSY_STAGE_LABELS[feature.autopsy.stage].toLowerCase()}).</strong>{' '}
          <Link to={`${teamBase}/autopsies/${feature.autopsy.id}`}>Open the autopsy</Link>
        </p>
      ) : missed ? (
        <section className="alert" aria-labelledby="invite-h">
          <h3 id="invite-h" style={{ marginTop: 0 }}>
            Users said “This isn’t what we asked for”
          </h3>
          <p>
            An autopsy finds where the mismatch started, hears each person privately before anyone compares notes, and ends with actions:
            respect first when the team’s pulse shows a deficit.
          </p>
          {canOpenAutopsy ? (
            <Form method="post">
              <button type="submit" name="intent" value="open-autopsy">
                Open an autopsy
              </button>
            </Form>
          ) : (
            <p className="small muted" style={{ marginBottom: 0 }}>
              A facilitator of this team opens autopsies.
            </p>
          )}
        </section>
      ) : canOpenAutopsy ? (
        <Form method="post" className="small">
          <span className="muted">Users were fine with it, but something still went wrong? </span>
          <button type="submit" name="intent" value="open-autopsy" className="link-button">
            Open an autopsy anyway
          </button>
        </Form>
      ) : null}
      <h3>The record</h3>
      <FeatureRecord feature={feature} />
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.feature.name ?? 'Feature'} · Tandem` }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={NOT_FOUND_HANDLERS} />
}
