// Lines over periods for the leader dashboard: the overall line thick and
// dark, one thinner line per team. A hidden or missing value is a null, so the
// line breaks there instead of drawing a slope through a number nobody may
// see. Fixed sizes and computed tick spacing: nothing is measured, so the
// server and the browser draw the same chart.
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import type { LineRow, LineSeries } from '~/domain/dashboard/page'
import { GRID, INK, SERIES } from './palette'

const DEFICIT_COLOR = '#b3261e'

export const LINE_CHART_SIZES = {
  wide: { width: 940, height: 300 },
  half: { width: 470, height: 220 },
  small: { width: 330, height: 210 },
} as const

// The shared series palette without its red, which is kept for the deficit line.
const TEAM_STYLES = [
  ...SERIES.filter((s) => s.color !== DEFICIT_COLOR),
  { color: '#00838f', dash: '10 3' },
  { color: '#6d4c41', dash: '4 2 1 2' },
  { color: '#c2185b', dash: '1 2' },
  { color: '#5b6675', dash: '12 4 2 4' },
] as const

export const DEFICIT_LINE = { color: DEFICIT_COLOR, dash: '2 2', width: 1.5 } as const

export function teamLineStyle(index: number) {
  return TEAM_STYLES[index % TEAM_STYLES.length]
}

export const OVERALL_LINE = { color: INK, width: 3 } as const

type DotProps = { key?: string; cx?: number | null; cy?: number | null; index?: number; stroke?: string }

/**
 * The overall line gets a dot at every point. A team's line gets one only
 * where a point stands alone between gaps (it would draw nothing otherwise):
 * with many teams and months, dots everywhere would drown the lines and
 * bloat the page.
 */
function dotFor(rows: LineRow[], key: string, props: DotProps, overallColor: string | null) {
  const { cx, cy, index = 0 } = props
  if (typeof cx !== 'number' || typeof cy !== 'number') return <g key={props.key ?? `dot-${index}`} />
  const isolated = (rows[index - 1]?.[key] ?? null) === null && (rows[index + 1]?.[key] ?? null) === null
  if (!overallColor && !isolated) return <g key={props.key ?? `dot-${index}`} />
  return (
    <circle
      key={props.key ?? `dot-${index}`}
      cx={cx}
      cy={cy}
      r={overallColor ? 3.5 : 2.5}
      fill="#fff"
      stroke={overallColor ?? props.stroke}
      strokeWidth={1.5}
    />
  )
}

export function DashboardLineChart({
  id,
  rows,
  series,
  size,
  domain,
  ticks,
  unit = '',
  reference,
}: {
  id: string
  rows: LineRow[]
  series: LineSeries[]
  size: keyof typeof LINE_CHART_SIZES
  domain: [number, number]
  ticks?: number[]
  unit?: string
  reference?: number
}) {
  const { width, height } = LINE_CHART_SIZES[size]
  const small = size !== 'wide'
  const maxTicks = size === 'small' ? 4 : size === 'half' ? 7 : 12
  let team = 0
  return (
    <LineChart id={id} width={width} height={height} data={rows} margin={{ top: 8, right: small ? 16 : 32, bottom: 4, left: 0 }}>
      <CartesianGrid stroke={GRID} />
      <XAxis
        dataKey={small ? 'short' : 'label'}
        interval={Math.max(0, Math.ceil(rows.length / maxTicks) - 1)}
        fontSize={12}
        padding={{ left: 10, right: 10 }}
      />
      <YAxis
        domain={domain}
        ticks={ticks}
        interval={0}
        width={small ? 40 : 44}
        fontSize={12}
        tickFormatter={(v: number) => `${v}${unit}`}
      />
      {size === 'small' ? null : (
        <Tooltip formatter={(v: unknown) => (typeof v === 'number' ? `${Math.round(v * 10) / 10}${unit}` : '—')} />
      )}
      {reference !== undefined ? (
        <ReferenceLine y={reference} stroke={DEFICIT_LINE.color} strokeDasharray={DEFICIT_LINE.dash} strokeWidth={DEFICIT_LINE.width} />
      ) : null}
      {series.map((s) => {
        const style = s.overall ? null : teamLineStyle(team++)
        return (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stroke={style ? style.color : OVERALL_LINE.color}
            strokeDasharray={style ? style.dash : undefined}
            strokeWidth={style ? 1.5 : OVERALL_LINE.width}
            dot={(props: DotProps) => dotFor(rows, s.key, props, style ? null : OVERALL_LINE.color)}
            connectNulls={false}
            isAnimationActive={false}
          />
        )
      })}
    </LineChart>
  )
}
