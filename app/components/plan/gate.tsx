import type { PlanGate } from '~/domain/respect-gate'

/** The respect-first rule as it applies to this plan: the same rule the autopsy gate applies. */
export function PlanGatePanel({ gate }: { gate: PlanGate }) {
  const tone = gate.state === 'deficit' ? 'alert danger' : gate.state === 'unknown' ? 'alert' : 'alert ok'
  return (
    <section className={`${tone} plan-gate`} aria-labelledby="plan-gate-h">
      <h2 id="plan-gate-h">Respect first: {gate.headline}</h2>
      <p>{gate.explanation}</p>
      {gate.state === 'deficit' && gate.reasons.length ? (
        <ul>
          {gate.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      {gate.warning ? <p className="no-print">✗ {gate.warning}</p> : null}
      {gate.state === 'deficit' && gate.hasRespectAction ? <p>✓ This plan has at least one respect action.</p> : null}
    </section>
  )
}
