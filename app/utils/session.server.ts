import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { createCookieSessionStorage, redirect } from '@remix-run/node'
import { getEnv } from './env.server'

/**
 * The signing secret: SESSION_SECRET when set; otherwise (embedded default) one
 * generated on first start and kept in the data dir, so restarts keep people signed in.
 */
export function sessionSecret(): string {
  const env = getEnv()
  if (env.SESSION_SECRET) return env.SESSION_SECRET
  const file = path.join(path.resolve(env.DATA_DIR), 'session-secret')
  try {
    const existing = readFileSync(file, 'utf8').trim()
    if (existing.length >= 32) return existing
  } catch {
    // first start: fall through and create it
  }
  mkdirSync(path.dirname(file), { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'w' })
  return secret
}

type SessionData = { userId: string }
type FlashData = { flash: string }

let storage: ReturnType<typeof createCookieSessionStorage<SessionData, FlashData>> | undefined

export function sessionStorage() {
  if (storage) return storage
  const env = getEnv()
  const secure = env.SESSION_COOKIE_SECURE ? env.SESSION_COOKIE_SECURE === 'true' : env.NODE_ENV === 'production'
  storage = createCookieSessionStorage<SessionData, FlashData>({
    cookie: {
      name: '__tandem',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      secrets: [sessionSecret()],
      maxAge: 60 * 60 * 24 * 14,
    },
  })
  return storage
}

export function getSession(request: Request) {
  return sessionStorage().getSession(request.headers.get('Cookie'))
}

export async function getSessionUserId(request: Request): Promise<string | null> {
  const session = await getSession(request)
  const id = session.get('userId')
  return typeof id === 'string' ? id : null
}

export async function createUserSession(request: Request, userId: string, redirectTo: string) {
  const session = await getSession(request)
  session.set('userId', userId)
  return redirect(safeRedirect(redirectTo), {
    headers: { 'Set-Cookie': await sessionStorage().commitSession(session) },
  })
}

export async function destroySession(request: Request, redirectTo = '/login') {
  const session = await getSession(request)
  return redirect(redirectTo, { headers: { 'Set-Cookie': await sessionStorage().destroySession(session) } })
}

/** A flash message shown once on the next page. */
export async function redirectWithFlash(request: Request, to: string, message: string, init?: ResponseInit) {
  const session = await getSession(request)
  session.flash('flash', message)
  const headers = new Headers(init?.headers)
  headers.append('Set-Cookie', await sessionStorage().commitSession(session))
  return redirect(to, { ...init, headers })
}

/** Only same-site paths: never redirect to another origin after sign-in. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/') {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  return to
}
