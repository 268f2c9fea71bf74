import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { NavLink, Outlet, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ANY_ROLE, requireTeamRole } from '~/utils/auth.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, role, user } = await requireTeamRole(request, params.teamId, ANY_ROLE)
  return json({ team: { id: team.id, name: team.name }, role, isAdmin: user.isAdmin })
}

export default function TeamLayout() {
  const { team, role, isAdmin } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{team.name}</h1>
      <nav aria-label="Team" className="nav" style={{ padding: 0, marginBottom: '1rem' }}>
        <NavLink to={`/teams/${team.id}`} end>
          Members
        </NavLink>
        <NavLink to={`/teams/${team.id}/pulse`}>Pulse results</NavLink>
        <NavLink to={`/teams/${team.id}/rounds`}>Rounds</NavLink>
        <NavLink to={`/teams/${team.id}/features`}>Feature log</NavLink>
        <NavLink to={`/teams/${team.id}/autopsies`}>Autopsies</NavLink>
        <NavLink to={`/teams/${team.id}/plans`}>Respect plans</NavLink>
        {isAdmin || role === 'facilitator' ? <NavLink to={`/teams/${team.id}/channel`}>Channel</NavLink> : null}
      </nav>
      <Outlet />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.team.name ?? 'Team'} · Tandem` }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
