import { HorizontalBars, StackedColumns, barChartHeight } from '~/components/charts/dashboard-bar-chart'
import { FactorsOverTimeSection } from '~/components/trends/factors-over-time'
import { STAGE_BAR_SERIES } from '~/domain/indicators'
import { csvHref } from '~/domain/dashboard/filter-links'
import { periodLabel } from '~/domain/format'
import type { PageDashboard } from '~/domain/dashboard/page'
import { DashSection, DualChart, SwatchLegend, TableDetails, TeachingEmpty } from './section'

// Early stages cool, late stages warm: the eye reads "how early it went wrong".
const STAGE_COLORS = ['#08306b', '#2171b5', '#6baed6', '#6a51a3', '#9e9ac8', '#fdae6b', '#fd8d3c', '#d94801', '#7f2704'] as const

const stageSeries = STAGE_BAR_SERIES.map((s, i) => ({ key: s.dataKey, name: s.label, color: STAGE_COLORS[i] }))

export function FailuresSection({ data }: { data: PageDashboard }) {
  const { failures, filters } = data
  const quarters = failures.byQuarter.map((q) => ({ ...q, ...periodLabel(q.period) }))
  const wideColumns = Math.max(330, Math.min(940, 80 + quarters.length * 72))
  const stageRows = failures.stages.map((s) => ({ label: s.label, count: s.count }))
  const factorRows = failures.factors.map((f) => ({ label: f.label, count: f.count }))
  const stageBars = (size: 'wide' | 'small') => (
    <HorizontalBars
      id={`stages-chart-${size}`}
      rows={stageRows}
      series={[{ key: 'count', name: 'Autopsies', color: '#b3261e' }]}
      width={size === 'wide' ? 420 : 330}
      labelWidth={size === 'wide' ? 170 : 140}
    />
  )
  const factorBars = (size: 'wide' | 'small') => (
    <HorizontalBars
      id={`factors-chart-${size}`}
      rows={factorRows}
      series={[{ key: 'count', name: 'Autopsies', color: '#6a51a3' }]}
      width={size === 'wide' ? 420 : 330}
      labelWidth={size === 'wide' ? 200 : 150}
    />
  )
  return (
    <DashSection
      id="failures"
      title="3. Where features fail"
      caption={
        <p>
          Published autopsies of “this isn’t what we asked for” features, by the stage where the mismatch started and by contributing
          factor. Features count in the month they shipped. <strong>Fewer is better</strong>, and a pile-up in the early stages (discovery,
          framing) means the problem was misunderstood before anyone wrote a spec. Autopsies are not split by discipline.
        </p>
      }
      downloads={[
        { href: csvHref(filters, 'stages'), label: 'by origin stage' },
        { href: csvHref(filters, 'stages-by-quarter'), label: 'by origin stage and quarter' },
        { href: csvHref(filters, 'factors'), label: 'by contributing factor' },
        { href: csvHref(filters, 'factors-over-time'), label: `contributing factors by ${filters.period}` },
      ]}
    >
      {failures.autopsies === 0 && failures.factors.length === 0 ? (
        <TeachingEmpty
          title="No published autopsies for features shipped in this range"
          shows="how many mismatches started at each of the nine stages, from discovery and user calls to feedback, as bars and stacked by quarter; and which contributing factors (spec as handoff, engineering absent from user calls, “how fast” framing …) come up most."
          feeds="autopsies that facilitators publish on a team’s Autopsies tab, for features logged as “this isn’t what we asked for”. Drafts and autopsies still collecting perspectives are not counted."
        />
      ) : (
        <>
          <div className="dash-grid">
            <figure className="dash-figure">
              <figcaption>
                <strong>By origin stage</strong> ({failures.autopsies} {failures.autopsies === 1 ? 'autopsy' : 'autopsies'} with a stage)
              </figcaption>
              <DualChart
                label="Autopsies by failure-origin stage"
                wide={{ height: barChartHeight(stageRows.length) + 4, chart: stageBars('wide') }}
                small={{ height: barChartHeight(stageRows.length) + 4, chart: stageBars('small') }}
              />
            </figure>
            <figure className="dash-figure">
              <figcaption>
                <strong>By contributing factor</strong> (an autopsy can name several)
              </figcaption>
              {failures.factors.length ? (
                <DualChart
                  label="Autopsies by contributing factor"
                  wide={{ height: barChartHeight(factorRows.length) + 4, chart: factorBars('wide') }}
                  small={{ height: barChartHeight(factorRows.length) + 4, chart: factorBars('small') }}
                />
              ) : (
                <p className="muted">No contributing factors named yet.</p>
              )}
            </figure>
          </div>
          <figure className="dash-figure">
            <figcaption>
              <strong>By origin stage, per quarter</strong>: is the mix moving earlier or later?
            </figcaption>
            <DualChart
              label="Autopsies by origin stage, quarter by quarter"
              wide={{
                height: 264,
                chart: <StackedColumns id="stages-quarter-wide" rows={quarters} series={stageSeries} width={wideColumns} height={256} />,
              }}
              small={{
                height: 228,
                chart: <StackedColumns id="stages-quarter-small" rows={quarters} series={stageSeries} width={330} height={220} />,
              }}
            />
            <SwatchLegend label="Stages" items={stageSeries.map((s) => ({ label: s.name, fill: s.color }))} />
          </figure>
          <TableDetails summary="Stages and factors as tables">
            <table>
              <caption>Autopsies by origin stage and quarter</caption>
              <thead>
                <tr>
                  <th scope="col">Stage</th>
                  {quarters.map((q) => (
                    <th scope="col" key={q.period} className="num">
                      {periodLabel(q.period).label}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {stageSeries.map((s, i) => (
                  <tr key={s.key}>
                    <th scope="row">{s.name}</th>
                    {quarters.map((q) => (
                      <td key={q.period} className="num">
                        {q[s.key]}
                      </td>
                    ))}
                    <td className="num">{failures.stages[i].count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table>
              <caption>Autopsies by contributing factor</caption>
              <thead>
                <tr>
                  <th scope="col">Factor</th>
                  <th scope="col" className="num">
                    Autopsies
                  </th>
                </tr>
              </thead>
              <tbody>
                {failures.factors.map((f) => (
                  <tr key={f.key}>
                    <th scope="row">{f.label}</th>
                    <td className="num">{f.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableDetails>
          <FactorsOverTimeSection data={data.factorsOverTime} level={3} />
        </>
      )}
    </DashSection>
  )
}
