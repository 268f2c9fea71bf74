import type { LoaderFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { DISCIPLINE_LABELS } from '~/domain/disciplines'
import { Pager, readPage } from '~/components/pager'
import { MembershipChanges } from '~/components/people/membership-changes'
import { listMembershipEvents } from '~/models/membership-events.server'
import { listTeamMembers } from '~/models/team.server'
import { getWorkspaceById } from '~/models/workspace.server'
import { ANY_ROLE, requireTeamRole } from '~/utils/auth.server'
import { TableWrap } from '~/components/table-wrap'

const CHANGES_PAGE = 20

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user } = await requireTeamRole(request, params.teamId, ANY_ROLE)
  const page = readPage(request)
  const [members, changes, workspace] = await Promise.all([
    listTeamMembers(user.workspaceId, team.id),
    listMembershipEvents(user.workspaceId, team.id, { limit: CHANGES_PAGE, offset: (page - 1) * CHANGES_PAGE }),
    getWorkspaceById(user.workspaceId),
  ])
  return json({
    isAdmin: user.isAdmin,
    timeZone: workspace?.timeZone ?? 'UTC',
    changes: { ...changes, page, pages: Math.max(1, Math.ceil(changes.total / CHANGES_PAGE)) },
    // Members see names, disciplines and roles; emails are for admins.
    members: members.map((m) => ({ ...m, email: user.isAdmin ? m.email : null })),
  })
}

export default function TeamMembers() {
  const { members, isAdmin, changes, timeZone } = useLoaderData<typeof loader>()
  return (
    <>
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
          <TableWrap label="Team table">
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
          </TableWrap>
        )}
      </section>
      <section aria-labelledby="changes-h" id="changes">
        <h2 id="changes-h">Changes to who is on the team</h2>
        <p className="muted small">
          Everyone on the team sees who joined, left or changed discipline or role, when, and who made the change, so an account added to
          the team cannot go unnoticed by the people whose answers it sits beside.
        </p>
        <MembershipChanges events={changes.events} timeZone={timeZone} />
        <Pager page={changes.page} pages={changes.pages} />
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
