// Respect against failure: one dot per team, Respect Index across, "this
// isn't what we asked for" features per 10 shipped up. Each dot is labelled
// with its team, so the chart reads without a legend.
import { CartesianGrid, LabelList, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts'
import { GRID, INK } from './palette'
import { formatScore1 } from '~/domain/format'

export const SCATTER_SIZES = {
  wide: { width: 620, height: 340 },
  small: { width: 330, height: 260 },
} as const

export type ScatterDot = { teamName: string; respectIndex: number; ratePer10: number }

const MAX_LABELLED = 20
const MARGIN = { top: 12, right: 24, bottom: 24, left: 4 }
const Y_AXIS = 40
const X_AXIS = 30

/**
 * Each dot's name goes to its right, unless another dot sits where that name
 * would be drawn (or the edge is near): then to its left. Positions are
 * computed from the fixed chart size, never measured.
 */
function labelSides(dots: readonly ScatterDot[], { width, height, top }: { width: number; height: number; top: number }) {
  const plotW = width - MARGIN.left - MARGIN.right - Y_AXIS
  const plotH = height - MARGIN.top - MARGIN.bottom - X_AXIS
  const at = dots.map((d) => ({
    x: (d.respectIndex / 100) * plotW,
    y: plotH - (Math.min(d.ratePer10, top) / top) * plotH,
  }))
  return dots.map((d, i) => {
    const name = d.teamName.length > 18 ? `${d.teamName.slice(0, 17)}…` : d.teamName
    const span = name.length * 7 + 10
    const crowded = at.some((p, j) => j !== i && p.x > at[i].x && p.x - at[i].x < span && Math.abs(p.y - at[i].y) < 14)
    const side: 'left' | 'right' = crowded || at[i].x + span > plotW + MARGIN.right ? 'left' : 'right'
    return { ...d, name, side }
  })
}

type DotShapeProps = { cx?: number; cy?: number; fill?: string; payload?: ScatterDot }

/**
 * A team's dot. recharts wraps each in a group with the image role, so the
 * dot carries a title naming the team and its two numbers: an image needs a
 * text alternative.
 */
function dotShape({ cx = 0, cy = 0, fill, payload }: DotShapeProps) {
  return (
    <>
      <title>
        {payload
          ? `${payload.teamName}: Respect Index ${formatScore1(payload.respectIndex)}, ${formatScore1(payload.ratePer10)} missed per 10 shipped`
          : 'A team'}
      </title>
      <circle cx={cx} cy={cy} r={5} fill={fill} />
    </>
  )
}

export function DashboardScatter({
  id,
  dots,
  size,
  deficitLine,
}: {
  id: string
  dots: ScatterDot[]
  size: keyof typeof SCATTER_SIZES
  deficitLine: number
}) {
  const { width, height } = SCATTER_SIZES[size]
  const top = Math.min(10, Math.max(2, Math.ceil(Math.max(0, ...dots.map((d) => d.ratePer10)) + 0.5)))
  const ticks = Array.from({ length: top + 1 }, (_, i) => i).filter((t) => top <= 6 || t % 2 === 0 || t === top)
  const data = labelSides(dots, { width, height, top })
  return (
    <ScatterChart id={id} width={width} height={height} margin={MARGIN}>
      <CartesianGrid stroke={GRID} />
      <XAxis
        type="number"
        dataKey="respectIndex"
        name="Respect Index"
        domain={[0, 100]}
        ticks={[0, 20, 40, 60, 80, 100]}
        fontSize={12}
        label={{ value: 'Respect Index', position: 'insideBottom', offset: -14, fontSize: 12, fill: INK }}
      />
      <YAxis
        type="number"
        dataKey="ratePer10"
        name="Missed per 10 shipped"
        domain={[0, top]}
        ticks={ticks}
        interval={0}
        width={40}
        fontSize={12}
        label={{
          value: 'missed per 10',
          angle: -90,
          position: 'insideLeft',
          offset: 12,
          fontSize: 12,
          fill: INK,
          dy: 40,
        }}
      />
      <ReferenceLine x={deficitLine} stroke="#b3261e" strokeDasharray="3 3" />
      {size === 'wide' ? <Tooltip cursor={{ strokeDasharray: '3 3' }} /> : null}
      <Scatter data={data} fill="#2f5d8a" isAnimationActive={false} shape={dotShape}>
        {/* With many teams the names would cover each other: the tooltip and the table name them. */}
        {data.length > MAX_LABELLED ? null : (
          <LabelList
            dataKey="name"
            content={(props: { x?: number | string; y?: number | string; width?: number | string; index?: number; value?: unknown }) => {
              const dot = data[props.index ?? 0]
              const cx = Number(props.x ?? 0) + Number(props.width ?? 0) / 2
              const cy = Number(props.y ?? 0) + Number(props.width ?? 0) / 2
              const left = dot?.side === 'left'
              return (
                <text x={cx + (left ? -8 : 8)} y={cy} dy={4} textAnchor={left ? 'end' : 'start'} fontSize={12} fill={INK}>
                  {String(props.value ?? '')}
                </text>
              )
            }}
          />
        )}
      </Scatter>
    </ScatterChart>
  )
}
