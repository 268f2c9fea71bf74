import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '~/domain/calendar'
import {
  assertRange,
  csvHref,
  defaultRange,
  filterQuery,
  filterValues,
  MAX_RANGE_DAYS,
  parseDashboardFilters,
  type DashboardFilters,
} from '~/domain/dashboard/filters'
import { DISCIPLINES } from '~/domain/disciplines'
import { PERIODS } from '~/domain/indicators'

const TODAY = '2026-05-14'
const parse = (query: string) => parseDashboardFilters(new URLSearchParams(query), TODAY)
const TEAM = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f'
const OTHER = '0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d'

const day = fc
  .integer({ min: 0, max: 36_500 })
  .map((n) => addDays('2000-01-01', n))
  .filter((d) => d <= '2100-12-31')
const filters: fc.Arbitrary<DashboardFilters> = fc
  .record({
    from: day,
    span: fc.integer({ min: 0, max: MAX_RANGE_DAYS - 1 }),
    teamIds: fc.uniqueArray(fc.uuid(), { maxLength: 5 }),
    discipline: fc.constantFrom(null, ...DISCIPLINES),
    period: fc.constantFrom(...PERIODS),
  })
  .map(({ span, ...f }) => ({ ...f, to: addDays(f.from, span) }))
  .filter((f) => f.to <= '2100-12-31')

describe('the dashboard URL', () => {
  it('reads back every view it writes (parse ∘ serialize is the identity)', () => {
    fc.assert(
      fc.property(filters, (f) => {
        const parsed = parse(filterQuery(f))
        expect(parsed).toEqual({ ok: true, filters: f })
      }),
    )
  })

  it('writes back what it read: a parsed URL serializes to the same view', () => {
    const query = `from=2026-01-01&to=2026-03-31&team=${TEAM}&discipline=design&period=quarter`
    const parsed = parse(query)
    if (!parsed.ok) throw new Error('expected the view to parse')
    expect(filterQuery(parsed.filters)).toBe(query)
    expect(filterValues(parsed.filters)).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      team: [TEAM],
      discipline: 'design',
      period: 'quarter',
    })
  })

  it('fills in the defaults: the last twelve calendar months to today, per month, every team, every discipline', () => {
    expect(parse('')).toEqual({ ok: true, filters: { from: '2025-06-01', to: TODAY, teamIds: [], discipline: null, period: 'month' } })
    // Empty fields, as a GET form sends them, count as unset.
    expect(parse('from=&to=&discipline=&period=&team=')).toEqual(parse(''))
    // With only an end date, the twelve months end there.
    expect(parse('to=2025-02-10')).toMatchObject({ ok: true, filters: { from: '2024-03-01', to: '2025-02-10' } })
    expect(defaultRange('2026-01-31')).toEqual({ from: '2025-02-01', to: '2026-01-31' })
  })

  it('reads a team ticked twice as one team', () => {
    expect(parse(`team=${TEAM}&team=${OTHER}&team=${TEAM}`)).toMatchObject({ ok: true, filters: { teamIds: [TEAM, OTHER] } })
  })

  it('puts the CSV section first and keeps the view, so a download matches the page', () => {
    const f: DashboardFilters = { from: '2026-01-01', to: '2026-06-30', teamIds: [TEAM, OTHER], discipline: 'engineering', period: 'month' }
    expect(csvHref(f, 'heatmap')).toBe(
      `/dashboard.csv?section=heatmap&from=2026-01-01&to=2026-06-30&team=${TEAM}&team=${OTHER}&discipline=engineering&period=month`,
    )
    const back = new URLSearchParams(csvHref(f, 'heatmap').split('?')[1])
    expect(parseDashboardFilters(back, TODAY)).toEqual({ ok: true, filters: f })
  })
})

describe('bad filter values', () => {
  const refused = (query: string) => {
    const parsed = parse(query)
    if (parsed.ok) throw new Error(`expected ${query} to be refused`)
    return parsed
  }

  it('names the field and says what is wrong, and gives back what was sent', () => {
    // The first message is the one the page shows.
    expect(refused('from=31/03/2026').errors.from?.[0]).toBe('Start date: use a date like 2026-03-31')
    expect(refused('to=2026-02-30').errors).toEqual({ to: ['End date is not a real date'] })
    expect(refused('from=1999-12-31').errors).toEqual({ from: ['Start date must be between the years 2000 and 2100'] })
    expect(refused('team=checkout').errors).toEqual({ team: ['Pick teams from the list'] })
    expect(refused('discipline=marketing').errors).toEqual({ discipline: ['Pick a discipline from the list'] })
    expect(refused('period=year').errors).toEqual({ period: ['Pick month or quarter'] })

    const many = refused(`from=2026-13-01&team=${TEAM}&team=x&period=week`)
    expect(Object.keys(many.errors).sort()).toEqual(['from', 'period', 'team'])
    expect(many.values).toEqual({ from: '2026-13-01', to: '', team: [TEAM, 'x'], discipline: '', period: 'week' })
  })

  it('refuses an end before the start', () => {
    expect(refused('from=2026-03-02&to=2026-03-01').errors).toEqual({ to: ['The end date must be on or after the start date'] })
    expect(parse('from=2026-03-01&to=2026-03-01').ok).toBe(true)
  })

  it('caps the range at three years (1,096 days, both ends counted)', () => {
    const longest = parse(`from=2023-01-01&to=${addDays('2023-01-01', MAX_RANGE_DAYS - 1)}`)
    expect(longest.ok).toBe(true)
    expect(refused(`from=2023-01-01&to=${addDays('2023-01-01', MAX_RANGE_DAYS)}`).errors).toEqual({
      from: ['Pick a range of at most 3 years (1096 days); this one has 1097 days'],
    })
    // Without a start date the default start is used, and the cap still holds against it.
    expect(parse('to=2026-05-14').ok).toBe(true)
  })

  it('refuses more than 1,000 teams in one view', () => {
    const teams = Array.from({ length: 1001 }, () => `team=${TEAM}`).join('&')
    expect(refused(teams).errors).toEqual({ team: ['Too many teams'] })
  })

  it('treats a range built by hand past the cap as a bug of the caller', () => {
    expect(() => assertRange({ from: '2026-01-02', to: '2026-01-01' })).toThrow(RangeError)
    expect(() => assertRange({ from: '2023-01-01', to: addDays('2023-01-01', MAX_RANGE_DAYS) })).toThrow(RangeError)
    expect(() => assertRange({ from: '2023-01-01', to: addDays('2023-01-01', MAX_RANGE_DAYS - 1) })).not.toThrow()
  })
})
