import { describe, expect, it } from 'vitest'
import { DIMENSION_KEYS, getDimension } from '~/domain/instrument'
import { PRACTICES, getPractice, practicesInOrder } from '~/domain/practices'

describe('the practice library', () => {
  it('holds about a dozen practices, each tied to a dimension and to its direction', () => {
    expect(PRACTICES.length).toBeGreaterThanOrEqual(10)
    expect(new Set(PRACTICES.map((p) => p.key)).size).toBe(PRACTICES.length)
    for (const p of PRACTICES) {
      expect(DIMENSION_KEYS).toContain(p.dimension)
      expect(p.direction).toBe(getDimension(p.dimension).direction)
      expect(p.days).toBeGreaterThan(0)
    }
    for (const key of DIMENSION_KEYS) expect(PRACTICES.some((p) => p.dimension === key)).toBe(true)
  })

  it('includes the practices the product is built around', () => {
    expect(getPractice('engineer-user-calls')?.title).toMatch(/joins the next three user calls/)
    expect(getPractice('problem-statements-first')?.title).toMatch(/problem statements before solutions/)
    expect(getPractice('joint-build-session')?.title).toMatch(/what could we build to solve Y/)
    expect(getPractice('nope')).toBeUndefined()
  })

  it('lists the weakest dimensions’ practices first, keeping library order within a dimension', () => {
    const ordered = practicesInOrder(['shared_outcomes', 'early_involvement'])
    expect(ordered).toHaveLength(PRACTICES.length)
    expect(ordered.slice(0, 2).map((p) => p.dimension)).toEqual(['shared_outcomes', 'shared_outcomes'])
    expect(ordered.slice(2, 4).map((p) => p.key)).toEqual(['problem-statements-first', 'joint-build-session'])
    expect(practicesInOrder([])).toEqual(PRACTICES)
  })
})
