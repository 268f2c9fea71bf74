// When a team's pulse rounds open and close. Pure: the scheduler feeds it "now".
export const CADENCES = ['weekly', 'biweekly', 'monthly'] as const
export type Cadence = (typeof CADENCES)[number]
export const CADENCE_LABELS: Readonly<Record<Cadence, string>> = {
  weekly: 'Every week',
  biweekly: 'Every two weeks',
  monthly: 'Every month',
}

/** Rounds open at this local hour in the workspace's time zone, so people see them at the start of a work day. */
export const OPEN_HOUR = 9
export const MAX_WINDOW_DAYS = 14

export type ProgramSchedule = { cadence: Cadence; windowDays: number; startDate: string }
export type Window = { opensAt: Date; closesAt: Date }

function parseDate(date: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) throw new RangeError(`Not a date: ${date}`)
  return { y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]) }
}

/** Offset of `timeZone` from UTC at the instant `utc`, in minutes. */
function offsetMinutes(utc: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(utc)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return Math.round((asUtc - utc.getTime()) / 60_000)
}

/** The UTC instant of a wall-clock time in a zone (DST-aware: re-checks the offset once). */
export function zonedTime(y: number, month: number, day: number, hour: number, timeZone: string): Date {
  const guess = Date.UTC(y, month - 1, day, hour)
  const first = offsetMinutes(new Date(guess), timeZone)
  const second = offsetMinutes(new Date(guess - first * 60_000), timeZone)
  return new Date(guess - second * 60_000)
}

function daysInMonth(y: number, month: number) {
  return new Date(Date.UTC(y, month, 0)).getUTCDate()
}

/** The index-th occurrence (0-based) of a program's rounds. Monthly keeps the start day, clamped to short months. */
export function occurrence(schedule: ProgramSchedule, index: number, timeZone: string): Window {
  const { y, mo, d } = parseDate(schedule.startDate)
  let date: { y: number; mo: number; d: number }
  if (schedule.cadence === 'monthly') {
    const total = mo - 1 + index
    const year = y + Math.floor(total / 12)
    const month = (total % 12) + 1
    date = { y: year, mo: month, d: Math.min(d, daysInMonth(year, month)) }
  } else {
    const step = schedule.cadence === 'weekly' ? 7 : 14
    const t = new Date(Date.UTC(y, mo - 1, d + step * index))
    date = { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate() }
  }
  const opensAt = zonedTime(date.y, date.mo, date.d, OPEN_HOUR, timeZone)
  const closeDay = new Date(Date.UTC(date.y, date.mo - 1, date.d + schedule.windowDays))
  const closesAt = zonedTime(closeDay.getUTCFullYear(), closeDay.getUTCMonth() + 1, closeDay.getUTCDate(), OPEN_HOUR, timeZone)
  return { opensAt, closesAt }
}

/**
 * The round that should exist next: the first occurrence that has not closed yet
 * at `now` (it may already be open). The window is shorter than the cadence, so
 * at most one occurrence is current at a time.
 */
export function currentOrNextWindow(schedule: ProgramSchedule, now: Date, timeZone: string): Window {
  // Start from an index that cannot overshoot (months are at most 31 days), then walk forward.
  const approxDays = schedule.cadence === 'monthly' ? 31 : schedule.cadence === 'weekly' ? 7 : 14
  const start = occurrence(schedule, 0, timeZone).opensAt
  let index = Math.max(0, Math.floor((now.getTime() - start.getTime()) / (approxDays * 86_400_000)) - 1)
  for (;;) {
    const w = occurrence(schedule, index, timeZone)
    if (w.closesAt > now) return w
    index++
  }
}

/** The longest answer window a cadence allows: a round must close before the next opens. */
export function maxWindowDays(cadence: Cadence) {
  return cadence === 'weekly' ? 6 : cadence === 'biweekly' ? 13 : MAX_WINDOW_DAYS
}

/** When the single reminder goes out: halfway through the window. */
export function reminderAt(window: Window): Date {
  return new Date(window.opensAt.getTime() + (window.closesAt.getTime() - window.opensAt.getTime()) / 2)
}
