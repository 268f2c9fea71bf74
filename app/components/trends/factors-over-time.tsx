// Contributing factors over time: per quarter, how often each of the most
// named factors came up in published autopsies, stacked, with the rest as
// "Other factors". The table has the same counts and each quarter's autopsies.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import type { FactorsOverTime } from '~/domain/trends/factors-over-time'
import { TREND_GRID, TREND_SERIES, TREND_TEXT } from './colors'
import { TableWrap } from '~/components/table-wrap'
import { BrowserChart } from '~/components/charts/browser-chart'

const SIZES = { wide: { width: 860, height: 260 }, narrow: { width: 330, height: 220 } } as const

function FactorChart({ data, size }: { data: FactorsOverTime; size: keyof typeof SIZES }) {
  const { width, height } = SIZES[size]
  const narrow = size === 'narrow'
  const rows = data.rows.map((r) => ({ label: r.label, short: r.short, ...r.counts }))
  return (
    <BarChart id={`factors-over-time-${size}`} width={width} height={height} data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
      <CartesianGrid stroke={TREND_GRID} vertical={false} />
      <XAxis
        dataKey={narrow ? 'short' : 'label'}
        interval={Math.max(0, Math.ceil(rows.length / (narrow ? 4 : 10)) - 1)}
        fontSize={12}
        stroke={TREND_TEXT}
      />
      <YAxis allowDecimals={false} width={36} fontSize={12} stroke={TREND_TEXT} />
      {narrow ? null : <Tooltip />}
      {data.series.map((s, i) => (
        <Bar
          key={s.key}
          dataKey={s.key}
          name={s.label}
          stackId="factors"
          fill={TREND_SERIES[i % TREND_SERIES.length]}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  )
}

/** `level` 3 inside a page section that has its own h2. */
export function FactorsOverTimeSection({ data, level = 2 }: { data: FactorsOverTime; level?: 2 | 3 }) {
  const unit = data.period === 'quarter' ? 'quarter' : 'month'
  const Wrapper = level === 2 ? 'section' : 'div'
  const Heading = level === 2 ? 'h2' : 'h3'
  return (
    <Wrapper aria-labelledby={level === 2 ? 'factors-time-h' : undefined} className="factors-over-time">
      <Heading id="factors-time-h">Contributing factors over time</Heading>
      {data.series.length === 0 ? (
        <p className="muted">No published autopsy in this range named a contributing factor.</p>
      ) : (
        <>
          <figure className="chart">
            <BrowserChart className="trends-wide" height={SIZES.wide.height + 8}>
              <FactorChart data={data} size="wide" />
            </BrowserChart>
            <BrowserChart className="trends-narrow" height={SIZES.narrow.height + 8}>
              <FactorChart data={data} size="narrow" />
            </BrowserChart>
            <ul className="chart-legend" aria-label="Factors">
              {data.series.map((s, i) => (
                <li key={s.key}>
                  <span
                    className="swatch"
                    aria-hidden="true"
                    style={{ display: 'inline-block', width: 12, height: 12, background: TREND_SERIES[i % TREND_SERIES.length] }}
                  />{' '}
                  {`${s.label} (${s.total})`}
                </li>
              ))}
            </ul>
            <figcaption>
              How many published autopsies named each factor, per {unit} of the features’ ship dates. An autopsy names a factor once, and
              can name several.
            </figcaption>
          </figure>
          <details>
            <summary>Table: factors per {unit}</summary>
            <TableWrap label="Factors over time table">
              <table>
                <caption className="sr-only">Contributing factors named per {unit}</caption>
                <thead>
                  <tr>
                    <th scope="col">{unit === 'quarter' ? 'Quarter' : 'Month'}</th>
                    <th scope="col">Autopsies</th>
                    {data.series.map((s) => (
                      <th scope="col" key={s.key}>
                        {s.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((r) => (
                    <tr key={r.period}>
                      <th scope="row">{r.label}</th>
                      <td className="num">{r.autopsies}</td>
                      {data.series.map((s) => (
                        <td className="num" key={s.key}>
                          {r.counts[s.key]}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </details>
        </>
      )}
    </Wrapper>
  )
}
