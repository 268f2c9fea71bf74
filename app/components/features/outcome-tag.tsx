import { OUTCOME_LABELS, type Outcome } from '~/domain/classification'

export function OutcomeTag({ outcome }: { outcome: Outcome }) {
  return outcome === 'not_what_we_asked' ? <span className="tag missed">{OUTCOME_LABELS[outcome]}</span> : <span className="tag">Fine</span>
}
