// When a team's pulse rounds open and close. Pure: the scheduler feeds it "now".
import { addDays, parseDay, zonedTime } from './calendar'
export const CADENCES = ['weekly', 'biweekly', 'monthly'] as const
export type Cadence = (typeof CADENCES)[number]
export const CADENCE_LABELS: Readonly<Record<Cadence, string>> = {
  weekly: 'Every week',
  biweekly: 'Every two weeks',
  monthly: 'Every month',
}

/** Rounds open at this local hour in the workspace's time zone, so people see them at the start of a work day. */
export const OPEN_HOUR = 9
const MAX_WINDOW_DAYS = 14

export type ProgramSchedule = { cadence: Cadence; windowDays: number; startDate: string }
export type Window = { opensAt: Date; closesAt: Date }

function daysInMonth(y: number, month: number) {
  return new Date(Date.UTC(y, month, 0)).getUTCDate()
}

/** The index-th occurrence (0-based) of a program's rounds. Monthly keeps the start day, clamped to short months. */
export function occurrence(schedule: ProgramSchedule, index: number, timeZone: string): Window {
  const start = parseDay(schedule.startDate)
  if (!start) throw new RangeError(`Not a date: ${schedule.startDate}`)
  let day: string
  if (schedule.cadence === 'monthly') {
    const total = start.mo - 1 + index
    const year = start.y + Math.floor(total / 12)
    const month = (total % 12) + 1
    const d = Math.min(start.d, daysInMonth(year, month))
    day = `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  } else {
    day = addDays(schedule.startDate, (schedule.cadence === 'weekly' ? 7 : 14) * index)
  }
  return { opensAt: zonedTime(day, OPEN_HOUR, timeZone), closesAt: zonedTime(addDays(day, schedule.windowDays), OPEN_HOUR, timeZone) }
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

/**
 * A new start date must be today or later (in the workspace's zone): a past
 * one opens a round that is already half over, so its open notice and its
 * reminder arrive together. A program's own saved start date stays
 * acceptable, so its other settings can change after it began.
 */
export function startDateProblem(startDate: string, today: string, saved: string | null): string | null {
  if (startDate >= today || startDate === saved) return null
  return `The start date cannot be in the past. Choose today (${today}) or a later day.`
}
