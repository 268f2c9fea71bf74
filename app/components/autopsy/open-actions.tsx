import { Link } from '@remix-run/react'
import { formatDay } from '~/domain/format'
import { ACTION_STATUS_LABELS, type ActionStatus } from '~/domain/autopsy-lifecycle'
import { ACTION_KIND_LABELS, type ActionKind } from '~/domain/respect-gate'
import { TableWrap } from '~/components/table-wrap'

type OpenAction = {
  id: string
  kind: ActionKind
  title: string
  dueOn: string
  status: ActionStatus
  ownerName: string | null
  autopsyId: string | null
  featureName: string | null
  planId: string | null
  overdue: boolean
}

/** Every unfinished action item of the team, soonest due first, overdue ones marked. */
export function OpenActions({ items, teamBase }: { items: readonly OpenAction[]; teamBase: string }) {
  const overdue = items.filter((i) => i.overdue).length
  return (
    <section aria-labelledby="open-actions-h" className="card">
      <h3 id="open-actions-h" style={{ marginTop: 0 }}>
        Open action items: {items.length}
        {overdue ? (
          <span className="tag overdue" style={{ marginLeft: '0.5rem' }}>
            {overdue} overdue
          </span>
        ) : null}
      </h3>
      <TableWrap label="Open actions table">
        <table className="cards">
          <thead>
            <tr>
              <th scope="col">Due</th>
              <th scope="col">Action</th>
              <th scope="col">Owner</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td data-label="Due" style={{ whiteSpace: 'nowrap' }}>
                  {formatDay(i.dueOn)}
                  {i.overdue ? (
                    <div>
                      <span className="tag overdue">Overdue</span>
                    </div>
                  ) : null}
                </td>
                <td>
                  <span className={`tag kind-${i.kind}`}>{ACTION_KIND_LABELS[i.kind]}</span> {i.title}
                  <div className="small muted">{ACTION_STATUS_LABELS[i.status]}</div>
                </td>
                <td data-label="Owner">{i.ownerName ?? '—'}</td>
                <td data-label="From">
                  {i.autopsyId ? (
                    <Link to={`${teamBase}/autopsies/${i.autopsyId}#actions`}>{i.featureName}</Link>
                  ) : (
                    <Link to={`${teamBase}/plans/${i.planId}#action-${i.id}`}>Respect plan</Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  )
}
