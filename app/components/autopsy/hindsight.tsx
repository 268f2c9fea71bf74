import { formatEffort } from '~/domain/classification'

/** The cheaper alternative in hindsight, drawn against the effort actually spent. */
export function HindsightView({ solution, days, actualDays }: { solution: string; days: number | null; actualDays: number }) {
  if (!solution && days === null) {
    return (
      <p className="muted">
        Not written yet. What would have solved the real problem? In Tandem’s founding story: an automated email with three numbers, two
        days of work, instead of a two-month dashboard.
      </p>
    )
  }
  const max = Math.max(actualDays, days ?? 0, 1)
  const share = days !== null && actualDays > 0 ? Math.round((days / actualDays) * 100) : null
  return (
    <div>
      <p style={{ whiteSpace: 'pre-wrap' }}>{solution || <span className="muted">No description yet.</span>}</p>
      <div className="effort-bars" role="img" aria-label={`Hindsight: ${formatEffort(days)}; actually spent: ${formatEffort(actualDays)}`}>
        <div className="bar-row">
          <span>In hindsight: {formatEffort(days)}</span>
          <span className="bar hindsight">
            <span style={{ width: `${((days ?? 0) / max) * 100}%` }} />
          </span>
        </div>
        <div className="bar-row">
          <span>Actually spent: {formatEffort(actualDays)}</span>
          <span className="bar">
            <span style={{ width: `${(actualDays / max) * 100}%` }} />
          </span>
        </div>
      </div>
      {share !== null ? <p className="small muted">The cheaper solution would have taken {share}% of the effort spent.</p> : null}
    </div>
  )
}
