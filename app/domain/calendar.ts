// Days, weeks and months in a workspace's time zone: the one place that does
// calendar arithmetic. A Day is a calendar date as 'YYYY-MM-DD' with no zone
// of its own; an instant becomes a Day only through a time zone.
import { z } from 'zod'

export type Day = string

export const DAY_MS = 86_400_000

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

/** The parts of a real calendar day, or null (for 2026-02-30, '', 'soon'). */
export function parseDay(day: string): { y: number; mo: number; d: number } | null {
  const m = DAY_PATTERN.exec(day)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  // setUTCFullYear, because Date.UTC reads years 0–99 as 1900–1999.
  const t = new Date(Date.UTC(2000, 0, 1))
  t.setUTCFullYear(y, mo - 1, d)
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null
  return { y, mo, d }
}

function fromUtc(t: Date): Day {
  return t.toISOString().slice(0, 10)
}

/** Days since 1970-01-01 (a whole number), for differences between days. */
export function dayNumber(day: Day): number | null {
  const p = parseDay(day)
  return p ? Date.UTC(p.y, p.mo - 1, p.d) / DAY_MS : null
}

export function addDays(day: Day, days: number): Day {
  const p = parseDay(day)
  if (!p) throw new RangeError(`Not a day: ${day}`)
  return fromUtc(new Date(Date.UTC(p.y, p.mo - 1, p.d + days)))
}

export function monthStart(day: Day): Day {
  return `${day.slice(0, 7)}-01`
}

/** Midnight UTC of a day: for range queries widened by a day either side of the zone's exact days. */
export function dayStartUtc(day: Day): Date {
  return new Date(`${day}T00:00:00Z`)
}

/** ISO weekday of a day, Monday = 1. */
export function isoWeekday(day: Day): number {
  const p = parseDay(day)
  if (!p) throw new RangeError(`Not a day: ${day}`)
  return ((new Date(Date.UTC(p.y, p.mo - 1, p.d)).getUTCDay() + 6) % 7) + 1
}

/** ISO 8601 week: weeks start on Monday, and week 1 holds the year's first Thursday. */
export function isoWeek(day: Day): { year: number; week: number } {
  const thursday = addDays(day, 4 - isoWeekday(day))
  const p = parseDay(thursday)
  if (!p) throw new RangeError(`Not a day: ${day}`)
  const dayOfYear = (Date.UTC(p.y, p.mo - 1, p.d) - Date.UTC(p.y, 0, 1)) / DAY_MS
  return { year: p.y, week: Math.floor(dayOfYear / 7) + 1 }
}

// Building an Intl.DateTimeFormat is far slower than using one; pages and
// jobs work out thousands of days in a handful of zones.
const dayFormats = new Map<string, Intl.DateTimeFormat>()
const partFormats = new Map<string, Intl.DateTimeFormat>()

/** The calendar day of an instant in a time zone. */
export function localDay(instant: Date, timeZone: string): Day {
  let format = dayFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dayFormats.set(timeZone, format)
  }
  return format.format(instant)
}

/** Offset of a time zone from UTC at an instant, in minutes. */
function offsetMinutes(utc: Date, timeZone: string): number {
  let format = partFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    partFormats.set(timeZone, format)
  }
  const parts = format.formatToParts(utc)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return Math.round((asUtc - utc.getTime()) / 60_000)
}

/** The instant of a wall-clock hour on a day in a zone. DST-aware: the offset is checked twice, at the guess and at the answer. */
export function zonedTime(day: Day, hour: number, timeZone: string): Date {
  const p = parseDay(day)
  if (!p) throw new RangeError(`Not a day: ${day}`)
  const guess = Date.UTC(p.y, p.mo - 1, p.d, hour)
  const first = offsetMinutes(new Date(guess), timeZone)
  const second = offsetMinutes(new Date(guess - first * 60_000), timeZone)
  return new Date(guess - second * 60_000)
}

/** Today in a zone. */
export function today(timeZone: string, now = new Date()): Day {
  return localDay(now, timeZone)
}

/** The years a typed date may fall in: enough for any real feature or deadline, and all valid in PostgreSQL (which has no year 0). */
const FIRST_YEAR = 1900
const LAST_YEAR = 2999

function inYears(day: string) {
  const year = Number(day.slice(0, 4))
  return year >= FIRST_YEAR && year <= LAST_YEAR
}

/** A real calendar day (YYYY-MM-DD, no February 30th) within FIRST_YEAR..LAST_YEAR. */
export function isCalendarDay(value: string) {
  return parseDay(value) !== null && inYears(value)
}

/** A date from <input type="date">; `message` when it is missing or not a real day. */
export function dayField(message: string) {
  return z.string({ error: message }).superRefine((value, ctx) => {
    if (parseDay(value) === null) ctx.addIssue({ code: 'custom', message })
    else if (!inYears(value)) ctx.addIssue({ code: 'custom', message: `Enter a date between ${FIRST_YEAR} and ${LAST_YEAR}` })
  })
}
