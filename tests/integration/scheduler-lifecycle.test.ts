import { expect, it } from 'vitest'
import { registerJob, startScheduler, stopScheduler } from '~/jobs/scheduler.server'

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
  await new Promise((r) => setTimeout(r, 100))
  expect(started).toBe(1)
  const stopping = Date.now()
  await stopScheduler()
  // It waited for the job that was running rather than abandoning it.
  expect(finished).toBe(1)
  expect(Date.now() - stopping).toBeGreaterThanOrEqual(200)
  await new Promise((r) => setTimeout(r, 1_500))
  expect(started).toBe(1)
})
