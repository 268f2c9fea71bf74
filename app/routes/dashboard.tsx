import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData, useNavigation } from '@remix-run/react'
import { EffectsSection } from '~/components/dashboard/effects-section'
import { FailuresSection } from '~/components/dashboard/failures-section'
import { FilterForm } from '~/components/dashboard/filter-form'
import { HeatmapSection } from '~/components/dashboard/heatmap-section'
import { IndicatorsSection } from '~/components/dashboard/indicators-section'
import { RespectFirstSection } from '~/components/dashboard/respect-first-section'
import { RespectSection } from '~/components/dashboard/respect-section'
import { ScatterSection } from '~/components/dashboard/scatter-section'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { filterValues, parseDashboardFilters } from '~/domain/dashboard/filters'
import { DISCIPLINE_LABELS } from '~/domain/disciplines'
import { formatDay } from '~/domain/format'
import { getDashboardPage } from '~/models/dashboard/dashboard.server'
import dashboardStyles from '~/styles/dashboard.css'
import trendStyles from '~/styles/trends.css'
import { requireDashboardScope } from '~/utils/guards/dashboard.server'
import { throwRefusal } from '~/utils/refusals.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: dashboardStyles },
  { rel: 'stylesheet', href: trendStyles },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requireDashboardScope(request)

  const parsed = parseDashboardFilters(new URL(request.url).searchParams, scope.today)
  if (!parsed.ok) return json({ teams: scope.teams, values: parsed.values, errors: parsed.errors, dashboard: null }, { status: 422 })
  // A team the viewer does not lead reads as unknown (404): no number about it is computed.
  const dashboard = await getDashboardPage({ viewer: user, filters: parsed.filters, scope }).catch(throwRefusal)
  return json({ teams: scope.teams, values: filterValues(dashboard.filters), errors: {}, dashboard })
}

const SECTIONS = [
  { id: 'respect', label: 'Respect over time' },
  { id: 'heatmap', label: 'Where teams stand' },
  { id: 'failures', label: 'Where features fail' },
  { id: 'indicators', label: 'Leading indicators' },
  { id: 'respect-vs-failure', label: 'Respect against failure' },
  { id: 'respect-first', label: 'Respect first' },
  { id: 'effects', label: 'Did it work?' },
] as const

export default function DashboardPage() {
  const { teams, values, errors, dashboard } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const updating = navigation.state === 'loading' && navigation.location.pathname === '/dashboard'
  return (
    <div className="dashboard" aria-busy={updating || undefined}>
      <h1>Dashboard</h1>
      <p className="lede">
        How the teams you {teams.length === 1 ? 'lead is' : 'lead are'} doing at mutual respect, where features go wrong, and the numbers
        that move first. Small groups are never shown: <Link to="/anonymity">how anonymity works</Link>.
      </p>
      <FilterForm teams={teams} values={values} errors={errors} />
      {updating ? (
        <p className="dash-updating" role="status">
          Updating the charts…
        </p>
      ) : null}
      {!dashboard ? (
        <p className="alert danger" role="alert">
          These filters cannot be shown: {Object.values(errors).flat()[0] ?? 'check the values above'}. Fix them above and press Show.
        </p>
      ) : (
        <>
          <p className="small muted" role="status">
            {dashboard.teamCount === teams.length ? `All ${teams.length} of your teams` : `${dashboard.teamCount} of ${teams.length} teams`}
            , {formatDay(dashboard.filters.from)} to {formatDay(dashboard.filters.to)}
            {dashboard.filters.discipline ? `, ${DISCIPLINE_LABELS[dashboard.filters.discipline].toLowerCase()} answers only` : ''}, per{' '}
            {dashboard.filters.period}. Anonymity threshold: {dashboard.k} responses.
          </p>
          <nav aria-label="Sections" className="dash-toc">
            <ol>
              {SECTIONS.map((s) => (
                <li key={s.id}>
                  <a href={`#${s.id}`}>{s.label}</a>
                </li>
              ))}
            </ol>
          </nav>
          <RespectSection data={dashboard} />
          <HeatmapSection data={dashboard} />
          <FailuresSection data={dashboard} />
          <IndicatorsSection data={dashboard} />
          <ScatterSection data={dashboard} />
          <RespectFirstSection data={dashboard} />
          <EffectsSection data={dashboard} />
        </>
      )}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Dashboard · Tandem' }]

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <p>
            This link asks for a team that is not on your dashboard. <Link to="/dashboard">Open the dashboard for all your teams</Link>.
          </p>
        ),
      }}
    />
  )
}
