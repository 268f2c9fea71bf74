import { describe, expect, it } from 'vitest'
import { generateTeam, makePlan } from '../../db/bench-seed'
import { parseOptions } from '../../db/seed/bench/options'
import { emptyTables, type Tables } from '../../db/seed/bench/tables'
import { planIntake, planShape } from '../../db/seed/bench/teams'
import { BUILT_IN_ITEMS } from '~/domain/instrument'

const base = {
  workspaceId: '00000000-0000-4000-8000-000000000001',
  adminId: '00000000-0000-4000-8000-000000000002',
  leaders: [{ id: '00000000-0000-4000-8000-000000000003', teams: Infinity }],
  templateId: '00000000-0000-4000-8000-000000000004',
  items: BUILT_IN_ITEMS.map((item, i) => ({
    id: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    itemKey: item.key,
    version: 1,
    dimension: item.dimension,
    direction: item.direction,
    wording: item.wording,
    reverseScored: item.reverseScored,
    position: i + 1,
  })),
  k: 5,
  commentK: 7,
  passwordHash: 'scrypt$hash',
}

/** Every table's rows with random ids replaced by their order of first appearance. */
function withoutIds(tables: Tables) {
  const seen = new Map<string, string>()
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g
  return Object.fromEntries(
    Object.entries(tables).map(([name, rows]) => [
      name,
      rows.map((r) => r.replace(uuid, (id) => (seen.has(id) ? seen.get(id)! : (seen.set(id, `#${seen.size}`), `#${seen.size - 1}`)))),
    ]),
  )
}

function team(args: string[], i: number) {
  const out = emptyTables()
  generateTeam(makePlan(parseOptions(args), base), i, out)
  return out
}

describe('bench:seed plans', () => {
  it('gives the same rows for the same arguments, apart from random ids, and other rows for another seed', () => {
    const args = ['--teams', '4', '--years', '0.5', '--seed', '3', '--intake', '6', '--until', '2026-06-01']
    const first = team(args, 2)
    expect(first.answers.length).toBeGreaterThan(100)
    expect(first.autopsies.length + first.features.length).toBeGreaterThan(0)
    expect(withoutIds(team(args, 2))).toEqual(withoutIds(first))
    expect(first.answers).not.toEqual(team(args, 2).answers)
    const other = args.map((a) => (a === '3' ? '4' : a))
    expect(withoutIds(team(other, 2))).not.toEqual(withoutIds(first))
  })

  it('shapes teams of 6 to 14, mostly product and engineering, some with a small third discipline', () => {
    const shapes = Array.from({ length: 400 }, (_, i) => planShape(1, i))
    expect(Math.min(...shapes.map((s) => s.size))).toBe(6)
    expect(Math.max(...shapes.map((s) => s.size))).toBe(14)
    for (const s of shapes) {
      expect(s.counts.product + s.counts.engineering + s.counts.design + s.counts.other).toBe(s.size)
      expect(s.counts.product).toBeGreaterThanOrEqual(2)
      expect(s.counts.engineering).toBeGreaterThanOrEqual(2)
    }
    const loneThird = shapes.filter((s) => s.counts.design + s.counts.other === 1).length
    expect(loneThird / shapes.length).toBeGreaterThan(0.15)
    expect(shapes.filter((s) => s.counts.design + s.counts.other === 0).length / shapes.length).toBeGreaterThan(0.4)
    expect(new Set(shapes.map((s) => s.name)).size).toBe(shapes.length)
  })

  it('spreads intake members over teams, several to a team, and refuses more than the teams hold', () => {
    const shapes = Array.from({ length: 500 }, (_, i) => planShape(1, i))
    const plan = planIntake(shapes, 400)
    expect([...plan.values()].reduce((a, b) => a + b, 0)).toBe(400)
    expect(Math.min(...plan.values())).toBeGreaterThanOrEqual(2)
    for (const [i, n] of plan) expect(n).toBeLessThan(shapes[i].size)
    expect(() => planIntake(shapes.slice(0, 2), 40)).toThrow(/--intake 40/)
  })

  it('names the flag of a bad argument', () => {
    expect(() => parseOptions(['--teams', '0'])).toThrow(/--teams must be at least 1/)
    expect(() => parseOptions(['--until', '2026-02-30'])).toThrow(/--until must be a real date/)
    expect(() => parseOptions(['--colour', 'red'])).toThrow(/Unknown option '--colour'/)
  })
})
