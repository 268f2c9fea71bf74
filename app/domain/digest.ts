// The weekly digest for leaders: exactly three numbers, each with its change
// since the last digest. Three, because a leader reads three and acts; a tenth
// number dilutes the first. Pure: the scheduler passes "now" and the numbers.
// The mail itself is app/components/mail/digest.tsx.
import { SUPPRESSED_MESSAGE } from './anonymity'
import { addDays, isoWeek, isoWeekday, localDay, zonedTime, type Day } from './calendar'

/** '2026-W48': the ISO week of `date` as a calendar in `timeZone` shows it. */
export function isoWeekKey(date: Date, timeZone: string): string {
  const { year, week } = isoWeek(localDay(date, timeZone))
  return `${year}-W${String(week).padStart(2, '0')}`
}

function assertSchedule(weekday: number, hour: number): void {
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7)
    throw new RangeError(`Weekday must be 1 (Monday) to 7 (Sunday), got ${weekday}`)
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`Hour must be 0 to 23, got ${hour}`)
}

function atLocal(day: Day, plusDays: number, hour: number, timeZone: string): Date {
  return zonedTime(addDays(day, plusDays), hour, timeZone)
}

/** The send time of the ISO week that contains `now`, in the workspace's zone. */
export function digestSendAt(now: Date, weekday: number, hour: number, timeZone: string): Date {
  assertSchedule(weekday, hour)
  const today = localDay(now, timeZone)
  return atLocal(today, weekday - isoWeekday(today), hour, timeZone)
}

/**
 * The next local `weekday` at `hour` in `timeZone`: `now` itself when it is
 * exactly that instant, otherwise strictly after. Follows daylight saving, so
 * 08:00 stays 08:00 local across the change.
 */
export function nextDigestAt(now: Date, weekday: number, hour: number, timeZone: string): Date {
  assertSchedule(weekday, hour)
  const today = localDay(now, timeZone)
  const ahead = (weekday - isoWeekday(today) + 7) % 7
  const candidate = atLocal(today, ahead, hour, timeZone)
  return candidate.getTime() >= now.getTime() ? candidate : atLocal(today, ahead + 7, hour, timeZone)
}

/**
 * True once this week's send time has passed and this week has not been sent.
 * Keys compare as text ('2026-W09' < '2026-W10'), so a key from a later week,
 * e.g. after the workspace moved to a zone that is behind, also counts as sent.
 */
export function digestDue(now: Date, lastSentWeekKey: string | null, weekday: number, hour: number, timeZone: string): boolean {
  const key = isoWeekKey(now, timeZone)
  if (lastSentWeekKey !== null && lastSentWeekKey >= key) return false
  return now.getTime() >= digestSendAt(now, weekday, hour, timeZone).getTime()
}

export type DigestNumberKey = 'respect_index' | 'engineering_before_spec' | 'different_without_upset'

export type DigestNumber = {
  key: DigestNumberKey
  label: string
  /** null = suppressed or no data */
  value: number | null
  previous: number | null
  /** value − previous, from the rounded numbers shown, so the email's arithmetic adds up */
  change: number | null
  unit: 'points' | 'percent'
  goodDirection: 'up'
  /** why the value is missing */
  note?: string
}

export type DigestNumbers = readonly [DigestNumber, DigestNumber, DigestNumber]

export type DigestInputs = {
  /** 0–100, null when suppressed by the anonymity rules or without pulse data */
  respectIndex: number | null
  /** share 0..1 of features with engineering involved before the spec */
  engineeringBeforeSpec: number | null
  /** share 0..1 of features shipped differently without anyone upset */
  differentWithoutUpset: number | null
}

const DIGEST_LABELS: Readonly<Record<DigestNumberKey, string>> = {
  respect_index: 'Respect Index',
  engineering_before_spec: 'Features with engineering involved before the spec',
  different_without_upset: 'Features shipped differently without anyone upset',
}

const NO_FEATURES_NOTE = 'No features shipped in this period'

function whole(value: number): number {
  const rounded = Math.round(value)
  return rounded === 0 ? 0 : rounded
}

function checked(value: number | null, max: number, what: string): number | null {
  if (value !== null && !(Number.isFinite(value) && value >= 0 && value <= max)) {
    throw new RangeError(`${what} must be between 0 and ${max}, got ${value}`)
  }
  return value
}

