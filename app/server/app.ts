// The HTTP pipeline, in order: request id, security headers and the request
// log; compression; liveness and metrics; static files; the CSRF, size and
// content-type guards; the breaker; then the answer lane or Remix.
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import path from 'node:path'
import type { ServerBuild } from '@remix-run/node'
import { matchRoutes } from '@remix-run/react'
import compression from 'compression'
import express, { type NextFunction, type Request, type Response } from 'express'
import { databaseState } from '../../db/availability.server'
import type { Env } from '~/utils/env.server'
import { logger } from '~/utils/logger.server'
import { requestContext } from '~/utils/request-context.server'
import { httpDuration, httpInFlight, registry } from '~/utils/metrics.server'
import { checkBody, checkSameOrigin, clientAddress, isApiPath, isHttps, ownOrigin } from './guards'
import { securityHeaders } from './headers'
import { answerLane, answerPosted } from './answer-lane'
import { createRemixHandler, sendPlain, type RequestLocals } from './remix'

type RouteObjects = Parameters<typeof matchRoutes>[0]

/** The route ids of the build as a tree, to name each request by the route it matched. */
export function routeTree(build: Pick<ServerBuild, 'routes'>, parentId?: string): RouteObjects {
  return Object.values(build.routes).flatMap((r) => {
    if (!r || r.parentId !== parentId) return []
    const { id, path, caseSensitive } = r
    return [r.index ? { id, path, caseSensitive, index: true as const } : { id, path, caseSensitive, children: routeTree(build, id) }]
  })
}

/** A path whose last segment has an extension, as every file in public/ does. */
const FILE_NAME = /\.[^/.]+$/

const UUID_SEGMENT = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi
const matched = new Map<string, string[]>()

/**
 * The deepest route matching the path. matchRoutes flattens the whole tree on
 * every call, so results are kept per path shape (ids replaced by a placeholder
 * that only a dynamic segment can match).
 */
function matchedIds(tree: RouteObjects, pathname: string): string[] {
  const shape = pathname.replace(UUID_SEGMENT, '/__id__')
  let ids = matched.get(shape)
  if (!ids) {
    ids = (matchRoutes(tree, shape) ?? []).flatMap((m) => (m.route.id ? [m.route.id] : []))
    if (matched.size > 2_000) matched.clear()
    matched.set(shape, ids)
  }
  return ids
}

export function routeIdFor(tree: RouteObjects, pathname: string, dataRoute: string | null): string {
  const ids = matchedIds(tree, pathname)
  if (!ids.length) return 'unmatched'
  // A data request names the route it wants; only believe it if that route matched.
  if (dataRoute && ids.includes(dataRoute)) return dataRoute
  return ids[ids.length - 1] ?? 'unmatched'
}

function locals(res: Response): RequestLocals {
  return res.locals as RequestLocals
}

/** Set when the process is shutting down: every answer from then on closes its connection. */
export const lifecycle = { stopping: false }

