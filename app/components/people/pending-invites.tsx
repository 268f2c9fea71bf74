import { Form } from '@remix-run/react'
import { DISCIPLINE_LABELS, type Discipline } from '~/domain/disciplines'
import { ROLE_LABELS, type Role } from './options'

export type PendingInvite = { id: string; email: string; teamName: string | null; role: Role; discipline: Discipline; expires: string }

export function PendingInvites({ invites }: { invites: PendingInvite[] }) {
  return (
    <section aria-labelledby="pending-h">
      <h2 id="pending-h">Pending invitations</h2>
      {invites.length === 0 ? (
        <div className="empty">
          <p>No open invitations. Links that were used, revoked or have expired are not listed.</p>
        </div>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {invites.map((i) => (
            <li
              key={i.id}
              className="card row"
              style={{ alignItems: 'center', justifyContent: 'space-between', marginBottom: '0.5rem', padding: '0.6rem 1rem' }}
            >
              <div style={{ flex: '1 1 240px', minWidth: 0 }}>
                <strong style={{ overflowWrap: 'anywhere' }}>{i.email}</strong>
                <br />
                <span className="small muted">
                  {i.teamName ?? 'No team'} · {DISCIPLINE_LABELS[i.discipline]} · {ROLE_LABELS[i.role]} · expires {i.expires}
                </span>
              </div>
              <Form method="post">
                <input type="hidden" name="intent" value="revoke-invite" />
                <input type="hidden" name="inviteId" value={i.id} />
                <button type="submit" className="secondary" aria-label={`Revoke the invitation for ${i.email}`}>
                  Revoke
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
