import { Link } from '@remix-run/react'
import { HorizontalBars, barChartHeight } from '~/components/charts/dashboard-bar-chart'
import { formatDay, formatScore1 } from '~/domain/format'
import { csvHref } from '~/domain/dashboard/filter-links'
import type { PageDashboard } from '~/domain/dashboard/page'
import { ChartBox, DashSection, TableDetails, TeachingEmpty } from './section'

const SERIES = [
  { key: 'process', name: 'Open process actions', color: '#6a51a3' },
  { key: 'respect', name: 'Open respect actions', color: '#2f5d8a' },
]

export function RespectFirstSection({ data }: { data: PageDashboard }) {
  const { respectFirst, filters, k } = data
  const teams = respectFirst.teams
  // With many teams in deficit the chart keeps those with the most process actions; the list has them all.
  const charted = [...teams]
    .sort((a, b) => b.processActions.length - a.processActions.length)
    .slice(0, 15)
    .map((t) => ({ label: t.teamName, process: t.processActions.length, respect: t.openRespectActions }))
  return (
    <DashSection
      id="respect-first"
      title="6. Respect first"
      caption={
        <p>
          Teams in respect deficit at their latest round with enough responses, and their open action items from published autopsies. While
          respect is low, process fixes (a new template, a checklist) tend to be theater: the same people will not be heard through the new
          process either. <strong>Fewer teams here is better</strong>, and for a team that is here, respect actions should come before
          process ones.
        </p>
      }
      downloads={[{ href: csvHref(filters, 'respect-first'), label: 'teams in deficit and their open process actions' }]}
    >
      {respectFirst.judged === 0 ? (
        <TeachingEmpty
          title="No team can be judged yet"
          shows="each team whose latest pulse shows a respect deficit (a low Respect Index, a low directional score, or a wide gap between how the two sides see it), with its open process action items listed as the ones likely to be theater."
          feeds={`pulse rounds with at least ${k} responses, and the action items of autopsies published on the team’s Autopsies tab.`}
        />
      ) : teams.length === 0 ? (
        <p className="alert ok">
          No team in view is in respect deficit at its latest round ({respectFirst.judged} of {data.teamCount}{' '}
          {data.teamCount === 1 ? 'team' : 'teams'} had enough responses to judge).
        </p>
      ) : (
        <>
          {teams.some((t) => t.processActions.length || t.openRespectActions) ? (
            <>
              <ChartBox label="Open process and respect actions of each team in deficit" height={barChartHeight(charted.length, 2) + 4}>
                <HorizontalBars id="respect-first-chart" rows={charted} series={SERIES} width={330} labelWidth={130} />
              </ChartBox>
              <ul className="chart-legend" aria-label="Bars">
                {SERIES.map((s) => (
                  <li key={s.key}>
                    <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
                    {s.name}
                  </li>
                ))}
              </ul>
              <TableDetails summary="Action counts as a table">
                <table>
                  <caption className="sr-only">Teams in respect deficit</caption>
                  <thead>
                    <tr>
                      <th scope="col">Team</th>
                      <th scope="col" className="num">
                        Respect Index
                      </th>
                      <th scope="col" className="num">
                        Open process actions
                      </th>
                      <th scope="col" className="num">
                        Open respect actions
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {teams.map((t) => (
                      <tr key={t.teamId}>
                        <th scope="row">{t.teamName}</th>
                        <td className="num">{formatScore1(t.respectIndex)}</td>
                        <td className="num">{t.processActions.length}</td>
                        <td className="num">{t.openRespectActions}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableDetails>
            </>
          ) : (
            <p className="small muted">
              None of these teams has an open action item from a published autopsy, so there is nothing to chart yet.
            </p>
          )}
          {respectFirst.total > teams.length ? (
            <p className="small muted">
              The {teams.length} teams in deficit with the lowest Respect Index, of {respectFirst.total}; the CSV has every team.
            </p>
          ) : null}
          <ul className="deficit-teams">
            {teams.map((t) => (
              <li key={t.teamId} className="card">
                <h3>
                  {t.teamName}{' '}
                  <span className="muted small">
                    Respect Index {formatScore1(t.respectIndex)}
                    {t.closedOn ? `, round closed ${formatDay(t.closedOn)}` : ''}
                  </span>
                </h3>
                <ul className="small reasons">
                  {t.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
                {t.processActions.length ? (
                  <>
                    <p className="small">
                      <strong>Likely theater until respect recovers</strong> ({t.processActions.length} open process{' '}
                      {t.processActions.length === 1 ? 'action' : 'actions'}
                      {t.openRespectActions
                        ? `; ${t.openRespectActions} open respect ${t.openRespectActions === 1 ? 'action' : 'actions'}`
                        : '; no open respect action'}
                      ):
                    </p>
                    <ul className="actions-list">
                      {t.processActions.map((a) => (
                        <li key={a.id}>
                          <Link to={a.href}>{a.title}</Link>{' '}
                          <span className="small muted">
                            from “{a.featureName}”, due {formatDay(a.dueOn)}
                            {a.ownerName ? `, ${a.ownerName}` : ''}
                            {a.status === 'in_progress' ? ', in progress' : ''}
                          </span>{' '}
                          {a.overdue ? <span className="tag overdue">overdue</span> : null}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : (
                  <p className="small muted">
                    No open process actions.{' '}
                    {t.openRespectActions
                      ? `${t.openRespectActions} open respect ${t.openRespectActions === 1 ? 'action' : 'actions'}.`
                      : 'No open respect action either: the next autopsy should start with one.'}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </DashSection>
  )
}
