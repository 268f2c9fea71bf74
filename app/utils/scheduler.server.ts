import { getEnv } from './env.server'
import { sendDueDigests } from '~/models/digest.server'
import { refreshPlannerStatistics } from '~/models/health.server'
import { runPulseJobs } from '~/models/pulse.server'
import { vacuumClosedRounds } from '~/models/round-lifecycle.server'
import { deliverDueMail } from './mail.server'
import { purgeAuthRecords } from '~/models/auth-housekeeping.server'

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
  { name: 'deliver mail', run: () => deliverDueMail() },
  { name: 'planner statistics', run: (now) => refreshPlannerStatistics(now.getTime()) },
  // After rounds close, drop the row versions the scramble left behind.
  { name: 'vacuum closed rounds', run: () => vacuumClosedRounds() },
  { name: 'sign-in housekeeping', run: (now) => purgeAuthRecords(now) },
]

export function registerJob(job: Job) {
  if (!jobs.some((j) => j.name === job.name)) jobs.push(job)
}

export async function tick(now = new Date()) {
  for (const job of jobs) {
    try {
      await job.run(now)
    } catch (error) {
      console.error(`[scheduler] ${job.name} failed:`, error)
    }
  }
}

let timer: NodeJS.Timeout | undefined
let running = false

export function startScheduler() {
  if (timer) return
  const interval = getEnv().SCHEDULER_INTERVAL_SECONDS * 1000
  const loop = async () => {
    if (running) return
    running = true
    try {
      await tick()
    } finally {
      running = false
    }
  }
  timer = setInterval(loop, interval)
  timer.unref()
  void loop()
}

export function stopScheduler() {
  if (timer) clearInterval(timer)
  timer = undefined
}
