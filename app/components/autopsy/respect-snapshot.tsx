import { Link } from '@remix-run/react'
import { formatDay } from '~/domain/format'
import type { RespectSnapshot } from '~/domain/autopsy-view'

const STATUS_TEXT = { deficit: 'Respect deficit', healthy: 'No deficit', unknown: 'Not enough data to know' } as const

function Snapshot({
  title,
  snapshot,
  empty,
  pulseHref,
}: {
  title: string
  snapshot: RespectSnapshot | null
  empty: string
  pulseHref: string
}) {
  return (
    <div className="snapshot">
      <h3>{title}</h3>
      {!snapshot ? (
        <p className="muted">{empty}</p>
      ) : (
        <>
          <p className="small muted" style={{ marginTop: 0 }}>
            <Link to={`${pulseHref}?round=${snapshot.roundId}`}>Round closed {formatDay(snapshot.closedOn)}</Link>:{' '}
            {snapshot.participation.responded} of {snapshot.participation.eligible} answered
          </p>
          <p style={{ margin: '0 0 0.25rem' }}>
            <span className={`status-${snapshot.status.status}`}>{STATUS_TEXT[snapshot.status.status]}</span>
          </p>
          {snapshot.visible ? (
            <>
              <p style={{ margin: 0 }}>
                <span className="kpi">{snapshot.respectIndex === null ? '—' : Math.round(snapshot.respectIndex)}</span> Respect Index
              </p>
              <table>
                <tbody>
                  {snapshot.dimensions.map((d) => (
                    <tr key={d.key}>
                      <th scope="row" style={{ fontWeight: 400, background: 'none' }}>
                        {d.label}
                      </th>
                      <td className="num">{d.score === null ? <span className="suppressed">hidden</span> : Math.round(d.score)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <p className="suppressed">{snapshot.message}</p>
          )}
          {snapshot.status.reasons.length && snapshot.status.status === 'deficit' ? (
            <ul className="small">
              {snapshot.status.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </div>
  )
}

/** The team's pulse before the work began and at the time of the autopsy, under the same anonymity rules as the pulse page. */
export function RespectSnapshots({
  before,
  latest,
  startedOn,
  published,
  pulseHref,
  k,
}: {
  before: RespectSnapshot | null
  latest: RespectSnapshot | null
  startedOn: string
  published: boolean
  pulseHref: string
  k: number
}) {
  return (
    <>
      <div className="snapshots">
        <Snapshot
          title={`Before work began (${formatDay(startedOn)})`}
          snapshot={before}
          empty="No pulse round had closed before work on this feature began."
          pulseHref={pulseHref}
        />
        <Snapshot
          title={published ? 'When the autopsy was published' : 'Now, at the time of the autopsy'}
          snapshot={latest}
          empty="No pulse round has closed for this team yet."
          pulseHref={pulseHref}
        />
      </div>
      <p className="small muted">
        Scores show only for rounds with at least {k} responses. <Link to="/anonymity">How anonymity works</Link>
      </p>
    </>
  )
}
