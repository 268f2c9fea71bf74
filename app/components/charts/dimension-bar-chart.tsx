import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from 'recharts'
import { GRID, INK } from './palette'

export const DIMENSION_CHART_SIZE = { width: 360, height: 230 } as const

type Row = { name: string; score: number | null }

// A plain <text> tick: recharts' default tick measures text in the browser to
// wrap it, which the server cannot do, so server and client would disagree.
function CategoryTick({ x, y, payload }: { x?: number; y?: number; payload?: { value: string } }) {
  return (
    <text x={x} y={y} dy={4} textAnchor="end" fontSize={12} fill={INK}>
      {payload?.value}
    </text>
  )
}

function scoreLabel(value: unknown) {
  return typeof value === 'number' ? String(Math.round(value)) : 'hidden'
}

/** Horizontal bars, one per dimension, on the 0–100 scale. Hidden scores draw no bar. */
export function DimensionBarChart({ rows }: { rows: Row[] }) {
  return (
    <BarChart
      id="dimension-chart"
      width={DIMENSION_CHART_SIZE.width}
      height={DIMENSION_CHART_SIZE.height}
      data={rows}
      layout="vertical"
      margin={{ top: 4, right: 32, bottom: 4, left: 4 }}
    >
      <CartesianGrid horizontal={false} stroke={GRID} />
      <XAxis type="number" domain={[0, 100]} ticks={[0, 50, 100]} interval={0} fontSize={12} />
      <YAxis type="category" dataKey="name" width={150} interval={0} tick={<CategoryTick />} tickLine={false} />
      <Bar dataKey="score" fill="#2f5d8a" barSize={20} isAnimationActive={false}>
        <LabelList dataKey="score" position="right" formatter={scoreLabel} fill={INK} fontSize={13} />
      </Bar>
    </BarChart>
  )
}
