// SQL pieces shared by the models.
import { sql, type Column, type SQL } from 'drizzle-orm'
import { isUuid } from '~/domain/ids'

/**
 * `column = any($1::uuid[])`: a list of ids as one parameter. A leader of a
 * whole company reads hundreds of teams, and `inArray` sends each id as its
 * own parameter: drizzle builds, and PostgreSQL parses and plans, an IN list
 * of hundreds on every page load. The ids are checked, as they travel inside
 * one array literal.
 */
export function inUuids(column: Column | SQL, ids: readonly string[]): SQL {
  for (const id of ids) if (!isUuid(id)) throw new TypeError(`not an id: ${JSON.stringify(id)}`)
  return sql`${column} = any(${`{${ids.join(',')}}`}::uuid[])`
}
