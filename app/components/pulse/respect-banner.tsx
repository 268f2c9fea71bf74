import type { ReactNode } from 'react'
import type { PublicRoundResults } from '~/domain/public-results'

/** The respect gate, stated first: while respect is in deficit, process fixes are theater. `children`: what to do about it. */
export function RespectBanner({
  status,
  thresholds,
  children,
}: Pick<PublicRoundResults, 'status' | 'thresholds'> & { children?: ReactNode }) {
  if (status.status === 'deficit') {
    return (
      <section className="alert danger deficit-banner" aria-labelledby="deficit-h">
        <h2 id="deficit-h">This team is in respect deficit</h2>
        <p>
          <strong>Process changes made now are likely to be theater: address respect first.</strong> A new ritual, template or tool will not
          fix how product and engineering work together until each side trusts that the other values what it brings.
        </p>
        <p>Why this round counts as a deficit:</p>
        <ul>
          {status.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
        {children}
      </section>
    )
  }
  if (status.status === 'unknown') {
    return (
      <div className="alert" role="note">
        <strong>Not enough data to know.</strong> There are not enough responses in this round to tell whether the team is in respect
        deficit.
        {children}
      </div>
    )
  }
  return (
    <div className="alert ok" role="note">
      <strong>No respect deficit in this round.</strong> The Respect Index is at least {thresholds.respectIndex}, each direction scores at
      least {thresholds.directional}, and no perception gap reaches {thresholds.gap} points.
      {children}
    </div>
  )
}
