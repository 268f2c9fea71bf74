// Hands a request to Remix and its response back to Node. Our own adapter
// rather than @remix-run/express, because the body is read here under the size
// limit before Remix parses it, the load context is ours, and a failure caused
// by the database being away turns into a 503 instead of a 500 page.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AppLoadContext, ServerBuild } from '@remix-run/node'
import { createRequestHandler, writeReadableStreamToWritable } from '@remix-run/node'
import { databaseState } from '../../db/availability.server'
import { logger } from '~/utils/logger.server'
import { requestContext, type RequestStore } from '~/utils/request-context.server'
import { BodyTooLargeError, isSafeMethod, readBody } from './guards'
import { plainAnswer, type PlainStatus } from './pages'

export type RequestLocals = {
  requestId: string
  cspNonce: string
  clientAddress: string
  origin: string | null
  /** The matched route id, for logs and metrics (never the raw URL). */
  route: string
}

function isDataRequest(url: string) {
  return /[?&]_data=/.test(url)
}

export function sendPlain(req: IncomingMessage, res: ServerResponse, status: PlainStatus, extra: Record<string, string> = {}) {
  const { body, contentType } = plainAnswer(status, { json: isDataRequest(req.url ?? '') })
  res.statusCode = status
  res.setHeader('Content-Type', contentType)
  res.setHeader('Cache-Control', 'no-store')
  for (const [k, v] of Object.entries(extra)) res.setHeader(k, v)
  res.end(req.method === 'HEAD' ? undefined : body)
}

/**
 * The request's body under the size limit, or null once the request has been
 * answered here: a 413 for a body over the limit, nothing for a client that
 * went away while sending.
 */
export async function readBodyOrAnswer(req: IncomingMessage, res: ServerResponse): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    return await readBody(req)
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      // Stop reading: close the connection once the answer is out.
      sendPlain(req, res, 413, { Connection: 'close' })
      return null
    }
    // The client went away while sending: there is nobody left to answer.
    if (req.destroyed || res.destroyed || req.socket.destroyed) {
      res.destroy()
      return null
    }
    throw error
  }
}

export type RemixHandler = ReturnType<typeof createRemixHandler>

export function createRemixHandler(build: ServerBuild) {
  const handle = createRequestHandler(build, build.mode)

  /** `read`: the body, when it has already been read (by the answer lane). */
  return async function remixHandler(req: IncomingMessage, res: ServerResponse, locals: RequestLocals, read?: Uint8Array<ArrayBuffer>) {
    const controller = new AbortController()
    res.on('close', () => {
      if (!res.writableFinished) controller.abort()
    })

    let body: Uint8Array<ArrayBuffer> | undefined = read
    if (!body && !isSafeMethod(req.method ?? 'GET')) {
      const got = await readBodyOrAnswer(req, res)
      if (!got) return
      body = got
    }

    const url = new URL(req.url ?? '/', locals.origin ?? 'http://localhost')
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
    }
    const request = new Request(url, { method: req.method, headers, body, signal: controller.signal })
    const context: AppLoadContext = { requestId: locals.requestId, clientAddress: locals.clientAddress, cspNonce: locals.cspNonce }
    const store: RequestStore = requestContext.getStore() ?? {
      requestId: locals.requestId,
      databaseUnavailable: null,
      malformedBody: false,
    }
    const response = await requestContext.run(store, () => handle(request, context))

    // A 500 that came from the database being away (or that happened while the
    // breaker is open) is an outage, not a bug: a short 503 the client may retry.
    if (response.status === 500 && (store.databaseUnavailable || !databaseState().up)) {
      await response.body?.cancel()
      return sendPlain(req, res, 503, { 'Retry-After': '5' })
    }
    if (response.status === 500 && store.malformedBody) {
      await response.body?.cancel()
      return sendPlain(req, res, 400)
    }

    res.statusCode = response.status
    res.statusMessage = response.statusText
    for (const [name, value] of response.headers) {
      if (name === 'set-cookie') continue
      res.setHeader(name, value)
    }
    const cookies = response.headers.getSetCookie()
    if (cookies.length) res.setHeader('Set-Cookie', cookies)
    // Loader JSON, and anything answered to a request that carries a cookie (a
    // signed-in person) or that sets one, is never stored by a browser or proxy.
    if (isDataRequest(req.url ?? '') || req.headers.cookie || cookies.length) res.setHeader('Cache-Control', 'no-store')

    if (!response.body || req.method === 'HEAD') return void res.end()
    try {
      await writeReadableStreamToWritable(response.body, res)
    } catch (error) {
      // The client went away mid-stream; nothing left to answer.
      if (!controller.signal.aborted) logger.warn({ err: error }, 'response stream failed')
      res.destroy()
    }
  }
}
