import { StackedColumns } from '~/components/charts/dashboard-bar-chart'
import { LINE_CHART_SIZES } from '~/components/charts/dashboard-line-chart'
import { RollingIndicatorsSection } from '~/components/trends/rolling-indicators'
import { formatDay, formatNumber, formatShare, periodLabel } from '~/domain/format'
import { ALL_TEAMS, INDICATORS, type IndicatorKey } from '~/domain/indicators'
import { csvHref } from '~/domain/dashboard/filter-links'
import type { PageDashboard } from '~/domain/dashboard/page'
import type { IndicatorRow } from '~/domain/dashboard/types'
import { DashSection, DualChart, TableDetails, TeachingEmpty } from './section'

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
  const { indicators, filters, teamCount } = data
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
          Numbers from the feature log that move before “this isn’t what we asked for” does, for all selected teams. Each chart says which
          way is good. Features count in the month they shipped ({formatDay(indicators.fromMonth)} to the end of{' '}
          {periodLabel(indicators.toMonth.slice(0, 7)).label}). Not split by discipline. The tables and the CSV have every team per {per}.
        </p>
      }
      downloads={[
        { href: csvHref(filters, 'rolling-indicators'), label: 'rolling three-month indicators by team' },
        { href: csvHref(filters, 'indicators'), label: `indicators by team and ${per}` },
      ]}
    >
      {shipped === 0 ? (
        <TeachingEmpty
          title="No features shipped in this range are logged yet"
          shows={`four lines per ${per}: median spec length (should fall), the share of features shipped differently with nobody upset (should rise), the share where engineering was involved before the spec (should rise), and the mix of collaboration and handoff.`}
          feeds="the feature log: each feature a team logs on its Features tab, with its spec length, when engineering joined, whether it shipped as planned and whether anyone was upset."
        />
      ) : (
        <>
          <RollingIndicatorsSection data={data.rolling} title="Rolling three months, all selected teams" level={3} />
          <h3>
            Handoff or collaboration, {per} by {per}
          </h3>
          <div className="dash-grid small-multiples">
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
