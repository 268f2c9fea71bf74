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
