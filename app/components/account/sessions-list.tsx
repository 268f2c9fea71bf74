import { Form } from '@remix-run/react'

export type SessionRow = { id: string; device: string; created: string; lastSeen: string; current: boolean }

/** Where the person is signed in, each with a button to sign that browser out. */
export function SessionsList({ sessions, idleDays, maxDays }: { sessions: SessionRow[]; idleDays: number; maxDays: number }) {
  return (
    <section aria-labelledby="sessions-h" className="card">
      <h2 id="sessions-h" style={{ marginTop: 0 }}>
        Where you are signed in
      </h2>
      <p className="muted small">
        A session ends after {idleDays} days without use, and {maxDays} days after sign-in at the latest. Sign out any you do not recognise,
        then change your password.
      </p>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {sessions.map((s) => (
          <li
            key={s.id}
            className="row"
            style={{ justifyContent: 'space-between', alignItems: 'center', borderTop: '1px solid var(--line)', padding: '0.5rem 0' }}
          >
            <div style={{ flex: '1 1 240px', minWidth: 0 }}>
              <strong>{s.device}</strong> {s.current ? <span className="tag">This browser</span> : null}
              <br />
              <span className="small muted">
                Signed in {s.created} · last active {s.lastSeen}
              </span>
            </div>
            <Form method="post">
              <input type="hidden" name="intent" value="revoke-session" />
              <input type="hidden" name="sessionId" value={s.id} />
              <button type="submit" className="secondary">
                Sign out<span className="sr-only">{s.current ? ' this browser' : ` ${s.device}, signed in ${s.created}`}</span>
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" style={{ marginTop: '0.75rem' }}>
        <input type="hidden" name="intent" value="sign-out-everywhere" />
        <button type="submit" className="danger">
          Sign out everywhere
        </button>
        <span className="small muted"> including this browser</span>
      </Form>
    </section>
  )
}
