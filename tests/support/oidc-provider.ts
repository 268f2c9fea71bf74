// A real OpenID Connect provider (the oidc-provider package) on a random
// loopback port, for single sign-on tests. Sign-in at the provider is
// completed without a form, as whoever `as(subject)` named; `tamper()` re-signs
// the next ID token with the provider's own key but other claims (another
// audience, an expiry in the past), to see Tandem refuse them.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose'
import Provider from 'oidc-provider'

export type Account = { email?: string; email_verified?: boolean; name?: string }

export type TestProvider = {
  issuer: string
  clientId: string
  clientSecret: string
  accounts: Map<string, Account>
  as(subject: string): void
  tamper(claims: Record<string, unknown> | null): void
  /** Follows the browser's redirects from Tandem's authorization URL to the callback URL the provider sends it back to. */
  authorize(authorizationUrl: string): Promise<URL>
  close(): Promise<void>
}

export async function startProvider({ redirectUri }: { redirectUri: string }): Promise<TestProvider> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' }
  const accounts = new Map<string, Account>()
  let subject = ''
  let tampering: Record<string, unknown> | null = null
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`
  const clientId = 'tandem-test'
  const clientSecret = 'a-client-secret-for-tests-only-0123456789'

  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'] }],
    jwks: { keys: [jwk] },
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, ...accounts.get(id) }) }),
    cookies: { keys: ['test-cookie-key'] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  })
  provider.use(async (ctx, next) => {
    await next()
    if (ctx.path !== '/token' || !tampering || ctx.status !== 200) return
    const body = ctx.body as { id_token: string }
    const claims = { ...decodeJwt(body.id_token), ...tampering }
    body.id_token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).sign(privateKey)
  })
  const callback = provider.callback()
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return void callback(req, res)
    void (async () => {
      const details = await provider.interactionDetails(req, res)
      const grant = new provider.Grant({ accountId: subject, clientId })
      grant.addOIDCScope('openid email profile')
      const grantId = await grant.save()
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: subject }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      )
      void details
    })().catch((error: unknown) => {
      res.statusCode = 500
      res.end(String(error))
    })
  })

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    as: (id) => void (subject = id),
    tamper: (claims) => void (tampering = claims),
    async authorize(authorizationUrl) {
      const jar = new Map<string, string>()
      let url = new URL(authorizationUrl)
      for (let hop = 0; hop < 10; hop++) {
        if (url.href.startsWith(redirectUri)) return url
        const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } })
        for (const line of res.headers.getSetCookie()) {
          const [pair] = line.split(';')
          const eq = pair.indexOf('=')
          jar.set(pair.slice(0, eq), pair.slice(eq + 1))
        }
        const location = res.headers.get('location')
        if (!location) throw new Error(`The provider stopped at ${url.pathname} with ${res.status}: ${await res.text()}`)
        url = new URL(location, url)
      }
      throw new Error('Too many redirects at the provider')
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
