// The weekly digest for leaders: exactly three numbers, each with its change
// since the last digest. Three, because a leader reads three and acts; a tenth
// number dilutes the first. Pure: the scheduler passes "now" and the numbers.
import { escapeHtml } from './html'
import { SUPPRESSED_MESSAGE } from './anonymity'
import { addDays, isoWeek, isoWeekday, localDay, zonedTime, type Day } from './calendar'

/** '2026-W48': the ISO week of `date` as a calendar in `timeZone` shows it. */
export function isoWeekKey(date: Date, timeZone: string): string {
  const { year, week } = isoWeek(localDay(date, timeZone))
  return `${year}-W${String(week).padStart(2, '0')}`
}

function assertSchedule(weekday: number, hour: number): void {
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) throw new RangeError(`Weekday must be 1 (Monday) to 7 (Sunday), got ${weekday}`)
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

export const DIGEST_LABELS: Readonly<Record<DigestNumberKey, string>> = {
  respect_index: 'Respect Index',
  engineering_before_spec: 'Features with engineering involved before the spec',
  different_without_upset: 'Features shipped differently without anyone upset',
}

export const NO_FEATURES_NOTE = 'No features shipped in this period'

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
    digestNumber('engineering_before_spec', 'percent', current.engineeringBeforeSpec, previous?.engineeringBeforeSpec ?? null, NO_FEATURES_NOTE),
    digestNumber('different_without_upset', 'percent', current.differentWithoutUpset, previous?.differentWithoutUpset ?? null, NO_FEATURES_NOTE),
  ]
}

export type DigestTeam = { teamId: string; teamName: string; status: 'deficit' | 'healthy' | 'unknown' }

/** Teams in deficit now that were not last time, by name. */
export function newlyInDeficit(current: readonly DigestTeam[], previousDeficitTeamIds: readonly string[]): DigestTeam[] {
  const before = new Set(previousDeficitTeamIds)
  return current
    .filter((t) => t.status === 'deficit' && !before.has(t.teamId))
    .sort((a, b) => a.teamName.localeCompare(b.teamName, 'en'))
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

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `${MINUS}${-n}` : '0'
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
  return `${signed(n.change)}${unit} since last digest`
}

/** "Respect Index: 68 (+4 since last digest)" */
export function formatDigestLine(n: DigestNumber): string {
  const change = formatDigestChange(n)
  return `${n.label}: ${formatDigestValue(n)}${change === null ? '' : ` (${change})`}`
}

export { escapeHtml }

// A link in a mail must never be javascript: or data:, whatever went wrong upstream.
function assertWebUrl(url: string, what: string): void {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) throw new RangeError(`${what} must be an http(s) URL, got ${url}`)
}

export type DigestContent = {
  workspaceName: string
  leaderName: string
  weekKey: string
  numbers: DigestNumbers
  /** from deficitLine; "" when no team is newly in deficit */
  deficitLine: string
  dashboardUrl: string
  unsubscribeUrl: string
}

function subjectFor(weekKey: string, numbers: DigestNumbers): string {
  const respect = numbers.find((n) => n.key === 'respect_index')
  let shown = 'n/a'
  if (respect && respect.value !== null) {
    shown = String(respect.value)
    if (respect.change !== null) shown += respect.change === 0 ? ' (no change)' : ` (${signed(respect.change)})`
  }
  // A header must stay on one line.
  return `Tandem weekly: Respect ${shown} · ${weekKey}`.replace(/[\r\n]+/g, ' ')
}

const COLORS = { good: '#15803d', bad: '#b91c1c', neutral: '#52525b', text: '#18181b', muted: '#71717a', line: '#e4e4e7', page: '#f4f4f5', link: '#1d4ed8' }
const FONT = 'font-family:Arial,Helvetica,sans-serif;'

function changeColor(n: DigestNumber): string {
  if (n.change === null || n.change === 0) return COLORS.neutral
  const better = n.goodDirection === 'up' ? n.change > 0 : n.change < 0
  return better ? COLORS.good : COLORS.bad
}

function numberRow(n: DigestNumber): string {
  const change = formatDigestChange(n)
  const value =
    n.value === null
      ? `<span style="font-size:16px;color:${COLORS.muted};">${escapeHtml(formatDigestValue(n))}</span>`
      : `<span style="font-size:28px;font-weight:bold;color:${COLORS.text};">${escapeHtml(shownValue(n))}</span>`
  const changeHtml = change === null ? '' : ` <span style="font-size:14px;color:${changeColor(n)};">(${escapeHtml(change)})</span>`
  return `<tr><td style="padding:12px 24px;border-top:1px solid ${COLORS.line};${FONT}">
<div style="font-size:14px;color:${COLORS.muted};">${escapeHtml(n.label)}</div>
<div>${value}${changeHtml}</div>
</td></tr>`
}

/** The digest mail: a plain-text part and a simple table-based HTML part that say the same thing. */
export function renderDigest(content: DigestContent): { subject: string; text: string; html: string } {
  assertWebUrl(content.dashboardUrl, 'dashboardUrl')
  assertWebUrl(content.unsubscribeUrl, 'unsubscribeUrl')
  const subject = subjectFor(content.weekKey, content.numbers)
  const intro = `Your Tandem digest for ${content.workspaceName}, week ${content.weekKey}.`
  const footer = `You receive this because you lead teams in ${content.workspaceName} on Tandem.`
  const higher = 'Higher is better for all three.'

  const text = [
    `Hi ${content.leaderName},`,
    '',
    intro,
    '',
    ...content.numbers.map(formatDigestLine),
    '',
    higher,
    ...(content.deficitLine ? ['', content.deficitLine] : []),
    '',
    `Open the dashboard: ${content.dashboardUrl}`,
    '',
    '-- ',
    footer,
    `Unsubscribe: ${content.unsubscribeUrl}`,
    '',
  ].join('\n')

  const deficit = content.deficitLine
    ? `<tr><td style="padding:12px 24px;border-top:1px solid ${COLORS.line};${FONT}font-size:14px;font-weight:bold;color:${COLORS.bad};">${escapeHtml(content.deficitLine)}</td></tr>`
    : ''
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:0;background:${COLORS.page};">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${COLORS.page};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:560px;background:#ffffff;border:1px solid ${COLORS.line};">
<tr><td style="padding:24px 24px 4px;${FONT}font-size:16px;color:${COLORS.text};">Hi ${escapeHtml(content.leaderName)},</td></tr>
<tr><td style="padding:4px 24px 16px;${FONT}font-size:14px;color:${COLORS.text};">${escapeHtml(intro)}</td></tr>
${content.numbers.map(numberRow).join('\n')}
<tr><td style="padding:8px 24px 12px;${FONT}font-size:13px;color:${COLORS.muted};">${escapeHtml(higher)}</td></tr>
${deficit}
<tr><td style="padding:16px 24px 24px;border-top:1px solid ${COLORS.line};${FONT}font-size:14px;">
<a href="${escapeHtml(content.dashboardUrl)}" style="display:inline-block;padding:10px 16px;background:${COLORS.link};color:#ffffff;text-decoration:none;font-weight:bold;">Open the dashboard</a>
</td></tr>
</table>
<table role="presentation" width="560" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:560px;">
<tr><td style="padding:12px 24px;${FONT}font-size:12px;color:${COLORS.muted};">${escapeHtml(footer)} <a href="${escapeHtml(content.unsubscribeUrl)}" style="color:${COLORS.muted};">Unsubscribe</a></td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`
  return { subject, text, html }
}
