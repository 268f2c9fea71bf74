import { expect, it } from 'vitest'
import { getConnection } from '../../db/client.server'
import { registerJob, startScheduler, stopScheduler } from '~/jobs/scheduler.server'
import { refreshPlannerStatistics } from '~/models/health.server'

process.env.SCHEDULER_INTERVAL_SECONDS = '1'

it('stopScheduler lets the running tick finish and starts no new one', async () => {
  let started = 0
  let finished = 0
  registerJob({
    name: 'slow test job',
    run: async () => {
      started++
      await new Promise((r) => setTimeout(r, 400))
      finished++
    },
  })
  startScheduler()
  // The tick runs the real jobs before this one; on a busy machine that takes a while.
  for (let waited = 0; started === 0 && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20))
  expect(started).toBe(1)
  expect(finished).toBe(0)
  const stopping = Date.now()
  await stopScheduler()
  // It waited for the job that was running rather than abandoning it.
  expect(finished).toBe(1)
  expect(Date.now() - stopping).toBeGreaterThanOrEqual(200)
  await new Promise((r) => setTimeout(r, 1_500))
  expect(started).toBe(1)
})

it('a server starting up gets its first tick one interval later, not while it boots', async () => {
  // Whatever an earlier test left running stops first: its tick would run this job too.
  await stopScheduler()
  let firstAt: number | undefined
  registerJob({ name: 'timing test job', run: async () => void (firstAt ??= Date.now()) })
  const startedAt = Date.now()
  startScheduler({ delayFirstTick: true })
  // The tick's other jobs run first and may take a while on a busy machine.
  for (let waited = 0; firstAt === undefined && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50))
  await stopScheduler()
  expect(firstAt).toBeDefined()
  expect((firstAt ?? 0) - startedAt).toBeGreaterThanOrEqual(1_000)
})

it('PGlite statistics are first refreshed minutes after start, then hourly', async () => {
  const { driver } = await getConnection()
  const now = Date.now()
  expect(await refreshPlannerStatistics(now)).toBe(false)
  expect(await refreshPlannerStatistics(now + 6 * 60_000)).toBe(driver === 'pglite')
  expect(await refreshPlannerStatistics(now + 30 * 60_000)).toBe(false)
})
