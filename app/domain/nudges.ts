// What Tandem tells people, and when. Pure: the kinds of notice a person can
// choose mail for, and the reminder schedule of a round.
import { reminderAt } from './cadence'
import { DAY_MS } from './calendar'

export const NOTICE_KINDS = [
  'results_ready',
  'perspective_requested',
  'perspectives_revealed',
  'autopsy_published',
  'action_assigned',
  'action_due',
  'action_overdue',
  'pulse',
] as const
export type NoticeKind = (typeof NOTICE_KINDS)[number]

/** Pulse notices: the round is open, and the reminders. Answering the round makes them read. */
export const PULSE_KINDS: readonly NoticeKind[] = ['pulse']

export const NOTICE_LABELS: Readonly<Record<NoticeKind, { label: string; hint: string }>> = {
  results_ready: { label: 'Results ready', hint: 'A round of your team closed and its results can be shown.' },
  perspective_requested: { label: 'Perspective requested', hint: 'An autopsy asks for your perspective.' },
  perspectives_revealed: { label: 'Perspectives revealed', hint: 'The perspectives of an autopsy on your team were revealed.' },
  autopsy_published: { label: 'Autopsy published', hint: 'An autopsy of your team was published.' },
  action_assigned: { label: 'Action assigned', hint: 'An action item was given to you.' },
  action_due: { label: 'Action due', hint: 'An action item of yours is due today.' },
  action_overdue: { label: 'Action overdue', hint: 'An action item of yours is past its due date.' },
  pulse: { label: 'Pulse open and reminders', hint: 'A pulse opens for your team, and reminders while you have not answered.' },
}

export function isNoticeKind(value: string): value is NoticeKind {
  return (NOTICE_KINDS as readonly string[]).includes(value)
}

// ------------------------------------------------------------------ reminders

/** At most this many reminders per round: more would nag. */
export const MAX_REMINDERS = 3

type Window = { opensAt: Date; closesAt: Date }

/**
 * When a round's reminders go out: at each of the program's days after it
 * opened, or with none chosen, once halfway through the window. Only the
 * times before the round closes count.
 */
export function reminderTimes(window: Window, reminderDays: readonly number[] | null | undefined): Date[] {
  const opens = window.opensAt.getTime()
  const times = reminderDays?.length
    ? [...new Set(reminderDays)].sort((a, b) => a - b).map((d) => opens + d * DAY_MS)
    : [reminderAt(window).getTime()]
  return times.filter((t) => t < window.closesAt.getTime()).map((t) => new Date(t))
}

/**
 * The reminder due at `now`, if any: its index (what `sent` becomes once it
 * goes out). Reminders missed while the app was down collapse into one, the
 * latest due: nobody gets two at once.
 */
export function dueReminder(times: readonly Date[], sent: number, now: Date): number | null {
  let due: number | null = null
  for (let i = sent; i < times.length; i++) if (times[i] <= now) due = i + 1
  return due
}

/** Checks a program's reminder days against its answer window; the message says what is wrong. */
export function reminderDaysProblem(days: readonly number[], windowDays: number): string | null {
  if (days.length > MAX_REMINDERS) return `At most ${MAX_REMINDERS} reminders`
  if (new Set(days).size !== days.length) return 'Each reminder needs a different day'
  if (days.some((d) => !Number.isInteger(d) || d < 1)) return 'Reminders are whole days after the round opens, 1 or more'
  if (days.some((d) => d >= windowDays)) return `Reminders must fall inside the ${windowDays}-day answer window (before day ${windowDays})`
  return null
}

/** "1, 2" typed into the program form. Null when it is not a list of whole numbers. */
export function parseReminderDays(raw: string): number[] | null {
  const parts = raw
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter(Boolean)
  if (!parts.every((p) => /^\d{1,2}$/.test(p))) return null
  return parts.map(Number)
}

export function describeReminders(days: readonly number[] | null | undefined): string {
  if (!days?.length) return 'one reminder halfway through the window'
  const list = [...days].sort((a, b) => a - b)
  const words = list.length === 1 ? `${list[0]}` : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`
  return `${list.length === 1 ? 'a reminder' : `${list.length} reminders`} ${words} ${list[list.length - 1] === 1 ? 'day' : 'days'} after it opens`
}
