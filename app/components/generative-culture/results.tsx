// The generative-culture module on a team's pulse results: its score and each
// statement's answers, under the same anonymity rules as the pulse (nothing
// below k, bands below the comment threshold), and how to read it beside
// DORA's research.
import { DISTRIBUTION_BAR_SIZE, DistributionBar, type Segment } from '~/components/charts/distribution-bar'
import type { PublicGenerativeCulture } from '~/domain/public-results'

function segments(d: NonNullable<PublicGenerativeCulture['items'][number]['distribution']>): Segment[] {
  return d.kind === 'exact' ? d.counts.map((c) => ({ key: String(c.value), label: `${c.value} ${c.label}`, count: c.count })) : d.counts
}

export function GenerativeCultureResults({ culture, commentK }: { culture: PublicGenerativeCulture | null; commentK: number }) {
  if (!culture) return null
  const banded = culture.items.some((i) => i.distribution?.kind === 'bands')
  return (
    <section aria-labelledby="generative-h">
      <h2 id="generative-h">Generative culture</h2>
      <p className="muted">
        An optional module: six statements about how this team handles information, after Ron Westrum’s typology of organisational culture.
        It is not part of the Respect Index.
      </p>
      {culture.mean === null || culture.score === null ? (
        <p className="suppressed">Not enough responses to these statements to show a score without exposing someone.</p>
      ) : (
        <p>
          Average answer <strong className="num">{culture.mean.toFixed(2)}</strong> on the 1–7 scale ({Math.round(culture.score)} out of
          100), from {culture.n} people. Higher means a more generative culture: information reaches people, problems are raised without
          fear, and failures lead to learning.
        </p>
      )}
      <ol className="item-list">
        {culture.items.map((item) => {
          const shown = item.distribution ? segments(item.distribution) : null
          return (
            <li className="item-dist" key={item.id}>
              <p className="item-wording">
                <strong>{item.aspect}.</strong> {item.wording}
              </p>
              {shown ? (
                <>
                  <div className="chart-box" style={{ height: DISTRIBUTION_BAR_SIZE.height + 4 }} aria-hidden="true">
                    <DistributionBar id={item.id} segments={shown} />
                  </div>
                  <p className="small" style={{ margin: 0 }}>
                    {shown.map((s) => `${s.label}: ${s.count}`).join(' · ')}
                  </p>
                </>
              ) : (
                <p className="suppressed small">Not enough answers to this statement to show how they spread.</p>
              )}
            </li>
          )
        })}
      </ol>
      {banded ? (
        <p className="small muted">
          With fewer than {commentK} people, answers are grouped into disagree (1–3), neutral (4) and agree (5–7), as for the pulse.
        </p>
      ) : null}
      <details>
        <summary>Comparing with DORA’s research</summary>
        <div className="small stack">
          <p>
            DORA’s State of DevOps research measures culture with statements about the same six aspects, answered on a 1–7 agreement scale
            and averaged, and reports that more generative cultures go with better software delivery and well-being. Tandem’s statements are
            written in its own words, so treat a comparison as a rough guide rather than a benchmark:
          </p>
          <ul>
            <li>
              Compare the team’s average (1–7) with the culture findings in the DORA report you are reading, as a direction, not a rank.
            </li>
            <li>
              A team is smaller than DORA’s samples and the wording differs, so small differences mean nothing; trends across rounds mean
              more.
            </li>
            <li>Look at the statements with the most disagreement first: they say which aspect to talk about.</li>
          </ul>
        </div>
      </details>
    </section>
  )
}
