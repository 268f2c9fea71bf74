import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import {
  Form,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useMatches,
  useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { GeneralErrorBoundary } from './components/error-boundary'
import { useNonce } from './components/nonce'
import { unreadNotificationCount } from './models/notification.server'
import { leadsAnyTeam } from './models/team.server'
import { getUser } from './utils/auth.server'
import { getSession, sessionStorage } from './utils/session.server'
import styles from './styles/app.css'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [{ title: 'Tandem' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const session = await getSession(request)
  const flash = session.get('flash') ?? null
  const [unread, leads] = user ? await Promise.all([unreadNotificationCount(user.workspaceId, user.id), leadsAnyTeam(user)]) : [0, false]
  return json(
    { user: user ? { id: user.id, name: user.name, isAdmin: user.isAdmin, leads } : null, flash, unread },
    { headers: flash ? { 'Set-Cookie': await sessionStorage().commitSession(session) } : undefined },
  )
}

/** Routes whose pages work fully without JavaScript can ship none: `handle = { scripts: false }`. */
function useWantsScripts() {
  return !useMatches().some((m) => (m.handle as { scripts?: boolean } | undefined)?.scripts === false)
}

export function Layout({ children }: { children: ReactNode }) {
  const scripts = useWantsScripts()
  const nonce = useNonce()
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {children}
        {scripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  )
}

function Header() {
  const data = useRouteLoaderData<typeof loader>('root')
  const user = data?.user
  return (
    <header className="site-header">
      <nav aria-label="Main" className="nav">
        <NavLink to="/" className="brand" end>
          Tandem
        </NavLink>
        {user ? (
          <>
            <NavLink to="/teams">Teams</NavLink>
            {user.leads ? (
              <>
                <NavLink to="/dashboard">Dashboard</NavLink>
                <NavLink to="/digest">Digest</NavLink>
              </>
            ) : null}
            {user.isAdmin ? (
              <>
                <NavLink to="/admin/people">People</NavLink>
                <NavLink to="/admin/template">Questions</NavLink>
                <NavLink to="/admin/outbox">Outbox</NavLink>
                <NavLink to="/admin/settings">Settings</NavLink>
              </>
            ) : null}
            <NavLink to="/anonymity">Anonymity</NavLink>
            <span className="nav-spacer" />
            {/* The count is part of the link's visible text, so its accessible name starts with what is seen. */}
            <NavLink to="/notifications">
              Notifications
              {data.unread ? (
                <>
                  {' '}
                  <span className="badge">
                    {data.unread}
                    <span className="sr-only"> unread</span>
                  </span>
                </>
              ) : null}
            </NavLink>
            <NavLink to="/account">Account</NavLink>
            <Form method="post" action="/logout" className="inline">
              <button type="submit" className="link-button">
                Sign out
              </button>
            </Form>
          </>
        ) : (
          <>
            <NavLink to="/anonymity">Anonymity</NavLink>
            <span className="nav-spacer" />
            <NavLink to="/login">Sign in</NavLink>
          </>
        )}
      </nav>
    </header>
  )
}

export default function App() {
  const { flash } = useLoaderData<typeof loader>()
  return (
    <>
      <Header />
      <main id="main" className="container">
        {flash ? (
          <p role="status" className="flash">
            {flash}
          </p>
        ) : null}
        <Outlet />
      </main>
    </>
  )
}

export function ErrorBoundary() {
  return (
    <>
      <Header />
      <main id="main" className="container">
        <GeneralErrorBoundary />
      </main>
    </>
  )
}
