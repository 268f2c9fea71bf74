import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { consumeSsoLogin, getSsoClient, linkIdentity, recordSsoOutcome, resolveSignIn } from '~/models/sso.server'
import { completeSignIn } from '~/utils/oidc.server'
import { appUrl } from '~/utils/urls.server'
import { createUserSession } from '~/utils/session.server'
import { clearSsoPending, readSsoPending, writeSsoPending } from '~/utils/sso-cookie.server'

// Where the provider sends the browser back. Every way this can fail ends on
// this page with a sentence saying what happened and a 4xx, never a session.

const STATE_MESSAGES = {
  used: 'This sign-in was already completed or cancelled, so it cannot be used again. Start again from the sign-in page.',
  expired: 'This sign-in took too long and has expired. Start again from the sign-in page.',
  unknown: 'This sign-in was not started here, so Tandem will not complete it. Start again from the sign-in page.',
} as const

async function refused(message: string, status: number) {
  return json({ message }, { status, headers: { 'Set-Cookie': await clearSsoPending() } })
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const state = url.searchParams.get('state')
  if (!state || state.length > 200) return refused(STATE_MESSAGES.unknown, 400)
  const consumed = await consumeSsoLogin(state)
  if (!consumed.ok) return refused(STATE_MESSAGES[consumed.reason], 400)
  // The state must be the one this browser left with: a callback link sent to
  // someone else (login CSRF) finds no matching cookie.
  const pending = await readSsoPending(request)
  if (!pending?.checks || pending.checks.state !== state || pending.workspaceId !== consumed.workspaceId) {
    return refused(STATE_MESSAGES.unknown, 400)
  }
  const provider = await getSsoClient(consumed.workspaceId)
  if (!provider?.clientSecret)
    return refused('Single sign-on has been turned off. Sign in with your password, or ask a workspace admin.', 409)

  // The provider checks the redirect URI against the one registered, which is
  // APP_URL's, whatever host name this request came in on.
  const callbackUrl = new URL(appUrl('/auth/sso/callback'))
  callbackUrl.search = url.search
  const result = await completeSignIn({ ...provider, clientSecret: provider.clientSecret }, callbackUrl, pending.checks)
  if (!result.ok) {
    await recordSsoOutcome(provider.workspaceId, { ok: false, error: result.detail })
    return refused(result.message, 401)
  }
  const decision = await resolveSignIn(provider.workspaceId, provider.issuer, result.claims, provider.allowedDomains)
  if (decision.kind === 'refuse') {
    await recordSsoOutcome(provider.workspaceId, { ok: false, error: `refused: ${decision.message}` })
    return refused(decision.message, decision.status)
  }
  await recordSsoOutcome(provider.workspaceId, { ok: true })
  if (decision.kind === 'provision') {
    const identity = { issuer: provider.issuer, subject: result.claims.subject, email: decision.email, name: decision.name }
    const cookie = await writeSsoPending({ workspaceId: provider.workspaceId, redirectTo: pending.redirectTo, identity })
    throw redirect('/auth/sso/welcome', { headers: { 'Set-Cookie': cookie } })
  }
  if (decision.link) await linkIdentity(decision.userId, provider.issuer, result.claims.subject)
  const response = await createUserSession(request, decision.userId, pending.redirectTo)
  response.headers.append('Set-Cookie', await clearSsoPending())
  return response
}

export default function SsoCallback() {
  const { message } = useLoaderData<typeof loader>()
  return (
    <section className="narrow">
      <h1>Sign-in not completed</h1>
      <div className="card stack">
        <p role="alert">{message}</p>
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      </div>
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Sign-in not completed · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
