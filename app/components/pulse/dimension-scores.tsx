import { DIMENSION_CHART_SIZE, DimensionBarChart } from '~/components/charts/dimension-bar-chart'
import type { DimensionKey } from '~/domain/instrument'
import type { PublicDimension } from '~/domain/public-results'
import { formatScore } from '~/domain/format'
import { TableWrap } from '~/components/table-wrap'
import { BrowserChart } from '~/components/charts/browser-chart'

// Short names fit the chart's axis; the table below uses the full names.
export const SHORT_DIMENSION: Record<DimensionKey, string> = {
  product_values_technical: 'Product values tech',
  engineering_engages_product: 'Eng engages product',
  early_involvement: 'Early involvement',
  psychological_safety: 'Psych. safety',
  shared_outcomes: 'Shared outcomes',
}

export function DimensionScores({ dimensions }: { dimensions: PublicDimension[] }) {
  const rows = dimensions.map((d) => ({ name: SHORT_DIMENSION[d.key], score: d.score }))
  return (
    <section aria-labelledby="dims-h">
      <h2 id="dims-h">Dimensions</h2>
      <div className="dims-layout">
        <figure className="chart">
          <BrowserChart height={DIMENSION_CHART_SIZE.height + 16}>
            <DimensionBarChart rows={rows} />
          </BrowserChart>
          <figcaption>
            Score of each of the five dimensions of mutual respect, from 0 (lowest) to 100 (highest). The table gives the full names.
          </figcaption>
        </figure>
        <TableWrap label="Dimension scores table">
          <table>
            <caption className="sr-only">Dimension scores</caption>
            <thead>
              <tr>
                <th scope="col">Dimension</th>
                <th scope="col">Score (0–100)</th>
                <th scope="col">Average answer (1–7)</th>
              </tr>
            </thead>
            <tbody>
              {dimensions.map((d) => (
                <tr key={d.key}>
                  <th scope="row">
                    {d.label}
                    <div className="muted small" style={{ fontWeight: 400 }}>
                      {d.description}
                    </div>
                  </th>
                  <td className="num">{d.score === null ? <span className="suppressed">hidden</span> : formatScore(d.score)}</td>
                  <td className="num">{d.mean === null ? <span className="suppressed">hidden</span> : d.mean.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </div>
    </section>
  )
}
