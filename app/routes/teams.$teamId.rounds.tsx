import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Pager, readPage } from '~/components/pager'
import { ProgramForm } from '~/components/pulse/program-form'
import { CADENCE_LABELS, CADENCES, maxWindowDays, startDateProblem } from '~/domain/cadence'
import { today } from '~/domain/calendar'
import { isUuid } from '~/domain/ids'
import { parseReminderDays, reminderDaysProblem } from '~/domain/nudges'
import { formatDateTime } from '~/domain/format'
import { closeRoundNow, listTeamRoundsAdmin, openRoundNow } from '~/models/pulse/rounds.server'
import { getProgram, saveProgram } from '~/models/pulse/programs.server'
import { refuse } from '~/domain/refusal'
import { formInvalid, refusalResponse } from '~/utils/refusals.server'
import { useFormResult } from '~/utils/use-form-result'
import { getWorkspaceById } from '~/models/workspace.server'
import { ANY_ROLE, FACILITATOR, requireTeamRole } from '~/utils/auth.server'
import { dayField, readForm } from '~/utils/forms'
import { redirectWithFlash } from '~/utils/session.server'
import { TableWrap } from '~/components/table-wrap'

const PAGE_SIZE = 10

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user, role } = await requireTeamRole(request, params.teamId, ANY_ROLE)
  const page = readPage(request)
  const [program, { total, rows }, workspace] = await Promise.all([
    getProgram(user.workspaceId, team.id),
    listTeamRoundsAdmin(user.workspaceId, team.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    getWorkspaceById(user.workspaceId),
  ])
  const tz = workspace?.timeZone ?? 'UTC'
  return json({
    teamId: team.id,
    canManage: user.isAdmin || role === 'facilitator',
    timeZone: tz,
    program: program
      ? {
          cadence: program.cadence,
          windowDays: program.windowDays,
          startDate: program.startDate,
          active: program.active,
          reminderDays: program.reminderDays,
        }
      : null,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    rounds: rows.map((r) => ({
      id: r.id,
      status: r.status,
      opens: formatDateTime(r.opensAt, tz),
      closes: formatDateTime(r.closedAt ?? r.closesAt, tz),
      manual: r.manual,
      responded: r.responded,
      eligible: r.eligible,
    })),
  })
}

const ActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('program'),
    cadence: z.enum(CADENCES, { error: 'Choose how often the pulse runs' }),
    windowDays: z.coerce
      .number({ error: 'Enter a number of days' })
      .int('Use whole days')
      .min(1, 'At least 1 day')
      .max(14, 'At most 14 days'),
    startDate: dayField('Enter a start date'),
    active: z.enum(['on']).optional(),
    reminders: z
      .string()
      .max(40, 'Enter at most three days, such as 1, 2')
      .optional()
      .transform((v) => parseReminderDays(v ?? ''))
      .refine((v) => v !== null, 'Enter whole days after the round opens, separated by commas, such as 1, 2'),
  }),
  z.object({
    intent: z.literal('open'),
    windowDays: z.coerce
      .number({ error: 'Enter a number of days' })
      .int('Use whole days')
      .min(1, 'At least 1 day')
      .max(14, 'At most 14 days'),
  }),
  z.object({ intent: z.literal('close'), roundId: z.string().refine(isUuid, 'Unknown round') }),
])

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, user } = await requireTeamRole(request, params.teamId, FACILITATOR)
  const form = await readForm(request, ActionSchema)
  if (!form.ok) return formInvalid(form)
  const data = form.data
  const here = `/teams/${team.id}/rounds`
  const values =
    data.intent === 'program'
      ? { ...data, windowDays: String(data.windowDays), active: data.active ?? '', reminders: (data.reminders ?? []).join(', ') }
      : {}
  try {
    if (data.intent === 'program') {
      if (data.windowDays > maxWindowDays(data.cadence)) {
        const message = `For ${CADENCE_LABELS[data.cadence].toLowerCase()}, the answer window can be at most ${maxWindowDays(data.cadence)} days so rounds never overlap.`
        refuse(422, message, { field: 'windowDays' })
      }
      const [saved, workspace] = await Promise.all([getProgram(user.workspaceId, team.id), getWorkspaceById(user.workspaceId)])
      const late = startDateProblem(data.startDate, today(workspace?.timeZone ?? 'UTC'), saved?.startDate ?? null)
      if (late) refuse(422, late, { field: 'startDate' })
      const reminderDays = data.reminders ?? []
      const problem = reminderDaysProblem(reminderDays, data.windowDays)
      if (problem) refuse(422, problem, { field: 'reminders' })
      await saveProgram(user.workspaceId, team.id, {
        ...data,
        active: data.active === 'on',
        reminderDays: reminderDays.length ? reminderDays : null,
      })
      return redirectWithFlash(
        request,
        here,
        data.active === 'on' ? 'Pulse schedule saved. Rounds will open on schedule.' : 'Pulse schedule saved and paused.',
      )
    }
    if (data.intent === 'open') {
      await openRoundNow(user.workspaceId, team.id, data.windowDays)
      return redirectWithFlash(request, here, 'Round opened. Members have been notified.')
    }
    await closeRoundNow(user.workspaceId, team.id, data.roundId)
    return redirectWithFlash(request, here, 'Round closed. Results are on the Pulse tab.')
  } catch (error) {
    return refusalResponse(error, values)
  }
}

export default function TeamRounds() {
  const data = useLoaderData<typeof loader>()
  const failure = useFormResult()
  const hasOpen = data.rounds.some((r) => r.status === 'open')
  return (
    <>
      {failure.formError ? (
        <p className="alert danger" role="alert">
          {failure.formError}
        </p>
      ) : null}
      {data.canManage ? (
        <ProgramForm program={data.program} errors={failure.errors} values={failure.values} timeZone={data.timeZone} />
      ) : null}
      {data.canManage && !hasOpen ? (
        <Form method="post" className="card row">
          <input type="hidden" name="intent" value="open" />
          <div className="field">
            <label htmlFor="open-window">Open a round now, for</label>
            <select id="open-window" name="windowDays" defaultValue="3">
              {[1, 2, 3, 5, 7].map((d) => (
                <option key={d} value={d}>
                  {d} day{d === 1 ? '' : 's'}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Open round now</button>
        </Form>
      ) : null}
      <h2>Rounds</h2>
      {data.rounds.length === 0 ? (
        <div className="empty">
          <p>No rounds yet. {data.canManage ? 'Set a schedule above or open a round now.' : 'A facilitator sets the pulse schedule.'}</p>
        </div>
      ) : (
        <TableWrap label="Rounds table">
          <table className="rounds-table">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Opens</th>
                <th scope="col">Closes</th>
                <th scope="col">Answered</th>
                {data.canManage ? <th scope="col">Action</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.rounds.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.status}
                    {r.manual ? <span className="muted small"> (by hand)</span> : null}
                  </td>
                  <td>{r.opens}</td>
                  <td>{r.closes}</td>
                  <td>{r.status === 'scheduled' ? '–' : `${r.responded} of ${r.eligible}`}</td>
                  {data.canManage ? (
                    <td>
                      {r.status === 'open' ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="close" />
                          <input type="hidden" name="roundId" value={r.id} />
                          <button type="submit" className="secondary">
                            Close now
                          </button>
                        </Form>
                      ) : r.status === 'closed' ? (
                        <Link to={`/teams/${data.teamId}/pulse?round=${r.id}`}>Results</Link>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pager page={data.page} pages={data.pages} />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
