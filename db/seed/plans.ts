// Two respect plans for the demo story: Insights, in spring, adopted two
// respect practices (engineers on the user calls, problem statements before
// solutions) and the dimensions they aimed at rose beyond the team's usual
// movement; Growth, after the reorganisation, answered its deficit with
// process alone, and its Respect Index kept falling.
import { and, asc, eq } from 'drizzle-orm'
import type { Database } from '../client.server'
import { actions, respectPlans, rounds } from '../schema'
import type { DimensionKey } from '~/domain/instrument'
import { getPractice } from '~/domain/practices'
import { addDays } from '~/domain/calendar'
import { measureActions } from '~/models/plans/effects.server'
import type { SeedTeam } from './features'

type PlanSeed = {
  team: string
  /** where in the year (0–1 of its closed rounds) the plan was opened */
  at: number
  actions: {
    kind: 'respect' | 'process'
    title: string
    practiceKey: string | null
    dimension: DimensionKey | null
    owner: 'product' | 'engineering'
  }[]
}

const practice = (key: string, owner: 'product' | 'engineering') => {
  const p = getPractice(key)
  if (!p) throw new Error(`Unknown practice ${key}`)
  return { kind: 'respect' as const, title: p.title, practiceKey: p.key, dimension: p.dimension, owner }
}

const PLANS: PlanSeed[] = [
  {
    team: 'Insights',
    at: 0.36,
    actions: [practice('engineer-user-calls', 'engineering'), practice('problem-statements-first', 'product')],
  },
  {
    team: 'Growth',
    at: 0.72,
    actions: [
      { kind: 'process', title: 'A definition-of-ready checklist on every ticket', practiceKey: null, dimension: null, owner: 'product' },
      { kind: 'process', title: 'A weekly spec review meeting with sign-off', practiceKey: null, dimension: null, owner: 'product' },
    ],
  },
]

export async function seedPlans(db: Database, input: { workspaceId: string; teams: SeedTeam[] }) {
  const summary: string[] = []
  for (const seed of PLANS) {
    const team = input.teams.find((t) => t.name === seed.team)
    if (!team) continue
    const closed = await db
      .select({ id: rounds.id, closedAt: rounds.closedAt })
      .from(rounds)
      .where(and(eq(rounds.teamId, team.id), eq(rounds.status, 'closed')))
      .orderBy(asc(rounds.closedAt))
    const round = closed[Math.min(closed.length - 1, Math.floor(seed.at * closed.length))]
    if (!round?.closedAt) continue
    const openedAt = new Date(round.closedAt.getTime() + 86_400_000)
    const facilitator = team.members.find((m) => m.role === 'facilitator') ?? team.members[0]
    const [plan] = await db
      .insert(respectPlans)
      .values({
        workspaceId: input.workspaceId,
        teamId: team.id,
        roundId: round.id,
        createdBy: facilitator.userId,
        createdAt: openedAt,
        updatedAt: openedAt,
      })
      .returning()
    const rows = await db
      .insert(actions)
      .values(
        seed.actions.map((a) => ({
          workspaceId: input.workspaceId,
          teamId: team.id,
          source: 'plan' as const,
          planId: plan.id,
          kind: a.kind,
          title: a.title,
          practiceKey: a.practiceKey,
          targetDimension: a.dimension,
          ownerId: (team.members.find((m) => m.discipline === a.owner) ?? facilitator).userId,
          dueOn: addDays(openedAt.toISOString().slice(0, 10), 30),
          status: 'done' as const,
          startedAt: openedAt,
          createdAt: openedAt,
          updatedAt: openedAt,
        })),
      )
      .returning()
    const effects = await measureActions({ workspaceId: input.workspaceId, teamId: team.id, viewerId: null, audience: 'team' }, rows)
    summary.push(`  ${seed.team}: a respect plan from ${round.closedAt.toISOString().slice(0, 10)}:`)
    for (const row of rows) summary.push(`    ${row.kind} · ${row.title}: ${effects[row.id].verdict.replace(/_/g, ' ')}`)
  }
  return summary
}
