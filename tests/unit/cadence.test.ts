import { describe, expect, it } from 'vitest'
import { currentOrNextWindow, maxWindowDays, occurrence, reminderAt } from '~/domain/cadence'
import { zonedTime } from '~/domain/calendar'

describe('zonedTime', () => {
  it('converts a wall-clock time in a zone to UTC, across daylight saving', () => {
    expect(zonedTime('2026-01-15', 9, 'Europe/Berlin').toISOString()).toBe('2026-01-15T08:00:00.000Z')
    expect(zonedTime('2026-07-15', 9, 'Europe/Berlin').toISOString()).toBe('2026-07-15T07:00:00.000Z')
    expect(zonedTime('2026-07-15', 9, 'America/New_York').toISOString()).toBe('2026-07-15T13:00:00.000Z')
    expect(zonedTime('2026-03-03', 9, 'UTC').toISOString()).toBe('2026-03-03T09:00:00.000Z')
  })
})

describe('occurrence', () => {
  it('steps weekly and biweekly from the start date, opening at 09:00 local', () => {
    const weekly = { cadence: 'weekly' as const, windowDays: 3, startDate: '2026-11-02' }
    expect(occurrence(weekly, 0, 'UTC')).toEqual({ opensAt: new Date('2026-11-02T09:00:00Z'), closesAt: new Date('2026-11-05T09:00:00Z') })
    expect(occurrence(weekly, 2, 'UTC').opensAt).toEqual(new Date('2026-11-16T09:00:00Z'))
    const biweekly = { ...weekly, cadence: 'biweekly' as const }
    expect(occurrence(biweekly, 2, 'UTC').opensAt).toEqual(new Date('2026-11-30T09:00:00Z'))
  })

  it('keeps the day of month for monthly rounds, clamped to short months', () => {
    const monthly = { cadence: 'monthly' as const, windowDays: 3, startDate: '2026-01-31' }
    expect(occurrence(monthly, 1, 'UTC').opensAt).toEqual(new Date('2026-02-28T09:00:00Z'))
    expect(occurrence(monthly, 2, 'UTC').opensAt).toEqual(new Date('2026-03-31T09:00:00Z'))
    expect(occurrence(monthly, 12, 'UTC').opensAt).toEqual(new Date('2027-01-31T09:00:00Z'))
  })
})

describe('currentOrNextWindow', () => {
  const weekly = { cadence: 'weekly' as const, windowDays: 3, startDate: '2026-11-02' }
  it('returns the open window while it is open', () => {
    const w = currentOrNextWindow(weekly, new Date('2026-11-17T12:00:00Z'), 'UTC')
    expect(w.opensAt).toEqual(new Date('2026-11-16T09:00:00Z'))
  })
  it('returns the next window between rounds', () => {
    const w = currentOrNextWindow(weekly, new Date('2026-11-20T12:00:00Z'), 'UTC')
    expect(w.opensAt).toEqual(new Date('2026-11-23T09:00:00Z'))
  })
  it('returns the first window before the start date', () => {
    const w = currentOrNextWindow(weekly, new Date('2026-01-01T00:00:00Z'), 'UTC')
    expect(w.opensAt).toEqual(new Date('2026-11-02T09:00:00Z'))
  })
  it('works for monthly programs far after the start', () => {
    const w = currentOrNextWindow({ cadence: 'monthly', windowDays: 5, startDate: '2024-03-10' }, new Date('2026-11-25T00:00:00Z'), 'UTC')
    expect(w.opensAt).toEqual(new Date('2026-12-10T09:00:00Z'))
  })
})

describe('limits', () => {
  it('keeps the window shorter than the cadence and reminds halfway', () => {
    expect(maxWindowDays('weekly')).toBe(6)
    expect(maxWindowDays('biweekly')).toBe(13)
    const w = { opensAt: new Date('2026-11-02T09:00:00Z'), closesAt: new Date('2026-11-05T09:00:00Z') }
    expect(reminderAt(w)).toEqual(new Date('2026-11-03T21:00:00Z'))
  })
})
