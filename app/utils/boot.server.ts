import { getConnection } from '../../db/client.server'
import { getEnv } from './env.server'
import { sessionSecret } from './session.server'
import { startScheduler } from './scheduler.server'

let booted: Promise<void> | undefined

/** Runs once per process: env check, migrations, secret, scheduler. */
export function boot() {
  booted ??= (async () => {
    const env = getEnv()
    try {
      await getConnection()
    } catch (error) {
      console.error(`Database unavailable: ${error instanceof Error ? error.message : String(error)}`)
      process.exit(1)
    }
    sessionSecret()
    if (env.SCHEDULER === 'on' && !process.env.VITEST) startScheduler()
  })()
  return booted
}
