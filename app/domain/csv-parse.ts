// Reading CSV exports (RFC 4180): quoted fields with commas, doubled quotes
// and line breaks inside them, CRLF or LF line ends, a leading byte order
// mark. Pure, so the import route and the tests read files the same way.

export type ParsedCsv = {
  headers: string[]
  /** one record per data row, cells in header order (missing cells are '') */
  rows: string[][]
  /** rows that could not be read as the header's shape, 1-based data row numbers with why */
  problems: { row: number; message: string }[]
}

export class CsvSyntaxError extends Error {}

/** Every record of the text, cells unquoted. Throws CsvSyntaxError on a quote left open. */
export function parseCsvRecords(input: string): string[][] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input
  const records: string[][] = []
  let record: string[] = []
  let cell = ''
  let quoted = false
  let afterQuote = false
  let i = 0
  const endCell = () => {
    record.push(cell)
    cell = ''
    afterQuote = false
  }
  const endRecord = () => {
    endCell()
    records.push(record)
    record = []
  }
  while (i < text.length) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i += 2
          continue
        }
        quoted = false
        afterQuote = true
      } else if (ch === '\r') {
        // Line breaks inside a cell are kept as LF, whatever the file (or a
        // form resubmitting it as CRLF) used, so a re-read gives the same text.
        cell += '\n'
        if (text[i + 1] === '\n') i++
      } else cell += ch
      i++
      continue
    }
    if (ch === '"' && cell === '' && !afterQuote) quoted = true
    else if (ch === ',') endCell()
    else if (ch === '\r' && text[i + 1] === '\n') {
      endRecord()
      i++
    } else if (ch === '\n' || ch === '\r') endRecord()
    // Text after a closing quote ("ab"c) is kept as text, as spreadsheets do.
    else cell += ch
    i++
  }
  if (quoted) throw new CsvSyntaxError('A quoted field is never closed: the file ends inside quotes.')
  if (cell !== '' || record.length > 0) endRecord()
  return records
}

const isBlank = (record: string[]) => record.every((c) => c.trim() === '')

/**
 * A CSV file with a header row. Blank lines are dropped; a row with more
 * cells than the header is reported (its extra cells would otherwise be lost
 * silently), a shorter row is padded, as exports drop trailing empty cells.
 */
export function parseCsv(input: string): ParsedCsv {
  const records = parseCsvRecords(input)
  const headerIndex = records.findIndex((r) => !isBlank(r))
  if (headerIndex < 0) return { headers: [], rows: [], problems: [] }
  const headers = records[headerIndex].map((h) => h.trim())
  const rows: string[][] = []
  const problems: ParsedCsv['problems'] = []
  for (const record of records.slice(headerIndex + 1)) {
    if (isBlank(record)) continue
    const row = rows.length + problems.length + 1
    if (record.length > headers.length && !isBlank(record.slice(headers.length))) {
      problems.push({ row, message: `Row ${row} has ${record.length} cells but the header has ${headers.length}.` })
      continue
    }
    rows.push(headers.map((_, i) => record[i] ?? ''))
  }
  return { headers, rows, problems }
}
