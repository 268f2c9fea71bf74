import { DISCIPLINE_LABELS, DISCIPLINES } from '~/domain/disciplines'

export const TEAM_ROLES = ['member', 'facilitator', 'leader'] as const
export type Role = (typeof TEAM_ROLES)[number]

export const ROLE_LABELS: Readonly<Record<Role, string>> = { member: 'Member', facilitator: 'Facilitator', leader: 'Leader' }

export const ROLE_OPTIONS = TEAM_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))

export const DISCIPLINE_OPTIONS = DISCIPLINES.map((d) => ({ value: d, label: DISCIPLINE_LABELS[d] }))

export type TeamOption = { id: string; name: string }
