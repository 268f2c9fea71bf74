// Is the database there? Query errors are sorted into "the database is
// unreachable or cannot write" (the app answers 503 and waits for it) and
// everything else (a bug: 500). A breaker remembers an outage so requests fail
// fast instead of queueing behind reconnect attempts, and a probe closes it
// again as soon as the database answers.

export type Driver = 'pglite' | 'postgres'

/** Codes from Node sockets, postgres.js and PostgreSQL that mean "not reachable right now". */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'DATABASE_DOWN',
  '57P01', // admin_shutdown: the server is stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
])

/**
 * Codes that prove the server is away. The others (a reset or closed socket)
 * may concern one connection only, so they trigger a probe first.
 */
const DOWN_AT_ONCE = new Set([
  'ECONNREFUSED',
  'CONNECT_TIMEOUT',
  'DATABASE_DOWN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '08001',
  '08004',
])

/** Codes that mean the database is up but cannot write. */
const CANNOT_WRITE = new Set([
  '53100', // disk_full
  '25006', // read_only_sql_transaction (a standby, or default_transaction_read_only)
  '58030', // io_error
])

const CANNOT_WRITE_MESSAGE = /no space left on device|could not extend file|could not write|read-only file system|EROFS|ENOSPC/i

export type Unavailability = 'unreachable' | 'cannot-write'

/** Walks an error and its causes (drizzle wraps driver errors) for a reason the database is unavailable. */
export function classifyDatabaseError(error: unknown): Unavailability | null {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = 'code' in e ? String(e.code) : ''
    if (UNREACHABLE.has(code)) return 'unreachable'
    if (CANNOT_WRITE.has(code)) return 'cannot-write'
    const message = 'message' in e ? String(e.message) : ''
    // Only the driver's own message (the cause), never drizzle's wrapper with the query text.
    if (!('query' in e) && CANNOT_WRITE_MESSAGE.test(message)) return 'cannot-write'
  }
  return null
}

export class DatabaseDownError extends Error {
  readonly code = 'DATABASE_DOWN'
  constructor(reason: string) {
    super(`The database is unavailable (${reason}).`)
  }
}

type State = { up: boolean; since: number; reason: string | null; trips: number }
const state: State = { up: true, since: Date.now(), reason: null, trips: 0 }
type Listener = (up: boolean) => void
const listeners = new Set<Listener>()
let probe: (() => Promise<void>) | null = null
let probeTimer: NodeJS.Timeout | undefined
const PROBE_EVERY_MS = 500

export function databaseState(): Readonly<State> {
  return state
}

function onDatabaseStateChange(listener: Listener) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** How the breaker checks the database while it is open (set by the connection). */
export function setDatabaseProbe(fn: (() => Promise<void>) | null) {
  probe = fn
}

/** Called on an error that means the database is gone: requests fail fast until a probe succeeds. */
function markDatabaseDown(reason: string) {
  if (!state.up) return
  state.up = false
  state.since = Date.now()
  state.reason = reason
  state.trips++
  for (const l of listeners) l(false)
  scheduleProbe()
}

let suspectCheck: Promise<void> | null = null

/** One connection failed: probe at once, and open the breaker only if the probe fails too. */
function suspectDatabase(reason: string) {
  if (!state.up || suspectCheck || !probe) return
  suspectCheck = probe()
    .catch(() => markDatabaseDown(reason))
    .finally(() => {
      suspectCheck = null
    })
}

export function markDatabaseUp() {
  if (state.up) return
  state.up = true
  state.since = Date.now()
  state.reason = null
  for (const l of listeners) l(true)
}

function scheduleProbe() {
  if (probeTimer || !probe) return
  probeTimer = setTimeout(async () => {
    probeTimer = undefined
    if (state.up || !probe) return
    try {
      await probe()
      markDatabaseUp()
    } catch {
      scheduleProbe()
    }
  }, PROBE_EVERY_MS)
  probeTimer.unref()
}

export function stopDatabaseProbe() {
  if (probeTimer) clearTimeout(probeTimer)
  probeTimer = undefined
}

/** Rejects after `ms` so that no check waits on a database that does not answer. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} took longer than ${ms} ms`), { code: 'CONNECT_TIMEOUT' })), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

// ---- Query instrumentation: in-flight and failed queries per driver -------

export type QueryObserver = {
  start(driver: Driver): void
  end(driver: Driver, error: unknown, unavailable: Unavailability | null): void
}
const observers = new Set<QueryObserver>()

export function observeQueries(observer: QueryObserver) {
  observers.add(observer)
  return () => observers.delete(observer)
}

/** Wraps one query's promise: counts it, and opens the breaker when the database is unreachable. */
export function trackQuery<T>(driver: Driver, run: () => PromiseLike<T>): Promise<T> {
  if (!state.up && driver === 'postgres') return Promise.reject(new DatabaseDownError(state.reason ?? 'down'))
  for (const o of observers) o.start(driver)
  const work = Promise.resolve().then(run)
  return (driver === 'postgres' ? raceOutage(work) : work).then(
    (value) => {
      for (const o of observers) o.end(driver, null, null)
      return value
    },
    (error: unknown) => {
      const kind = classifyDatabaseError(error)
      if (kind === 'unreachable') {
        const code = errorCode(error)
        if (DOWN_AT_ONCE.has(code)) markDatabaseDown(code)
        else suspectDatabase(code)
      }
      for (const o of observers) o.end(driver, error, kind)
      throw error
    },
  )
}

/**
 * Settles with `work`, or rejects as soon as the breaker opens: statements queued
 * behind reconnect attempts give up at once instead of each waiting its turn.
 * The driver still settles `work` later; nothing waits for it.
 */
export function raceOutage<T>(work: Promise<T>): Promise<T> {
  let off = () => {}
  const outage = new Promise<never>((_, reject) => {
    off = onDatabaseStateChange((up) => {
      if (!up) reject(new DatabaseDownError(state.reason ?? 'down'))
    })
  })
  return Promise.race([work, outage]).finally(off)
}

function errorCode(error: unknown): string {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ('code' in e && e.code) return String(e.code)
  }
  return 'unknown'
}
