// "Self vs other view over time" on a team's pulse page: for each closed
// round, how far each side's view of its own behaviour is from how the other
// side experiences it. A hidden round or split is a gap in the line and a
// reason in the table, never a number.
import { Link } from '@remix-run/react'
import { Fragment } from 'react'
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import { formatDay, formatGap, formatScore1 } from '~/domain/format'
import { DIRECTIONS, DIRECTION_LABELS } from '~/domain/instrument'
import type { TrendPoint } from '~/domain/public-results'
import { gapChartRows } from '~/domain/trends/gap-over-time'
import { DIRECTION_COLORS, DIRECTION_DASHES, TREND_GRID, TREND_TEXT } from './colors'
import { TableWrap } from '~/components/table-wrap'
import { BrowserChart } from '~/components/charts/browser-chart'

const SIZES = { wide: { width: 860, height: 260 }, narrow: { width: 360, height: 220 } } as const

function GapChart({ rows, size, limit }: { rows: ReturnType<typeof chartRows>; size: keyof typeof SIZES; limit: number | null }) {
  const { width, height } = SIZES[size]
  const narrow = size === 'narrow'
  const extent = Math.max(
    20,
    ...rows.flatMap((r) => DIRECTIONS.map((d) => Math.ceil(Math.abs(r[d] ?? 0) / 10) * 10)),
    Math.ceil((limit ?? 0) / 10) * 10,
  )
  return (
    <LineChart
      id={`gap-trend-${size}`}
      width={width}
      height={height}
      data={rows}
      margin={{ top: 8, right: narrow ? 16 : 32, bottom: 4, left: 0 }}
    >
      <CartesianGrid stroke={TREND_GRID} />
      <XAxis
        dataKey={narrow ? 'short' : 'label'}
        interval={Math.max(0, Math.ceil(rows.length / (narrow ? 4 : 10)) - 1)}
        fontSize={12}
        stroke={TREND_TEXT}
        padding={{ left: 12, right: 12 }}
      />
      <YAxis
        domain={[-extent, extent]}
        width={40}
        fontSize={12}
        stroke={TREND_TEXT}
        tickFormatter={(v: number) => `${v > 0 ? '+' : ''}${v}`}
      />
      {narrow ? null : <Tooltip formatter={(v: unknown) => (typeof v === 'number' ? `${formatGap(v)} points` : 'hidden')} />}
      <ReferenceLine y={0} stroke={TREND_TEXT} />
      {limit === null ? null : <ReferenceLine y={limit} stroke="#b3261e" strokeDasharray="3 3" />}
      {limit === null ? null : <ReferenceLine y={-limit} stroke="#b3261e" strokeDasharray="3 3" />}
      {DIRECTIONS.map((d) => (
        <Line
          key={d}
          dataKey={d}
          name={DIRECTION_LABELS[d]}
          stroke={DIRECTION_COLORS[d]}
          strokeDasharray={DIRECTION_DASHES[d]}
          strokeWidth={2}
          dot={{ r: 3.5, fill: '#fff' }}
          connectNulls={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  )
}

function chartRows(points: readonly TrendPoint[]) {
  return gapChartRows(points).map((r) => ({ ...r, label: formatDay(r.closedOn), short: formatDay(r.closedOn).replace(/ \d{4}$/, '') }))
}

function Sample({ direction }: { direction: (typeof DIRECTIONS)[number] }) {
  return (
    <svg width="28" height="10" aria-hidden="true" className="line-sample">
      <line
        x1="0"
        y1="5"
        x2="28"
        y2="5"
        stroke={DIRECTION_COLORS[direction]}
        strokeWidth={2}
        strokeDasharray={DIRECTION_DASHES[direction]}
      />
    </svg>
  )
}

const view = (value: number | null) => (value === null ? <span className="suppressed">hidden</span> : formatScore1(value))

/** `gapLimit`: the perception-gap threshold, drawn either side of zero when known. */
export function GapTrend({ points, gapLimit = null }: { points: TrendPoint[]; gapLimit?: number | null }) {
  if (points.length === 0) return null
  const rows = chartRows(points)
  const shown = points.filter((p) => p.gaps.some((g) => g.gap !== null)).length
  return (
    <section aria-labelledby="gap-trend-h">
      <h2 id="gap-trend-h">Self vs other view over time</h2>
      <p className="muted">
        For each closed round: how the side whose behaviour a direction describes rates itself, minus how the other side experiences it.
        Above zero, that side sees itself more favourably than the other side does.
      </p>
      {shown === 0 ? (
        <p className="suppressed">
          No round so far had enough people on both sides to compare their views without exposing someone. The table lists each round and
          why.
        </p>
      ) : (
        <figure className="chart">
          <BrowserChart className="only-wide" height={SIZES.wide.height + 16}>
            <GapChart rows={rows} size="wide" limit={gapLimit} />
          </BrowserChart>
          <BrowserChart className="only-narrow" height={SIZES.narrow.height + 8}>
            <GapChart rows={rows} size="narrow" limit={gapLimit} />
          </BrowserChart>
          <ul className="chart-legend" aria-label="Lines">
            {DIRECTIONS.map((d) => (
              <li key={d}>
                <Sample direction={d} /> {DIRECTION_LABELS[d]}
              </li>
            ))}
            {gapLimit === null ? null : (
              <li>
                <svg width="28" height="10" aria-hidden="true" className="line-sample">
                  <line x1="0" y1="5" x2="28" y2="5" stroke="#b3261e" strokeWidth={1} strokeDasharray="3 3" />
                </svg>{' '}
                Gap threshold (±{gapLimit})
              </li>
            )}
          </ul>
          <figcaption>
            Gap in points (0–100 scale) per round and direction. A line breaks at a round whose results, or whose split between the two
            sides, are hidden to protect anonymity.
          </figcaption>
        </figure>
      )}
      <details>
        <summary>Table: self-view, other view and gap per round</summary>
        <TableWrap label="Gap over time table">
          <table>
            <caption className="sr-only">Self-view, the other side’s view and the gap, per closed round, for each direction</caption>
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  Round closed
                </th>
                {DIRECTIONS.map((d) => (
                  <th scope="colgroup" colSpan={3} key={d}>
                    {DIRECTION_LABELS[d]}
                  </th>
                ))}
              </tr>
              <tr>
                {DIRECTIONS.map((d) => (
                  <Fragment key={d}>
                    <th scope="col">Self-view</th>
                    <th scope="col">Other side’s view</th>
                    <th scope="col">Gap (points)</th>
                  </Fragment>
                ))}
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.roundId}>
                  <th scope="row">
                    <Link to={`?round=${p.roundId}`}>{formatDay(p.closedOn)}</Link>
                  </th>
                  {DIRECTIONS.map((d) => {
                    const g = p.gaps.find((x) => x.direction === d)
                    if (!g || g.gap === null)
                      return (
                        <td colSpan={3} key={d} className="small">
                          <span className="suppressed">{g?.note ?? 'hidden'}</span>
                        </td>
                      )
                    return (
                      <Fragment key={d}>
                        <td className="num">
                          {view(g.selfView)}
                          {g.comparison === 'versus-rest' ? <div className="small muted">{g.selfLabel}</div> : null}
                        </td>
                        <td className="num">
                          {view(g.otherView)}
                          {g.comparison === 'versus-rest' ? <div className="small muted">{g.otherLabel}</div> : null}
                        </td>
                        <td className="num">{formatGap(g.gap)}</td>
                      </Fragment>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </details>
    </section>
  )
}
