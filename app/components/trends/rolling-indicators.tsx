// Leading indicators over rolling three-month windows, one small chart per
// indicator so lines never overlap. A window resting on fewer than five
// features is drawn as a hollow grey point on a faint line, labelled, and
// named in the table; it is never hidden, because the count is not private,
// only unreliable.
import { CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts'
import { formatNumber, formatShare } from '~/domain/format'
import { ALL_TEAMS, INDICATORS, type IndicatorKey } from '~/domain/indicators'
import { LOW_SAMPLE_LABEL, MIN_WINDOW_FEATURES, type RollingIndicators, type RollingPoint } from '~/domain/trends/rolling-indicators'
import { LOW_SAMPLE_COLOR, TREND_GRID, TREND_SERIES, TREND_TEXT } from './colors'
import { TableWrap } from '~/components/table-wrap'
import { BrowserChart } from '~/components/charts/browser-chart'

const SIZE = { width: 330, height: 190 } as const

type Row = { label: string; short: string; features: number; lowSample: boolean; solid: number | null; faint: number | null }

const isShare = (key: IndicatorKey) => key !== 'medianSpecWords'
const valueOf = (p: RollingPoint, key: IndicatorKey) => {
  const v = p[key]
  return v === null ? null : isShare(key) ? Math.round(v * 1000) / 10 : v
}
const show = (p: RollingPoint, key: IndicatorKey) => (isShare(key) ? formatShare(p[key]) : formatNumber(p[key]))

type DotProps = { key?: string; cx?: number | null; cy?: number | null; index?: number; payload?: Row }

/** Hollow grey point, labelled "<5", where a window is low-sample; nothing elsewhere (the solid line draws those). */
function lowSampleDot(props: DotProps) {
  const { cx, cy, index = 0, payload } = props
  const key = props.key ?? `low-${index}`
  if (typeof cx !== 'number' || typeof cy !== 'number' || !payload?.lowSample) return <g key={key} />
  return (
    <g key={key}>
      <circle cx={cx} cy={cy} r={4} fill="#fff" stroke={LOW_SAMPLE_COLOR} strokeWidth={1.5} />
      <text x={cx} y={cy - 8} textAnchor="middle" fontSize={10} fill={LOW_SAMPLE_COLOR}>
        {`<${MIN_WINDOW_FEATURES}`}
      </text>
    </g>
  )
}

function SmallChart({ id, rows, color, share }: { id: string; rows: Row[]; color: string; share: boolean }) {
  const values = rows.flatMap((r) => (r.faint === null ? [] : [r.faint]))
  const top = share ? 100 : Math.max(100, Math.ceil(Math.max(0, ...values) / 100) * 100)
  return (
    <LineChart id={id} width={SIZE.width} height={SIZE.height} data={rows} margin={{ top: 16, right: 16, bottom: 4, left: 0 }}>
      <CartesianGrid stroke={TREND_GRID} />
      <XAxis
        dataKey="short"
        interval={Math.max(0, Math.ceil(rows.length / 4) - 1)}
        fontSize={11}
        stroke={TREND_TEXT}
        padding={{ left: 8, right: 8 }}
      />
      <YAxis
        domain={[0, top]}
        ticks={share ? [0, 25, 50, 75, 100] : undefined}
        width={40}
        fontSize={11}
        stroke={TREND_TEXT}
        tickFormatter={(v: number) => (share ? `${v}%` : String(v))}
      />
      <Line
        dataKey="faint"
        stroke={LOW_SAMPLE_COLOR}
        strokeDasharray="2 3"
        strokeWidth={1}
        dot={lowSampleDot}
        connectNulls={false}
        isAnimationActive={false}
      />
      <Line dataKey="solid" stroke={color} strokeWidth={2.5} dot={{ r: 3, fill: color }} connectNulls={false} isAnimationActive={false} />
    </LineChart>
  )
}

/**
 * The rolling indicators of one row of the series (the overall one by
 * default). `title` names whose they are, e.g. "All selected teams".
 */
export function RollingIndicatorsSection({
  data,
  teamId = ALL_TEAMS,
  title = 'Leading indicators, rolling three months',
  level = 2,
}: {
  data: RollingIndicators
  teamId?: string
  title?: string
  /** 3 inside a page section that has its own h2 */
  level?: 2 | 3
}) {
  const points = data.points.filter((p) => p.teamId === teamId)
  if (points.length === 0) return null
  const low = points.filter((p) => p.lowSample).length
  const headingId = `rolling-${teamId}-h`
  const Wrapper = level === 2 ? 'section' : 'div'
  const Heading = level === 2 ? 'h2' : 'h3'
  return (
    <Wrapper aria-labelledby={level === 2 ? headingId : undefined} className="rolling-indicators">
      <Heading id={headingId}>{title}</Heading>
      <p className="muted small">
        Each point covers the {data.windowMonths} months ending in that month, so one or two features cannot swing a share from 0% to 100%.
        Hollow grey points, marked “&lt;5”, rest on {LOW_SAMPLE_LABEL}: read them with care.
        {low > 0 ? ` ${low} of ${points.length} windows are like that.` : ''}
      </p>
      <div style={{ display: 'grid', gap: '1rem', gridTemplateColumns: 'repeat(auto-fit, minmax(330px, 1fr))' }}>
        {INDICATORS.map((indicator, i) => {
          const rows: Row[] = points.map((p) => {
            const v = valueOf(p, indicator.key)
            return { label: p.label, short: p.short, features: p.features, lowSample: p.lowSample, faint: v, solid: p.lowSample ? null : v }
          })
          return (
            <figure className="chart" key={indicator.key} style={{ margin: 0 }}>
              <BrowserChart height={SIZE.height + 8}>
                <SmallChart id={`rolling-${teamId}-${indicator.key}`} rows={rows} color={TREND_SERIES[i]} share={isShare(indicator.key)} />
              </BrowserChart>
              <figcaption className="small">
                <strong>{indicator.label}</strong> ({indicator.goodDirection === 'up' ? 'should rise' : 'should fall'})
              </figcaption>
            </figure>
          )
        })}
      </div>
      <details>
        <summary>Table: every window with its number of features</summary>
        <TableWrap label="Rolling windows table">
          <table>
            <caption className="sr-only">{title}: each window, its features and the four indicators</caption>
            <thead>
              <tr>
                <th scope="col">Window</th>
                <th scope="col">Features</th>
                {INDICATORS.map((ind) => (
                  <th scope="col" key={ind.key}>
                    {ind.label}
                  </th>
                ))}
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.window} className={p.lowSample ? 'muted' : undefined}>
                  <th scope="row">{p.label}</th>
                  <td className="num">{p.features}</td>
                  {INDICATORS.map((ind) => (
                    <td className="num" key={ind.key}>
                      {show(p, ind.key)}
                    </td>
                  ))}
                  <td>{p.lowSample ? LOW_SAMPLE_LABEL : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </details>
    </Wrapper>
  )
}
