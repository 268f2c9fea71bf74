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

/** Rows per chunk of a streamed CSV: big enough to be cheap, small enough that the first bytes leave at once. */
const STREAM_BATCH = 500

/**
 * The same file as toCsv, as a byte stream written a batch of rows at a
 * time when the client reads, so a long download neither waits for its last
 * row nor holds the whole text in memory.
 */
export function csvStream<Row extends object>(
  columns: readonly CsvColumn<NoInfer<Row>>[],
  rows: readonly Row[],
  options: CsvOptions = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const line = (cells: string[]) => `${cells.join(',')}\r\n`
  let next = 0
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const header = line(columns.map((c) => csvCell(c.header)))
      controller.enqueue(encoder.encode(options.bom ? `\uFEFF${header}` : header))
    },
    pull(controller) {
      const end = Math.min(rows.length, next + STREAM_BATCH)
      let text = ''
      for (; next < end; next++) text += line(columns.map((c) => csvCell(rows[next][c.key])))
      if (text) controller.enqueue(encoder.encode(text))
      if (next >= rows.length) controller.close()
    },
  })
}
