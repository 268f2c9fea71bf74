export const DISCIPLINES = ['product', 'engineering', 'design', 'other'] as const

export type Discipline = (typeof DISCIPLINES)[number]

export const DISCIPLINE_LABELS: Readonly<Record<Discipline, string>> = {
  product: 'Product',
  engineering: 'Engineering',
  design: 'Design',
  other: 'Other',
}

export function isDiscipline(value: unknown): value is Discipline {
  return typeof value === 'string' && DISCIPLINES.some((d) => d === value)
}

/**
 * The group a stored response counts under. While a round is open it is the
 * author's discipline. When it closes, a discipline too small to ever be shown
 * on its own is stored as "rest" (everyone outside the groups that can be
 * shown), so that a copy of the database cannot single out, say, a team's only
 * designer by her response's discipline.
 */
export const RESPONSE_GROUPS = [...DISCIPLINES, 'rest'] as const

export type ResponseGroup = (typeof RESPONSE_GROUPS)[number]

export function isResponseGroup(value: unknown): value is ResponseGroup {
  return typeof value === 'string' && RESPONSE_GROUPS.some((d) => d === value)
}
