import { formatDate } from '~/domain/time-zones'

export function formatScore(value: number | null): string {
  return value === null ? '—' : String(Math.round(value))
}

/** One decimal, for numbers a reader will subtract from each other. */
export function formatScore1(value: number | null): string {
  return value === null ? '—' : value.toFixed(1)
}

/** A YYYY-MM-DD day (already in the workspace's zone) as "12 Mar 2026". */
export function formatDay(day: string): string {
  return formatDate(`${day}T12:00:00Z`, 'UTC')
}

export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`
}

export function formatGap(gap: number | null): string {
  if (gap === null) return '—'
  const rounded = Math.round(gap * 10) / 10
  return rounded > 0 ? `+${rounded.toFixed(1)}` : rounded < 0 ? `−${Math.abs(rounded).toFixed(1)}` : '0'
}

