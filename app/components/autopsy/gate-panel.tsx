import { Link } from '@remix-run/react'
import type { GateResult } from '~/domain/respect-gate'

/** The respect-first gate, stated before the action items it governs. */
export function GatePanel({ gate, canManage }: { gate: GateResult; canManage: boolean }) {
  const tone = gate.state === 'deficit' ? 'alert danger' : gate.state === 'unknown' ? 'alert' : 'alert ok'
  return (
    <section className={tone} aria-labelledby="gate-h">
      <h3 id="gate-h" style={{ marginTop: 0 }}>
        Respect-first gate: {gate.headline}
      </h3>
      <p>{gate.explanation}</p>
      {gate.state === 'deficit' && gate.reasons.length ? (
        <>
          <p style={{ marginBottom: 0 }}>Why the latest pulse counts as a deficit:</p>
          <ul>
            {gate.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      ) : null}
      {gate.suggestions.length ? (
        <>
          <p style={{ marginBottom: 0 }}>
            <strong>Respect actions to consider:</strong>
          </p>
          <ul className="suggestions">
            {gate.suggestions.map((s, i) => (
              <li key={s}>
                {s}
                {canManage ? (
                  <>
                    {' '}
                    <Link to={`?suggest=${i}#add-action`} className="small" aria-label={`Use this as a respect action: “${s}”`}>
                      Use this
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {gate.state === 'deficit' ? (
        <p style={{ marginBottom: 0 }}>
          {gate.satisfiedBy === 'respect_action'
            ? '✓ At least one respect action is listed.'
            : gate.satisfiedBy === 'override'
              ? '✓ Overridden with a written reason (shown below).'
              : '✗ No respect action yet: publishing needs one, or an override with a written reason.'}
        </p>
      ) : null}
    </section>
  )
}
