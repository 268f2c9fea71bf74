// Teams × dimensions as a heatmap, drawn with recharts as one stacked bar per
// team whose equal segments are coloured by score: it renders on the server
// at a fixed size and keeps recharts' axes. A hidden score is a pale cell
// with a dash, never a colour.
import { Bar, BarChart, Cell, LabelList, XAxis, YAxis } from 'recharts'
import { HEAT_HIDDEN, HEAT_STEPS } from '~/domain/palette'
import { INK } from './palette'

export type HeatColumn = { key: string; name: string }
export type HeatRow = { label: string; values: Record<string, number | null> }

const HIDDEN = HEAT_HIDDEN.fill
const STEPS = HEAT_STEPS

export const HEAT_LEGEND = [
  { label: 'below 40', fill: STEPS[0].fill },
  { label: '40–49', fill: STEPS[1].fill },
  { label: '50–59', fill: STEPS[2].fill },
  { label: '60–69', fill: STEPS[3].fill },
  { label: '70–79', fill: STEPS[4].fill },
  { label: '80–89', fill: STEPS[5].fill },
  { label: '90 and up', fill: STEPS[6].fill },
  { label: 'hidden or no data', fill: HIDDEN },
] as const

function step(value: number | null) {
  return value === null ? HEAT_HIDDEN : (STEPS.find((s) => value < s.below) ?? STEPS[STEPS.length - 1])
}

const ROW = 30
const HEAD = 40
const COLUMN = 92

/** The label column fits the longest name (up to 26 characters), estimated rather than measured. */
function labelWidth(labels: readonly string[]) {
  const longest = Math.min(26, Math.max(0, ...labels.map((l) => l.length)))
  return Math.max(80, Math.round(longest * 7 + 14))
}

export function heatmapSize(labels: readonly string[], columns: number) {
  const label = labelWidth(labels)
  return { label, width: label + 10 + columns * COLUMN, height: HEAD + labels.length * ROW + 6 }
}

/** Splits a column name into two lines at the space nearest its middle. */
function twoLines(name: string): [string, string] {
  const spaces = [...name.matchAll(/ /g)].map((m) => m.index ?? 0)
  if (!spaces.length || name.length <= 12) return [name, '']
  const cut = spaces.reduce((best, i) => (Math.abs(i - name.length / 2) < Math.abs(best - name.length / 2) ? i : best))
  return [name.slice(0, cut), name.slice(cut + 1)]
}

function HeadTick({ x, y, payload, names }: { x?: number; y?: number; payload?: { value: number }; names: string[] }) {
  const [first, second] = twoLines(names[Math.floor(payload?.value ?? 0)] ?? '')
  return (
    <text x={x} y={y} textAnchor="middle" fontSize={12} fill={INK} fontWeight={600}>
      <tspan x={x} dy={second ? -20 : -6}>
        {first}
      </tspan>
      {second ? (
        <tspan x={x} dy={14}>
          {second}
        </tspan>
      ) : null}
    </text>
  )
}

function RowTick({ x, y, payload }: { x?: number; y?: number; payload?: { value: string } }) {
  const text = payload?.value ?? ''
  return (
    <text x={x} y={y} dy={4} textAnchor="end" fontSize={12} fill={INK}>
      {text.length > 26 ? `${text.slice(0, 25)}…` : text}
    </text>
  )
}

export function DashboardHeatmap({ id, rows, columns }: { id: string; rows: HeatRow[]; columns: HeatColumn[] }) {
  const { width, height, label } = heatmapSize(
    rows.map((r) => r.label),
    columns.length,
  )
  const data = rows.map((r) => {
    const row: Record<string, string | number> = { label: r.label }
    columns.forEach((c, i) => {
      const v = r.values[c.key]
      row[`c${i}`] = 1
      row[`t${i}`] = v === null || v === undefined ? '—' : String(Math.round(v))
    })
    return row
  })
  const names = columns.map((c) => c.name)
  return (
    <BarChart
      id={id}
      width={width}
      height={height}
      data={data}
      layout="vertical"
      margin={{ top: 0, right: 6, bottom: 6, left: 4 }}
      barCategoryGap={2}
    >
      <XAxis
        type="number"
        orientation="top"
        domain={[0, columns.length]}
        ticks={columns.map((_, i) => i + 0.5)}
        tick={<HeadTick names={names} />}
        interval={0}
        tickLine={false}
        axisLine={false}
        fontSize={12}
        height={HEAD}
      />
      <YAxis type="category" dataKey="label" width={label} interval={0} tick={<RowTick />} tickLine={false} axisLine={false} />
      {columns.map((c, i) => (
        <Bar key={c.key} dataKey={`c${i}`} name={c.name} stackId="cells" isAnimationActive={false} stroke="#fff" strokeWidth={2}>
          {rows.map((r) => (
            <Cell key={r.label} fill={step(r.values[c.key] ?? null).fill} />
          ))}
          <LabelList
            dataKey={`t${i}`}
            position="center"
            fontSize={13}
            content={(props: {
              x?: number | string
              y?: number | string
              width?: number | string
              height?: number | string
              value?: unknown
              index?: number
            }) => {
              const row = rows[props.index ?? 0]
              const ink = step(row?.values[c.key] ?? null).ink
              const x = Number(props.x ?? 0) + Number(props.width ?? 0) / 2
              const y = Number(props.y ?? 0) + Number(props.height ?? 0) / 2
              return (
                <text x={x} y={y} dy={4} textAnchor="middle" fontSize={13} fill={ink} fontWeight={600}>
                  {String(props.value ?? '')}
                </text>
              )
            }}
          />
        </Bar>
      ))}
    </BarChart>
  )
}
