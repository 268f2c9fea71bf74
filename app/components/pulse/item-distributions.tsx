import { DISTRIBUTION_BAR_SIZE, DistributionBar, type Segment } from '~/components/charts/distribution-bar'
import { SCALE_COLORS } from '~/components/charts/palette'
import { SCALE } from '~/domain/instrument'
import type { PublicItem } from '~/domain/public-results'
import { BrowserChart } from '~/components/charts/browser-chart'

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

function segments(distribution: NonNullable<PublicItem['distribution']>): Segment[] {
  return distribution.kind === 'exact'
    ? distribution.counts.map((c) => ({ key: String(c.value), label: `${c.value} ${c.label}`, count: c.count }))
    : distribution.counts
}

function ItemRow({ item, index }: { item: PublicItem; index: number }) {
  const shown = item.distribution ? segments(item.distribution) : null
  return (
    <li className="item-dist">
      <p className="item-wording">
        <span className="muted">{index + 1}.</span> {item.wording} <span className="tag">{item.dimensionLabel}</span>{' '}
        {item.reverseScored ? (
          <span className="tag warn" title="Agreeing is the less respectful answer; it is flipped (8 − answer) for scores.">
            reverse-scored
          </span>
        ) : null}
      </p>
      {item.distribution && shown ? (
        <>
          <figure className="chart">
            <BrowserChart height={DISTRIBUTION_BAR_SIZE.height + 4}>
              <DistributionBar id={item.id} segments={shown} />
            </BrowserChart>
            <figcaption className={item.distribution.kind === 'bands' ? 'small muted' : 'sr-only'}>
              {item.distribution.kind === 'bands'
                ? 'Disagree, neutral and agree: too few people for exact counts per answer.'
                : 'How many people gave each answer to this statement, from 1 to 7.'}
            </figcaption>
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
                {shown.map((c) => (
                  <tr key={c.key}>
                    <th scope="row">{c.label}</th>
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

export function ItemDistributions({ items, commentK }: { items: PublicItem[]; commentK: number }) {
  if (items.length === 0) return null
  const banded = items.some((i) => i.distribution?.kind === 'bands')
  return (
    <section aria-labelledby="items-h">
      <h2 id="items-h">Answers per statement</h2>
      <p className="muted">
        Each bar shows how many people chose each answer, from 1 (strongly disagree, left) to 7 (strongly agree, right). These are the
        answers as given: for reverse-scored statements, disagreeing is the respectful answer.
        {banded
          ? ` With fewer than ${commentK} people, answers are grouped into disagree (1–3), neutral (4) and agree (5–7): exact counts in a small group would show what each person said whenever they agree.`
          : ''}
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
