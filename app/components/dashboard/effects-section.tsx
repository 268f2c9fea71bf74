// Did what teams tried work? Respect actions against process actions, each
// judged by its target dimension at the rounds after it started against the
// team's usual round-to-round movement (the same reading a plan page shows).
import { csvHref } from '~/domain/dashboard/filter-links'
import type { PageDashboard } from '~/domain/dashboard/page'
import { MIN_TEAMS_FOR_AGGREGATE, type EffectTally } from '~/domain/action-effect'
import { DashSection, TableDetails, TeachingEmpty } from './section'

const KIND_LABEL = { respect: 'Respect actions', process: 'Process actions' } as const

function meanText(t: EffectTally) {
  if (t.meanChange === null) return t.measured ? `no mean: measured on fewer than ${MIN_TEAMS_FOR_AGGREGATE} teams` : 'nothing measured yet'
  return `${t.meanChange > 0 ? '+' : ''}${t.meanChange} points on average`
}

function Reading({ tallies }: { tallies: EffectTally[] }) {
  const [respect, process] = tallies
  if (respect.meanChange === null || process.meanChange === null) return null
  const diff = Math.round((respect.meanChange - process.meanChange) * 10) / 10
  if (Math.abs(diff) < 1)
    return <p>Across these teams, respect actions and process actions moved their target scores about as much as each other.</p>
  return (
    <p>
      Across these teams, {diff > 0 ? 'respect' : 'process'} actions moved their target scores {Math.abs(diff)} points more on average than{' '}
      {diff > 0 ? 'process' : 'respect'} actions.
    </p>
  )
}

export function EffectsSection({ data }: { data: PageDashboard }) {
  const { actionEffects: tallies, filters } = data
  const total = tallies.reduce((n, t) => n + t.rose + t.fell + t.withinNoise + t.notEnoughData, 0)
  return (
    <DashSection
      id="effects"
      title="7. Did it work?"
      caption={
        <p>
          The actions of respect plans and autopsies, respect against process. Each is judged by its target dimension (or the Respect Index
          when it names none) at the rounds after it started: it <strong>rose</strong> or <strong>fell</strong> only when the change is
          larger than the team’s usual movement from round to round, and otherwise it is within noise. Only rounds you can see count, and no
          mean is shown for a kind measured on a single team.
        </p>
      }
      downloads={[{ href: csvHref(filters, 'action-effects'), label: 'measured effect by kind of action' }]}
    >
      {total === 0 ? (
        <TeachingEmpty
          title="No actions to measure yet"
          shows="for respect actions and for process actions: how many raised their target score beyond the team’s usual movement, how many stayed within noise, how many fell, and the mean change."
          feeds="the actions teams adopt in a respect plan (opened from a team’s pulse results) and the action items of published autopsies, each with a target dimension, and the pulse rounds that close after they start."
        />
      ) : (
        <>
          <Reading tallies={tallies} />
          <ul className="effect-tallies">
            {tallies.map((t) => (
              <li key={t.kind}>
                <strong>{KIND_LABEL[t.kind]}</strong>: {t.rose} rose, {t.withinNoise} within noise, {t.fell} fell
                {t.notEnoughData ? `, ${t.notEnoughData} not enough rounds yet` : ''} — {meanText(t)}.
              </li>
            ))}
          </ul>
          <TableDetails summary="Measured effect as a table" open>
            <table>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col" className="num">
                    Rose
                  </th>
                  <th scope="col" className="num">
                    Within noise
                  </th>
                  <th scope="col" className="num">
                    Fell
                  </th>
                  <th scope="col" className="num">
                    Not enough rounds
                  </th>
                  <th scope="col" className="num">
                    Mean change
                  </th>
                  <th scope="col" className="num">
                    Teams
                  </th>
                </tr>
              </thead>
              <tbody>
                {tallies.map((t) => (
                  <tr key={t.kind}>
                    <th scope="row">{KIND_LABEL[t.kind]}</th>
                    <td className="num">{t.rose}</td>
                    <td className="num">{t.withinNoise}</td>
                    <td className="num">{t.fell}</td>
                    <td className="num">{t.notEnoughData}</td>
                    <td className="num">{t.meanChange === null ? '—' : t.meanChange}</td>
                    <td className="num">{t.teams}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableDetails>
        </>
      )}
    </DashSection>
  )
}
