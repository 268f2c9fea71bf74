import type { ActionFunctionArgs, AppLoadContext, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, isRouteErrorResponse, Link, useLoaderData, useRouteError } from '@remix-run/react'
import digestStyles from '~/components/digest/digest.css'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { isUuid } from '~/domain/ids'
import { getUnsubscribeTarget, unsubscribeWithToken } from '~/models/digest-unsubscribe.server'
import { clientAddress, linkWait, recordBadLink, tooManyPage } from '~/utils/throttle.server'
import { noFields, readForm } from '~/utils/forms'

// Opened from the email, usually signed out: the signed token is the only
// credential. GET only asks; the POST unsubscribes, so link scanners and
// prefetchers that follow the link change nothing. No JavaScript is needed.
export const handle = { scripts: false }

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: digestStyles }]

const INVALID = 'This unsubscribe link is not valid'

/** The person a link names (its part before the dot), whether or not its signature holds. */
function namedAccount(token: string) {
  const id = token.split('.')[0]
  return isUuid(id) ? id : null
}

/**
 * A link that matched nothing: 429 while this client (or the person the link
 * names) is waiting, otherwise counted. Valid links are never held up.
 */
async function badLink(token: string, context: AppLoadContext) {
  const client = clientAddress(context)
  const wait = await linkWait('unsubscribe', client, namedAccount(token))
  if (wait) return tooManyPage('Too many unsubscribe links that did not match.', wait)
  await recordBadLink('unsubscribe', client, namedAccount(token))
  return new Response(INVALID, { status: 404 })
}

export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = params.token ?? ''
  const target = await getUnsubscribeTarget(token)
  if (!target) throw await badLink(token, context)
  return json({ name: target.name, unsubscribed: target.digestOptOut })
}

// No fields: the token is the whole request, which also serves a mail client's
// one-click unsubscribe (RFC 8058) that POSTs to this URL.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, noFields)
  if (!form.ok) return json(form, { status: 422 })
  const token = params.token ?? ''
  const done = await unsubscribeWithToken(token)
  if (!done) throw await badLink(token, context)
  return redirect(`/digest/unsubscribe/${encodeURIComponent(token)}`, 303)
}

export default function Unsubscribe() {
  const { name, unsubscribed } = useLoaderData<typeof loader>()
  if (unsubscribed) {
    return (
      <section className="narrow">
        <h1>You are unsubscribed</h1>
        <p role="status">{name} will no longer get the weekly Tandem digest.</p>
        <p className="muted">
          Changed your mind? <Link to="/digest">Sign in and subscribe again</Link> on the digest page.
        </p>
      </section>
    )
  }
  return (
    <section className="narrow">
      <h1>Unsubscribe</h1>
      <Form method="post" className="card stack">
        <p style={{ margin: 0 }}>
          Stop the weekly digest for <strong>{name}</strong>? It is the weekly email with three numbers for the teams you lead.
        </p>
        <div>
          <button type="submit">Unsubscribe</button>
        </div>
      </Form>
      <p className="muted small">You can subscribe again at any time from the digest page after signing in.</p>
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Unsubscribe from the weekly digest · Tandem' }, { name: 'robots', content: 'noindex' }]

export function ErrorBoundary() {
  const error = useRouteError()
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <section className="narrow error-page" aria-labelledby="error-title">
        <h1 id="error-title">{INVALID}</h1>
        <p>
          Check that you opened the whole link from the email. If it still does not work, sign in and manage the digest from the digest
          page.
        </p>
        <p>
          <Link to="/digest">Go to the digest page</Link>
        </p>
      </section>
    )
  }
  return <GeneralErrorBoundary />
}
