// Bars for the leader dashboard: horizontal bars (one or more values per
// labelled row) and stacked columns over periods. Fixed sizes; plain <text>
// ticks so the server and the browser agree.
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Tooltip, XAxis, YAxis } from 'recharts'
import { GRID, INK } from './palette'

/** Up to two lines of at most `max` characters, broken at a space; the rest is cut with an ellipsis. */
export function wrapLabel(text: string, max: number): string[] {
  if (text.length <= max) return [text]
  const cut = text.lastIndexOf(' ', max)
  const first = cut > 0 ? text.slice(0, cut) : text.slice(0, max)
  const rest = text.slice(first.length).trim()
  return [first, rest.length > max ? `${rest.slice(0, max - 1)}…` : rest]
}

function RowTick({ x, y, payload, max = 26 }: { x?: number; y?: number; payload?: { value: string }; max?: number }) {
  const lines = wrapLabel(payload?.value ?? '', max)
  return (
    <text x={x} y={y} textAnchor="end" fontSize={lines.length > 1 ? 11 : 12} fill={INK}>
      {lines.map((line, i) => (
        <tspan key={i} x={x} dy={lines.length > 1 ? (i === 0 ? -2 : 12) : 4}>
          {line}
        </tspan>
      ))}
    </text>
  )
}

function valueLabel(value: unknown) {
  return typeof value === 'number' ? String(Math.round(value * 10) / 10) : ''
}

export type BarSeries = { key: string; name: string; color: string }

/** Height of a horizontal bar chart with `rows` rows of `bars` bars each. */
export function barChartHeight(rows: number, bars = 1) {
  return 36 + rows * (bars > 1 ? 14 * bars + 12 : 30)
}

/** Horizontal bars: one row per label, one bar per series. Null values draw no bar. */
export function HorizontalBars({
  id,
  rows,
  series,
  width,
  labelWidth = 170,
  domain,
}: {
  id: string
  rows: ({ label: string } & Record<string, string | number | null>)[]
  series: BarSeries[]
  width: number
  labelWidth?: number
  domain?: [number, number]
}) {
  return (
    <BarChart
      id={id}
      width={width}
      height={barChartHeight(rows.length, series.length)}
      data={rows}
      layout="vertical"
      margin={{ top: 4, right: 36, bottom: 4, left: 4 }}
      barGap={2}
    >
      <CartesianGrid horizontal={false} stroke={GRID} />
      <XAxis type="number" domain={domain ?? [0, 'auto']} allowDecimals={false} fontSize={12} />
      <YAxis
        type="category"
        dataKey="label"
        width={labelWidth}
        interval={0}
        // About 7 px a character at 12 px: wide letters must not run past the left edge.
        tick={<RowTick max={Math.floor((labelWidth - 8) / 7)} />}
        tickLine={false}
      />
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} barSize={series.length > 1 ? 12 : 18} isAnimationActive={false}>
          <LabelList dataKey={s.key} position="right" formatter={valueLabel} fill={INK} fontSize={11} />
        </Bar>
      ))}
    </BarChart>
  )
}

/** Columns over periods, stacked: one segment per series. Narrow charts use the short period labels. */
export function StackedColumns({
  id,
  rows,
  series,
  width,
  height,
  legend = false,
}: {
  id: string
  rows: ({ label: string; short: string } & Record<string, string | number | null>)[]
  series: BarSeries[]
  width: number
  height: number
  legend?: boolean
}) {
  return (
    <BarChart id={id} width={width} height={height} data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
      <CartesianGrid vertical={false} stroke={GRID} />
      <XAxis
        dataKey={width < 480 ? 'short' : 'label'}
        interval={Math.max(0, Math.ceil(rows.length / Math.floor(width / (width < 480 ? 56 : 76))) - 1)}
        fontSize={12}
      />
      <YAxis allowDecimals={false} width={36} fontSize={12} />
      <Tooltip />
      {legend ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.name} stackId="stack" fill={s.color} isAnimationActive={false} />
      ))}
    </BarChart>
  )
}
