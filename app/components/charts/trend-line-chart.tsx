import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import { GRID, INK, SERIES } from './palette'

export const TREND_CHART_SIZES = {
  wide: { width: 860, height: 300 },
  narrow: { width: 360, height: 240 },
} as const

export type TrendSeries = { key: string; name: string }

export const RESPECT_INDEX_STYLE = { color: INK, width: 3 } as const

export function seriesStyle(index: number) {
  return SERIES[index % SERIES.length]
}

/**
 * Respect Index (thick) and each dimension per closed round, 0–100. A round
 * whose results are hidden is a null, so the lines break there instead of
 * drawing a slope through a value nobody may see. Tick spacing is computed
 * from the number of rounds, never measured, so the server and the browser
 * draw the same chart.
 */
export function TrendLineChart({
  rows,
  series,
  deficitLine,
  size,
}: {
  rows: Record<string, string | number | null>[]
  series: TrendSeries[]
  deficitLine: number
  size: keyof typeof TREND_CHART_SIZES
}) {
  const { width, height } = TREND_CHART_SIZES[size]
  const narrow = size === 'narrow'
  const maxTicks = narrow ? 4 : 10
  return (
    <LineChart
      id={`trend-chart-${size}`}
      width={width}
      height={height}
      data={rows}
      margin={{ top: 8, right: narrow ? 20 : 40, bottom: 4, left: 0 }}
    >
      <CartesianGrid stroke={GRID} />
      <XAxis
        dataKey={narrow ? 'short' : 'label'}
        interval={Math.max(0, Math.ceil(rows.length / maxTicks) - 1)}
        fontSize={12}
        padding={{ left: 12, right: 12 }}
      />
      <YAxis domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} interval={0} width={36} fontSize={12} />
      {narrow ? null : <Tooltip />}
      <ReferenceLine y={deficitLine} stroke="#b3261e" strokeDasharray="3 3" />
      <Line
        dataKey="respectIndex"
        name="Respect Index"
        stroke={RESPECT_INDEX_STYLE.color}
        strokeWidth={RESPECT_INDEX_STYLE.width}
        dot={{ r: 4 }}
        connectNulls={false}
        isAnimationActive={false}
      />
      {series.map((s, i) => (
        <Line
          key={s.key}
          dataKey={s.key}
          name={s.name}
          stroke={seriesStyle(i).color}
          strokeDasharray={seriesStyle(i).dash}
          strokeWidth={1.5}
          dot={{ r: 2.5 }}
          connectNulls={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  )
}
