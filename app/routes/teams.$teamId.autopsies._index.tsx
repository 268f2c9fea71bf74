import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { AutopsyList } from '~/components/autopsy/autopsy-list'
import autopsyStyles from '~/components/autopsy/autopsy.css'
import { EmptyAutopsies } from '~/components/autopsy/empty-autopsies'
import { NOT_FOUND_HANDLERS } from '~/components/autopsy/not-found'
import { OpenActions } from '~/components/autopsy/open-actions'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { formatDay } from '~/domain/format'
import { SelectField } from '~/components/field'
import { Pager, readPage } from '~/components/pager'
import { AUTOPSY_STAGES, AUTOPSY_STAGE_LABELS } from '~/domain/autopsy-lifecycle'
import { CLASSIFICATIONS, CLASSIFICATION_LABELS, OUTCOMES } from '~/domain/classification'
import { FACTORS, FACTOR_KEYS } from '~/domain/factors'
import { STAGE_KEYS, STAGE_OPTIONS } from '~/domain/stages'
import { getResultSettings } from '~/models/anonymity-settings.server'
import { countAutopsiesByStage, listAutopsies, listOpenActions } from '~/models/autopsies/reads.server'
import { listFeaturesAwaitingAutopsy } from '~/models/features.server'
import { requireTeamViewer } from '~/utils/guards/autopsy.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: autopsyStyles }]

const PAGE_SIZE = 20

// Filters are a GET form, so a filtered list can be shared as a link. Unknown values are ignored.
const FilterSchema = z.object({
  stage: z.enum(AUTOPSY_STAGES).optional().catch(undefined),
  factor: z.enum(FACTOR_KEYS).optional().catch(undefined),
  outcome: z.enum(OUTCOMES).optional().catch(undefined),
  classification: z.enum(CLASSIFICATIONS).optional().catch(undefined),
  origin: z.enum(STAGE_KEYS).optional().catch(undefined),
})

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, scope } = await requireTeamViewer(request, params)
  const filters = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const page = readPage(request)
  const { timeZone } = await getResultSettings(scope.workspaceId)
  const [list, counts, openActions, awaiting] = await Promise.all([
    listAutopsies({ ...scope, viewer, timeZone }, filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    countAutopsiesByStage({ ...scope, viewer }),
    listOpenActions({ ...scope, timeZone, publishedOnly: viewer.access === 'read_published' }),
    viewer.access === 'facilitate' ? listFeaturesAwaitingAutopsy(scope) : Promise.resolve([]),
  ])
  return json({
    teamBase: `/teams/${scope.teamId}`,
    access: viewer.access,
    filters,
    filtered: Object.values(filters).some(Boolean),
    counts,
    any: Object.values(counts).some((n) => (n ?? 0) > 0),
    total: list.total,
    rows: list.rows,
    page,
    pages: Math.max(1, Math.ceil(list.total / PAGE_SIZE)),
    openActions,
    awaiting,
  })
}

export default function AutopsiesIndex() {
  const data = useLoaderData<typeof loader>()
  const f = data.filters
  return (
    <section aria-labelledby="autopsies-h">
      <div className="page-head">
        <h2 id="autopsies-h">Autopsies</h2>
      </div>
      {data.access === 'read_published' ? <p className="small muted">As a leader you see published autopsies.</p> : null}
      {data.awaiting.length ? (
        <div className="alert" role="note">
          <strong>Waiting for an autopsy:</strong> users said “This isn’t what we asked for” about{' '}
          {data.awaiting.map((a, i) => (
            <span key={a.id}>
              {i ? ', ' : ''}
              <Link to={`${data.teamBase}/features/${a.id}`}>{a.name}</Link> <span className="small muted">({formatDay(a.shippedOn)})</span>
            </span>
          ))}
          .
        </div>
      ) : null}
      {data.openActions.length ? <OpenActions items={data.openActions} teamBase={data.teamBase} /> : null}
      {!data.any ? (
        <EmptyAutopsies featuresHref={`${data.teamBase}/features`} canOpen={data.access === 'facilitate'} />
      ) : (
        <>
          <Form method="get" className="filters" aria-label="Filter autopsies">
            <SelectField
              label="Stage"
              name="stage"
              defaultValue={f.stage ?? ''}
              options={[
                { value: '', label: 'Any' },
                ...AUTOPSY_STAGES.filter((s) => data.access !== 'read_published' || s === 'published').map((s) => ({
                  value: s,
                  label: `${AUTOPSY_STAGE_LABELS[s]} (${data.counts[s] ?? 0})`,
                })),
              ]}
            />
            <SelectField
              label="Factor"
              name="factor"
              defaultValue={f.factor ?? ''}
              options={[{ value: '', label: 'Any' }, ...FACTORS.map((x) => ({ value: x.key, label: x.label }))]}
            />
            <SelectField
              label="Outcome"
              name="outcome"
              defaultValue={f.outcome ?? ''}
              options={[
                { value: '', label: 'Any' },
                { value: 'not_what_we_asked', label: '“Not what we asked for”' },
                { value: 'fine', label: 'Fine' },
              ]}
            />
            <SelectField
              label="Classification"
              name="classification"
              defaultValue={f.classification ?? ''}
              options={[{ value: '', label: 'Any' }, ...CLASSIFICATIONS.map((c) => ({ value: c, label: CLASSIFICATION_LABELS[c] }))]}
            />
            <SelectField
              label="Failure origin"
              name="origin"
              defaultValue={f.origin ?? ''}
              options={[{ value: '', label: 'Any' }, ...STAGE_OPTIONS]}
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
                No autopsies match these filters. <Link to=".">Show all</Link>
              </p>
            </div>
          ) : (
            <>
              <p className="small muted" role="status">
                {data.total} {data.total === 1 ? 'autopsy' : 'autopsies'}
                {data.filtered ? ' match' : ''}, newest first.
              </p>
              <AutopsyList rows={data.rows} teamBase={data.teamBase} />
            </>
          )}
          <Pager page={data.page} pages={data.pages} />
        </>
      )}
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Autopsies · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={NOT_FOUND_HANDLERS} />
}
