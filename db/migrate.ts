// `npm run db:migrate`: applies db/migrations to DATABASE_URL, or to the embedded
// database under DATA_DIR. The app also does this at start; this is for deploys
// that migrate as a separate step.
import { closeConnection, getConnection } from './client.server'

try {
  const connection = await getConnection()
  console.log(`Migrations applied (${connection.driver}).`)
} catch (error) {
  // One line: a held PGlite lock names the process that holds it.
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
} finally {
  await closeConnection()
}
