// /account/tokens: personal API tokens. A token acts as you, with your rights
// as they are at each request, narrowed to its scopes. See ADR 020.
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
import { requireUser } from '~/utils/auth.server'
import { readForm } from '~/utils/forms'
import { invariantResponse, refusalResponse, throwRefusal } from '~/utils/refusals.server'
import { redirectWithFlash } from '~/utils/session.server'
import { linkBase } from '~/utils/tokens.server'
import { useFormResult } from '~/utils/use-form-result'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const [tokens, workspace] = await Promise.all([
    listApiTokens({ workspaceId: user.workspaceId, userId: user.id }, 'personal'),
    getWorkspaceById(user.workspaceId),
  ])
  return json({
    tokens: tokenRows(tokens, (d) => formatDateTime(d, workspace?.timeZone ?? 'UTC')),
    max: MAX_LIVE_TOKENS,
    apiBase: `${linkBase(request)}/api/v1`,
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await readForm(request, TokenFormSchema)
  if (!form.ok) return json(form, { status: 422 })
  const input = form.data
  const owner = { workspaceId: user.workspaceId, userId: user.id }
  if (input.intent === 'revoke') {
    invariantResponse(isUuid(input.tokenId), 'That token is not here, or it was already revoked.')
    const { name } = await revokeApiToken(owner, input.tokenId).catch(throwRefusal)
    return redirectWithFlash(request, '/account/tokens', `“${name}” was revoked. Requests with it are refused from now on.`)
  }
  try {
    const created = await createApiToken({
      ...owner,
      createdBy: user.id,
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

export default function AccountTokens() {
  const { tokens, max, apiBase } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const failure = useFormResult()
  const created = data && 'created' in data ? data.created : null
  return (
    <>
      <p className="small">
        <Link to="/account">← Your account</Link>
      </p>
      <h1>Your API tokens</h1>
      <p className="lede">
        A token lets a script use Tandem’s <a href="#api-h">JSON API</a> as you: it sees what you see and may change only what you may
        change, and only what its scopes allow. Revoke a token you no longer use; one that leaks can be revoked here at once.
      </p>
      {created ? <CreatedToken name={created.name} token={created.token} /> : null}
      <div className="grid" style={{ alignItems: 'start' }}>
        {/* A fresh, empty form once a token was made, so a second click does not make a twin. */}
        <CreateTokenForm
          key={created?.token ?? 'new'}
          failure={failure.failed ? failure : null}
          stoppedNote={`If your account is deactivated, your tokens stop working. At most ${max} tokens.`}
        />
        <section className="card" aria-labelledby="tokens-h">
          <h2 id="tokens-h" style={{ marginTop: 0 }}>
            Tokens
          </h2>
          <TokenList tokens={tokens} showCreator={false} empty="You have no API tokens. Create one when a script needs to reach Tandem." />
        </section>
      </div>
      <section aria-labelledby="api-h">
        <h2 id="api-h">Using a token</h2>
        <p className="small">
          Send it in the <code>Authorization</code> header; the API answers JSON. For example, the teams you can see:
        </p>
        <pre className="card" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          <code>{`curl -H "Authorization: Bearer tdm_…" ${apiBase}/teams`}</code>
        </pre>
        <p className="small muted">
          Also <code>/features</code> (list with <code>?teamId=</code>, or POST to log one), <code>/features/:id</code> (GET, PATCH) and{' '}
          <code>/dashboard</code> (with the dashboard’s filters). Errors come as{' '}
          <code>{'{ "error": { "code", "message", "fields" } }'}</code>.
        </p>
      </section>
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'API tokens · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
