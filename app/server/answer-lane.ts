// The pulse answer, posted without JavaScript as the answer page's form does,
// answered without Remix on its quick way: the whole team answers in the same
// few minutes, and Remix's document request (matching the path against every
// route twice, a Fetch Request and Response around a redirect) cost more of
// the server's time than the answer itself. Everything else about the request
// (its id, headers, log line, metrics, the CSRF, size and type guards, the
// breaker) has already happened in app.ts. Whatever the quick way does not
// take, Remix is handed with the body already read, and the answer page's
// action says what is wrong. See docs/decisions/025-the-answer-lane.md.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { databaseState } from '../../db/availability.server'
import { answeredLocation } from '~/domain/answer-form'
import { answerQuickly } from '~/utils/guards/answer.server'
import { urlencodedForm } from '~/utils/forms'
import { requestContext } from '~/utils/request-context.server'
import { sessionTokenHash } from '~/utils/session.server'
import { readBodyOrAnswer, sendPlain, type RemixHandler, type RequestLocals } from './remix'

const ANSWER_PATH = /^\/pulse\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/

/** The round whose answer form this request posts, or null for any other request. */
export function answerPosted(req: Pick<IncomingMessage, 'method' | 'headers'>, url: URL): string | null {
  if (req.method !== 'POST' || url.search !== '') return null
  if (req.headers['content-type']?.split(';')[0].trim().toLowerCase() !== 'application/x-www-form-urlencoded') return null
  return ANSWER_PATH.exec(url.pathname)?.[1] ?? null
}

export async function answerLane(req: IncomingMessage, res: ServerResponse, locals: RequestLocals, roundId: string, remix: RemixHandler) {
  const body = await readBodyOrAnswer(req, res)
  if (!body) return
  const tokenHash = await sessionTokenHash(req.headers.cookie ?? null)
  let outcome: Awaited<ReturnType<typeof answerQuickly>> = null
  try {
    if (tokenHash) outcome = await answerQuickly(tokenHash, roundId, urlencodedForm(body))
  } catch {
    // The database being away is answered as the Remix adapter answers it, a
    // short 503 the client may retry, rather than by trying again through Remix.
    if (requestContext.getStore()?.databaseUnavailable || !databaseState().up) return sendPlain(req, res, 503, { 'Retry-After': '5' })
    // A refusal (closed, not theirs) or any other failure is the careful way's to answer, with its page.
  }
  if (!outcome) return remix(req, res, locals, body)
  res.statusCode = 303
  res.setHeader('Location', answeredLocation(roundId, outcome))
  res.setHeader('Cache-Control', 'no-store')
  res.end()
}
