import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import { GRID, INK, SERIES } from './palette'

export const TREND_CHART_SIZE = { width: 720, height: 320 } as const

export type TrendSeries = { key: string; name: string }

/**
 * Respect Index (thick) and each dimension per closed round, 0–100. A round
 * whose results are hidden is a null, so the lines break there instead of
 * drawing a slope through a value nobody may see.
 */
export function TrendLineChart({
  rows,
  series,
  deficitLine,
}: {
  rows: Record<string, string | number | null>[]
  series: TrendSeries[]
  deficitLine: number
}) {
  return (
    <LineChart
      id="trend-chart"
      width={TREND_CHART_SIZE.width}
      height={TREND_CHART_SIZE.height}
      data={rows}
      margin={{ top: 8, right: 24, bottom: 4, left: 0 }}
    >
      <CartesianGrid stroke={GRID} />
      <XAxis dataKey="label" interval={0} fontSize={12} />
      <YAxis domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} interval={0} width={40} fontSize={12} />
      <Tooltip />
      <Legend verticalAlign="bottom" height={56} wrapperStyle={{ fontSize: 12 }} />
      <ReferenceLine y={deficitLine} stroke="#b3261e" strokeDasharray="3 3" />
      <Line
        dataKey="respectIndex"
        name="Respect Index"
        stroke={INK}
        strokeWidth={3}
        dot={{ r: 4 }}
        connectNulls={false}
        isAnimationActive={false}
      />
      {series.map((s, i) => (
        <Line
          key={s.key}
          dataKey={s.key}
          name={s.name}
          stroke={SERIES[i % SERIES.length].color}
          strokeDasharray={SERIES[i % SERIES.length].dash}
          strokeWidth={1.5}
          dot={{ r: 2.5 }}
          connectNulls={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  )
}
