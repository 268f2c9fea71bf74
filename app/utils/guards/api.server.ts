// The /api/v1 routes' one way in and one way to answer. A request is read
// only with `Authorization: Bearer tdm_…`; cookies are never looked at, so a
// browser session cannot be used against the API and the API needs no CSRF
// check (a cross-site page cannot set that header without a CORS preflight,
// which this server never grants). Every refusal is JSON:
// `{ error: { code, message, fields? } }`.
import { json, type AppLoadContext } from '@remix-run/node'
import { formatWait } from '~/domain/backoff'
import { bearerToken, looksLikeToken, SCOPES, type Scope } from '~/domain/api-tokens'
import { isUuid } from '~/domain/ids'
import { isRefusal } from '~/domain/refusal'
import { findApiToken, type TokenActor } from '~/models/api-tokens.server'
import { getTeamAccess } from '~/models/team.server'
import type { TeamRole } from '~/models/user.server'
import { parseForm, type FieldErrors } from '../forms'
import { clientAddress, linkWait, recordBadLink } from '../throttle.server'
import { hashToken } from '../tokens.server'
import type { z } from 'zod'

export type ApiErrorBody = { error: { code: string; message: string; fields?: FieldErrors } }

const HEADERS = { 'Cache-Control': 'no-store' }

/** A thrown (or returned) JSON error with its status. */
export function apiError(status: number, code: string, message: string, fields?: FieldErrors, headers: Record<string, string> = {}) {
  const body: ApiErrorBody = { error: fields ? { code, message, fields } : { code, message } }
  return json(body, { status, headers: { ...HEADERS, ...headers } })
}

export function apiJson<T>(data: T, status = 200) {
  return json(data, { status, headers: HEADERS })
}

const UNAUTHORIZED = { 'WWW-Authenticate': 'Bearer realm="tandem"' }

/**
 * Runs an API handler so that whatever it throws leaves as a JSON error: a
 * Refusal from a model with its status, a Response thrown by a guard turned
 * into the error format. Anything else is a bug and goes on to the 500 handler.
 */
export async function apiHandler(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof Response) {
      if (isApiError(error)) return error
      const message = (await error.text()) || 'Refused.'
      return apiError(error.status, codeFor(error.status), message)
    }
    if (isRefusal(error)) return apiError(error.status, codeFor(error.status), error.message, error.fieldErrors)
    throw error
  }
}

function isApiError(response: Response) {
  return response.headers.get('Content-Type')?.startsWith('application/json') ?? false
}

function codeFor(status: number) {
  const codes: Record<number, string> = {
    400: 'bad_request',
    403: 'forbidden',
    404: 'not_found',
    409: 'conflict',
    413: 'too_large',
    415: 'unsupported_media_type',
    422: 'invalid',
    429: 'too_many_requests',
  }
  return codes[status] ?? 'error'
}

/**
 * The token's actor, or a thrown 401 (missing, unknown, revoked, expired or
 * stopped token) or 403 (a working token without the scope).
 */
export async function requireApiActor(request: Request, scope: Scope, context?: AppLoadContext): Promise<TokenActor> {
  const value = bearerToken(request.headers.get('Authorization'))
  if (!value) {
    throw apiError(
      401,
      'unauthorized',
      'Send an API token in the Authorization header: "Authorization: Bearer tdm_…". Cookies are not accepted here.',
      undefined,
      UNAUTHORIZED,
    )
  }
  const found = looksLikeToken(value) ? await findApiToken(hashToken(value)) : null
  // A working token always works. A client that keeps sending tokens that do
  // not (unknown, revoked, expired) waits, as with links that match nothing:
  // the tokens are 256-bit, so this is about noise and probing, not guessing.
  if (found?.state !== 'active') {
    const client = clientAddress(context)
    const wait = await linkWait('api-token', client)
    if (wait > 0) {
      throw apiError(
        429,
        'too_many_requests',
        `Too many requests with tokens that do not work. Try again in ${formatWait(wait)}.`,
        undefined,
        {
          'Retry-After': String(wait),
        },
      )
    }
    await recordBadLink('api-token', client)
  }
  if (!found) throw apiError(401, 'invalid_token', 'This API token is not valid.', undefined, UNAUTHORIZED)
  const messages = {
    revoked: ['token_revoked', 'This API token was revoked.'],
    expired: ['token_expired', 'This API token has expired. Create a new one.'],
    stopped: [
      'token_inactive',
      'This API token no longer works: the person it belongs to (or the admin who created it) was deactivated or is no longer an admin.',
    ],
  } as const
  if (found.state !== 'active') throw apiError(401, messages[found.state][0], messages[found.state][1], undefined, UNAUTHORIZED)
  if (!found.actor.scopes.includes(scope)) {
    throw apiError(403, 'insufficient_scope', `This token lacks the "${scope}" scope (${SCOPES[scope].toLowerCase()}).`)
  }
  return found.actor
}

