import type { ActionFunctionArgs } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { z } from 'zod'
import { safeRedirect } from '~/domain/redirects'
import { getSsoClient, recordSsoOutcome, startSsoLogin } from '~/models/sso.server'
import { readForm } from '~/utils/forms'
import { authorizationUrl } from '~/utils/oidc.server'
import { invariantResponse } from '~/utils/refusals.server'
import { redirectWithFlash } from '~/utils/session.server'
import { writeSsoPending } from '~/utils/sso-cookie.server'
import { appUrl } from '~/utils/urls.server'

// Starting a sign-in is a POST from the sign-in page: no GET sends anyone away.
export async function loader() {
  return redirect('/login')
}

const StartSchema = z.object({ workspaceId: z.uuid('Pick a sign-in option'), redirectTo: z.string().max(2000).optional() })

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request, StartSchema)
  if (!form.ok) return json(form, { status: 422 })
  const provider = await getSsoClient(form.data.workspaceId)
  invariantResponse(provider, 'Single sign-on is not turned on.', { status: 404 })
  invariantResponse(provider.clientSecret !== null, 'Single sign-on needs its client secret entered again. Ask a workspace admin.', {
    status: 409,
  })
  const state = await startSsoLogin(provider.workspaceId)
  try {
    const { url, checks } = await authorizationUrl(
      { ...provider, clientSecret: provider.clientSecret },
      appUrl('/auth/sso/callback'),
      state,
    )
    const cookie = await writeSsoPending({ workspaceId: provider.workspaceId, redirectTo: safeRedirect(form.data.redirectTo), checks })
    return redirect(url, { headers: { 'Set-Cookie': cookie } })
  } catch (error) {
    await recordSsoOutcome(provider.workspaceId, { ok: false, error: `discovery: ${(error as Error).message}` })
    // The provider is away or misconfigured: back to the sign-in page, which says so.
    return redirectWithFlash(
      request,
      '/login',
      'Tandem cannot reach your sign-in provider right now. Try again in a minute, or ask a workspace admin.',
    )
  }
}
