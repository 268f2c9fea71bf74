import type { LoaderFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { DISCIPLINE_LABELS } from '~/domain/disciplines'
import { listTeamMembers } from '~/models/team.server'
import { ANY_ROLE, requireTeamRole } from '~/utils/auth.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user } = await requireTeamRole(request, params.teamId, ANY_ROLE)
  const members = await listTeamMembers(user.workspaceId, team.id)
  return json({
    isAdmin: user.isAdmin,
    // Members see names, disciplines and roles; emails are for admins.
    members: members.map((m) => ({ ...m, email: user.isAdmin ? m.email : null })),
  })
}

export default function TeamMembers() {
  const { members, isAdmin } = useLoaderData<typeof loader>()
  return (
    <section aria-labelledby="members-h">
      <h2 id="members-h">Members ({members.length})</h2>
      {members.length === 0 ? (
        <div className="empty">
          <p>
            Nobody is on this team yet.{' '}
            {isAdmin ? <Link to="/admin/people">Invite people from the People page.</Link> : 'An admin can invite people.'}
          </p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Discipline</th>
                <th scope="col">Role</th>
                {isAdmin ? <th scope="col">Email</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.membershipId}>
                  <td>{m.name}</td>
                  <td>{DISCIPLINE_LABELS[m.discipline]}</td>
                  <td>{m.role}</td>
                  {isAdmin ? <td>{m.email}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
