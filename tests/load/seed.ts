// Members and open rounds for the load test, written straight through drizzle
// (plus the test factories for the workspace and the built-in template).
import { sql } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { memberships, roundItems, roundRoster, rounds, teams, users } from '../../db/schema'
import type { Discipline } from '~/domain/disciplines'
import { hashPassword } from '~/utils/password.server'
import { cookieFor, createWorkspace } from '../factories'
import { createTemplate } from '../pulse-factories'

export type Member = { id: string; discipline: Discipline; cookie: string }
export type Seeded = { workspaceId: string; members: Member[]; roundIds: string[]; itemCount: number }

/** `memberCount` members, each on every one of `teamCount` teams, each team with one open round. */
export async function seedLoad(memberCount: number, teamCount: number): Promise<Seeded> {
  const db = await getDb()
  const workspace = await createWorkspace({ name: 'Load test' })
  const { template, items } = await createTemplate(workspace.id)
  const passwordHash = await hashPassword('load-test-password')
  const people = await db
    .insert(users)
    .values(
      Array.from({ length: memberCount }, (_, i) => ({
        workspaceId: workspace.id,
        email: `member-${i}@load.test`,
        name: `Member ${i}`,
        passwordHash,
      })),
    )
    .returning({ id: users.id })
  const teamRows = await db
    .insert(teams)
    .values(Array.from({ length: teamCount }, (_, i) => ({ workspaceId: workspace.id, name: `Load team ${i}` })))
    .returning({ id: teams.id })
  const members: Member[] = []
  for (const [i, person] of people.entries()) {
    const discipline: Discipline = i % 2 ? 'product' : 'engineering'
    members.push({ id: person.id, discipline, cookie: await cookieFor(person.id) })
  }
  for (const team of teamRows) {
    await db.insert(memberships).values(
      members.map((m) => ({
        workspaceId: workspace.id,
        teamId: team.id,
        userId: m.id,
        discipline: m.discipline,
        role: 'member' as const,
      })),
    )
  }
  const now = Date.now()
  const roundRows = await db
    .insert(rounds)
    .values(
      teamRows.map((team) => ({
        workspaceId: workspace.id,
        teamId: team.id,
        templateId: template.id,
        status: 'open' as const,
        opensAt: new Date(now - 3_600_000),
        openedAt: new Date(now - 3_600_000),
        closesAt: new Date(now + 2 * 86_400_000),
        eligibleCount: memberCount,
      })),
    )
    .returning({ id: rounds.id })
  for (const round of roundRows) {
    await db
      .insert(roundItems)
      .values(items.map((item, i) => ({ workspaceId: workspace.id, roundId: round.id, itemId: item.id, position: i + 1 })))
    // As opening a round does: who may answer, under which discipline.
    await db
      .insert(roundRoster)
      .values(members.map((m) => ({ workspaceId: workspace.id, roundId: round.id, userId: m.id, discipline: m.discipline })))
  }
  await db.execute(sql`analyze`)
  return { workspaceId: workspace.id, members, roundIds: roundRows.map((r) => r.id), itemCount: items.length }
}

/** What the database holds after a phase: exact counts to hold the acknowledgements against. */
export async function storedState(roundIds: string[], itemCount: number) {
  const db = await getDb()
  const rows = async <T>(statement: ReturnType<typeof sql>) => {
    const result: unknown = await db.execute(statement)
    return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[]
  }
  const ids = sql.join(
    roundIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )
  const participationRows = await rows<{ round_id: string; user_id: string }>(
    sql`select round_id, user_id from participations where round_id in (${ids})`,
  )
  const [counts] = await rows<{
    participations: number
    responses: number
    answers: number
    duplicates: number
    mismatched_rounds: number
    short_responses: number
  }>(sql`
    select
      (select count(*)::int from participations where round_id in (${ids})) as participations,
      (select count(*)::int from responses where round_id in (${ids})) as responses,
      (select count(*)::int from answers a join responses r on r.id = a.response_id where r.round_id in (${ids})) as answers,
      (select count(*)::int from (select 1 from participations where round_id in (${ids}) group by round_id, user_id having count(*) > 1) d) as duplicates,
      (select count(*)::int from (
         select r.id from rounds r
         where r.id in (${ids})
           and (select count(*) from participations p where p.round_id = r.id) <> (select count(*) from responses s where s.round_id = r.id)
       ) m) as mismatched_rounds,
      (select count(*)::int from (
         select s.id from responses s left join answers a on a.response_id = s.id
         where s.round_id in (${ids}) group by s.id having count(a.*) <> ${itemCount}
       ) h) as short_responses
  `)
  return { ...counts, pairs: new Set(participationRows.map((r) => `${r.user_id}:${r.round_id}`)) }
}
