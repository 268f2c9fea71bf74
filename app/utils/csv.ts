// CSV downloads (RFC 4180). Pure, so routes build the body and tests read it.

export type CsvColumn<Row> = { key: keyof Row & string; header: string }

export type CsvOptions = {
  /** Prefix a UTF-8 byte order mark, so Excel opens non-ASCII text correctly. */
  bom?: boolean
}

// A spreadsheet runs a cell that starts with one of these as a formula
// (OWASP "CSV injection"), so text from users must never start with them.
const FORMULA_START = /^[=+\-@\t\r]/

/** Formats one cell. Only real numbers are written as numbers; text that merely looks like one is still text. */
export function csvCell(value: unknown): string {
  let text: string
  if (value === null || value === undefined) text = ''
  else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : ''
  else if (typeof value === 'bigint' || typeof value === 'boolean') text = String(value)
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? '' : value.toISOString()
  else {
    text = String(value)
    if (FORMULA_START.test(text)) text = `'${text}`
  }
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** A header row and one record per row, every record ending in CRLF. */
export function toCsv<Row extends object>(
  columns: readonly CsvColumn<NoInfer<Row>>[],
  rows: readonly Row[],
  options: CsvOptions = {},
): string {
  const lines = [columns.map((c) => csvCell(c.header)), ...rows.map((row) => columns.map((c) => csvCell(row[c.key])))]
  const body = lines.map((cells) => `${cells.join(',')}\r\n`).join('')
  return options.bom ? `\uFEFF${body}` : body
}