export function createApp(build: ServerBuild, env: Env, { publicDir = 'public' } = {}) {
  const app = express()
  app.disable('x-powered-by')
  app.set('etag', false)
  const tree = routeTree(build)
  const development = env.NODE_ENV === 'development'
  const trustProxy = env.TRUST_PROXY === 'true'
  const remix = createRemixHandler(build)

  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = performance.now()
    const requestId = randomUUID()
    const cspNonce = randomBytes(16).toString('base64')
    const origin = ownOrigin(req.headers, { appUrl: env.APP_URL, trustProxy })
    Object.assign(res.locals, {
      requestId,
      cspNonce,
      clientAddress: clientAddress(req.headers, req.socket.remoteAddress, trustProxy),
      origin,
      route: 'unmatched',
    } satisfies RequestLocals)
    res.setHeader('X-Request-Id', requestId)
    // Keep-alive clients would otherwise send request after request on an open
    // connection and keep a stopping server busy until its grace period ends.
    if (lifecycle.stopping) res.setHeader('Connection', 'close')
    const https = isHttps(req.headers, { appUrl: env.APP_URL, trustProxy })
    for (const [name, value] of Object.entries(securityHeaders({ nonce: cspNonce, https, development }))) res.setHeader(name, value)
    httpInFlight.inc()
    let logged = false
    const done = () => {
      if (logged) return
      logged = true
      httpInFlight.dec()
      const seconds = (performance.now() - started) / 1000
      const { route } = locals(res)
      const status = res.writableFinished ? res.statusCode : 499
      httpDuration.observe({ route, method: req.method, status_class: `${String(status)[0]}xx` }, seconds)
      if (route === 'static' && status < 400) return
      logger.info({ requestId, method: req.method, route, status, ms: Math.round(seconds * 1000) }, 'request')
    }
    res.on('finish', done)
    res.on('close', done)
    // Every log line written while this request is handled carries its id.
    requestContext.run({ requestId, databaseUnavailable: null, malformedBody: false }, next)
  })

  // Level 4 of 9: most of the size saving for about half the CPU of the default.
  app.use(compression({ level: 4 }))

  app.get('/livez', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store')
    locals(res).route = 'livez'
    res.json({ status: 'ok' })
  })

  if (env.METRICS_TOKEN) {
    const expected = Buffer.from(`Bearer ${env.METRICS_TOKEN}`)
    app.get('/metrics', (req, res, next) => {
      locals(res).route = 'metrics'
      const given = Buffer.from(req.headers.authorization ?? '')
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return next()
      void serveMetrics(res)
    })
  }

  // Fingerprinted build output never changes under its name; everything else in public/ may.
  app.use(
    '/build',
    (_req, res, next) => {
      locals(res).route = 'static'
      next()
    },
    express.static(path.join(publicDir, 'build'), { immutable: true, maxAge: '1y', index: false, fallthrough: false }),
  )
  // Every file in public/ has an extension and no page's path ends in one
  // (only downloads like /dashboard.csv do), so pages skip the disk: asking it
  // about each page (a failed stat, and an error object built for it) was 6%
  // of a busy server's time.
  const publicFiles = express.static(publicDir, { maxAge: '1h', index: false })
  app.use((req, res, next) => {
    if (!FILE_NAME.test(req.path)) return next()
    locals(res).route = 'static'
    publicFiles(req, res, next)
  })

  app.all('/{*path}', (req, res, next) => {
    const url = new URL(req.url, 'http://x')
    locals(res).route = routeIdFor(tree, url.pathname, url.searchParams.get('_data'))
    const api = isApiPath(url.pathname)
    const refusal =
      (api ? null : checkSameOrigin(req.method, req.headers, locals(res).origin)) ?? checkBody(req.method, req.headers, { api })
    if (refusal) {
      logger.warn({ route: locals(res).route, status: refusal.status, reason: refusal.reason }, 'request refused')
      return sendPlain(req, res, refusal.status, refusal.status === 413 ? { Connection: 'close' } : {})
    }
    // While the database is away, answer at once instead of queueing behind
    // reconnect attempts. /healthz reports the outage itself.
    if (!databaseState().up && locals(res).route !== 'routes/healthz') return sendPlain(req, res, 503, { 'Retry-After': '5' })
    const roundId = answerPosted(req, url)
    if (roundId) return void answerLane(req, res, locals(res), roundId, remix).catch(next)
    remix(req, res, locals(res)).catch(next)
  })

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return void res.destroy()
    // serve-static reports a missing asset (404) or a malformed path (400) this way.
    const status = error && typeof error === 'object' && 'status' in error ? Number(error.status) : 500
    if (status === 404 || status === 400) return sendPlain(req, res, status)
    logger.error({ err: error }, 'request failed')
    sendPlain(req, res, databaseState().up ? 500 : 503)
  })

  return app
}

export async function serveMetrics(res: ServerResponse) {
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('Content-Type', registry.contentType)
  res.end(await registry.metrics())
}
