import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { classifyDatabaseError } from '../db/availability.server'
import { NonceContext } from './components/nonce'
import { logger } from './utils/logger.server'
import { requestContext } from './utils/request-context.server'

// The server (app/server/) boots the app before it listens: env, migrations,
// scheduler. Security headers are set there too, for every kind of response.

const ABORT_DELAY = 5_000

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode
  const nonce = loadContext.cspNonce
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
          pipe(body)
          // Once the page has streamed, nothing is left to abort.
          body.on('end', () => clearTimeout(timer))
        },
        onShellError(error: unknown) {
          clearTimeout(timer)
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) logger.error({ err: error }, 'render failed')
        },
      },
    )
    // Unref'd and cleared: a pending abort timer must not hold a stopping process.
    const timer = setTimeout(abort, ABORT_DELAY)
    timer.unref()
  })
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  const store = requestContext.getStore()
  const unavailable = classifyDatabaseError(error)
  if (store && unavailable) store.databaseUnavailable = unavailable
  if (store && error instanceof TypeError && /FormData/.test(error.message)) {
    store.malformedBody = true
    return
  }
  if (unavailable) logger.warn({ err: error, unavailable }, 'database unavailable')
  else logger.error({ err: error }, 'request error')
}
