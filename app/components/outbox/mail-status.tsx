export type MailStatus = 'pending' | 'sent' | 'failed' | 'stored'

const LABELS: Record<MailStatus, string> = {
  stored: 'Kept in the app',
  pending: 'Pending',
  sent: 'Sent',
  failed: 'Failed',
}

/** A mail's delivery state in words; the error and attempt count when there is something to explain. */
export function MailStatusText({
  status,
  attempts,
  lastError,
  nextAttempt,
}: {
  status: MailStatus
  attempts: number
  lastError: string | null
  nextAttempt?: string | null
}) {
  return (
    <>
      <span className={status === 'sent' ? 'tag' : 'tag warn'} style={{ whiteSpace: 'nowrap' }}>
        {LABELS[status]}
      </span>
      {status === 'stored' ? <span className="muted small"> SMTP not configured</span> : null}
      {status === 'pending' && attempts > 0 ? (
        <span className="muted small">
          {' '}
          {attempts} failed {attempts === 1 ? 'attempt' : 'attempts'}
          {nextAttempt ? `, next try ${nextAttempt}` : ''}
        </span>
      ) : null}
      {status === 'failed' ? (
        <span className="muted small">
          {' '}
          after {attempts} {attempts === 1 ? 'attempt' : 'attempts'}
        </span>
      ) : null}
      {lastError && status !== 'sent' ? (
        <span className="small" style={{ display: 'block', color: 'var(--danger)', overflowWrap: 'anywhere' }}>
          {lastError}
        </span>
      ) : null}
    </>
  )
}

/**
 * The states of a mail sent to a group, as counts. Who got it is never shown:
 * a reminder goes only to the people who had not answered.
 */
export function BatchStatusText({ byStatus }: { byStatus: Record<MailStatus, number> }) {
  const parts = (Object.keys(LABELS) as MailStatus[]).filter((s) => byStatus[s] > 0)
  return (
    <>
      {parts.map((s, i) => (
        <span key={s}>
          {i > 0 ? ', ' : null}
          <span className={s === 'sent' ? 'tag' : 'tag warn'} style={{ whiteSpace: 'nowrap' }}>
            {LABELS[s]}
          </span>{' '}
          {byStatus[s]}
        </span>
      ))}
    </>
  )
}
