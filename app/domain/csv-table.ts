// The tables behind the CSV downloads (the dashboard's and a team's pulse
// page's): columns with their headers, and rows of plain values that
// ~/utils/csv writes out.

export type CsvRow = Record<string, string | number | null>
export type CsvTable = { columns: { key: string; header: string }[]; rows: CsvRow[] }

/** Columns from [key, header] pairs. */
export const csvColumns = (pairs: [string, string][]): CsvTable['columns'] => pairs.map(([key, header]) => ({ key, header }))

/** A share (0–1) as a percentage to one decimal, as the page shows it. */
export const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10)
