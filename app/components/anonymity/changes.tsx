import type { AnonymityChangeView } from '~/domain/change-logs'
import { formatDate } from '~/domain/format'

function describe(c: AnonymityChangeView) {
  const parts: string[] = []
  if (c.kBefore !== c.kAfter) parts.push(`k from ${c.kBefore} to ${c.kAfter}`)
  if (c.commentKBefore !== c.commentKAfter) parts.push(`the comment threshold from ${c.commentKBefore} to ${c.commentKAfter}`)
  const changed = parts.length ? `changed ${parts.join(' and ')} for rounds opening from then on` : 'kept the thresholds'
  const past = c.roundsRaised ? `; ${c.roundsRaised} earlier ${c.roundsRaised === 1 ? 'round was' : 'rounds were'} made stricter` : ''
  return `${changed}${past}.`
}

/** Every change of the workspace's anonymity thresholds: the date, who, and what. */
export function AnonymityChanges({ changes, timeZone }: { changes: AnonymityChangeView[]; timeZone: string }) {
  if (!changes.length) return <p className="muted">Nobody has changed the thresholds since the workspace was created.</p>
  return (
    <ul className="changes">
      {changes.map((c) => (
        <li key={c.id}>
          <time dateTime={c.at}>{formatDate(c.at, timeZone)}</time>: <strong>{c.actorName ?? 'A former admin'}</strong> {describe(c)}
        </li>
      ))}
    </ul>
  )
}
