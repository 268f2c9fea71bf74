// `npm run db:migrate`: applies db/migrations to DATABASE_URL, or to the embedded
// database under DATA_DIR. The app also does this at start; this is for deploys
// that migrate as a separate step.
import { closeConnection, getConnection } from './client.server'

const connection = await getConnection()
console.log(`Migrations applied (${connection.driver}).`)
await closeConnection()
