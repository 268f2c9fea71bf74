import { formatDateTime } from '~/domain/format'

export type ConnectionView = {
  accountName: string
  secretHint: string
  secretReadable: boolean
  connectedAt: string
  lastDeliveryAt: string | null
  lastErrorAt: string | null
  lastError: string | null
}

/** Connected to what, since when, the last delivery and the last error: what an admin checks first. */
export function ConnectionStatus({ name, connection, timeZone }: { name: string; connection: ConnectionView | null; timeZone: string }) {
  if (!connection) {
    return (
      <p style={{ margin: 0 }} role="status">
        <strong>Not connected.</strong> Tandem sends nothing to {name}.
      </p>
    )
  }
  const failedLast = connection.lastErrorAt && (!connection.lastDeliveryAt || connection.lastErrorAt > connection.lastDeliveryAt)
  return (
    <div className="stack" role="status" style={{ gap: '0.35rem' }}>
      <p style={{ margin: 0, overflowWrap: 'anywhere' }}>
        <strong>Connected</strong> to {connection.accountName} since {formatDateTime(connection.connectedAt, timeZone)}, with the secret
        ending <code style={{ whiteSpace: 'nowrap' }}>{connection.secretHint}</code>.
      </p>
      {connection.secretReadable ? null : (
        <p className="field-error" style={{ margin: 0 }}>
          The stored secret can no longer be read (SECRETS_KEY changed): nothing can be sent. Connect again.
        </p>
      )}
      <p className="small" style={{ margin: 0 }}>
        {connection.lastDeliveryAt ? `Last delivery ${formatDateTime(connection.lastDeliveryAt, timeZone)}.` : 'Nothing delivered yet.'}
      </p>
      {connection.lastErrorAt ? (
        <p className={failedLast ? 'field-error' : 'small muted'} style={{ margin: 0, overflowWrap: 'anywhere' }}>
          Last error {formatDateTime(connection.lastErrorAt, timeZone)}: {connection.lastError}
        </p>
      ) : null}
    </div>
  )
}
