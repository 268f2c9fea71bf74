import { DashboardLineChart, LINE_CHART_SIZES } from '~/components/charts/dashboard-line-chart'
import { HorizontalBars, barChartHeight } from '~/components/charts/dashboard-bar-chart'
import { formatDay, formatGap, formatScore1, formatShare, periodLabel } from '~/domain/format'
import { DISCIPLINE_LABELS } from '~/domain/disciplines'
import { DIRECTIONS, DIRECTION_LABELS, DIRECTION_SIDES } from '~/domain/instrument'
import { ALL_TEAMS } from '~/domain/indicators'
import { csvHref } from '~/domain/dashboard/filter-links'
import { type PageDashboard, pivot } from '~/domain/dashboard/page'
import type { DirectionalRow } from '~/domain/dashboard/types'
import { ChartBox, DashSection, DualChart, Hidden, LineLegend, SuppressedNote, TableDetails, TeachingEmpty } from './section'

const SCORE_TICKS = [0, 20, 40, 60, 80, 100]

function CappedNote({ shown, teams }: { shown: number; teams: number }) {
  if (shown >= teams) return null
  return (
    <p className="small muted">
      With {teams} teams, the lines (and the tables) show all of them together and the {shown} with the lowest Respect Index. Tick teams in
      the filters to compare others, or download the CSV for every team.
    </p>
  )
}

