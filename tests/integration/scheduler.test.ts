import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Database } from '../../db/client.server'
import { notifications, rounds } from '../../db/schema'
import { runPulseJobs } from '~/models/pulse/jobs.server'
import { saveProgram } from '~/models/pulse/programs.server'
import { createMember, createTeam, createWorkspace } from '../factories'
import { secondInstance } from '../second-instance'

/**
 * Two "instances": on PostgreSQL, a second connection pool to the same database,
 * exactly like a second app process. On PGlite (single process by design) the
 * second handle shares the one embedded connection.
 */
let second: Database
let closeSecond: () => Promise<void> = async () => {}

beforeAll(async () => {
  const instance = await secondInstance()
  second = instance.db
  closeSecond = instance.close
})
afterAll(() => closeSecond())

describe('scheduler across two instances', () => {
  it('opens, reminds and closes each due round exactly once', async () => {
    const ws = await createWorkspace({ timeZone: 'UTC' })
    const teams = await Promise.all([1, 2, 3].map((i) => createTeam(ws.id, `Sched ${i}`)))
    const people = []
    for (const team of teams) {
      people.push(await createMember(team, 'member', 'product'), await createMember(team, 'member', 'engineering'))
      await saveProgram(ws.id, team.id, { cadence: 'weekly', windowDays: 3, startDate: '2026-11-02', active: true })
    }
    const first = await getDb()
    // 2026-11-16 is a Monday occurrence; 10:00 is just after the 09:00 opening.
    const opening = new Date('2026-11-16T10:00:00Z')
    await Promise.all([
      runPulseJobs(opening, first),
      runPulseJobs(opening, second),
      runPulseJobs(opening, first),
      runPulseJobs(opening, second),
    ])
    const open = await first.select().from(rounds).where(eq(rounds.workspaceId, ws.id))
    expect(open).toHaveLength(3)
    expect(open.every((r) => r.status === 'open')).toBe(true)
    expect(open.map((r) => r.opensAt.toISOString())).toEqual(Array(3).fill('2026-11-16T09:00:00.000Z'))

    const countNotes = async () => {
      const [row] = await first
        .select({ n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(eq(notifications.workspaceId, ws.id))
      return row.n
    }
    expect(await countNotes()).toBe(people.length)

    // Halfway through the window: one reminder each, however many instances tick.
    const halfway = new Date('2026-11-17T22:00:00Z')
    await Promise.all([runPulseJobs(halfway, first), runPulseJobs(halfway, second)])
    await Promise.all([runPulseJobs(halfway, first), runPulseJobs(halfway, second)])
    expect(await countNotes()).toBe(people.length * 2)

    // After the window: closed once, and the next week's rounds are scheduled (not opened yet).
    const after = new Date('2026-11-19T10:00:00Z')
    await Promise.all([runPulseJobs(after, first), runPulseJobs(after, second)])
    const all = await first.select().from(rounds).where(eq(rounds.workspaceId, ws.id))
    expect(all.filter((r) => r.status === 'closed')).toHaveLength(3)
    expect(all.filter((r) => r.status === 'scheduled').map((r) => r.opensAt.toISOString())).toEqual(
      Array(3).fill('2026-11-23T09:00:00.000Z'),
    )
    // Closing forgets the reminders (they said only who had not answered); the open notices stay.
    expect(await countNotes()).toBe(people.length)
  })
})
