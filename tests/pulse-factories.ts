// Builds pulse rows directly with drizzle, so read-side tests do not depend on
// the write side (scheduler, answer page).
import { getDb } from '../db/client.server'
import { eq } from 'drizzle-orm'
import {
  answers,
  participations,
  responses,
  roundItems,
  roundRoster,
  rounds,
  surveyItems,
  surveyTemplates,
  workspaces,
  type Round,
  type SurveyItem,
} from '../db/schema'
import type { Discipline } from '~/domain/disciplines'
import { BUILT_IN_ITEMS } from '~/domain/instrument'
import { createUser } from './factories'

type TeamRef = { id: string; workspaceId: string }

/** A template holding the built-in items (version 1). */
export async function createTemplate(workspaceId: string, name = 'Mutual respect pulse') {
  const db = await getDb()
  const [template] = await db.insert(surveyTemplates).values({ workspaceId, name }).returning()
  const items = await db
    .insert(surveyItems)
    .values(
      BUILT_IN_ITEMS.map((item, i) => ({
        workspaceId,
        templateId: template.id,
        itemKey: item.key,
        dimension: item.dimension,
        direction: item.direction,
        wording: item.wording,
        reverseScored: item.reverseScored,
        position: i + 1,
      })),
    )
    .returning()
  return { template, items: items.sort((a, b) => a.position - b.position) }
}

/** Rewords an item: a new row with the same key and version + 1. */
export async function rewordItem(item: SurveyItem, wording: string) {
  const db = await getDb()
  const [next] = await db
    .insert(surveyItems)
    .values({ ...item, id: undefined, createdAt: undefined, version: item.version + 1, wording, retiredAt: null })
    .returning()
  return next
}

let day = 0

/** A round with its items frozen. Each call is one week later than the previous unless dates are given. */
export async function createRound(
  team: TeamRef,
  template: { id: string },
  items: readonly SurveyItem[],
  overrides: Partial<typeof rounds.$inferInsert> = {},
): Promise<Round> {
  const db = await getDb()
  day += 7
  const opensAt = new Date(Date.UTC(2026, 0, 5 + day, 9))
  const closesAt = new Date(opensAt.getTime() + 3 * 86_400_000)
  const status = overrides.status ?? 'closed'
  // As when a round opens: it takes the workspace's thresholds of the day.
  const [ws] = await db
    .select({ k: workspaces.anonymityK, commentK: workspaces.commentK })
    .from(workspaces)
    .where(eq(workspaces.id, team.workspaceId))
  const [round] = await db
    .insert(rounds)
    .values({
      workspaceId: team.workspaceId,
      teamId: team.id,
      templateId: template.id,
      status,
      opensAt,
      closesAt,
      openedAt: status === 'scheduled' ? null : opensAt,
      closedAt: status === 'closed' ? closesAt : null,
      eligibleCount: 10,
      anonymityK: Math.max(3, ws.k),
      commentK: Math.max(3, ws.k, ws.commentK),
      ...overrides,
    })
    .returning()
  if (items.length) {
    await db
      .insert(roundItems)
      .values(items.map((item, i) => ({ workspaceId: team.workspaceId, roundId: round.id, itemId: item.id, position: i + 1 })))
  }
  return round
}

export type ResponseSpec = {
  discipline?: Discipline
  /** one value for every item, or values by item key (items left out are skipped) */
  value?: number
  values?: Record<string, number>
  comment?: string | null
}

/**
 * Inserts one response per spec with its answers and a participation for a
 * fresh user, as the answer page would in one transaction. Returns the
 * participants' user ids.
 */
export async function respond(round: Round, items: readonly SurveyItem[], specs: readonly ResponseSpec[]) {
  const db = await getDb()
  const userIds: string[] = []
  for (const spec of specs) {
    const user = await createUser(round.workspaceId, { name: 'Respondent' })
    userIds.push(user.id)
    await db.transaction(async (tx) => {
      const [response] = await tx
        .insert(responses)
        .values({
          workspaceId: round.workspaceId,
          roundId: round.id,
          teamId: round.teamId,
          discipline: spec.discipline ?? 'engineering',
          comment: spec.comment ?? null,
        })
        .returning()
      const rows = items.flatMap((item) => {
        const value = spec.values ? spec.values[item.itemKey] : (spec.value ?? 4)
        return value === undefined ? [] : [{ workspaceId: round.workspaceId, responseId: response.id, itemId: item.id, value }]
      })
      if (rows.length) await tx.insert(answers).values(rows)
      await tx.insert(participations).values({ workspaceId: round.workspaceId, roundId: round.id, userId: user.id })
      await tx
        .insert(roundRoster)
        .values({ workspaceId: round.workspaceId, roundId: round.id, userId: user.id, discipline: spec.discipline ?? 'engineering' })
    })
  }
  return userIds
}

/** n identical specs. */
export function times(n: number, spec: ResponseSpec = {}): ResponseSpec[] {
  return Array.from({ length: n }, () => ({ ...spec }))
}