/**
 * A team the actor may read (any role; every team for an admin or a
 * workspace token), or with `roles` the roles it must hold. A team outside
 * the workspace, or a malformed id, is a 404.
 */
export async function requireApiTeam(actor: TokenActor, teamId: unknown, roles?: readonly TeamRole[]) {
  if (!isUuid(teamId)) throw apiError(404, 'not_found', 'Team not found.')
  const row = await getTeamAccess(actor.workspaceId, teamId, actor.id)
  if (!row || (!actor.isAdmin && !row.role)) throw apiError(404, 'not_found', 'Team not found.')
  if (roles && !actor.isAdmin && (!row.role || !roles.includes(row.role))) {
    throw apiError(403, 'forbidden', `Your role on this team (${row.role}) cannot do this.`)
  }
  return row.team
}

/** Answers a method the route does not take. */
export function methodNotAllowed(allowed: string[]) {
  return apiError(405, 'method_not_allowed', `This address takes ${allowed.join(', ')}.`, undefined, { Allow: allowed.join(', ') })
}

/** The request's JSON body as an object, or a thrown 415 (not JSON) / 400 (unreadable) / 422 (not an object). */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get('Content-Type')?.split(';')[0].trim().toLowerCase()
  if (type !== 'application/json') {
    await request.body?.cancel()
    throw apiError(415, 'unsupported_media_type', 'Send the body as JSON, with "Content-Type: application/json".')
  }
  let body: unknown
  try {
    body = JSON.parse(await request.text())
  } catch (error) {
    throw apiError(400, 'invalid_json', `The body is not valid JSON: ${error instanceof Error ? error.message : 'it could not be parsed'}.`)
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw apiError(422, 'invalid', 'The body must be a JSON object of fields.')
  }
  return Object.fromEntries(Object.entries(body))
}

/**
 * A JSON object checked by a form's schema, so the API and the form accept
 * exactly the same input: each value becomes the text a form would send
 * (numbers as digits, true as a ticked box, false and null as nothing).
 * Fields the schema does not know are refused by name, so a typo is not
 * silently dropped.
 */
export function parseJsonFields<S extends z.ZodType>(body: Record<string, unknown>, schema: S, known: readonly string[]) {
  const form = new FormData()
  const errors: FieldErrors = {}
  for (const [key, value] of Object.entries(body)) {
    if (!known.includes(key)) errors[key] = ['Unknown field']
    else if (typeof value === 'string') form.append(key, value)
    else if (typeof value === 'number' && Number.isFinite(value)) form.append(key, String(value))
    else if (value === true) form.append(key, 'on')
    else if (value !== false && value !== null) errors[key] = ['Must be a string, a number, true/false or null']
  }
  if (Object.keys(errors).length) throw apiError(422, 'invalid', 'Some fields cannot be read.', errors)
  const parsed = parseForm(form, schema)
  if (!parsed.ok) throw apiError(422, 'invalid', parsed.formError ?? 'Some fields are not valid.', parsed.errors)
  return parsed.data
}
