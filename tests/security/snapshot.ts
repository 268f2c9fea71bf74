// Row count and an order-independent checksum of every table in db/schema.ts,
// in one query, to prove that a refused request wrote nothing anywhere.
import { sql } from 'drizzle-orm'
import { ident, schemaTables } from '../../db/tables'
import { query } from '../factories'

export type Snapshot = Map<string, string>

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

export async function snapshot(): Promise<Snapshot> {
  const rows = await query<{ name: string; sum: string }>(STATEMENT)
  return new Map(rows.map((r) => [r.name, r.sum]))
}

/** Tables whose rows differ between two snapshots, except those listed. */
export function changedTables(before: Snapshot, after: Snapshot, except: readonly string[] = []) {
  return [...after.keys()].filter((name) => !except.includes(name) && before.get(name) !== after.get(name))
}
