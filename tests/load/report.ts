export type Row = [phase: string, measure: string, figure: string]

/** A plain-text table, so it reads the same in a terminal and in a CI log. */
export function printTable(rows: Row[]) {
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), 5))
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i])).join(' | ')
  console.log(`\n${line(['Phase', 'Measure', 'Figure'])}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}`)
  for (const row of rows) console.log(line(row))
}
