import * as client from 'openid-client'
import { describeProviderFailure, isLoopbackIssuer, type VerifiedClaims } from '~/domain/sso'

// The OpenID Connect conversation, through openid-client: discovery, the
// authorization URL with PKCE and a nonce, and the code exchange, whose ID
// token openid-client checks (signature, issuer, audience, expiry, nonce).

type ProviderConfig = { issuer: string; clientId: string; clientSecret: string; updatedAt: Date }

const discovered = new Map<string, { at: number; config: client.Configuration }>()
const DISCOVERY_TTL_MS = 10 * 60 * 1000

async function configuration(provider: ProviderConfig) {
  const key = `${provider.issuer}\n${provider.clientId}\n${provider.updatedAt.getTime()}`
  const hit = discovered.get(key)
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config
  const loopback = isLoopbackIssuer(provider.issuer)
  const config = await client.discovery(
    new URL(provider.issuer),
    provider.clientId,
    { client_secret: provider.clientSecret },
    client.ClientSecretPost(provider.clientSecret),
    // Plain http only for a provider on this machine (the settings refuse it elsewhere).
    { execute: loopback ? [client.allowInsecureRequests] : [], timeout: 10 },
  )
  discovered.set(key, { at: Date.now(), config })
  return config
}

export type SsoChecks = { state: string; nonce: string; verifier: string }

/** Where to send the browser, and the secrets the callback will need. */
export async function authorizationUrl(provider: ProviderConfig, redirectUri: string, state: string) {
  const config = await configuration(provider)
  const verifier = client.randomPKCECodeVerifier()
  const nonce = client.randomNonce()
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  return { url: url.href, checks: { state, nonce, verifier } satisfies SsoChecks }
}

export type CallbackResult = { ok: true; claims: VerifiedClaims } | { ok: false; message: string; detail: string }

/** Exchanges the code and checks the ID token; failures come back as a sentence for the person and a detail for the admin. */
export async function completeSignIn(provider: ProviderConfig, callbackUrl: URL, checks: SsoChecks): Promise<CallbackResult> {
  try {
    const config = await configuration(provider)
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    })
    const idToken = tokens.claims()
    if (!idToken) return { ok: false, message: describeProviderFailure({}), detail: 'no ID token' }
    // Many providers put email and name only in the userinfo answer, not in
    // the ID token; openid-client checks that it is about the same subject.
    const claims: Record<string, unknown> =
      typeof idToken.email === 'string'
        ? idToken
        : { ...(await client.fetchUserInfo(config, tokens.access_token, idToken.sub)), ...idToken }
    return {
      ok: true,
      claims: {
        subject: idToken.sub,
        email: typeof claims.email === 'string' ? claims.email : null,
        emailVerified: claims.email_verified === true,
        name: typeof claims.name === 'string' ? claims.name.slice(0, 100) : null,
      },
    }
  } catch (error) {
    type Failure = { code?: string; error?: string; message?: string; claim?: string; cause?: Failure }
    const e = error as Failure
    // openid-client wraps the checking library's error, which names the claim.
    const claim = e.cause?.claim ?? e.cause?.cause?.claim
    const failure = { code: e.code, error: e.error, claim: claim === 'azp' ? 'aud' : claim }
    return { ok: false, message: describeProviderFailure(failure), detail: `${e.code ?? 'error'}: ${e.message ?? String(error)}` }
  }
}

/** Checks that the issuer answers discovery with these credentials' client id; for the settings page. */
export async function checkIssuer(provider: ProviderConfig): Promise<string | null> {
  try {
    await configuration(provider)
    return null
  } catch (error) {
    return `Tandem could not read the provider's configuration at ${provider.issuer}/.well-known/openid-configuration (${(error as Error).message}).`
  }
}
