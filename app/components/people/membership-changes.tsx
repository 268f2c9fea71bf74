import type { MembershipEventView } from '~/domain/change-logs'
import { DISCIPLINE_LABELS, isDiscipline } from '~/domain/disciplines'
import { formatDate } from '~/domain/format'

function discipline(value: string | null) {
  return value && isDiscipline(value) ? DISCIPLINE_LABELS[value].toLowerCase() : (value ?? '')
}

/** "engineering/member" as stored → "engineering, member". */
function state(value: string | null) {
  const [d, role] = (value ?? '').split('/')
  return [discipline(d), role].filter(Boolean).join(', ')
}

function what(e: MembershipEventView) {
  switch (e.kind) {
    case 'joined':
      return `joined (${state(e.toValue)})`
    case 'left':
      return `left (was ${state(e.fromValue)})`
    case 'discipline_changed':
      return `changed discipline from ${discipline(e.fromValue)} to ${discipline(e.toValue)}`
    case 'role_changed':
      return `changed role from ${e.fromValue} to ${e.toValue}`
  }
}

/**
 * Who joined, left or changed on the team, when and by whose hand. Shown to
 * every member: an account added to tip a group over the anonymity threshold
 * is visible to the people it would expose.
 */
export function MembershipChanges({ events, timeZone }: { events: MembershipEventView[]; timeZone: string }) {
  if (!events.length) return <p className="muted">No changes yet.</p>
  return (
    <ul className="changes">
      {events.map((e) => (
        <li key={e.id}>
          <time dateTime={e.at}>{formatDate(e.at, timeZone)}</time>: <strong>{e.personName}</strong> {what(e)}
          {e.actorName ? <span className="muted"> · by {e.actorName}</span> : null}
        </li>
      ))}
    </ul>
  )
}
