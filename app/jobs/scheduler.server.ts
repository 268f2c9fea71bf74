import { getEnv } from '~/utils/env.server'
import { deliverDueChat } from '~/models/chat-delivery.server'
import { sendDueDigests } from '~/models/digest-sends.server'
import { refreshPlannerStatistics } from '~/models/health.server'
import { runPulseJobs } from '~/models/pulse/jobs.server'
import { sendActionDueNotices } from '~/models/nudges/action-jobs.server'
import { vacuumClosedRounds } from '~/models/pulse/lifecycle.server'
import { purgeAuthRecords } from '~/models/auth-housekeeping.server'
import { logger } from '~/utils/logger.server'
import { deliverDueMail } from '~/utils/mail.server'
import { deliverDueWebhooks } from '~/models/webhooks/send.server'
import { schedulerJobFailures, schedulerTickDuration, schedulerTickLag } from '~/utils/metrics.server'

/**
 * The in-app scheduler. Each tick runs every job once; the jobs themselves claim
 * due rows in the database (FOR UPDATE SKIP LOCKED), so several app instances
 * can tick at the same time without doing the same work twice. The timer only
 * decides when to look, never what is due.
 */
export type Job = { name: string; run: (now: Date) => Promise<unknown> }

const jobs: Job[] = [
  { name: 'pulse rounds', run: (now) => runPulseJobs(now) },
  { name: 'weekly digest', run: (now) => sendDueDigests(now) },
  { name: 'action due notices', run: (now) => sendActionDueNotices(now) },
  { name: 'deliver mail', run: () => deliverDueMail() },
  { name: 'deliver Slack and Teams', run: (now) => deliverDueChat(20, now) },
  { name: 'deliver webhooks', run: (now) => deliverDueWebhooks(now) },
  { name: 'planner statistics', run: (now) => refreshPlannerStatistics(now.getTime()) },
  // After rounds close, drop the row versions the scramble left behind.
  { name: 'vacuum closed rounds', run: () => vacuumClosedRounds() },
  { name: 'sign-in housekeeping', run: (now) => purgeAuthRecords(now) },
]

export function registerJob(job: Job) {
  if (!jobs.some((j) => j.name === job.name)) jobs.push(job)
}

export async function tick(now = new Date()) {
  const started = performance.now()
  for (const job of jobs) {
    try {
      await job.run(now)
    } catch (error) {
      schedulerJobFailures.inc({ job: job.name })
      logger.error({ err: error, job: job.name }, 'scheduler job failed')
    }
  }
  schedulerTickDuration.observe((performance.now() - started) / 1000)
}

let timer: NodeJS.Timeout | undefined
let running: Promise<void> | null = null
let stopped = true

/**
 * Ticks every SCHEDULER_INTERVAL_SECONDS. A tick that runs long is never
 * overlapped: the next one waits for its turn, and the lag metric shows it.
 * `delayFirstTick` waits one interval before the first tick, so that a server
 * starting up answers its first requests without queueing behind it.
 */
export function startScheduler({ delayFirstTick = false } = {}) {
  if (!stopped) return
  stopped = false
  const interval = getEnv().SCHEDULER_INTERVAL_SECONDS * 1000
  const run = (due: number) => {
    timer = undefined
    if (stopped) return
    schedulerTickLag.set(Math.max(0, Date.now() - due) / 1000)
    running = tick().finally(() => {
      running = null
    })
    void running.then(() => {
      if (stopped) return
      const next = Math.max(due + interval, Date.now())
      timer = setTimeout(run, next - Date.now(), next)
      timer.unref()
    })
  }
  if (!delayFirstTick) return run(Date.now())
  const first = Date.now() + interval
  timer = setTimeout(run, interval, first)
  timer.unref()
}

/** Starts no new tick and waits for a running one to finish. */
export async function stopScheduler() {
  stopped = true
  if (timer) clearTimeout(timer)
  timer = undefined
  await running
}
