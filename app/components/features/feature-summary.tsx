type Summary = {
  total: number
  handoff: number
  collaboration: number
  missed: number
  differently: number
  differentlyCalm: number
  engineeringBeforeSpec: number
}

function share(part: number, total: number) {
  return total ? `${Math.round((part / total) * 100)}%` : '—'
}

/** The denominator: how often each pattern happens across everything this team shipped. */
export function FeatureSummary({ summary }: { summary: Summary }) {
  const { total } = summary
  return (
    <ul className="stats" aria-label="Across the whole log">
      <li>
        <span className="kpi">{total}</span>
        <span className="small muted">features logged</span>
      </li>
      <li>
        <span className="kpi">{share(summary.handoff, total)}</span>
        <span className="small muted">
          handoffs ({summary.handoff} of {total})
        </span>
      </li>
      <li>
        <span className="kpi">{share(summary.engineeringBeforeSpec, total)}</span>
        <span className="small muted">with engineering involved before the spec</span>
      </li>
      <li>
        <span className="kpi">{summary.missed}</span>
        <span className="small muted">“This isn’t what we asked for”</span>
      </li>
      <li>
        <span className="kpi">{summary.differently}</span>
        <span className="small muted">shipped differently, {summary.differentlyCalm} without anyone upset</span>
      </li>
    </ul>
  )
}
