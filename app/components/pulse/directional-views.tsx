import type { PublicDirectional } from '~/domain/public-results'
import { formatGap, formatScore, formatScore1 } from '~/domain/format'

function Meter({ value, label }: { value: number | null; label: string }) {
  if (value === null) return <span className="suppressed">hidden</span>
  return (
    <span className="meter-row">
      <span className="meter" aria-hidden="true">
        <span style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
      </span>
      <span className="num" aria-label={`${label}: ${formatScore1(value)} out of 100`}>
        {formatScore1(value)}
      </span>
    </span>
  )
}

function DirectionCard({ view }: { view: PublicDirectional }) {
  const self = view.selfView.label
  const other = view.otherView.label
  return (
    <section className="card" aria-labelledby={`dir-${view.direction}`}>
      <h3 id={`dir-${view.direction}`} style={{ marginTop: 0 }}>
        {view.label}: {view.dimensionLabel}
      </h3>
      <p>
        Everyone’s score: <strong>{formatScore(view.overall)}</strong>
        {view.overall === null ? <span className="suppressed"> (hidden)</span> : null}
      </p>
      {view.note && view.splitVisible ? <p className="small alert">{view.note}</p> : null}
      {view.splitVisible ? (
        <table className="views">
          <caption className="sr-only">{view.label}: self-view, other side’s view and gap</caption>
          <tbody>
            <tr>
              <th scope="row">{self}’s view of itself (self-view)</th>
              <td>
                <Meter value={view.selfView.score} label={`${self} self-view`} />
              </td>
            </tr>
            <tr>
              <th scope="row">{other}’s view (the other side)</th>
              <td>
                <Meter value={view.otherView.score} label={`${other} view`} />
              </td>
            </tr>
            <tr>
              <th scope="row">Perception gap</th>
              <td className="num">{view.gap === null ? <span className="suppressed">hidden</span> : `${formatGap(view.gap)} points`}</td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="suppressed">
          {view.note ??
            'The split by discipline is hidden: not enough people in each discipline answered to show it without exposing individual answers.'}
        </p>
      )}
      <p className="small muted">
        A positive gap means {self.toLowerCase()} rates its own behaviour towards {other.toLowerCase()} higher than {other.toLowerCase()}{' '}
        experiences it: a blind spot. A negative gap means {self.toLowerCase()} is harder on itself than {other.toLowerCase()} is.
      </p>
    </section>
  )
}

export function DirectionalViews({ views }: { views: PublicDirectional[] }) {
  return (
    <section aria-labelledby="directional-h">
      <h2 id="directional-h">How each side sees it</h2>
      <p className="muted">
        Each direction compares how the side whose behaviour is described rates itself with how the other side experiences it.
      </p>
      <div className="grid">
        {views.map((view) => (
          <DirectionCard key={view.direction} view={view} />
        ))}
      </div>
    </section>
  )
}
