import { DISTRIBUTION_BAR_SIZE, DistributionBar } from '~/components/charts/distribution-bar'
import { SCALE_COLORS } from '~/components/charts/palette'
import { SCALE } from '~/domain/instrument'
import type { PublicItem } from '~/models/pulse-results.server'

function ScaleKey() {
  return (
    <ul className="scale-key" aria-label="Colour key">
      {SCALE.map((point, i) => (
        <li key={point.value}>
          <span className="swatch" style={{ background: SCALE_COLORS[i] }} aria-hidden="true" />
          {point.value} {point.label}
        </li>
      ))}
    </ul>
  )
}

function ItemRow({ item, index }: { item: PublicItem; index: number }) {
  return (
    <li className="item-dist">
      <p className="item-wording">
        <span className="muted">{index + 1}.</span> {item.wording}{' '}
        <span className="tag">{item.dimensionLabel}</span>{' '}
        {item.reverseScored ? (
          <span className="tag warn" title="Agreeing is the less respectful answer; it is flipped (8 − answer) for scores.">
            reverse-scored
          </span>
        ) : null}
      </p>
      {item.distribution ? (
        <>
          <figure className="chart">
            <div className="chart-box" style={{ height: DISTRIBUTION_BAR_SIZE.height + 4 }}>
              <DistributionBar id={item.id} counts={item.distribution} />
            </div>
            <figcaption className="sr-only">How many people gave each answer to this statement, from 1 to 7.</figcaption>
          </figure>
          <details>
            <summary>Table</summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">Answer</th>
                  <th scope="col">People</th>
                </tr>
              </thead>
              <tbody>
                {item.distribution.map((c) => (
                  <tr key={c.value}>
                    <th scope="row">
                      {c.value} {c.label}
                    </th>
                    <td className="num">{c.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      ) : (
        <p className="suppressed small">Not enough answers to this statement to show how they spread.</p>
      )}
    </li>
  )
}

export function ItemDistributions({ items }: { items: PublicItem[] }) {
  if (items.length === 0) return null
  return (
    <section aria-labelledby="items-h">
      <h2 id="items-h">Answers per statement</h2>
      <p className="muted">
        Each bar shows how many people chose each answer, from 1 (strongly disagree, left) to 7 (strongly agree, right).
        These are the answers as given: for reverse-scored statements, disagreeing is the respectful answer.
      </p>
      <ScaleKey />
      <ol className="item-list">
        {items.map((item, i) => (
          <ItemRow key={item.id} item={item} index={i} />
        ))}
      </ol>
    </section>
  )
}
