// How numbers and dates read on every page, export and mail: one set of
// formatters, so "42%" or "12 Mar 2026" never reads two ways.

// Building an Intl.DateTimeFormat is far slower than using one; pages format
// thousands of dates in a handful of zones.
const formats = new Map<string, Intl.DateTimeFormat>()

function cached(key: string, make: () => Intl.DateTimeFormat) {
  let format = formats.get(key)
  if (!format) {
    format = make()
    formats.set(key, format)
  }
  return format
}

/** An instant in the workspace's zone, as "12 Mar 2026, 09:00". Dates travel as ISO strings from loaders. */
export function formatDateTime(value: string | Date, timeZone: string) {
  return cached(`dt:${timeZone}`, () => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone })).format(
    new Date(value),
  )
}

/** An instant's day in the workspace's zone, as "12 Mar 2026". */
export function formatDate(value: string | Date, timeZone: string) {
  return cached(`d:${timeZone}`, () => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone })).format(new Date(value))
}

/** A calendar day (YYYY-MM-DD, already a day in the workspace's zone) as "12 Mar 2026"; '—' for none. */
export function formatDay(day: string | null): string {
  return day ? formatDate(`${day}T12:00:00Z`, 'UTC') : '—'
}

/** A 0..1 share as a whole percent; '—' for none. */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`
}

/** A 0–100 score, whole. */
export function formatScore(value: number | null): string {
  return value === null ? '—' : String(Math.round(value))
}

/** One decimal, for numbers a reader will subtract from each other. */
export function formatScore1(value: number | null): string {
  return value === null ? '—' : value.toFixed(1)
}

/** A signed difference in points, with a real minus sign. */
export function formatGap(gap: number | null): string {
  if (gap === null) return '—'
  const rounded = Math.round(gap * 10) / 10
  return rounded > 0 ? `+${rounded.toFixed(1)}` : rounded < 0 ? `−${Math.abs(rounded).toFixed(1)}` : '0'
}

export function formatNumber(value: number | null, digits = 0): string {
  if (value === null) return '—'
  return digits ? value.toFixed(digits) : Math.round(value).toLocaleString('en')
}

/** "1 feature", "3 features". */
export function plural(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** '2026-03' → 'Mar 2026', '2026-Q1' → 'Q1 2026'; the short form drops the century. */
export function periodLabel(key: string): { label: string; short: string } {
  const q = /^(\d{4})-Q([1-4])$/.exec(key)
  if (q) return { label: `Q${q[2]} ${q[1]}`, short: `Q${q[2]} ’${q[1].slice(2)}` }
  const m = /^(\d{4})-(\d{2})$/.exec(key)
  if (m) return { label: `${MONTHS[Number(m[2]) - 1]} ${m[1]}`, short: `${MONTHS[Number(m[2]) - 1]} ’${m[1].slice(2)}` }
  return { label: key, short: key }
}
