import { formatDate } from '~/domain/time-zones'

/** A calendar day (YYYY-MM-DD, already a day in the workspace's zone) as "12 Mar 2026". */
export function formatDay(day: string | null): string {
  return day ? formatDate(`${day}T12:00:00Z`, 'UTC') : '—'
}

export function plural(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`
}
