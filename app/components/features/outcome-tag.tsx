import { OUTCOME_LABELS, type Outcome } from '~/domain/classification'

/** `short` for tables, where the full quotation wraps badly. */
export function OutcomeTag({ outcome, short }: { outcome: Outcome; short?: boolean }) {
  if (outcome === 'fine') return <span className="tag">Fine</span>
  return <span className="tag missed">{short ? 'Not what we asked for' : OUTCOME_LABELS[outcome]}</span>
}
