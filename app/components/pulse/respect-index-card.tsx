import type { PublicRoundResults } from '~/domain/public-results'
import { formatScore } from '~/domain/format'

export function RespectIndexCard({
  respectIndex,
  formula,
  n,
  deficitLine,
}: {
  respectIndex: number | null
  formula: PublicRoundResults['respectIndexFormula']
  n: number | null
  deficitLine: number
}) {
  return (
    <section className="card" aria-labelledby="ri-h">
      <h2 id="ri-h" style={{ marginTop: 0 }}>
        Respect Index
      </h2>
      <p className="ri-number">
        <span className="kpi-big">{formatScore(respectIndex)}</span> <span className="muted">out of 100</span>
      </p>
      <p className="muted small">
        {n !== null ? `From ${n} responses. ` : null}Below {deficitLine} counts as a respect deficit in this workspace.
      </p>
      <p className="formula">
        <strong>How it is calculated.</strong> {formula}
      </p>
    </section>
  )
}
