import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import autopsyStyles from '~/components/autopsy/autopsy.css'
import { NOT_FOUND_HANDLERS } from '~/components/autopsy/not-found'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { EmptyFeatureLog } from '~/components/features/empty-log'
import { FeatureSummary } from '~/components/features/feature-summary'
import { FeatureTable } from '~/components/features/feature-table'
import { SelectField } from '~/components/field'
import { Pager, readPage } from '~/components/pager'
import { CLASSIFICATIONS, CLASSIFICATION_LABELS, CLASSIFICATION_RULE, OUTCOMES, SHIPPED_AS } from '~/domain/classification'
import { featureSummary, listFeatures } from '~/models/features.server'
import { requireTeamViewer } from '~/utils/guards/autopsy.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: autopsyStyles }]

const PAGE_SIZE = 25

// Filters live in the URL; an unknown value is ignored rather than an error.
const FilterSchema = z.object({
  classification: z.enum(CLASSIFICATIONS).optional().catch(undefined),
  outcome: z.enum(OUTCOMES).optional().catch(undefined),
  shippedAs: z.enum(SHIPPED_AS).optional().catch(undefined),
})

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, scope } = await requireTeamViewer(request, params)
  const search = new URL(request.url).searchParams
  const filters = FilterSchema.parse(Object.fromEntries(search))
  const page = readPage(request)
  const [{ total, rows }, summary] = await Promise.all([
    listFeatures({ ...scope, publishedAutopsiesOnly: viewer.access === 'read_published' }, filters, {
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
    featureSummary(scope),
  ])
  return json({
    teamBase: `/teams/${scope.teamId}`,
    canWrite: viewer.access !== 'read_published',
    canImport: viewer.access === 'facilitate',
    filters,
    filtered: Object.values(filters).some(Boolean),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    rows,
    summary,
  })
}

export default function FeatureLog() {
  const data = useLoaderData<typeof loader>()
  const newHref = `${data.teamBase}/features/new`
  return (
    <section aria-labelledby="log-h">
      <div className="page-head">
        <h2 id="log-h">Feature log</h2>
        {(data.canWrite && data.summary.total > 0) || data.canImport ? (
          <div className="actions">
            {data.canImport ? (
              <Link className="button secondary" to={`${data.teamBase}/features/import`}>
                Import from Jira, Linear or GitHub
              </Link>
            ) : null}
            {data.canWrite && data.summary.total > 0 ? (
              <Link className="button" to={newHref}>
                Log a feature
              </Link>
            ) : null}
          </div>
        ) : null}
      </div>
      {data.summary.total === 0 ? (
        <EmptyFeatureLog newHref={newHref} canWrite={data.canWrite} />
      ) : (
        <>
          <FeatureSummary summary={data.summary} />
          <p className="rule">
            <strong>Collaboration or handoff:</strong> {CLASSIFICATION_RULE}
          </p>
          <Form method="get" className="filters" aria-label="Filter features">
            <SelectField
              label="Classification"
              name="classification"
              defaultValue={data.filters.classification ?? ''}
              options={[{ value: '', label: 'Any' }, ...CLASSIFICATIONS.map((c) => ({ value: c, label: CLASSIFICATION_LABELS[c] }))]}
            />
            <SelectField
              label="Outcome"
              name="outcome"
              defaultValue={data.filters.outcome ?? ''}
              options={[
                { value: '', label: 'Any' },
                { value: 'not_what_we_asked', label: '“Not what we asked for”' },
                { value: 'fine', label: 'Fine' },
              ]}
            />
            <SelectField
              label="Shipped"
              name="shippedAs"
              defaultValue={data.filters.shippedAs ?? ''}
              options={[
                { value: '', label: 'Any' },
                { value: 'as_planned', label: 'As planned' },
                { value: 'differently', label: 'Differently' },
              ]}
            />
            <div className="buttons">
              <button type="submit" className="secondary">
                Filter
              </button>
              {data.filtered ? <Link to=".">Clear</Link> : null}
            </div>
          </Form>
          {data.rows.length === 0 ? (
            <div className="empty">
              <p>
                No features match these filters. <Link to=".">Show all {data.summary.total}</Link>
              </p>
            </div>
          ) : (
            <>
              <p className="small muted" role="status">
                {data.total} {data.total === 1 ? 'feature' : 'features'}
                {data.filtered ? ' match' : ''}, newest first.
              </p>
              <FeatureTable rows={data.rows} teamBase={data.teamBase} />
            </>
          )}
          <Pager page={data.page} pages={data.pages} />
        </>
      )}
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Feature log · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={NOT_FOUND_HANDLERS} />
}
