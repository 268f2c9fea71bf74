import client from 'prom-client'
import { databaseState, observeQueries } from '../../db/availability.server'
import { logger } from './logger.server'

/**
 * Prometheus metrics, one registry for the process. Everything with a label
 * uses a small fixed set of values (route ids, status classes, job names), never
 * a raw URL: paths like /join/<token> carry secrets.
 */
export const registry = new client.Registry()
client.collectDefaultMetrics({ register: registry, prefix: 'tandem_' })

export const httpDuration = new client.Histogram({
  name: 'tandem_http_request_duration_seconds',
  help: 'Time to answer a request, by matched route id and status class',
  labelNames: ['route', 'method', 'status_class'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
})

export const httpInFlight = new client.Gauge({
  name: 'tandem_http_requests_in_flight',
  help: 'Requests being handled now',
  registers: [registry],
})

const queriesInFlight = new client.Gauge({
  name: 'tandem_db_queries_in_flight',
  help: 'Database statements sent and not yet answered',
  labelNames: ['driver'] as const,
  registers: [registry],
})
const queryErrors = new client.Counter({
  name: 'tandem_db_query_errors_total',
  help: 'Database statements that failed, by kind: unreachable, cannot-write or error',
  labelNames: ['driver', 'kind'] as const,
  registers: [registry],
})
const queries = new client.Counter({
  name: 'tandem_db_queries_total',
  help: 'Database statements sent',
  labelNames: ['driver'] as const,
  registers: [registry],
})

new client.Gauge({
  name: 'tandem_db_up',
  help: '1 while the database answers, 0 while the breaker is open after an outage',
  registers: [registry],
  collect() {
    this.set(databaseState().up ? 1 : 0)
  },
})
new client.Counter({
  name: 'tandem_db_outages_total',
  help: 'Times the breaker opened because the database was unreachable',
  registers: [registry],
  collect() {
    this.reset()
    this.inc(databaseState().trips)
  },
})
const poolSize = new client.Gauge({
  name: 'tandem_db_pool_max_connections',
  help: 'Connections the pool may open (PGlite: one embedded connection)',
  labelNames: ['driver'] as const,
  registers: [registry],
})

export const schedulerTickDuration = new client.Histogram({
  name: 'tandem_scheduler_tick_duration_seconds',
  help: 'Time one scheduler tick took (all jobs)',
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
  registers: [registry],
})
export const schedulerTickLag = new client.Gauge({
  name: 'tandem_scheduler_tick_lag_seconds',
  help: 'How late the last tick started relative to its interval',
  registers: [registry],
})
export const schedulerJobFailures = new client.Counter({
  name: 'tandem_scheduler_job_failures_total',
  help: 'Scheduler jobs that threw',
  labelNames: ['job'] as const,
  registers: [registry],
})

export const mailDelivered = new client.Counter({
  name: 'tandem_mail_sent_total',
  help: 'Mails handed to the SMTP server',
  registers: [registry],
})
export const mailFailures = new client.Counter({
  name: 'tandem_mail_delivery_failures_total',
  help: 'Delivery attempts the SMTP server refused or that timed out (each is retried later)',
  registers: [registry],
})
let mailQueueDepth: (() => Promise<number>) | null = null

/** Where the queue depth comes from: boot hands in the outbox's count. */
export function setMailQueueDepth(read: () => Promise<number>) {
  mailQueueDepth = read
}

new client.Gauge({
  name: 'tandem_mail_queue_depth',
  help: 'Mails waiting in the outbox for delivery (read at scrape time)',
  registers: [registry],
  async collect() {
    try {
      if (mailQueueDepth) this.set(await mailQueueDepth())
    } catch (error) {
      logger.warn({ err: error }, 'mail queue depth unavailable')
    }
  },
})

let installed = false

/** Starts counting database statements; called once at boot. */
export function installDatabaseMetrics(driver: 'pglite' | 'postgres', maxConnections: number) {
  if (installed) return
  installed = true
  poolSize.set({ driver }, maxConnections)
  observeQueries({
    start(d) {
      queries.inc({ driver: d })
      queriesInFlight.inc({ driver: d })
    },
    end(d, error, unavailable) {
      queriesInFlight.dec({ driver: d })
      if (error) queryErrors.inc({ driver: d, kind: unavailable ?? 'error' })
    },
  })
}
