// Reminders as the program says: on the chosen days, only to those who have
// not answered, once each across instances; and the program form's checks.
import { and, eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Database } from '../../db/client.server'
import { notifications, participations, pulsePrograms, rounds } from '../../db/schema'
import { runPulseJobs } from '~/models/pulse/jobs.server'
import { saveProgram } from '~/models/pulse/programs.server'
import { action as roundsAction } from '~/routes/teams.$teamId.rounds'
import { createMember, createTeam, createWorkspace, request, settle } from '../factories'
import { secondInstance } from '../second-instance'

let second: Database
let closeSecond: () => Promise<void> = async () => {}
beforeAll(async () => {
  const instance = await secondInstance()
  second = instance.db
  closeSecond = instance.close
})
afterAll(() => closeSecond())

describe('reminders per program', () => {
  it('reminds on each chosen day only those who have not answered, once each, and forgets them at the close', async () => {
    const ws = await createWorkspace({ timeZone: 'UTC' })
    const team = await createTeam(ws.id)
    const answered = await createMember(team, 'member', 'product')
    const pending = await createMember(team, 'member', 'engineering')
    await saveProgram(ws.id, team.id, { cadence: 'weekly', windowDays: 3, startDate: '2026-11-02', active: true, reminderDays: [2, 1] })
    const first = await getDb()
    const [program] = await first.select().from(pulsePrograms).where(eq(pulsePrograms.teamId, team.id))
    expect(program.reminderDays).toEqual([1, 2])

    await runPulseJobs(new Date('2026-11-16T10:00:00Z'), first)
    const [round] = await first
      .select()
      .from(rounds)
      .where(and(eq(rounds.teamId, team.id), eq(rounds.status, 'open')))
    await first.insert(participations).values({ workspaceId: ws.id, roundId: round.id, userId: answered.id })
    const reminders = async (userId: string) =>
      (
        await first
          .select()
          .from(notifications)
          .where(and(eq(notifications.userId, userId), like(notifications.message, 'Reminder:%')))
      ).length

    // Before day 1: none. Day 1 and day 2: one each, however many instances tick.
    await runPulseJobs(new Date('2026-11-17T08:00:00Z'), first)
    expect(await reminders(pending.id)).toBe(0)
    for (const at of ['2026-11-17T09:30:00Z', '2026-11-18T09:30:00Z']) {
      const now = new Date(at)
      await Promise.all([runPulseJobs(now, first), runPulseJobs(now, second), runPulseJobs(now, first)])
    }
    expect(await reminders(pending.id)).toBe(2)
    expect(await reminders(answered.id)).toBe(0)
    const [after] = await first.select().from(rounds).where(eq(rounds.id, round.id))
    expect(after.remindersSent).toBe(2)

    await runPulseJobs(new Date('2026-11-19T10:00:00Z'), first)
    expect(await reminders(pending.id)).toBe(0)
  })

  it('sends a single reminder when the app was down over both days', async () => {
    const ws = await createWorkspace({ timeZone: 'UTC' })
    const team = await createTeam(ws.id)
    const pending = await createMember(team)
    await saveProgram(ws.id, team.id, { cadence: 'weekly', windowDays: 4, startDate: '2026-11-02', active: true, reminderDays: [1, 2] })
    const db = await getDb()
    await runPulseJobs(new Date('2026-11-16T10:00:00Z'), db)
    await runPulseJobs(new Date('2026-11-18T12:00:00Z'), db)
    await runPulseJobs(new Date('2026-11-18T13:00:00Z'), db)
    const notes = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, pending.id), like(notifications.message, 'Reminder:%')))
    expect(notes).toHaveLength(1)
  })
})

describe('the program form', () => {
  it('saves reminder days and refuses days outside the window, too many, or not numbers, with 422 by field', async () => {
    const ws = await createWorkspace()
    const team = await createTeam(ws.id)
    const facilitator = await createMember(team, 'facilitator', 'product')
    const post = async (reminders: string) =>
      settle(async () =>
        roundsAction({
          context: {},
          params: { teamId: team.id },
          request: await request(`/teams/${team.id}/rounds`, {
            user: facilitator,
            form: { intent: 'program', cadence: 'weekly', windowDays: '3', startDate: '2030-01-07', active: 'on', reminders },
          }),
        }),
      )
    for (const [typed, message] of [
      ['3', /inside the 3-day answer window/],
      ['1, 1', /different day/],
      ['1, 2, 3, 4', /At most 3/],
      ['soon', /whole days/],
    ] as const) {
      const refused = await post(typed)
      expect(refused.status).toBe(422)
      const body = await refused.json()
      expect(body.errors.reminders?.[0]).toMatch(message)
      expect(body.values.reminders).toBe(typed)
    }
    const db = await getDb()
    expect(await db.select().from(pulsePrograms).where(eq(pulsePrograms.teamId, team.id))).toEqual([])
    expect((await post('2, 1')).status).toBe(302)
    const [saved] = await db.select().from(pulsePrograms).where(eq(pulsePrograms.teamId, team.id))
    expect(saved.reminderDays).toEqual([1, 2])
    expect((await post('')).status).toBe(302)
    const [cleared] = await db.select().from(pulsePrograms).where(eq(pulsePrograms.teamId, team.id))
    expect(cleared.reminderDays).toBeNull()
  })
})
