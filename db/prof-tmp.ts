import { sql } from 'drizzle-orm'
import { openBulk } from './seed/bench/bulk'
const c = await openBulk()
for (let i = 0; i < 3; i++) { const t = performance.now(); await c.db.execute(sql`select 1`); console.log('q', performance.now() - t) }
for (let i = 0; i < 3; i++) { const t = performance.now(); await c.exec('select 1'); console.log('exec', performance.now() - t) }
await c.exec('begin')
for (let i = 0; i < 3; i++) { const t = performance.now(); await c.copy('settings', ['key', 'value'], [`k${i}\tb\n`]); console.log('copy', performance.now() - t) }
await c.exec('rollback')
await c.close()
