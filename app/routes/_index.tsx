import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { DISCIPLINE_LABELS } from '~/domain/disciplines'
import { formatDateTime } from '~/domain/format'
import { listNotifications } from '~/models/notification.server'
import { listPendingPulses } from '~/models/pulse/answering.server'
import { getUserMemberships } from '~/models/user.server'
import { getWorkspaceById, isOnboarded } from '~/models/workspace.server'
import { getUser } from '~/utils/auth.server'
import { invariantResponse } from '~/utils/refusals.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  if (!user) throw redirect((await isOnboarded()) ? '/login' : '/onboarding')
  // The viewer's own workspace: an installation may hold several.
  const [teams, notes, pending, own] = await Promise.all([
    getUserMemberships(user.workspaceId, user.id),
    listNotifications(user.workspaceId, user.id, { limit: 5 }),
    listPendingPulses(user),
    getWorkspaceById(user.workspaceId),
  ])
  invariantResponse(own, 'Workspace not found.')
  return json({
    name: user.name,
    isAdmin: user.isAdmin,
    workspaceName: own?.name ?? '',
    teams,
    pending: pending.map((p) => ({ roundId: p.roundId, teamName: p.teamName, closes: formatDateTime(p.closesAt, own?.timeZone ?? 'UTC') })),
    notifications: notes.items.map((n) => ({ id: n.id, message: n.message, href: n.href, unread: n.unread })),
  })
}

export default function Home() {
  const data = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Hello, {data.name}</h1>
      <p className="muted">{data.workspaceName}</p>
      {data.pending.map((p) => (
        <div key={p.roundId} className="alert" role="status">
          <strong>You have a pulse to answer</strong> for {p.teamName}. It takes under a minute and is anonymous.{' '}
          <Link to={`/pulse/${p.roundId}`}>Answer the {p.teamName} pulse</Link> <span className="muted small">(open until {p.closes})</span>
        </div>
      ))}
      <section aria-labelledby="teams-h">
        <h2 id="teams-h">Your teams</h2>
        {data.teams.length === 0 ? (
          <div className="empty">
            {data.isAdmin ? (
              <p>
                You are not on a team yet. <Link to="/teams">Create a team</Link> and invite product and engineering people to it.
              </p>
            ) : (
              <p>You are not on a team yet. Ask a workspace admin to add you.</p>
            )}
          </div>
        ) : (
          <ul>
            {data.teams.map((t) => (
              <li key={t.teamId}>
                <Link to={`/teams/${t.teamId}`}>{t.teamName}</Link>{' '}
                <span className="muted small">
                  {DISCIPLINE_LABELS[t.discipline]} · {t.role}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {data.notifications.length ? (
        <section aria-labelledby="notes-h">
          <h2 id="notes-h">Recent notifications</h2>
          <ul>
            {data.notifications.map((n) => (
              <li key={n.id}>{n.href ? <Link to={n.href}>{n.message}</Link> : n.message}</li>
            ))}
          </ul>
          <Link to="/notifications">All notifications</Link>
        </section>
      ) : null}
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Home · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
