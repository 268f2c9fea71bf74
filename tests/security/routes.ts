// Every route module in app/routes, found on disk rather than listed, so a
// route added later is picked up (and fails the suites until someone states
// what it should do).
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, never> }) => Promise<unknown>
export type RouteModule = { loader?: Handler; action?: Handler }
export type Route = { id: string; module: RouteModule; params: string[]; path: (params: Record<string, string>) => string }

const ROUTES_DIR = fileURLToPath(new URL('../../app/routes', import.meta.url))

/** Flat-route file name segments: dots split segments, except inside [ ]. */
function segments(id: string) {
  const out: string[] = []
  let current = ''
  let escaped = false
  for (const ch of id) {
    if (ch === '[') escaped = true
    else if (ch === ']') escaped = false
    else if (ch === '.' && !escaped) {
      out.push(current)
      current = ''
    } else current += ch
  }
  out.push(current)
  return out
}

function routeParams(id: string) {
  return segments(id).flatMap((s) => {
    const m = /^\$([A-Za-z0-9]+)/.exec(s)
    return m ? [m[1]] : []
  })
}

/** The URL a flat route file answers, with its params filled in. */
function routePath(id: string, params: Record<string, string>) {
  const parts = segments(id)
    .filter((s) => s !== '_index' && !s.startsWith('_'))
    .map((s) => s.replace(/_$/, ''))
    .map((s) => s.replace(/^\$([A-Za-z0-9]+)/, (_, name: string) => encodeURIComponent(params[name] ?? '')))
  return `/${parts.join('/')}`
}

function routeFiles() {
  return readdirSync(ROUTES_DIR)
    .filter((f) => /\.(tsx?|jsx?)$/.test(f) && !f.startsWith('.') && !/\.test\.tsx?$/.test(f))
    .sort()
}

/** Route ids (file names without extension), read synchronously so tests can be declared per route. */
export function listRouteIds() {
  return routeFiles().map((file) => file.replace(/\.(tsx?|jsx?)$/, ''))
}

export async function loadRoutes(): Promise<Route[]> {
  return Promise.all(
    routeFiles().map(async (file) => {
      const id = file.replace(/\.(tsx?|jsx?)$/, '')
      const module: RouteModule = await import(/* @vite-ignore */ path.join(ROUTES_DIR, file))
      return { id, module, params: routeParams(id), path: (params: Record<string, string>) => routePath(id, params) }
    }),
  )
}

export type Body =
  | { kind: 'urlencoded' | 'multipart' | 'multipart-file'; fields: [string, string][] }
  | { kind: 'raw'; body: string | Uint8Array<ArrayBuffer>; contentType: string | null }
  | { kind: 'none' }

/** A real Request as a browser (or an attacker) would send it, with the visitor's cookie if signed in. */
export function buildRequest(url: string, { cookie, method = 'GET', body }: { cookie?: string | null; method?: string; body?: Body }) {
  const headers = new Headers()
  if (cookie) headers.set('Cookie', cookie)
  let payload: BodyInit | undefined
  if (body?.kind === 'urlencoded') payload = new URLSearchParams(body.fields)
  else if (body?.kind === 'multipart' || body?.kind === 'multipart-file') {
    const data = new FormData()
    for (const [k, v] of body.fields) data.append(k, v)
    if (body.kind === 'multipart-file')
      data.append('attachment', new Blob(['%PDF-1.4 not really'], { type: 'application/pdf' }), 'spec.pdf')
    payload = data
  } else if (body?.kind === 'raw') {
    payload = typeof body.body === 'string' ? body.body : new Blob([body.body])
    if (body.contentType) headers.set('Content-Type', body.contentType)
  }
  const request = new Request(`http://localhost${url}`, { method, headers, body: payload })
  // A Blob body gets no type of its own; make sure "no Content-Type" really means none.
  if (body?.kind === 'raw' && !body.contentType) request.headers.delete('Content-Type')
  return request
}

/**
 * Runs a loader or action as Remix would and returns its Response, returned or
 * thrown. Anything else thrown is what Remix would answer with a 500: it is
 * returned as a 500 carrying the error, so a test reports it instead of crashing.
 */
export async function invoke(handler: Handler, request: Request, params: Record<string, string>): Promise<Response> {
  try {
    const result = await handler({ request, params, context: {} })
    if (result instanceof Response) return result
    return new Response(JSON.stringify(result ?? null), { status: 200 })
  } catch (error) {
    if (error instanceof Response) return error
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    return new Response(detail, { status: 500, statusText: 'Unhandled error' })
  }
}
