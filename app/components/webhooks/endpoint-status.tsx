type Status = {
  enabled: boolean
  pending: number
  failed: number
  secretReadable: boolean
  lastAttempt: { at: string | null; httpStatus: number | null; status: string } | null
  lastError: { at: string | null; error: string | null } | null
}

/** An endpoint's state in words: on or off, its last attempt and its last error. */
export function EndpointStatus({ endpoint: e }: { endpoint: Status }) {
  return (
    <div className="small stack" style={{ gap: '0.25rem', marginTop: '0.35rem' }}>
      <div>
        <span className={e.enabled ? 'tag' : 'tag warn'}>{e.enabled ? 'On' : 'Off'}</span>{' '}
        {e.failed ? <span className="tag warn">{e.failed} failed</span> : null}{' '}
        {e.pending ? <span className="muted">{e.pending} waiting</span> : null}
        {!e.secretReadable ? <span className="field-error"> The secret can no longer be read: rotate it.</span> : null}
      </div>
      <div>
        Last delivery:{' '}
        {e.lastAttempt ? (
          <>
            {e.lastAttempt.at} · {e.lastAttempt.httpStatus ? `HTTP ${e.lastAttempt.httpStatus}` : 'no answer'}
          </>
        ) : (
          <span className="muted">none yet</span>
        )}
      </div>
      {e.lastError ? (
        <div style={{ overflowWrap: 'anywhere' }}>
          Last error: <span className="field-error">{e.lastError.error}</span> <span className="muted">({e.lastError.at})</span>
        </div>
      ) : null}
    </div>
  )
}
