import { DashboardHeatmap, HEAT_LEGEND, heatmapSize } from '~/components/charts/dashboard-heatmap'
import { SHORT_DIMENSION } from '~/components/pulse/dimension-scores'
import { formatDay, formatScore1 } from '~/domain/format'
import { DISCIPLINE_LABELS } from '~/domain/disciplines'
import { DIMENSIONS } from '~/domain/instrument'
import { csvHref } from '~/domain/dashboard/filter-links'
import type { PageDashboard } from '~/domain/dashboard/page'
import type { HeatmapRow } from '~/domain/dashboard/types'
import { ChartBox, DashSection, Hidden, SuppressedNote, SwatchLegend, TableDetails, TeachingEmpty } from './section'

const COLUMNS = [{ key: 'respectIndex', name: 'Respect Index' }, ...DIMENSIONS.map((d) => ({ key: d.key, name: SHORT_DIMENSION[d.key] }))]

function values(row: HeatmapRow): Record<string, number | null> {
  return { respectIndex: row.respectIndex, ...row.dimensions }
}

const STATUS = { deficit: 'Respect deficit', healthy: 'Healthy', unknown: 'Not enough responses' } as const

export function HeatmapSection({ data }: { data: PageDashboard }) {
  const { heatmap, filters, k, thresholds } = data
  const rows = [heatmap.overall, ...heatmap.rows]
  const slice = filters.discipline ? DISCIPLINE_LABELS[filters.discipline] : null
  const any = heatmap.rows.some((r) => r.respectIndex !== null)
  const size = heatmapSize(
    rows.map((r) => r.teamName),
    COLUMNS.length,
  )
  return (
    <DashSection
      id="heatmap"
      title="2. Where each team stands"
      caption={
        <p>
          Teams × the five dimensions of mutual respect, at each team’s latest round in the range with enough responses to show.{' '}
          <strong>Higher (blue) is better</strong>; red cells are below the deficit line of {thresholds.respectIndex}.
          {slice ? ` Only ${slice.toLowerCase()} answers.` : null}
        </p>
      }
      downloads={[{ href: csvHref(filters, 'heatmap'), label: 'scores by team and dimension' }]}
    >
      {!any ? (
        <TeachingEmpty
          title={data.respect.rounds === 0 ? 'No pulse results in this range yet' : 'No team has a result that can be shown'}
          shows="one row per team and a column per dimension (product values technical input, engineering engages with product thinking, early involvement, psychological safety, shared outcomes), coloured from red to blue, so the weakest spot of each team stands out."
          feeds={`the latest pulse round of each team with at least ${k} responses${
            slice ? ` from ${slice.toLowerCase()} (and a split by discipline that can be shown)` : ''
          }.`}
        />
      ) : (
        <>
          <p className="dash-scroll-hint small muted">Scroll sideways for every column, or open the table.</p>
          <ChartBox label="Heatmap of teams by dimension" height={size.height}>
            <DashboardHeatmap id="heatmap-chart" columns={COLUMNS} rows={rows.map((r) => ({ label: r.teamName, values: values(r) }))} />
          </ChartBox>
          {heatmap.rows.length < data.teamCount ? (
            <p className="small muted">
              The {heatmap.rows.length} teams with the lowest Respect Index that can be shown, of {data.teamCount}; the CSV has every team.
            </p>
          ) : null}
          <SwatchLegend items={HEAT_LEGEND} label="Colours" />
          <TableDetails summary="Heatmap as a table">
            <table>
              <caption className="sr-only">Scores by team and dimension</caption>
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  {COLUMNS.map((c) => (
                    <th scope="col" key={c.key} className="num">
                      {c.name}
                    </th>
                  ))}
                  <th scope="col">Status</th>
                  <th scope="col">Round closed</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={r.teamId} className={i === 0 ? 'overall-row' : undefined}>
                    <th scope="row">{r.teamName}</th>
                    {COLUMNS.map((c) => {
                      const v = values(r)[c.key]
                      return (
                        <td key={c.key} className="num">
                          {v === null || v === undefined ? <Hidden /> : formatScore1(v)}
                        </td>
                      )
                    })}
                    <td>{i === 0 ? '' : STATUS[r.status]}</td>
                    <td>{r.closedOn ? formatDay(r.closedOn) : i === 0 ? 'each team’s latest' : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableDetails>
          <SuppressedNote k={k} />
        </>
      )}
    </DashSection>
  )
}
