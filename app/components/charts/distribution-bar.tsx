import { Bar, BarChart, LabelList, XAxis, YAxis } from 'recharts'
import { SCALE_COLORS } from './palette'

export const DISTRIBUTION_BAR_SIZE = { width: 320, height: 40 } as const

type Count = { value: number; label: string; count: number }

function countLabel(value: unknown) {
  return typeof value === 'number' && value > 0 ? String(value) : ''
}

/** One stacked bar: how many people gave each answer from 1 (left) to 7 (right). */
export function DistributionBar({ id, counts }: { id: string; counts: Count[] }) {
  const total = counts.reduce((sum, c) => sum + c.count, 0)
  const row: Record<string, number | string> = { name: 'answers' }
  for (const c of counts) row[`v${c.value}`] = c.count
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
      {counts.map((c, i) => (
        <Bar key={c.value} dataKey={`v${c.value}`} name={c.label} stackId="answers" fill={SCALE_COLORS[i]} isAnimationActive={false}>
          <LabelList dataKey={`v${c.value}`} position="center" formatter={countLabel} fill={i === 3 ? '#1c2430' : '#fff'} fontSize={12} />
        </Bar>
      ))}
    </BarChart>
  )
}
