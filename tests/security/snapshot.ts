// Row count and an order-independent checksum of every table in db/schema.ts,
// in one query, to prove that a refused request wrote nothing anywhere.
import { sql } from 'drizzle-orm'
import { ident, schemaTables } from '../../db/tables'
import { query } from '../factories'

export type Snapshot = { tables: Map<string, string>; xmax: string }

// Each row's text form hashed to 60 bits and summed: the sum does not depend on
// row order (a changed row changes it; so does a row added or removed).
const STATEMENT = sql.raw(
  schemaTables()
    .map(
      (t) =>
        `select '${t.name}' as name, count(*) || ':' || coalesce(sum(('x' || substr(md5(r::text), 1, 15))::bit(60)::bigint), 0) as sum from ${ident(t.name)} r`,
    )
    .join(' union all '),
)

// The next transaction id the server will hand out. Changing a row takes a
// transaction id, so while this stands still no table can have changed.
const XMAX = sql.raw('select pg_snapshot_xmax(pg_current_snapshot())::text as xmax')

/**
 * Every table's count and checksum. Given the previous snapshot, it is reused
 * when no transaction id has been handed out since (nothing can differ), and
 * taken afresh otherwise.
 */
export async function snapshot(previous?: Snapshot): Promise<Snapshot> {
  const [{ xmax }] = await query<{ xmax: string }>(XMAX)
  if (previous && previous.xmax === xmax) return previous
  const rows = await query<{ name: string; sum: string }>(STATEMENT)
  return { tables: new Map(rows.map((r) => [r.name, r.sum])), xmax }
}

/** Tables whose rows differ between two snapshots, except those listed. */
export function changedTables(before: Snapshot, after: Snapshot, except: readonly string[] = []) {
  return [...after.tables.keys()].filter((name) => !except.includes(name) && before.tables.get(name) !== after.tables.get(name))
}
