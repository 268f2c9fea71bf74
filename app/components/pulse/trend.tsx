import { Link } from '@remix-run/react'
import { TREND_CHART_SIZE, TrendLineChart } from '~/components/charts/trend-line-chart'
import { DIMENSIONS } from '~/domain/instrument'
import type { TrendPoint } from '~/models/pulse-results.server'
import { SHORT_DIMENSION } from './dimension-scores'
import { formatDay, formatScore } from './format'

function Cell({ value }: { value: number | null }) {
  return <td className="num">{value === null ? <span className="suppressed">hidden</span> : formatScore(value)}</td>
}

export function Trend({ points, deficitLine }: { points: TrendPoint[]; deficitLine: number }) {
  if (points.length === 0) return null
  const rows = points.map((p) => ({ label: formatDay(p.closedOn), respectIndex: p.respectIndex, ...p.dimensions }))
  const series = DIMENSIONS.map((d) => ({ key: d.key, name: SHORT_DIMENSION[d.key] }))
  const hiddenRounds = points.filter((p) => !p.visible).length
  return (
    <section aria-labelledby="trend-h">
      <h2 id="trend-h">Trend across rounds</h2>
      <figure className="chart">
        <div className="chart-box" style={{ height: TREND_CHART_SIZE.height + 16 }}>
          <TrendLineChart rows={rows} series={series} deficitLine={deficitLine} />
        </div>
        <figcaption>
          Respect Index (thick line) and the five dimension scores, 0–100, for each closed round. The dashed red line is
          the deficit threshold ({deficitLine}).
          {hiddenRounds > 0
            ? ` Lines break at ${hiddenRounds === 1 ? 'a round' : `${hiddenRounds} rounds`} with too few responses to show.`
            : null}
        </figcaption>
      </figure>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">Scores per closed round</caption>
          <thead>
            <tr>
              <th scope="col">Round closed</th>
              <th scope="col">Respect Index</th>
              {DIMENSIONS.map((d) => (
                <th scope="col" key={d.key}>
                  {SHORT_DIMENSION[d.key]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.roundId}>
                <th scope="row">
                  <Link to={`?round=${p.roundId}`}>{formatDay(p.closedOn)}</Link>
                </th>
                <Cell value={p.respectIndex} />
                {DIMENSIONS.map((d) => (
                  <Cell key={d.key} value={p.dimensions[d.key]} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
