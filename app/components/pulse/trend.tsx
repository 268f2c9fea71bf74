import { Link } from '@remix-run/react'
import { RESPECT_INDEX_STYLE, TREND_CHART_SIZES, TrendLineChart, seriesStyle } from '~/components/charts/trend-line-chart'
import { DIMENSIONS } from '~/domain/instrument'
import type { TrendPoint } from '~/domain/public-results'
import { SHORT_DIMENSION } from './dimension-scores'
import { formatDay, formatScore } from '~/domain/format'
import { TableWrap } from '~/components/table-wrap'
import { BrowserChart } from '~/components/charts/browser-chart'

function Cell({ value }: { value: number | null }) {
  return <td className="num">{value === null ? <span className="suppressed">hidden</span> : formatScore(value)}</td>
}

function LineSample({ color, width, dash }: { color: string; width: number; dash?: string }) {
  return (
    <svg width="28" height="10" aria-hidden="true" className="line-sample">
      <line x1="0" y1="5" x2="28" y2="5" stroke={color} strokeWidth={width} strokeDasharray={dash} />
    </svg>
  )
}

function TrendLegend({ names }: { names: string[] }) {
  return (
    <ul className="chart-legend" aria-label="Lines">
      <li>
        <LineSample color={RESPECT_INDEX_STYLE.color} width={RESPECT_INDEX_STYLE.width} /> Respect Index
      </li>
      {names.map((name, i) => (
        <li key={name}>
          <LineSample color={seriesStyle(i).color} width={1.5} dash={seriesStyle(i).dash} /> {name}
        </li>
      ))}
      <li>
        <LineSample color="#b3261e" width={1} dash="3 3" /> Deficit threshold
      </li>
    </ul>
  )
}

export function Trend({ points, deficitLine }: { points: TrendPoint[]; deficitLine: number }) {
  if (points.length === 0) return null
  const rows = points.map((p) => ({
    label: formatDay(p.closedOn),
    short: formatDay(p.closedOn).replace(/ \d{4}$/, ''),
    respectIndex: p.respectIndex,
    ...p.dimensions,
  }))
  const series = DIMENSIONS.map((d) => ({ key: d.key, name: SHORT_DIMENSION[d.key] }))
  const hiddenRounds = points.filter((p) => !p.visible).length
  return (
    <section aria-labelledby="trend-h">
      <h2 id="trend-h">Trend across rounds</h2>
      <figure className="chart">
        {/* Two fixed sizes, one shown per screen width by CSS: nothing is measured, so nothing jumps. */}
        <BrowserChart className="only-wide" height={TREND_CHART_SIZES.wide.height + 16}>
          <TrendLineChart rows={rows} series={series} deficitLine={deficitLine} size="wide" />
        </BrowserChart>
        <BrowserChart className="only-narrow" height={TREND_CHART_SIZES.narrow.height + 8}>
          <TrendLineChart rows={rows} series={series} deficitLine={deficitLine} size="narrow" />
        </BrowserChart>
        <TrendLegend names={series.map((s) => s.name)} />
        <figcaption>
          Respect Index (thick line) and the five dimension scores, 0–100, for each closed round. The dashed red line is the deficit
          threshold ({deficitLine}).
          {hiddenRounds > 0
            ? ` Lines break at ${hiddenRounds === 1 ? 'a round' : `${hiddenRounds} rounds`} with too few responses to show.`
            : null}
        </figcaption>
      </figure>
      <TableWrap label="Trend table">
        <table className="trend-table">
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
      </TableWrap>
    </section>
  )
}
