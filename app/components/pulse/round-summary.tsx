import { formatDate, formatShare } from '~/domain/format'
import type { PublicRoundResults } from '~/domain/public-results'

export function RoundSummary({ results, timeZone }: { results: PublicRoundResults; timeZone: string }) {
  const { round, participation } = results
  const closed = round.status === 'closed'
  return (
    <section className="card round-summary" aria-labelledby="round-h">
      <h2 id="round-h" style={{ marginTop: 0 }}>
        {closed
          ? `Round closed ${formatDate(round.closedAt ?? round.closesAt, timeZone)}`
          : round.status === 'open'
            ? `Round open until ${formatDate(round.closesAt, timeZone)}`
            : `Round opens ${formatDate(round.opensAt, timeZone)}`}
      </h2>
      <p>
        <span className="kpi">{formatShare(participation.rate)}</span> participation: {participation.responded} of {participation.eligible}{' '}
        {participation.eligible === 1 ? 'person' : 'people'} answered
        {closed ? '.' : ' so far.'}
      </p>
      {results.message ? <p className={closed ? 'alert' : 'muted'}>{results.message}</p> : null}
      {closed && !results.visible ? (
        <p className="small muted">
          Scores appear only when at least {results.k} people {results.viewerAnswered ? 'other than you ' : ''}respond, so that no one’s
          answers can be singled out.
          {results.viewerAnswered ? ' You answered this round, and your own answer never counts toward what you are shown.' : ''}
        </p>
      ) : null}
      <p className="small muted" style={{ marginBottom: 0 }}>
        This round’s thresholds: {results.k} people for scores, {results.commentK} for comments and exact counts per statement
        {results.viewerAnswered ? ', not counting you' : ''}.
      </p>
    </section>
  )
}
