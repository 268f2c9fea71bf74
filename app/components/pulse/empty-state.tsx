import { Link } from '@remix-run/react'
import type { RoundListEntry } from '~/domain/public-results'

/** Shown before a team's first round closes: what will appear here, and how to get there. */
export function PulseEmptyState({ openRound, k, commentK }: { openRound: RoundListEntry | null; k: number; commentK: number }) {
  return (
    <div className="empty">
      <h2 style={{ marginTop: 0 }}>No results yet</h2>
      {openRound ? (
        <p>
          A round is open now. <Link to={`?round=${openRound.id}`}>See how many have answered so far.</Link>
        </p>
      ) : null}
      <p>
        Results appear here after a pulse round closes. To start, a facilitator sets up a <strong>pulse program</strong> for this team: how
        often a round opens (weekly, every two weeks or monthly) and how many days each stays open. Everyone on the team is then asked 14
        short statements about how product and engineering work together, plus an optional comment.
      </p>
      <p>Once a round closes with at least {k} responses, this page shows:</p>
      <ul>
        <li>the Respect Index, one number from 0 to 100, and the formula behind it;</li>
        <li>a score for each of the five dimensions of mutual respect;</li>
        <li>how product sees itself compared with how engineering sees it, and the other way round;</li>
        <li>how answers to each statement spread from 1 to 7;</li>
        <li>comments, shuffled, when at least {commentK} people responded;</li>
        <li>and, from the second round on, the trend across rounds.</li>
      </ul>
      <p className="small muted">
        Results are never shown while a round is open, and never for fewer than {k} people. <Link to="/anonymity">How anonymity works</Link>
      </p>
    </div>
  )
}
