import { Form } from '@remix-run/react'
import { FormError, SelectField } from '~/components/field'
import { DISCIPLINE_LABELS, type Discipline } from '~/domain/disciplines'
import { DISCIPLINE_OPTIONS, ROLE_LABELS, ROLE_OPTIONS, type Role, type TeamOption } from './options'

export type PersonRow = {
  id: string
  name: string
  email: string
  isAdmin: boolean
  deactivated: boolean
  memberships: { membershipId: string; teamId: string; teamName: string; role: Role; discipline: Discipline }[]
}
/** A failed row action, already matched to this person by the route. */
export type RowFailure = { intent: string; key: string; message: string }

const dangerOutline = { color: 'var(--danger)', borderColor: 'var(--danger)' }
const teamOptions = (teams: TeamOption[]) => teams.map((t) => ({ value: t.id, label: t.name }))

/** A deactivated person: no sign-in, no teams; an admin can let them back in. */
function DeactivatedCard({ person, error }: { person: PersonRow; error: string | null }) {
  return (
    <li className="card" aria-labelledby={`p-${person.id}`}>
      <div className="row" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <div style={{ minWidth: 0 }}>
          <h3 id={`p-${person.id}`} style={{ margin: 0 }}>
            {person.name} <span className="tag warn">Deactivated</span>
          </h3>
          <p className="muted small" style={{ margin: 0, overflowWrap: 'anywhere' }}>
            {person.email} · cannot sign in
          </p>
        </div>
        <Form method="post">
          <input type="hidden" name="intent" value="reactivate" />
          <input type="hidden" name="userId" value={person.id} />
          <button type="submit" className="secondary">
            Reactivate<span className="sr-only"> {person.name}</span>
          </button>
        </Form>
      </div>
      <p className="small muted" style={{ margin: '0.5rem 0 0' }}>
        Reactivating lets them sign in again. Teams and admin rights do not come back on their own.
      </p>
      <FormError message={error} />
    </li>
  )
}

function DeactivateControl({ person, error }: { person: PersonRow; error: string | null }) {
  return (
    <details open={Boolean(error)} style={{ marginTop: '0.5rem' }}>
      <summary className="small">Deactivate {person.name}…</summary>
      <Form method="post" className="stack" style={{ marginTop: '0.5rem' }}>
        <input type="hidden" name="intent" value="deactivate" />
        <input type="hidden" name="userId" value={person.id} />
        <p className="small" style={{ margin: 0 }}>
          For someone who left. They are signed out everywhere and cannot sign in or reset their password; they leave every team and lose
          admin rights. What they answered in pulses stays counted, and stays anonymous.
        </p>
        <div>
          <button type="submit" className="danger">
            Deactivate {person.name}
          </button>
        </div>
      </Form>
      <FormError message={error} />
    </details>
  )
}

export function PersonCard({
  person,
  teams,
  isSelf,
  failure,
}: {
  person: PersonRow
  teams: TeamOption[]
  isSelf: boolean
  failure?: RowFailure
}) {
  const inTeams = new Set(person.memberships.map((m) => m.teamId))
  const addable = teams.filter((t) => !inTeams.has(t.id))
  const errorFor = (intent: string, key: string) => (failure && failure.intent === intent && failure.key === key ? failure.message : null)
  if (person.deactivated) return <DeactivatedCard person={person} error={errorFor('reactivate', person.id)} />
  return (
    <li className="card" aria-labelledby={`p-${person.id}`}>
      <div className="row" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <div style={{ minWidth: 0 }}>
          <h3 id={`p-${person.id}`} style={{ margin: 0 }}>
            {person.name} {isSelf ? <span className="muted small">(you)</span> : null}{' '}
            {person.isAdmin ? <span className="tag">Admin</span> : null}
          </h3>
          <p className="muted small" style={{ margin: 0, overflowWrap: 'anywhere' }}>
            {person.email}
          </p>
        </div>
        <Form method="post">
          <input type="hidden" name="intent" value="set-admin" />
          <input type="hidden" name="userId" value={person.id} />
          <input type="hidden" name="isAdmin" value={person.isAdmin ? 'false' : 'true'} />
          <button type="submit" className="secondary">
            {person.isAdmin ? 'Remove admin' : 'Make admin'}
            <span className="sr-only">: {person.name}</span>
          </button>
        </Form>
      </div>
      <FormError message={errorFor('set-admin', person.id)} />

      {person.memberships.length === 0 ? (
        <p className="muted small">Not on any team yet.</p>
      ) : (
        <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: '0.75rem 0' }}>
          {person.memberships.map((m) => {
            const id = `m-${m.membershipId}`
            const error = errorFor('update-membership', m.membershipId) ?? errorFor('remove-membership', m.membershipId)
            return (
              <li key={m.membershipId} style={{ borderTop: '1px solid var(--line)', paddingTop: '0.5rem' }}>
                <div className="row" style={{ alignItems: 'center', justifyContent: 'space-between' }}>
                  <p style={{ margin: 0 }}>
                    <strong>{m.teamName}</strong>{' '}
                    <span className="muted small">
                      {DISCIPLINE_LABELS[m.discipline]} · {ROLE_LABELS[m.role]}
                    </span>
                  </p>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove-membership" />
                    <input type="hidden" name="membershipId" value={m.membershipId} />
                    <button
                      type="submit"
                      className="secondary"
                      style={dangerOutline}
                      aria-label={`Remove from team ${m.teamName}: ${person.name}`}
                    >
                      Remove from team
                    </button>
                  </Form>
                </div>
                <Form method="post" className="row" style={{ marginTop: '0.25rem' }}>
                  <input type="hidden" name="intent" value="update-membership" />
                  <input type="hidden" name="membershipId" value={m.membershipId} />
                  <SelectField id={`${id}-team`} label="Team" name="teamId" defaultValue={m.teamId} options={teamOptions(teams)} />
                  <SelectField
                    id={`${id}-discipline`}
                    label="Discipline"
                    name="discipline"
                    defaultValue={m.discipline}
                    options={DISCIPLINE_OPTIONS}
                  />
                  <SelectField id={`${id}-role`} label="Role" name="role" defaultValue={m.role} options={ROLE_OPTIONS} />
                  <button type="submit" className="secondary">
                    Save
                    <span className="sr-only">
                      {' '}
                      {person.name} in {m.teamName}
                    </span>
                  </button>
                </Form>
                <FormError message={error} />
              </li>
            )
          })}
        </ul>
      )}

      {addable.length > 0 ? (
        // Keyed by the team count so that it closes again after a person is added.
        <details key={person.memberships.length} open={Boolean(errorFor('add-membership', person.id))}>
          <summary>Add to a team</summary>
          <Form method="post" className="row" style={{ marginTop: '0.5rem' }}>
            <input type="hidden" name="intent" value="add-membership" />
            <input type="hidden" name="userId" value={person.id} />
            <SelectField id={`add-${person.id}-team`} label="Team" name="teamId" options={teamOptions(addable)} />
            <SelectField
              id={`add-${person.id}-discipline`}
              label="Discipline"
              name="discipline"
              defaultValue="engineering"
              options={DISCIPLINE_OPTIONS}
            />
            <SelectField id={`add-${person.id}-role`} label="Role" name="role" defaultValue="member" options={ROLE_OPTIONS} />
            <button type="submit">
              Add<span className="sr-only"> {person.name} to this team</span>
            </button>
          </Form>
          <FormError message={errorFor('add-membership', person.id)} />
        </details>
      ) : null}
      {isSelf ? null : <DeactivateControl person={person} error={errorFor('deactivate', person.id)} />}
    </li>
  )
}
