// Who is on each team. Shapes are planned for every team up front (cheap), so
// the intake members can be spread over teams before any team is generated.
// Each team draws from its own seeded streams: the rows of team i depend on
// the seed and i only, never on the batch size.
import type { Discipline } from '~/domain/disciplines'
import { rng, type Rng } from '../random'
import { benchMemberEmail, BENCH_DOMAIN } from './options'
import { AREAS, FIRST, LAST } from './texts'

/** A 32-bit seed for one stream of one team. */
export function streamSeed(seed: number, team: number, stream: number) {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(team + 1, 0xc2b2ae35) ^ Math.imul(stream + 7, 0x27d4eb2f)
  h ^= h >>> 15
  h = Math.imul(h, 0x2c1b3c6d)
  h ^= h >>> 12
  return h >>> 0
}

export const STREAM = { shape: 1, people: 2, pulse: 3, features: 4 } as const

export type Person = {
  index: number
  email: string
  name: string
  discipline: Discipline
  role: 'member' | 'facilitator'
  /** how often this person answers, 0-1 */
  propensity: number
  /** a stable personal tendency added to every answer */
  offset: number
  intake: boolean
}

export type TeamShape = { index: number; name: string; counts: Record<Discipline, number>; size: number }

/** Mostly product and engineering; some teams have one or two designers or one "other", so a small third discipline exists. */
export function planShape(seed: number, index: number): TeamShape {
  const r = rng(streamSeed(seed, index, STREAM.shape))
  const size = 6 + Math.floor(r.next() * 9) // 6-14 respondents
  const kind = r.next()
  const design = kind < 0.2 ? 1 : kind < 0.35 ? 2 : 0
  const other = kind >= 0.35 && kind < 0.45 ? 1 : 0
  const core = size - design - other
  const engineering = Math.min(core - 2, Math.max(2, Math.round(core * (0.5 + r.next() * 0.15))))
  const counts = { product: core - engineering, engineering, design, other }
  const area = AREAS[index % AREAS.length]
  const round = Math.floor(index / AREAS.length)
  return { index, name: round ? `${area} ${round + 1}` : area, counts, size }
}

/**
 * Intake members, spread over evenly spaced teams, three or more to a team:
 * returns team index → how many of its members are intake members.
 */
export function planIntake(shapes: readonly TeamShape[], intake: number): Map<number, number> {
  const plan = new Map<number, number>()
  if (!intake) return plan
  // The facilitator is never an intake member, so a team can give at most size - 1.
  const capacity = shapes.reduce((sum, s) => sum + s.size - 1, 0)
  if (intake > capacity)
    throw new Error(`--intake ${intake} is more than the ${capacity} members these teams can give; add teams or lower --intake.`)
  const openTeams = Math.min(shapes.length, Math.ceil(intake / 3))
  const picked = Array.from({ length: openTeams }, (_, j) => Math.floor((j * shapes.length) / openTeams))
  let left = intake
  // Round-robin, so teams differ by at most one (and never beyond their size).
  while (left > 0) {
    for (const index of picked) {
      if (!left) break
      const have = plan.get(index) ?? 0
      if (have < shapes[index].size - 1) {
        plan.set(index, have + 1)
        left--
      }
    }
  }
  return plan
}

/** The team's people, in discipline order; the first product person facilitates. */
export function planPeople(shape: TeamShape, firstPersonIndex: number, firstIntake: number, intakeHere: number, r: Rng): Person[] {
  const people: Person[] = []
  for (const discipline of ['product', 'engineering', 'design', 'other'] as const) {
    for (let i = 0; i < shape.counts[discipline]; i++) {
      const index = firstPersonIndex + people.length
      const first = r.pick(FIRST)
      const last = r.pick(LAST)
      people.push({
        index,
        email: `${first
          .toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z]/g, '')}.${last.toLowerCase()}.${index}@${BENCH_DOMAIN}`,
        name: `${first} ${last}`,
        discipline,
        role: discipline === 'product' && i === 0 ? 'facilitator' : 'member',
        propensity: Math.min(0.98, Math.max(0.25, 0.7 + r.normal() * 0.15)),
        offset: r.normal() * 0.35,
        intake: false,
      })
    }
  }
  // Intake members are ordinary members (never the facilitator), renamed so a benchmark can sign in as them.
  const candidates = people.filter((p) => p.role === 'member')
  for (let k = 0; k < intakeHere; k++) {
    const person = candidates[k]
    person.intake = true
    person.email = benchMemberEmail(firstIntake + k)
    person.name = `Bench Member ${firstIntake + k}`
  }
  return people
}
