import { formatDate } from '~/domain/time-zones'

export function formatScore(value: number | null): string {
  return value === null ? '—' : String(Math.round(value))
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
  const rounded = Math.round(gap)
  return rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${Math.abs(rounded)}` : '0'
}

export const SIDE_NAMES = { product: 'Product', engineering: 'Engineering', design: 'Design', other: 'Other roles' } as const
