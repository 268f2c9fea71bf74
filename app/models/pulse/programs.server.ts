// A team's pulse program: its cadence, answer window and start date.
import { and, eq } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { pulsePrograms, rounds } from '../../../db/schema'
import type { Cadence } from '~/domain/cadence'
import { ensureBuiltInTemplate } from './template.server'

export async function getProgram(workspaceId: string, teamId: string) {
  const db = await getDb()
  const [row] = await db
    .select()
    .from(pulsePrograms)
    .where(and(eq(pulsePrograms.workspaceId, workspaceId), eq(pulsePrograms.teamId, teamId)))
  return row ?? null
}

/**
 * Creates or changes a team's program. Rounds already scheduled but not yet open
 * are dropped so the new cadence takes over; open and closed rounds are kept.
 */
export async function saveProgram(
  workspaceId: string,
  teamId: string,
  program: { cadence: Cadence; windowDays: number; startDate: string; active: boolean; reminderDays?: readonly number[] | null },
) {
  // Stored sorted: the scheduler reads the next reminder by its index.
  const input = { ...program, reminderDays: program.reminderDays?.length ? [...program.reminderDays].sort((a, b) => a - b) : null }
  const db = await getDb()
  return db.transaction(async (tx) => {
    const templateId = await ensureBuiltInTemplate(workspaceId, tx)
    const [program] = await tx
      .insert(pulsePrograms)
      .values({ workspaceId, teamId, templateId, ...input })
      .onConflictDoUpdate({ target: pulsePrograms.teamId, set: input })
      .returning()
    await tx.delete(rounds).where(and(eq(rounds.programId, program.id), eq(rounds.status, 'scheduled')))
    return program
  })
}
