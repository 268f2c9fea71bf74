import { observeQueries } from '../../db/availability.server'
import { getConnection } from '../../db/client.server'
import { getEnv } from '~/utils/env.server'
import { countPendingMail } from '~/models/outbox.server'
import { installDatabaseMetrics, setMailQueueDepth } from '~/utils/metrics.server'
import { requestContext } from '~/utils/request-context.server'
import { sessionSecret } from '~/utils/session.server'
import { startScheduler } from './scheduler.server'

let booted: Promise<void> | undefined

/**
 * Runs once per process, before the server listens: env check, migrations (or
 * the PGlite lock refusal), the session secret, metrics and the scheduler.
 * Throws when the database cannot be opened; the server prints one line and exits.
 */
export function boot() {
  booted ??= (async () => {
    const env = getEnv()
    const connection = await getConnection()
    installDatabaseMetrics(connection.driver, connection.driver === 'postgres' ? 10 : 1)
    // The queue depth is read at scrape time; the metrics module knows no models.
    setMailQueueDepth(countPendingMail)
    // A query that failed because the database is away makes this request's answer a 503.
    observeQueries({
      start() {},
      end(_driver, _error, unavailable) {
        const store = requestContext.getStore()
        if (store && unavailable) store.databaseUnavailable = unavailable
      },
    })
    sessionSecret()
    if (env.SCHEDULER === 'on' && !process.env.VITEST) startScheduler({ delayFirstTick: true })
  })()
  booted.catch(() => {
    booted = undefined
  })
  return booted
}
