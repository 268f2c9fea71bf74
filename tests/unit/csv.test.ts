import { describe, expect, it } from 'vitest'
import { csvCell, toCsv } from '~/utils/csv'

type Row = { name: string | null; score: number | null; note?: string }
const columns = [
  { key: 'name', header: 'Team' },
  { key: 'score', header: 'Respect Index' },
  { key: 'note', header: 'Note' },
] as const

describe('toCsv', () => {
  it('writes a header and one CRLF-terminated record per row', () => {
    const rows: Row[] = [
      { name: 'Growth', score: 68, note: 'ok' },
      { name: 'Payments', score: 71.5, note: '' },
    ]
    expect(toCsv(columns, rows)).toBe('Team,Respect Index,Note\r\nGrowth,68,ok\r\nPayments,71.5,\r\n')
  })

  it('quotes fields with commas, quotes or line breaks and doubles the quotes', () => {
    const rows: Row[] = [
      { name: 'Search, Core', score: 1, note: 'She said "ship it"' },
      { name: 'Two\nlines', score: 2, note: 'cr\rhere' },
    ]
    expect(toCsv(columns, rows)).toBe('Team,Respect Index,Note\r\n"Search, Core",1,"She said ""ship it"""\r\n"Two\nlines",2,"cr\rhere"\r\n')
  })

  it('writes null and undefined as empty cells', () => {
    const rows: Row[] = [{ name: null, score: null }]
    expect(toCsv(columns, rows)).toBe('Team,Respect Index,Note\r\n,,\r\n')
  })

  it('prefixes a byte order mark only when asked', () => {
    const rows: Row[] = [{ name: 'Zürich', score: 1 }]
    expect(toCsv(columns, rows, { bom: true }).startsWith('\uFEFFTeam,')).toBe(true)
    expect(toCsv(columns, rows).startsWith('Team,')).toBe(true)
  })

  it('writes only the chosen columns, in column order', () => {
    expect(toCsv([{ key: 'score', header: 'Score' }], [{ name: 'A', score: 3 }])).toBe('Score\r\n3\r\n')
  })
})

describe('formula injection', () => {
  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`)
    expect(csvCell('+1+1')).toBe("'+1+1")
    expect(csvCell('-2+3')).toBe("'-2+3")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('\t=1')).toBe("'\t=1")
    expect(csvCell('\r=1')).toBe(`"'\r=1"`)
  })

  it('writes real numbers as numbers, negatives included, but text that looks like a number stays text', () => {
    expect(csvCell(-5)).toBe('-5')
    expect(csvCell(-0.25)).toBe('-0.25')
    expect(csvCell(0)).toBe('0')
    expect(csvCell('-5')).toBe("'-5")
  })

  it('leaves harmless text alone, including formula characters later in the text', () => {
    expect(csvCell('a=b')).toBe('a=b')
    expect(csvCell('user@example.com')).toBe('user@example.com')
    expect(csvCell(' =1')).toBe(' =1')
  })

  it('formats booleans, dates and non-finite numbers predictably', () => {
    expect(csvCell(true)).toBe('true')
    expect(csvCell(new Date('2026-07-01T09:00:00Z'))).toBe('2026-07-01T09:00:00.000Z')
    expect(csvCell(Number.NaN)).toBe('')
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('')
  })
})
