import { formatDateTime } from '~/domain/format'

type Status = { enabled: boolean; lastSignInAt: string | null; lastErrorAt: string | null; lastError: string | null } | null

/** What an admin needs to know at a glance: on or off, the last sign-in and the last failure. */
export function SsoStatus({ settings, timeZone }: { settings: Status; timeZone: string }) {
  if (!settings) {
    return (
      <p className="card" role="status">
        Single sign-on is not set up. Everyone signs in with a password.
      </p>
    )
  }
  const failedLast = settings.lastErrorAt && (!settings.lastSignInAt || settings.lastErrorAt > settings.lastSignInAt)
  return (
    <div className="card stack" role="status">
      <p style={{ margin: 0 }}>
        <strong>{settings.enabled ? 'On' : 'Off'}.</strong>{' '}
        {settings.lastSignInAt ? `Last sign-in ${formatDateTime(settings.lastSignInAt, timeZone)}.` : 'Nobody has signed in with it yet.'}
      </p>
      {settings.lastErrorAt ? (
        <p className={failedLast ? 'field-error' : 'small muted'} style={{ margin: 0, overflowWrap: 'anywhere' }}>
          Last failure {formatDateTime(settings.lastErrorAt, timeZone)}: {settings.lastError}
        </p>
      ) : null}
    </div>
  )
}
