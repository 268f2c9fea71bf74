// /admin/api-tokens: workspace API tokens, for integrations that belong to the
// workspace rather than to one person. A workspace token reaches every team,
// narrowed to its scopes, and stops working when the admin who created it is
// deactivated or is no longer an admin. See ADR 020.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { TokenFormSchema } from '~/components/api-tokens/schema'
import { CreatedToken, CreateTokenForm, TokenList } from '~/components/api-tokens/token-manager'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { expiryDate, MAX_LIVE_TOKENS, tokenRows } from '~/domain/api-tokens'
import { formatDateTime } from '~/domain/format'
import { isUuid } from '~/domain/ids'
import { createApiToken, listApiTokens, revokeApiToken } from '~/models/api-tokens.server'
import { getWorkspaceById } from '~/models/workspace.server'
import { requireAdmin } from '~/utils/auth.server'
import { readForm } from '~/utils/forms'
import { invariantResponse, refusalResponse, throwRefusal } from '~/utils/refusals.server'
import { redirectWithFlash } from '~/utils/session.server'
import { useFormResult } from '~/utils/use-form-result'

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request)
  const [tokens, workspace] = await Promise.all([
    listApiTokens({ workspaceId: admin.workspaceId, userId: null }, 'workspace'),
    getWorkspaceById(admin.workspaceId),
  ])
  return json({ tokens: tokenRows(tokens, (d) => formatDateTime(d, workspace?.timeZone ?? 'UTC')), max: MAX_LIVE_TOKENS })
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const form = await readForm(request, TokenFormSchema)
  if (!form.ok) return json(form, { status: 422 })
  const input = form.data
  const owner = { workspaceId: admin.workspaceId, userId: null }
  if (input.intent === 'revoke') {
    invariantResponse(isUuid(input.tokenId), 'That token is not here, or it was already revoked.')
    const { name } = await revokeApiToken(owner, input.tokenId).catch(throwRefusal)
    return redirectWithFlash(request, '/admin/api-tokens', `“${name}” was revoked. Requests with it are refused from now on.`)
  }
  try {
    const created = await createApiToken({
      ...owner,
      createdBy: admin.id,
      name: input.name,
      scopes: input.scopes,
      expiresAt: expiryDate(input.expiresIn, new Date()),
    })
    // Answered in place, never through a redirect: the value must not travel in a cookie or be cached.
    return json({ ok: true as const, created: { name: created.name, token: created.token } }, { headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    return refusalResponse(error, { intent: 'create', name: input.name, expiresIn: input.expiresIn })
  }
}

export default function WorkspaceTokens() {
  const { tokens, max } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const failure = useFormResult()
  const created = data && 'created' in data ? data.created : null
  return (
    <>
      <h1>Workspace API tokens</h1>
      <p className="lede">
        For integrations that belong to the workspace, not to one person: a workspace token reaches every team, but only through its scopes,
        and what it logs has no author. For a script of your own, use a <Link to="/account/tokens">personal token</Link>.
      </p>
      {created ? <CreatedToken name={created.name} token={created.token} /> : null}
      <div className="grid" style={{ alignItems: 'start' }}>
        {/* A fresh, empty form once a token was made, so a second click does not make a twin. */}
        <CreateTokenForm
          key={created?.token ?? 'new'}
          failure={failure.failed ? failure : null}
          stoppedNote={`A workspace token stops working when the admin who created it is deactivated or is no longer an admin: whoever saw its value must not keep a way in. Create a new one before an admin leaves. At most ${max} tokens.`}
        />
        <section className="card" aria-labelledby="tokens-h">
          <h2 id="tokens-h" style={{ marginTop: 0 }}>
            Tokens
          </h2>
          <TokenList tokens={tokens} showCreator empty="No workspace tokens yet. Create one for an integration such as a BI export." />
        </section>
      </div>
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Workspace API tokens · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
