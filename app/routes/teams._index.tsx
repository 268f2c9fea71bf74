import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { Field } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { createTeam, listVisibleTeams } from '~/models/team.server'
import { formInvalid, refusalResponse } from '~/utils/refusals.server'
import { requireAdmin, requireUser } from '~/utils/auth.server'
import { readForm, text } from '~/utils/forms'
import { useFormResult } from '~/utils/use-form-result'
import { redirectWithFlash } from '~/utils/session.server'
import { TableWrap } from '~/components/table-wrap'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const teams = await listVisibleTeams(user)
  return json({ teams, isAdmin: user.isAdmin })
}

const CreateTeamSchema = z.object({ name: text('Team name', { max: 80 }) })

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const form = await readForm(request, CreateTeamSchema)
  if (!form.ok) return formInvalid(form)
  try {
    const team = await createTeam(admin.workspaceId, form.data.name)
    return redirectWithFlash(request, `/teams/${team.id}`, `Team "${team.name}" created. Invite people from the People page.`)
  } catch (error) {
    return refusalResponse(error, { name: form.data.name })
  }
}

export default function Teams() {
  const { teams, isAdmin } = useLoaderData<typeof loader>()
  const failure = useFormResult()
  const busy = useNavigation().state === 'submitting'
  return (
    <>
      <h1>Teams</h1>
      {teams.length === 0 ? (
        <div className="empty">
          <p>{isAdmin ? 'No teams yet. Create the first one below.' : 'You are not on any team yet. Ask a workspace admin to add you.'}</p>
        </div>
      ) : (
        <TableWrap label="Teams table">
          <table>
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">Members</th>
                {isAdmin ? null : <th scope="col">Your role</th>}
              </tr>
            </thead>
            <tbody>
              {teams.map((t) => (
                <tr key={t.id}>
                  <td>
                    <Link to={`/teams/${t.id}`}>{t.name}</Link>
                  </td>
                  <td>{t.memberCount}</td>
                  {isAdmin ? null : <td>{t.role}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {isAdmin ? (
        <Form method="post" className="card row" noValidate aria-labelledby="new-team-h">
          <h2 id="new-team-h" className="sr-only">
            Create a team
          </h2>
          <Field
            label="New team name"
            name="name"
            required
            maxLength={80}
            defaultValue={failure.values.name ?? ''}
            errors={failure.errors.name}
          />
          <button type="submit" disabled={busy}>
            Create team
          </button>
        </Form>
      ) : null}
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Teams · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
