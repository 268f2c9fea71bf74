import { StackedColumns } from '~/components/charts/dashboard-bar-chart'
import { DashboardLineChart, LINE_CHART_SIZES } from '~/components/charts/dashboard-line-chart'
import { formatDay, formatNumber, formatShare, periodLabel } from '~/domain/format'
import { ALL_TEAMS, INDICATORS, type IndicatorKey } from '~/domain/indicators'
import { csvHref } from '~/domain/dashboard/filter-links'
import { type PageDashboard, pivot } from '~/domain/dashboard/page'
import type { IndicatorRow } from '~/domain/dashboard/types'
import { DashSection, DualChart, LineLegend, TableDetails, TeachingEmpty } from './section'

function niceMax(values: number[]) {
  const max = Math.max(0, ...values)
  if (max <= 0) return 100
  const step = 10 ** Math.floor(Math.log10(max))
  return Math.ceil(max / step) * step
}

function plotValue(row: IndicatorRow, key: IndicatorKey): number | null {
  const v = row[key]
  if (v === null) return null
  return key === 'medianSpecWords' ? v : Math.round(v * 1000) / 10
}

function show(row: IndicatorRow, key: IndicatorKey) {
  return key === 'medianSpecWords' ? formatNumber(row[key]) : formatShare(row[key])
}

const MIX = [
  { key: 'collaboration', name: 'Collaboration', color: '#1e7a46' },
  { key: 'handoff', name: 'Handoff', color: '#d6604d' },
]

function IndicatorTable({ rows, first }: { rows: IndicatorRow[]; first: string }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col" className="num">
            Features
          </th>
          {INDICATORS.map((i) => (
            <th scope="col" key={i.key} className="num">
              {i.label} ({i.goodDirection === 'up' ? 'should rise' : 'should fall'})
            </th>
          ))}
          <th scope="col" className="num">
            Handoff
          </th>
          <th scope="col" className="num">
            Collaboration
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.period}-${r.teamId}`} className={r.teamId === ALL_TEAMS && first === 'Team' ? 'overall-row' : undefined}>
            <th scope="row">{first === 'Team' ? r.teamName : periodLabel(r.period ?? '').label}</th>
            <td className="num">{r.features}</td>
            {INDICATORS.map((i) => (
              <td key={i.key} className="num">
                {show(r, i.key)}
              </td>
            ))}
            <td className="num">{r.handoff}</td>
            <td className="num">{r.collaboration}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function IndicatorsSection({ data }: { data: PageDashboard }) {
  const { indicators, filters, periods, teamCount } = data
  const per = filters.period === 'month' ? 'month' : 'quarter'
  const overall = indicators.points.filter((p) => p.teamId === ALL_TEAMS)
  const shipped = indicators.totals[0].features
  const mix = overall.map((p) => ({
    ...periodLabel(p.period ?? ''),
    handoff: p.handoff,
    collaboration: p.collaboration,
  }))
  return (
    <DashSection
      id="indicators"
      title="4. Leading indicators"
      caption={
        <p>
          Numbers from the feature log that move before “this isn’t what we asked for” does, per {per}, for all selected teams (thick line)
          and each team. Each chart says which way is good. Features count in the month they shipped ({formatDay(indicators.fromMonth)} to
          the end of {periodLabel(indicators.toMonth.slice(0, 7)).label}). Not split by discipline.
        </p>
      }
      downloads={[{ href: csvHref(filters, 'indicators'), label: `indicators by team and ${per}` }]}
    >
      {shipped === 0 ? (
        <TeachingEmpty
          title="No features shipped in this range are logged yet"
          shows={`four lines per ${per}: median spec length (should fall), the share of features shipped differently with nobody upset (should rise), the share where engineering was involved before the spec (should rise), and the mix of collaboration and handoff.`}
          feeds="the feature log: each feature a team logs on its Features tab, with its spec length, when engineering joined, whether it shipped as planned and whether anyone was upset."
        />
      ) : (
        <>
          <LineLegend series={pivot(periods, indicators.points, data.focus, (p) => p.features || null, ALL_TEAMS).series} />
          <div className="dash-grid small-multiples">
            {INDICATORS.map((info) => {
              const chart = pivot(periods, indicators.points, data.focus, (p) => plotValue(p, info.key), ALL_TEAMS)
              const words = info.key === 'medianSpecWords'
              const top = words ? niceMax(indicators.points.map((p) => p.medianSpecWords ?? 0)) : 100
              const line = (size: 'half' | 'small') => (
                <DashboardLineChart
                  id={`ind-${info.key}-${size}`}
                  rows={chart.rows}
                  series={chart.series}
                  size={size}
                  domain={[0, top]}
                  ticks={words ? undefined : [0, 25, 50, 75, 100]}
                  unit={words ? '' : '%'}
                />
              )
              return (
                <figure className="dash-figure" key={info.key}>
                  <figcaption>
                    <strong>{info.label}</strong>{' '}
                    <span className={`direction ${info.goodDirection}`}>
                      {info.goodDirection === 'up' ? '↑ should rise' : '↓ should fall'}
                    </span>
                    <span className="small muted block">
                      {info.why.replace(/^Should (rise|fall): ./, (m) => m.slice(-1).toUpperCase())}
                    </span>
                  </figcaption>
                  <DualChart
                    label={`${info.label}, ${per} by ${per}`}
                    wide={{ height: LINE_CHART_SIZES.half.height + 4, chart: line('half') }}
                    small={{ height: LINE_CHART_SIZES.small.height + 4, chart: line('small') }}
                  />
                </figure>
              )
            })}
            <figure className="dash-figure">
              <figcaption>
                <strong>Handoff or collaboration</strong> <span className="direction up">more green is better</span>
                <span className="small muted block">
                  All selected teams. A handoff means engineering joined after the spec was written.
                </span>
              </figcaption>
              <DualChart
                label={`Handoff and collaboration, ${per} by ${per}`}
                wide={{
                  height: LINE_CHART_SIZES.half.height + 4,
                  chart: (
                    <StackedColumns
                      id="mix-wide"
                      rows={mix}
                      series={MIX}
                      width={LINE_CHART_SIZES.half.width}
                      height={LINE_CHART_SIZES.half.height}
                    />
                  ),
                }}
                small={{
                  height: LINE_CHART_SIZES.small.height + 4,
                  chart: (
                    <StackedColumns
                      id="mix-small"
                      rows={mix}
                      series={MIX}
                      width={LINE_CHART_SIZES.small.width}
                      height={LINE_CHART_SIZES.small.height}
                    />
                  ),
                }}
              />
              <ul className="chart-legend" aria-label="Bars">
                {MIX.map((m) => (
                  <li key={m.key}>
                    <span className="swatch" style={{ background: m.color }} aria-hidden="true" />
                    {m.name}
                  </li>
                ))}
              </ul>
            </figure>
          </div>
          <TableDetails summary="Leading indicators as tables">
            <IndicatorTable rows={overall} first={per === 'month' ? 'Month' : 'Quarter'} />
            <p className="small muted">
              {data.focus.length < teamCount
                ? `The ${data.focus.length} teams with lines of their own, over the whole range (the CSV has every team):`
                : 'Each team over the whole range:'}
            </p>
            <IndicatorTable rows={indicators.totals} first="Team" />
          </TableDetails>
        </>
      )}
    </DashSection>
  )
}
