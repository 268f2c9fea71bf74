import { DISCIPLINE_LABELS, DISCIPLINES } from '~/domain/disciplines'

export const TEAM_ROLES = ['member', 'facilitator', 'leader'] as const

export const ROLE_OPTIONS = [
  { value: 'member', label: 'Member' },
  { value: 'facilitator', label: 'Facilitator' },
  { value: 'leader', label: 'Leader' },
] as const

export const DISCIPLINE_OPTIONS = DISCIPLINES.map((d) => ({ value: d, label: DISCIPLINE_LABELS[d] }))

export type TeamOption = { id: string; name: string }

/** What the People action returns when it does not redirect. */
export type PeopleActionData =
  | { ok: true; created: { link: string; email: string } }
  | { ok: false; errors: Record<string, string[] | undefined>; values: Record<string, string>; formError?: string }
