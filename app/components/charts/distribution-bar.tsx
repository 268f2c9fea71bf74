import { Bar, BarChart, LabelList, XAxis, YAxis } from 'recharts'
import { labelOn } from '~/domain/palette'
import { BAND_COLORS, SCALE_COLORS } from './palette'

export const DISTRIBUTION_BAR_SIZE = { width: 320, height: 40 } as const

export type Segment = { key: string; label: string; count: number }

function countLabel(value: unknown) {
  return typeof value === 'number' && value > 0 ? String(value) : ''
}

/**
 * One stacked bar, left to right: how many people gave each answer from 1 to 7
 * (seven segments), or, for a group too small for exact counts, how many
 * disagreed, were neutral or agreed (three segments).
 */
export function DistributionBar({ id, segments }: { id: string; segments: Segment[] }) {
  const colors = segments.length === 3 ? BAND_COLORS : SCALE_COLORS
  const total = segments.reduce((sum, c) => sum + c.count, 0)
  const row: Record<string, number | string> = { name: 'answers' }
  for (const c of segments) row[`s${c.key}`] = c.count
  return (
    <BarChart
      id={`dist-${id}`}
      width={DISTRIBUTION_BAR_SIZE.width}
      height={DISTRIBUTION_BAR_SIZE.height}
      data={[row]}
      layout="vertical"
      margin={{ top: 2, right: 2, bottom: 2, left: 2 }}
      barCategoryGap={0}
    >
      <XAxis type="number" hide domain={[0, Math.max(total, 1)]} />
      <YAxis type="category" dataKey="name" hide />
      {segments.map((c, i) => (
        <Bar key={c.key} dataKey={`s${c.key}`} name={c.label} stackId="answers" fill={colors[i]} isAnimationActive={false}>
          <LabelList dataKey={`s${c.key}`} position="center" formatter={countLabel} fill={labelOn(colors[i])} fontSize={12} />
        </Bar>
      ))}
    </BarChart>
  )
}
