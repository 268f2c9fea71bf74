import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Pager, readPage } from '~/components/pager'
import { formatDateTime } from '~/domain/format'
import { listNotifications, markAllRead } from '~/models/notification.server'
import { getWorkspaceById } from '~/models/workspace.server'
import { requireUser } from '~/utils/auth.server'
import { noFields, readForm } from '~/utils/forms'

const PAGE_SIZE = 20

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const page = readPage(request)
  const [{ total, items }, workspace] = await Promise.all([
    listNotifications(user.workspaceId, user.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    getWorkspaceById(user.workspaceId),
  ])
  const timeZone = workspace?.timeZone ?? 'UTC'
  return json({
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    items: items.map((n) => ({ id: n.id, message: n.message, href: n.href, unread: n.unread, at: formatDateTime(n.createdAt, timeZone) })),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await readForm(request, noFields)
  if (!form.ok) return json(form, { status: 422 })
  await markAllRead(user.workspaceId, user.id)
  return redirect('/notifications')
}

export default function Notifications() {
  const { items, page, pages } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Notifications</h1>
      {items.length === 0 ? (
        <div className="empty">
          <p>
            Nothing yet. You will be told here when a pulse opens for one of your teams, when its results are ready, and when an autopsy or
            an action item needs you. <Link to="/account#notices">Choose which also come by mail.</Link>
          </p>
        </div>
      ) : (
        <>
          <Form method="post">
            <button type="submit" className="secondary">
              Mark all as read
            </button>
          </Form>
          <ul>
            {items.map((n) => (
              <li key={n.id}>
                {n.unread ? <strong>New: </strong> : null}
                {n.href ? <Link to={n.href}>{n.message}</Link> : n.message} <span className="muted small">{n.at}</span>
              </li>
            ))}
          </ul>
          <Pager page={page} pages={pages} />
        </>
      )}
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Notifications · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
