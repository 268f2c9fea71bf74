import { Form } from '@remix-run/react'

export type PendingInvite = { id: string; email: string; teamName: string | null; role: string; discipline: string; expires: string }

export function PendingInvites({ invites }: { invites: PendingInvite[] }) {
  return (
    <section aria-labelledby="pending-h">
      <h2 id="pending-h">Pending invitations</h2>
      {invites.length === 0 ? (
        <div className="empty">
          <p>No open invitations. Links that were used, revoked or have expired are not listed.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Team</th>
                <th scope="col">As</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invites.map((i) => (
                <tr key={i.id}>
                  <td style={{ overflowWrap: 'anywhere' }}>{i.email}</td>
                  <td>{i.teamName ?? '—'}</td>
                  <td>
                    {i.discipline} · {i.role}
                  </td>
                  <td>{i.expires}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke-invite" />
                      <input type="hidden" name="inviteId" value={i.id} />
                      <button type="submit" className="secondary" aria-label={`Revoke the invitation for ${i.email}`}>
                        Revoke
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
