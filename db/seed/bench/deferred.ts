// Loading first, then indexing and checking foreign keys, as pg_restore does.
// Inserting millions of answers into a primary key of random UUIDs touches a
// random index page per row, and checking three foreign keys per row runs
// three lookups; once the tables outgrow the buffer cache both cost far more
// than the COPY. Building an index once at the end is a sort, and adding a
// foreign key back checks every row in one join. Only indexes no foreign key
// depends on are set aside, and each index and key is rebuilt from the
// catalog's own definition, so the schema ends exactly as the migrations left
// it, and every generated row has been checked against it.
import type { BulkConnection } from './bulk'

/** The big tables the generator fills; each round adds dozens of their rows. */
const DEFERRED_TABLES = ['answers', 'responses', 'round_items', 'round_roster', 'participations', 'pulse_rollups'] as const

type Deferred = { table: string; index: string | null; constraint: string | null; definition: string }

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

export async function deferIndexesAndKeys(conn: BulkConnection, tables: readonly string[] = DEFERRED_TABLES) {
  const list = tables.map((t) => `'${t.replace(/'/g, "''")}'`).join(', ')
  const foreignKeys = await conn.query<Deferred>(`
    select c.relname as table, null as index, con.conname as constraint, pg_get_constraintdef(con.oid) as definition
    from pg_constraint con join pg_class c on c.oid = con.conrelid
    where con.contype = 'f' and c.relnamespace = current_schema()::regnamespace and c.relname in (${list})
    order by c.relname, con.conname`)
  const indexes = await conn.query<Deferred>(`
    select c.relname as table, i.relname as index, con.conname as constraint,
      coalesce(pg_get_constraintdef(con.oid), pg_get_indexdef(i.oid)) as definition
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class c on c.oid = x.indrelid
    left join pg_constraint con on con.conindid = i.oid and con.conrelid = c.oid and con.contype in ('p', 'u')
    where c.relnamespace = current_schema()::regnamespace and c.relname in (${list})
      and not exists (select 1 from pg_constraint fk where fk.contype = 'f' and fk.conindid = i.oid)
    order by c.relname, i.relname`)
  // Keys before the indexes they might use; back again in the reverse order.
  const deferred = [...foreignKeys, ...indexes]
  await conn.exec('begin')
  try {
    for (const d of deferred) {
      await conn.exec(
        d.constraint ? `alter table ${quote(d.table)} drop constraint ${quote(d.constraint)}` : `drop index ${quote(d.index ?? '')}`,
      )
    }
    await conn.exec('commit')
  } catch (error) {
    await conn.exec('rollback').catch(() => {})
    throw error
  }
  return {
    /** Builds every index and adds back every foreign key set aside (checking every row), in one transaction. */
    async restore() {
      await conn.exec('begin')
      try {
        // A sort in memory rather than on disk, for this transaction only.
        if (conn.driver === 'postgres') await conn.exec(`set local maintenance_work_mem = '256MB'`)
        for (const d of [...deferred].reverse()) {
          await conn.exec(
            d.constraint ? `alter table ${quote(d.table)} add constraint ${quote(d.constraint)} ${d.definition}` : d.definition,
          )
        }
        await conn.exec('commit')
      } catch (error) {
        await conn.exec('rollback').catch(() => {})
        throw error
      }
    },
  }
}
