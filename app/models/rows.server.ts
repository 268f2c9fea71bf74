/**
 * Rows of `db.execute` on either driver (postgres.js returns the rows, PGlite
 * an object holding them), typed as the statement's select list says.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result
  if (result && typeof result === 'object' && 'rows' in result && Array.isArray(result.rows)) return result.rows
  return []
}
