// One process per core on PostgreSQL (WEB_CONCURRENCY). The primary only
// forks the workers, replaces one that dies, and on SIGTERM or SIGINT passes
// the signal on and exits once every worker has drained and stopped. Each
// worker is the ordinary server (index.ts), sharing the port through
// node:cluster. Never on PGlite: its data folder belongs to one process.
// See docs/decisions/012-one-round-trip-per-answer.md.
import cluster, { type Worker } from 'node:cluster'
import { flushLogs, logger } from '~/utils/logger.server'

/** Each worker ends itself within 9.5 s of the signal; this is the primary's own backstop. */
const HARD_EXIT_MS = 9_800
/** A worker that dies this soon after starting is not replaced: the cause (a bad database, a bad env) would kill the next one too. */
const EARLY_DEATH_MS = 10_000

export function runPrimary(count: number) {
  let stopping = false
  let failed = false
  const startedAt = new Map<Worker, number>()

  const fork = () => startedAt.set(cluster.fork(), Date.now())
  for (let i = 0; i < count; i++) fork()

  const finishIfDone = () => {
    if (Object.keys(cluster.workers ?? {}).length > 0) return
    logger.info({ failed }, 'all workers stopped')
    flushLogs()
    process.exit(failed ? 1 : 0)
  }

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    logger.info({ signal, workers: count }, 'shutting down workers')
    setTimeout(() => {
      logger.error('workers took too long to stop; exiting')
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL')
      flushLogs()
      process.exit(1)
    }, HARD_EXIT_MS).unref()
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal)
    finishIfDone()
  }

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0)
    startedAt.delete(worker)
    if (code !== 0) failed = true
    if (stopping) return finishIfDone()
    if (lived < EARLY_DEATH_MS) {
      // The worker printed why; stop the others rather than restart it in a loop.
      logger.fatal({ pid: worker.process.pid, code, signal }, 'a worker could not start; stopping')
      return stop('SIGTERM')
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'worker died; starting another')
    failed = false
    fork()
  })

  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}
