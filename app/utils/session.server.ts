import { createCookieSessionStorage, redirect } from '@remix-run/node'
import { describeDevice } from '~/domain/devices'
import { safeRedirect } from '~/domain/redirects'
import { deleteSessionByTokenHash, findActiveSession, insertSession, SESSION_MAX_DAYS } from '~/models/auth-session.server'
import { getEnv } from './env.server'
import { requestContext, type RequestStore } from './request-context.server'
import { sessionSecret } from './secret.server'
import { hashToken, randomToken } from './tokens.server'

export { sessionSecret } from './secret.server'

// The signed cookie carries a random session token (the row behind it is
// what signs someone in) and one-time flash messages. See ADR 002.
type SessionData = { token: string }
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
      maxAge: SESSION_MAX_DAYS * 24 * 3600,
    },
  })
  return storage
}

export function getSession(request: Request) {
  return sessionStorage().getSession(request.headers.get('Cookie'))
}

async function tokenIn(cookie: string | null) {
  const token = (await sessionStorage().getSession(cookie)).get('token')
  return typeof token === 'string' && token.length > 0 ? token : null
}

function cookieToken(request: Request) {
  return tokenIn(request.headers.get('Cookie'))
}

// The root loader and the page's loader both ask who is signed in; one page
// view reads the session once. Only for reads (GET/HEAD): an action may sign
// someone in or out, and what it asks afterwards must see that.
const pageViews = new WeakMap<RequestStore, { cookie: string | null; current: ReturnType<typeof findCurrentSession> }>()

async function findCurrentSession(request: Request) {
  const token = await cookieToken(request)
  return token ? findActiveSession(hashToken(token)) : null
}

/** The signed-in session and its person, or null: no cookie, revoked, expired or deactivated. */
export function getCurrentSession(request: Request) {
  const store = requestContext.getStore()
  if (!store || (request.method !== 'GET' && request.method !== 'HEAD')) return findCurrentSession(request)
  const cookie = request.headers.get('Cookie')
  const seen = pageViews.get(store)
  if (seen && seen.cookie === cookie) return seen.current
  const current = findCurrentSession(request)
  pageViews.set(store, { cookie, current })
  return current
}

/**
 * The hash of the request's session token, to check the session inside a
 * larger statement (the answer form's) instead of with a query of its own.
 * Null when there is no token; whether it is live is for that statement to say.
 */
export function getSessionTokenHash(request: Request) {
  return sessionTokenHash(request.headers.get('Cookie'))
}

/** getSessionTokenHash for a Cookie header read without a Request (the server's answer lane). */
export async function sessionTokenHash(cookie: string | null) {
  const token = await tokenIn(cookie)
  return token ? hashToken(token) : null
}

/** Whether the request carries a session token at all (valid or not). */
export async function hasSessionCookie(request: Request) {
  return (await cookieToken(request)) !== null
}

/**
 * Signs someone in with a brand-new session: a fresh random token in a fresh
 * cookie, so nothing set before sign-in (a planted cookie) carries over. The
 * session this browser had before, if any, is revoked.
 */
export async function createUserSession(request: Request, userId: string, redirectTo: string, { flash }: { flash?: string } = {}) {
  const previous = await cookieToken(request)
  if (previous) await deleteSessionByTokenHash(hashToken(previous))
  const token = randomToken()
  await insertSession({ userId, tokenHash: hashToken(token), device: describeDevice(request.headers.get('User-Agent')) })
  const session = await sessionStorage().getSession()
  session.set('token', token)
  if (flash) session.flash('flash', flash)
  return redirect(safeRedirect(redirectTo), {
    headers: { 'Set-Cookie': await sessionStorage().commitSession(session) },
  })
}

/** A cookie that holds only a flash message: whatever session the browser had is dropped. */
async function signedOutCookie(flash?: string) {
  const fresh = await sessionStorage().getSession()
  if (!flash) return sessionStorage().destroySession(fresh)
  fresh.flash('flash', flash)
  return sessionStorage().commitSession(fresh)
}

/** Signs this browser out: the session row is deleted, so a copy of the cookie stops working too. */
export async function destroySession(request: Request, redirectTo = '/login', flash?: string) {
  const token = await cookieToken(request)
  if (token) await deleteSessionByTokenHash(hashToken(token))
  return redirect(redirectTo, { headers: { 'Set-Cookie': await signedOutCookie(flash) } })
}

/** For when the session rows are already gone (sign out everywhere): clears the cookie. */
export async function redirectSignedOut(redirectTo: string, flash?: string) {
  return redirect(redirectTo, { headers: { 'Set-Cookie': await signedOutCookie(flash) } })
}

/** A flash message shown once on the next page. */
export async function redirectWithFlash(request: Request, to: string, message: string, init?: ResponseInit) {
  const session = await getSession(request)
  session.flash('flash', message)
  const headers = new Headers(init?.headers)
  headers.append('Set-Cookie', await sessionStorage().commitSession(session))
  return redirect(to, { ...init, headers })
}
