import { DashboardScatter, SCATTER_SIZES } from '~/components/charts/dashboard-scatter'
import { formatScore1 } from '~/domain/format'
import { MIN_FEATURES_FOR_RATE } from '~/domain/respect-vs-failure'
import { csvHref } from '~/domain/dashboard/filter-links'
import type { PageDashboard } from '~/domain/dashboard/page'
import { DashSection, DualChart, TableDetails, TeachingEmpty } from './section'

export function ScatterSection({ data }: { data: PageDashboard }) {
  const { scatter, filters, thresholds } = data
  return (
    <DashSection
      id="respect-vs-failure"
      title="5. Respect against failure"
      caption={
        <p>
          One dot per team: its latest Respect Index across, and how many of every 10 features it shipped in the range came back as “this
          isn’t what we asked for” up. <strong>Bottom right is good</strong>: high respect, few misses. A team needs a Respect Index that
          can be shown and at least {MIN_FEATURES_FOR_RATE} shipped features to appear.
        </p>
      }
      downloads={[{ href: csvHref(filters, 'respect-vs-failure'), label: 'Respect Index and misses per team' }]}
    >
      <p className="reading" role="note">
        <strong>Reading:</strong> {scatter.reading.text}
      </p>
      {scatter.dots.length === 0 ? (
        <TeachingEmpty
          title="No team has both numbers yet"
          shows="each team as a dot, placed by its Respect Index and its rate of “this isn’t what we asked for” features per 10 shipped, with a short plain-language reading of whether the two move together."
          feeds={`pulse rounds (for the Respect Index) and the feature log (at least ${MIN_FEATURES_FOR_RATE} features shipped in the range per team, each marked fine or “not what we asked for”).`}
        />
      ) : (
        <>
          <DualChart
            label="Respect Index against missed features out of every 10 shipped"
            wide={{
              height: SCATTER_SIZES.wide.height + 8,
              chart: <DashboardScatter id="scatter-wide" dots={scatter.dots} size="wide" deficitLine={thresholds.respectIndex} />,
            }}
            small={{
              height: SCATTER_SIZES.small.height + 8,
              chart: <DashboardScatter id="scatter-small" dots={scatter.dots} size="small" deficitLine={thresholds.respectIndex} />,
            }}
          />
          <p className="small muted">The dashed red line is the deficit threshold ({thresholds.respectIndex}).</p>
        </>
      )}
      {scatter.dots.length || scatter.leftOut.length ? (
        <TableDetails summary="Respect against failure as a table">
          <table>
            <caption className="sr-only">Respect Index and missed features per team</caption>
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col" className="num">
                  Respect Index
                </th>
                <th scope="col" className="num">
                  Shipped
                </th>
                <th scope="col" className="num">
                  “Not what we asked for”
                </th>
                <th scope="col" className="num">
                  Per 10 shipped
                </th>
              </tr>
            </thead>
            <tbody>
              {scatter.table.map((p) => (
                <tr key={p.teamId}>
                  <th scope="row">{p.teamName}</th>
                  <td className="num">{formatScore1(p.respectIndex)}</td>
                  <td className="num">{p.shipped}</td>
                  <td className="num">{p.missed}</td>
                  <td className="num">{p.ratePer10.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {scatter.table.length < scatter.dots.length ? (
            <p className="small muted">
              The {scatter.table.length} teams with the lowest Respect Index, of {scatter.dots.length} plotted; the CSV has every team.
            </p>
          ) : null}
          {scatter.leftOut.length ? (
            <>
              <p className="small">
                Not plotted
                {scatter.leftOutTotal > scatter.leftOut.length
                  ? ` (${scatter.leftOut.length} of ${scatter.leftOutTotal}; the CSV has every team)`
                  : ''}
                :
              </p>
              <ul className="small">
                {scatter.leftOut.map((t) => (
                  <li key={t.teamId}>
                    <strong>{t.teamName}</strong>: {t.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </TableDetails>
      ) : null}
    </DashSection>
  )
}
