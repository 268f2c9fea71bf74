import type { PublicRoundResults } from '~/domain/public-results'
import { formatDay } from '~/domain/format'

export function Comments({ comments, commentK }: { comments: PublicRoundResults['comments']; commentK: number }) {
  return (
    <section aria-labelledby="comments-h">
      <h2 id="comments-h">Comments</h2>
      {!comments.visible ? (
        <p className="suppressed">
          {comments.message}. Comments need at least {commentK} responses, because writing style can identify a person more easily than a
          number.
        </p>
      ) : comments.items.length === 0 ? (
        <p className="muted">Nobody left a comment in this round.</p>
      ) : (
        <>
          <p className="muted small">
            From the round that closed on {formatDay(comments.closedOn)}, in a shuffled order (never the order they were written).
          </p>
          <ul className="comments">
            {comments.items.map((text, i) => (
              <li key={`${i}-${text.slice(0, 20)}`}>
                <blockquote>{text}</blockquote>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