function digestNumber(
  key: DigestNumberKey,
  unit: 'points' | 'percent',
  current: number | null,
  previous: number | null,
  missingNote: string,
): DigestNumber {
  const max = unit === 'percent' ? 1 : 100
  const scale = unit === 'percent' ? 100 : 1
  const now = checked(current, max, DIGEST_LABELS[key])
  const before = checked(previous, max, DIGEST_LABELS[key])
  const value = now === null ? null : whole(now * scale)
  const prev = before === null ? null : whole(before * scale)
  const number: DigestNumber = {
    key,
    label: DIGEST_LABELS[key],
    value,
    previous: prev,
    change: value !== null && prev !== null ? value - prev : null,
    unit,
    goodDirection: 'up',
  }
  if (value === null) number.note = missingNote
  return number
}

/**
 * The three numbers, in their fixed order, as whole points (Respect Index) or
 * whole percentages. `previous` is null for a leader's first digest.
 */
export function buildDigestNumbers(current: DigestInputs, previous: DigestInputs | null): DigestNumbers {
  return [
    digestNumber('respect_index', 'points', current.respectIndex, previous?.respectIndex ?? null, SUPPRESSED_MESSAGE),
    digestNumber(
      'engineering_before_spec',
      'percent',
      current.engineeringBeforeSpec,
      previous?.engineeringBeforeSpec ?? null,
      NO_FEATURES_NOTE,
    ),
    digestNumber(
      'different_without_upset',
      'percent',
      current.differentWithoutUpset,
      previous?.differentWithoutUpset ?? null,
      NO_FEATURES_NOTE,
    ),
  ]
}

export type DigestTeam = { teamId: string; teamName: string; status: 'deficit' | 'healthy' | 'unknown' }

/** Teams in deficit now that were not last time, by name. */
export function newlyInDeficit(current: readonly DigestTeam[], previousDeficitTeamIds: readonly string[]): DigestTeam[] {
  const before = new Set(previousDeficitTeamIds)
  return current.filter((t) => t.status === 'deficit' && !before.has(t.teamId)).sort((a, b) => a.teamName.localeCompare(b.teamName, 'en'))
}

/** "A", "A and B", "A, B and C" */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/** "Newly in respect deficit: Growth and Payments." or "" when none. */
export function deficitLine(teams: readonly { teamName: string }[]): string {
  if (teams.length === 0) return ''
  return `Newly in respect deficit: ${joinNames(teams.map((t) => t.teamName))}.`
}

const MINUS = '−'

/** "+4", "−3" (a real minus sign) or "0" */
export function signedChange(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `${MINUS}${-n}` : '0'
}

/** Whether a number moved the good way since the last digest. */
export function digestTrend(n: DigestNumber): 'better' | 'worse' | 'same' {
  if (n.change === null || n.change === 0) return 'same'
  return (n.goodDirection === 'up' ? n.change > 0 : n.change < 0) ? 'better' : 'worse'
}

function shownValue(n: DigestNumber): string {
  if (n.value === null) return 'n/a'
  return n.unit === 'percent' ? `${n.value}%` : String(n.value)
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}

/** "68", "40%", or "n/a — not enough responses to protect anonymity" */
export function formatDigestValue(n: DigestNumber): string {
  if (n.value === null) return `n/a — ${lowerFirst(n.note ?? 'no data')}`
  return shownValue(n)
}

/** "+4 since last digest", "+5 points since last digest", "no change since last digest" */
export function formatDigestChange(n: DigestNumber): string | null {
  if (n.value === null) return null
  if (n.change === null) return 'nothing to compare with last digest'
  if (n.change === 0) return 'no change since last digest'
  const unit = n.unit === 'percent' ? (Math.abs(n.change) === 1 ? ' point' : ' points') : ''
  return `${signedChange(n.change)}${unit} since last digest`
}

/** "Respect Index: 68 (+4 since last digest)" */
export function formatDigestLine(n: DigestNumber): string {
  const change = formatDigestChange(n)
  return `${n.label}: ${formatDigestValue(n)}${change === null ? '' : ` (${change})`}`
}
