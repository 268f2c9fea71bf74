// The production server: `node build/index.js` (remix.config.js compiles this
// file and the whole app into that one module). See docs/decisions/008-production-server.md.
import cluster from 'node:cluster'
import { createServer, type Server } from 'node:http'
import type { Socket } from 'node:net'
import type { ServerBuild } from '@remix-run/node'
import { broadcastDevReady } from '@remix-run/node'
import * as build from '@remix-run/dev/server-build'
import { closeConnection } from '../../db/client.server'
import { DataDirLockedError } from '../../db/pglite-lock.server'
import { boot } from '~/jobs/boot.server'
import { getEnv } from '~/utils/env.server'
import { flushLogs, logger } from '~/utils/logger.server'
import { stopScheduler } from '~/jobs/scheduler.server'
import { createApp, lifecycle, serveMetrics } from './app'
import { runPrimary } from './cluster'

/** In-flight requests get this long after SIGTERM; the process is gone within 10 s. */
const DRAIN_MS = 7_000
const HARD_EXIT_MS = 9_500

const serverBuild = build as unknown as ServerBuild
// `node build/index.js` runs in the build's own mode unless told otherwise, as
// remix-serve did. (Through a variable: the compiler rewrites process.env.NODE_ENV.)
const processEnv = process.env
processEnv.NODE_ENV ||= serverBuild.mode === 'development' ? 'development' : 'production'
const env = getEnv()

if (cluster.isPrimary && env.WEB_CONCURRENCY > 1) runPrimary(env.WEB_CONCURRENCY)
else await serve()

/** One server process: the only one, or a worker of the cluster. */
async function serve() {
  try {
    await boot()
  } catch (error) {
    // One line for the operator: which database, and why it could not be opened.
    console.error(
      error instanceof DataDirLockedError
        ? error.message
        : `Tandem could not start: ${error instanceof Error ? error.message : String(error)}`,
    )
    process.exit(1)
  }

  const app = createApp(serverBuild, env)
  const server = createServer(app)
  // Slow clients cannot hold a connection for long: headers in 20 s, the whole request in 30 s.
  server.headersTimeout = 20_000
  server.requestTimeout = 30_000
  server.keepAliveTimeout = 5_000

  const sockets = new Set<Socket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  const servers: Server[] = [server]
  server.listen(env.PORT, env.HOST, () => {
    const address = server.address()
    const where = typeof address === 'object' && address ? `${address.address}:${address.port}` : String(address)
    logger.info({ address: where, mode: serverBuild.mode }, `Tandem listening on http://${env.HOST ?? 'localhost'}:${env.PORT}`)
    // Under `npm run dev`, tell the dev server this build is up (for live reload).
    if (serverBuild.mode === 'development') void broadcastDevReady(serverBuild)
  })
  server.on('error', (error) => {
    logger.fatal({ err: error }, 'could not listen')
    flushLogs()
    process.exit(1)
  })

  if (env.METRICS_PORT) {
    const metrics = createServer((req, res) => {
      if (req.url?.split('?')[0] !== '/metrics') {
        res.statusCode = 404
        return res.end()
      }
      void serveMetrics(res)
    })
    metrics.listen(env.METRICS_PORT, env.HOST)
    servers.push(metrics)
  }

  let stopping = false

  /**
   * SIGTERM or SIGINT: stop accepting, let requests in flight finish, let a
   * running scheduler tick finish and start no new one, close the database, exit.
   */
  async function shutdown(signal: string) {
    if (stopping) return
    stopping = true
    lifecycle.stopping = true
    const started = Date.now()
    logger.info({ signal }, 'shutting down')
    setTimeout(() => {
      logger.error({ ms: Date.now() - started }, 'shutdown took too long; exiting')
      flushLogs()
      process.exit(1)
    }, HARD_EXIT_MS).unref()

    const schedulerStopped = stopScheduler()
    const closed = Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))))
    // Idle keep-alive connections would hold close() open; busy ones finish first.
    server.closeIdleConnections()
    const idleSweep = setInterval(() => server.closeIdleConnections(), 100)
    const drained = await Promise.race([closed.then(() => true), new Promise<boolean>((r) => setTimeout(r, DRAIN_MS, false))])
    clearInterval(idleSweep)
    if (!drained) {
      logger.warn({ open: sockets.size }, 'requests still open after the grace period; closing them')
      for (const socket of sockets) socket.destroy()
    }
    await schedulerStopped
    try {
      await closeConnection()
    } catch (error) {
      logger.warn({ err: error }, 'closing the database failed')
    }
    logger.info({ ms: Date.now() - started }, 'stopped')
    flushLogs()
    process.exit(0)
  }

  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}
