import { Form } from '@remix-run/react'

type Delivery = {
  id: string
  event: string
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  httpStatus: number | null
  lastError: string | null
  created: string
  lastAttempt: string | null
  nextAttempt: string | null
  delivered: string | null
}

const LABELS = { pending: 'Waiting', delivered: 'Delivered', failed: 'Failed' } as const

/** An endpoint's deliveries: state, attempts, the last answer, and a redeliver button on failed ones. */
export function DeliveryList({ deliveries, busy }: { deliveries: Delivery[]; busy: boolean }) {
  if (!deliveries.length) {
    return (
      <div className="empty">
        <p>No deliveries yet. Send a test event, or wait for a round to close, an autopsy to be published or an action to change.</p>
      </div>
    )
  }
  return (
    <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {deliveries.map((d) => (
        <li key={d.id} className="card" style={{ marginBottom: '0.5rem', padding: '0.6rem 1rem' }}>
          <div className="row" style={{ alignItems: 'baseline', justifyContent: 'space-between', flexWrap: 'wrap' }}>
            <code>{d.event}</code>
            <span className="muted small">{d.created}</span>
          </div>
          <div className="small">
            <span className={d.status === 'delivered' ? 'tag' : 'tag warn'}>{LABELS[d.status]}</span>{' '}
            {d.attempts === 0 ? 'not tried yet' : `${d.attempts} ${d.attempts === 1 ? 'attempt' : 'attempts'}`}
            {d.httpStatus ? ` · last answer HTTP ${d.httpStatus}` : ''}
            {d.delivered ? ` · delivered ${d.delivered}` : d.lastAttempt ? ` · last tried ${d.lastAttempt}` : ''}
            {d.nextAttempt && d.attempts > 0 ? ` · next try ${d.nextAttempt}` : ''}
          </div>
          {d.lastError && d.status !== 'delivered' ? (
            <div className="small field-error" style={{ overflowWrap: 'anywhere' }}>
              {d.status === 'pending' && d.attempts === 0 ? 'Before it was queued again: ' : ''}
              {d.lastError}
            </div>
          ) : null}
          <div className="small muted" style={{ overflowWrap: 'anywhere' }}>
            Tandem-Delivery: <code>{d.id}</code>
          </div>
          {d.status === 'failed' ? (
            <Form method="post" style={{ marginTop: '0.35rem' }}>
              <input type="hidden" name="deliveryId" value={d.id} />
              <button type="submit" name="intent" value="redeliver" className="secondary" disabled={busy}>
                Redeliver
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  )
}
