import type { ActionEffect } from '~/domain/action-effect'
import { TableWrap } from '~/components/table-wrap'

const VERDICT_LABELS: Readonly<Record<ActionEffect['verdict'], string>> = {
  rose: 'Rose beyond noise',
  fell: 'Fell beyond noise',
  within_noise: 'Within noise',
  not_enough_data: 'Not enough data',
}

/** One action's measured effect: the verdict, the sentence, and the rounds it rests on. */
export function EffectSummary({ effect, id, title }: { effect: ActionEffect; id: string; title: string }) {
  const points = [...(effect.before ? [{ ...effect.before, when: 'Before' }] : []), ...effect.after.map((p) => ({ ...p, when: 'After' }))]
  return (
    <div className={`effect effect-${effect.verdict}`} aria-labelledby={`${id}-h`} role="group">
      <p id={`${id}-h`} className="effect-head">
        <span className="tag">Measured effect: {VERDICT_LABELS[effect.verdict]}</span>
      </p>
      <p className="small">{effect.summary}</p>
      {points.length ? (
        <TableWrap label={`Rounds behind the effect of “${title}”`}>
          <table className="effect-table small">
            <caption className="sr-only">Score at each visible round</caption>
            <thead>
              <tr>
                <th scope="col">Round closed</th>
                <th scope="col">When</th>
                <th scope="col">Score</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.roundId}>
                  <td>{p.closedOn}</td>
                  <td>{p.when}</td>
                  <td>{Math.round(p.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </div>
  )
}