/** A period × team table: teams as rows, periods as columns; '·' where a team had no round. */
function PeriodTable<P extends { period: string; teamId: string; teamName: string }>({
  caption,
  periods,
  points,
  cell,
}: {
  caption: string
  periods: string[]
  points: P[]
  cell: (p: P) => React.ReactNode
}) {
  const names = new Map<string, string>()
  for (const p of points) names.set(p.teamId, p.teamName)
  const byKey = new Map(points.map((p) => [`${p.teamId}|${p.period}`, p]))
  return (
    <table className="period-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Team</th>
          {periods.map((p) => (
            <th scope="col" key={p} className="num">
              {periodLabel(p).label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[...names].map(([teamId, teamName]) => (
          <tr key={teamId} className={teamId === ALL_TEAMS ? 'overall-row' : undefined}>
            <th scope="row">{teamName}</th>
            {periods.map((period) => {
              const p = byKey.get(`${teamId}|${period}`)
              return (
                <td key={period} className="num">
                  {p ? (
                    cell(p)
                  ) : (
                    <span className="muted" title="No round closed in this period">
                      ·
                    </span>
                  )}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function DirectionChart({ rows, direction }: { rows: DirectionalRow[]; direction: (typeof DIRECTIONS)[number] }) {
  const sides = DIRECTION_SIDES[direction]
  const data = rows
    .filter((r) => r.direction === direction)
    .map((r) => ({
      label: r.splitVisible ? r.teamName : `${r.teamName} —`,
      self: r.selfView,
      other: r.otherView,
    }))
  const series = [
    { key: 'self', name: `${DISCIPLINE_LABELS[sides.self]} about itself`, color: '#2f5d8a' },
    { key: 'other', name: `${DISCIPLINE_LABELS[sides.other]}’s view`, color: '#d9822b' },
  ]
  return (
    <figure className="dash-figure">
      <figcaption>
        <strong>{DIRECTION_LABELS[direction]}</strong>
      </figcaption>
      <ChartBox
        label={`${DIRECTION_LABELS[direction]}: self-view and the other side’s view, team by team`}
        height={barChartHeight(data.length, 2) + 4}
      >
        <HorizontalBars id={`dir-${direction}`} rows={data} series={series} width={330} labelWidth={130} domain={[0, 100]} />
      </ChartBox>
      <ul className="chart-legend" aria-label="Bars">
        {series.map((s) => (
          <li key={s.key}>
            <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
            {s.name}
          </li>
        ))}
      </ul>
    </figure>
  )
}

export function RespectSection({ data }: { data: PageDashboard }) {
  const { respect, filters, periods, teamCount, k, thresholds } = data
  const per = filters.period === 'month' ? 'month' : 'quarter'
  const slice = filters.discipline ? DISCIPLINE_LABELS[filters.discipline] : null
  const trend = pivot(periods, respect.points, data.focus, (p) => p.respectIndex, ALL_TEAMS)
  const part = pivot(
    periods,
    respect.participation,
    data.focus,
    (p) => (p.rate === null ? null : Math.round(p.rate * 1000) / 10),
    ALL_TEAMS,
  )
  const anyDirectional = respect.directional.some((d) => d.splitVisible)
  const directionalTeams = new Set(respect.directional.map((d) => d.teamId)).size - 1
  return (
    <DashSection
      id="respect"
      title="1. Respect Index over time"
      caption={
        <p>
          Each team’s Respect Index (0–100) at its latest pulse round closing in each {per}, and all selected teams together.{' '}
          <strong>Higher is better</strong>; under the dashed red line ({thresholds.respectIndex}) a team is in respect deficit.
          {slice ? ` Only ${slice.toLowerCase()} answers: a team shows where its split by discipline can be shown.` : null}
        </p>
      }
      downloads={[
        { href: csvHref(filters, 'respect-index'), label: 'Respect Index by team and period' },
        { href: csvHref(filters, 'directional'), label: 'self-view, other side’s view and gap' },
        { href: csvHref(filters, 'participation'), label: 'participation' },
      ]}
    >
      {respect.rounds === 0 ? (
        <TeachingEmpty
          title="No pulse rounds closed in this range yet"
          shows={`a line per team tracing its Respect Index ${per} by ${per}, the two directional scores (how product treats engineering and the other way round, each side’s self-view against the other side’s view) and how many people answered.`}
          feeds={
            <>
              pulse rounds closing. A facilitator sets up a pulse program on a team’s <em>Pulse</em> tab; each round that closes with at
              least {k} responses adds a point here.
            </>
          }
        />
      ) : (
        <>
          <DualChart
            label="Respect Index over time"
            wide={{
              height: LINE_CHART_SIZES.wide.height + 8,
              chart: (
                <DashboardLineChart
                  id="respect-wide"
                  rows={trend.rows}
                  series={trend.series}
                  size="wide"
                  domain={[0, 100]}
                  ticks={SCORE_TICKS}
                  reference={thresholds.respectIndex}
                />
              ),
            }}
            small={{
              height: LINE_CHART_SIZES.small.height + 8,
              chart: (
                <DashboardLineChart
                  id="respect-small"
                  rows={trend.rows}
                  series={trend.series}
                  size="small"
                  domain={[0, 100]}
                  ticks={SCORE_TICKS}
                  reference={thresholds.respectIndex}
                />
              ),
            }}
          />
          <LineLegend series={trend.series} reference={`Deficit threshold (${thresholds.respectIndex})`} />
          <CappedNote shown={data.focus.length} teams={teamCount} />
          <TableDetails summary="Respect Index as a table">
            <PeriodTable
              caption={`Respect Index by team and ${per}`}
              periods={periods}
              points={respect.points}
              cell={(p) => (p.respectIndex === null ? <Hidden /> : formatScore1(p.respectIndex))}
            />
          </TableDetails>

          <h3>How each side sees it</h3>
          <p className="small">
            At each team’s latest round with enough responses: the side whose behaviour is described rates itself (self-view) against how
            the other side experiences it. <strong>Closer together and higher is better</strong>; a gap of {thresholds.gap} points or more
            is a blind spot and counts as a deficit.
            {slice ? ' This comparison needs both sides, so the discipline filter does not apply to it.' : null}
          </p>
          {anyDirectional ? (
            <div className="dash-grid">
              {DIRECTIONS.map((d) => (
                <DirectionChart key={d} rows={respect.directional} direction={d} />
              ))}
            </div>
          ) : (
            <p className="suppressed">
              No team’s split by discipline can be shown yet: each side needs at least {k} people answering, and so does whoever is left
              over.
            </p>
          )}
          {directionalTeams < teamCount ? (
            <p className="small muted">
              The {directionalTeams} teams with the widest gaps between the two sides’ views; the CSV has every team.
            </p>
          ) : null}
          <TableDetails summary="Self-view, other side’s view and gap as a table">
            <table>
              <caption className="sr-only">Directional scores by team</caption>
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  <th scope="col">Direction</th>
                  <th scope="col" className="num">
                    Everyone
                  </th>
                  <th scope="col" className="num">
                    Self-view
                  </th>
                  <th scope="col" className="num">
                    Other side’s view
                  </th>
                  <th scope="col" className="num">
                    Gap
                  </th>
                  <th scope="col">Round closed</th>
                </tr>
              </thead>
              <tbody>
                {respect.directional.map((r) => (
                  <tr key={`${r.teamId}-${r.direction}`} className={r.teamId === ALL_TEAMS ? 'overall-row' : undefined}>
                    <th scope="row">{r.teamName}</th>
                    <td>{r.label}</td>
                    <td className="num">{r.overall === null ? <Hidden /> : formatScore1(r.overall)}</td>
                    <td className="num">
                      {r.selfView === null ? <Hidden /> : formatScore1(r.selfView)}
                      {r.comparison === 'versus-rest' ? <span className="small muted"> ({r.selfLabel.toLowerCase()})</span> : null}
                    </td>
                    <td className="num">
                      {r.otherView === null ? <Hidden /> : formatScore1(r.otherView)}
                      {r.comparison === 'versus-rest' ? <span className="small muted"> ({r.otherLabel.toLowerCase()})</span> : null}
                    </td>
                    <td className="num">{r.gap === null ? <Hidden /> : formatGap(r.gap)}</td>
                    <td>{r.closedOn ? formatDay(r.closedOn) : r.teamId === ALL_TEAMS ? 'each team’s latest' : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableDetails>

          <h3>Participation</h3>
          <p className="small">
            Share of eligible members who answered the round behind each point. <strong>Higher is better</strong>: a low share means the
            score speaks for fewer people. Whole teams, whatever the discipline filter; shown only where the team’s result is shown.
          </p>
          <DualChart
            label="Participation over time"
            wide={{
              height: LINE_CHART_SIZES.wide.height + 8,
              chart: (
                <DashboardLineChart
                  id="part-wide"
                  rows={part.rows}
                  series={part.series}
                  size="wide"
                  domain={[0, 100]}
                  ticks={SCORE_TICKS}
                  unit="%"
                />
              ),
            }}
            small={{
              height: LINE_CHART_SIZES.small.height + 8,
              chart: (
                <DashboardLineChart
                  id="part-small"
                  rows={part.rows}
                  series={part.series}
                  size="small"
                  domain={[0, 100]}
                  ticks={SCORE_TICKS}
                  unit="%"
                />
              ),
            }}
          />
          <LineLegend series={part.series} />
          <TableDetails summary="Participation as a table">
            <PeriodTable
              caption={`Participation by team and ${per}`}
              periods={periods}
              points={respect.participation}
              cell={(p) =>
                p.rate === null ? (
                  <Hidden />
                ) : (
                  <>
                    {formatShare(p.rate)}{' '}
                    <span className="muted small">
                      ({p.responded}/{p.eligible})
                    </span>
                  </>
                )
              }
            />
          </TableDetails>
          <SuppressedNote k={k} />
        </>
      )}
    </DashSection>
  )
}
