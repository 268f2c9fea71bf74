import { describe, expect, it } from 'vitest'
import { describeReminders, dueReminder, parseReminderDays, reminderDaysProblem, reminderTimes } from '~/domain/nudges'
import { audienceOf, leaderCutoff, leadersSeeFrom, visibleToLeaders } from '~/domain/team-first'

const window = { opensAt: new Date('2026-11-02T09:00:00Z'), closesAt: new Date('2026-11-05T09:00:00Z') }

describe('reminder schedule', () => {
  it('is one reminder halfway through the window unless the program names days', () => {
    expect(reminderTimes(window, null)).toEqual([new Date('2026-11-03T21:00:00Z')])
    expect(reminderTimes(window, [])).toEqual([new Date('2026-11-03T21:00:00Z')])
    expect(reminderTimes(window, [2, 1])).toEqual([new Date('2026-11-03T09:00:00Z'), new Date('2026-11-04T09:00:00Z')])
  })

  it('drops days that fall on or after the close', () => {
    expect(reminderTimes(window, [1, 3])).toEqual([new Date('2026-11-03T09:00:00Z')])
  })

  it('sends the next reminder once, and collapses missed ones into the latest', () => {
    const times = reminderTimes(window, [1, 2])
    expect(dueReminder(times, 0, new Date('2026-11-03T08:59:00Z'))).toBeNull()
    expect(dueReminder(times, 0, new Date('2026-11-03T09:00:00Z'))).toBe(1)
    expect(dueReminder(times, 1, new Date('2026-11-03T12:00:00Z'))).toBeNull()
    expect(dueReminder(times, 1, new Date('2026-11-04T10:00:00Z'))).toBe(2)
    expect(dueReminder(times, 0, new Date('2026-11-04T10:00:00Z'))).toBe(2)
    expect(dueReminder(times, 2, new Date('2026-11-04T23:00:00Z'))).toBeNull()
  })

  it('checks a program’s days against its window and the maximum', () => {
    expect(reminderDaysProblem([1, 2], 3)).toBeNull()
    expect(reminderDaysProblem([], 3)).toBeNull()
    expect(reminderDaysProblem([3], 3)).toMatch(/inside the 3-day answer window/)
    expect(reminderDaysProblem([1, 2, 3, 4], 7)).toMatch(/At most 3/)
    expect(reminderDaysProblem([1, 1], 3)).toMatch(/different day/)
    expect(reminderDaysProblem([0], 3)).toMatch(/1 or more/)
  })

  it('reads what a person types, and says what a schedule does', () => {
    expect(parseReminderDays('1, 2')).toEqual([1, 2])
    expect(parseReminderDays(' 1 2 ')).toEqual([1, 2])
    expect(parseReminderDays('')).toEqual([])
    expect(parseReminderDays('1.5')).toBeNull()
    expect(parseReminderDays('one')).toBeNull()
    expect(describeReminders(null)).toBe('one reminder halfway through the window')
    expect(describeReminders([2, 1])).toBe('2 reminders 1 and 2 days after it opens')
    expect(describeReminders([1])).toBe('a reminder 1 day after it opens')
  })
})

describe('team first', () => {
  const closedAt = new Date('2026-11-05T09:00:00Z')
  const on = { on: true, days: 2 }

  it('hides a round from leaders for the set days after it closes, then shows it', () => {
    expect(visibleToLeaders({ status: 'closed', closedAt }, on, new Date('2026-11-07T08:59:00Z'))).toBe(false)
    expect(visibleToLeaders({ status: 'closed', closedAt }, on, new Date('2026-11-07T09:00:00Z'))).toBe(true)
    expect(leadersSeeFrom(closedAt, on)).toEqual(new Date('2026-11-07T09:00:00Z'))
  })

  it('shows a round to leaders as soon as it closes when the setting is off or zero, and never an open one', () => {
    expect(visibleToLeaders({ status: 'closed', closedAt }, { on: false, days: 2 }, closedAt)).toBe(true)
    expect(visibleToLeaders({ status: 'closed', closedAt }, { on: true, days: 0 }, closedAt)).toBe(true)
    expect(visibleToLeaders({ status: 'open', closedAt: null }, { on: false, days: 0 }, closedAt)).toBe(false)
    expect(leaderCutoff({ on: false, days: 5 }, closedAt)).toEqual(closedAt)
  })

  it('reads members and facilitators as the team, and leaders and admins off the team as leaders', () => {
    expect(audienceOf('member')).toBe('team')
    expect(audienceOf('facilitator')).toBe('team')
    expect(audienceOf('leader')).toBe('leaders')
    expect(audienceOf(null)).toBe('leaders')
  })
})
