import { AsyncLocalStorage } from 'node:async_hooks'
import type { Unavailability } from '../../db/availability.server'

/**
 * What the server knows about the request being handled, wherever the code runs
 * (loader, model, logger): its id for log lines, and whether a query failed
 * because the database was away, so the answer is a 503 rather than a 500.
 */
export type RequestStore = {
  requestId: string
  databaseUnavailable: Unavailability | null
  /** The body could not be read as a form (malformed multipart): a 400, not a 500. */
  malformedBody: boolean
}

export const requestContext = new AsyncLocalStorage<RequestStore>()
