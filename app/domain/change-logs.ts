// What the change logs show: the anonymity thresholds of a workspace and who
// is on a team. Both are read by the people these changes could expose.

export type AnonymityChangeView = {
  id: string
  at: string
  actorName: string | null
  kBefore: number
  kAfter: number
  commentKBefore: number
  commentKAfter: number
  roundsRaised: number
}

export type MembershipEventKind = 'joined' | 'left' | 'discipline_changed' | 'role_changed'

export type MembershipEventView = {
  id: string
  at: string
  kind: MembershipEventKind
  personName: string
  actorName: string | null
  fromValue: string | null
  toValue: string | null
}
