// Every table of db/schema.ts, read from the schema itself, so tools that walk
// all tables (the PGlite → PostgreSQL copy, test snapshots) include a table
// added later without being edited.
import { is } from 'drizzle-orm'
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core'
import * as schema from './schema'

export type TableInfo = {
  /** the SQL name */
  name: string
  table: PgTable
  /** SQL column names, in schema order */
  columns: string[]
  /** names of the tables this one references (itself excluded) */
  references: string[]
}

export function schemaTables(): TableInfo[] {
  return Object.values(schema as Record<string, unknown>)
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => {
      const config = getTableConfig(table)
      const references = config.foreignKeys
        .map((fk) => getTableConfig(fk.reference().foreignTable).name)
        .filter((name) => name !== config.name)
      return { name: config.name, table, columns: config.columns.map((c) => c.name), references: [...new Set(references)] }
    })
}

/** Tables ordered so each comes after every table it references: the order to insert rows in. */
export function tablesInForeignKeyOrder(tables: TableInfo[] = schemaTables()): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]))
  const done = new Set<string>()
  const visiting = new Set<string>()
  const ordered: TableInfo[] = []
  const visit = (t: TableInfo) => {
    if (done.has(t.name)) return
    if (visiting.has(t.name)) throw new Error(`Foreign keys form a cycle through ${t.name}`)
    visiting.add(t.name)
    for (const ref of t.references) {
      const target = byName.get(ref)
      if (target) visit(target)
    }
    visiting.delete(t.name)
    done.add(t.name)
    ordered.push(t)
  }
  for (const t of tables) visit(t)
  return ordered
}

/** A double-quoted SQL identifier. */
export function ident(name: string) {
  return `"${name.replace(/"/g, '""')}"`
}
