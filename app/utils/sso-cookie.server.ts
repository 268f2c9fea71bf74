import { createCookie } from '@remix-run/node'
import { z } from 'zod'
import { DISCIPLINES } from '~/domain/disciplines'
import { getEnv } from './env.server'
import { sessionSecret } from './secret.server'

// Between leaving for the provider and coming back (and, for a first sign-in,
// until the discipline is chosen) the browser carries a signed, short-lived
// cookie: the PKCE verifier and nonce the callback checks, then the verified
// identity waiting for an account. Signed, so it cannot be made up; the
// state's single use is kept in the database (sso_logins).

const MINUTES = 10

const Pending = z.object({
  workspaceId: z.uuid(),
  redirectTo: z.string(),
  expiresAt: z.number(),
  checks: z.object({ state: z.string(), nonce: z.string(), verifier: z.string() }).optional(),
  identity: z
    .object({
      issuer: z.string(),
      subject: z.string(),
      email: z.string(),
      name: z.string(),
      discipline: z.enum(DISCIPLINES).optional(),
    })
    .optional(),
})
export type SsoPending = z.infer<typeof Pending>

function cookie() {
  const env = getEnv()
  const secure = env.SESSION_COOKIE_SECURE ? env.SESSION_COOKIE_SECURE === 'true' : env.NODE_ENV === 'production'
  // SameSite=Lax: the provider sends the browser back with a top-level GET.
  return createCookie('__tandem_sso', {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/auth/sso',
    maxAge: MINUTES * 60,
    secrets: [sessionSecret()],
  })
}

export async function readSsoPending(request: Request): Promise<SsoPending | null> {
  const value: unknown = await cookie().parse(request.headers.get('Cookie'))
  const parsed = Pending.safeParse(value)
  if (!parsed.success || parsed.data.expiresAt < Date.now()) return null
  return parsed.data
}

export function writeSsoPending(pending: Omit<SsoPending, 'expiresAt'>) {
  return cookie().serialize({ ...pending, expiresAt: Date.now() + MINUTES * 60 * 1000 })
}

export function clearSsoPending() {
  return cookie().serialize('', { maxAge: 0 })
}
