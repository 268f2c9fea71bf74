import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import autopsyStyles from '~/components/autopsy/autopsy.css'
import { NOT_FOUND_HANDLERS } from '~/components/autopsy/not-found'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { describeEvent } from '~/domain/autopsy-history'
import { AUTOPSY_NOT_FOUND } from '~/domain/autopsy-lifecycle'
import { formatDateTime } from '~/domain/format'
import { getAutopsyHistory } from '~/models/autopsies/reads.server'
import { requireAutopsyScope } from '~/utils/guards/autopsy.server'
import { invariantResponse } from '~/utils/refusals.server'
import { TableWrap } from '~/components/table-wrap'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: autopsyStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, scope } = await requireAutopsyScope(request, params)
  // The published verdict is repeated only to a reader who can see the round it rests on.
  const history = await getAutopsyHistory({ ...scope, viewer })
  invariantResponse(history, AUTOPSY_NOT_FOUND)
  const { events, settings, verdictVisible } = history
  return json({
    back: `/teams/${scope.teamId}/autopsies/${scope.autopsyId}`,
    name: history.feature.name,
    events: events.map((e) => ({
      id: e.id,
      when: formatDateTime(e.createdAt, settings.timeZone),
      who: e.actorName ?? 'Someone who has left',
      what: describeEvent(e.action, e.before, e.after, { verdictVisible }),
    })),
  })
}

export default function AutopsyHistory() {
  const { back, name, events } = useLoaderData<typeof loader>()
  return (
    <section aria-labelledby="history-h">
      <p className="small">
        <Link to={back}>← Back to the autopsy</Link>
      </p>
      <h2 id="history-h">History: {name}</h2>
      <p className="muted">
        Every lifecycle step and every change after publishing, newest first. Entries are written with the change itself and cannot be
        edited.
      </p>
      {events.length === 0 ? (
        <div className="empty">Nothing recorded yet.</div>
      ) : (
        <TableWrap label="Edit history table">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td style={{ whiteSpace: 'nowrap' }}>{e.when}</td>
                  <td>{e.who}</td>
                  <td style={{ overflowWrap: 'anywhere' }}>{e.what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Autopsy history · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={NOT_FOUND_HANDLERS} />
}
