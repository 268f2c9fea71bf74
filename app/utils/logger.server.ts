import pino from 'pino'
import { requestContext } from './request-context.server'

/**
 * Errors are logged by type, code, first message line and stack frames only:
 * drizzle puts every query parameter (answers, comments, emails) into its error
 * message, and PostgreSQL's `detail` can quote row values.
 */
function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: typeof error === 'string' ? error.slice(0, 200) : typeof error }
  const message = 'params' in error ? error.message.split('\n')[0] : error.message
  const out: Record<string, unknown> = {
    type: error.name,
    message: message.slice(0, 500),
    stack: error.stack
      ?.split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .slice(0, 12)
      .map((line) => line.trim()),
  }
  if ('code' in error && error.code) out.code = String(error.code)
  if (error.cause && depth < 3) out.cause = serializeError(error.cause, depth + 1)
  return out
}

// A second line of defence: fields that must never reach a log, wherever they appear.
const REDACT = ['password', 'passwordHash', 'token', 'comment', 'answers', 'cookie', 'authorization', 'params', 'body', 'email']
const paths = [
  ...REDACT,
  ...REDACT.map((k) => `*.${k}`),
  'headers.cookie',
  'headers.authorization',
  'req.headers.cookie',
  'req.headers.authorization',
]

// Under vitest, errors go through console.error so that an unexpected one fails the test.
const testDestination = { write: (line: string) => console.error(line.trimEnd()) }

export const logger = pino(
  {
    level: process.env.VITEST ? 'error' : 'info',
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: serializeError, error: serializeError },
    redact: { paths, censor: '[redacted]' },
    mixin() {
      const store = requestContext.getStore()
      return store ? { requestId: store.requestId } : {}
    },
  },
  process.env.VITEST ? testDestination : pino.destination({ sync: false }),
)

/** Flushes buffered lines before the process exits. */
export function flushLogs() {
  try {
    logger.flush()
  } catch {
    // nothing buffered, or the destination is already closed
  }
}
