import { json } from '@remix-run/node'
import { pingDatabase } from '~/models/health.server'

export async function loader() {
  const up = await pingDatabase()
  return json(
    { status: up ? 'ok' : 'error', database: up ? 'up' : 'down' },
    { status: up ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  )
}
