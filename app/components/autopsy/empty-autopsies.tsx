import { Link } from '@remix-run/react'

/** Before the first autopsy: what one is, and where it starts. */
export function EmptyAutopsies({ featuresHref, canOpen }: { featuresHref: string; canOpen: boolean }) {
  return (
    <div className="empty">
      <h3 style={{ marginTop: 0 }}>No autopsies yet</h3>
      <p>
        An autopsy is a structured look at a feature that users said wasn’t what they asked for. It does not ask who got it wrong; it asks
        where the mismatch started and what would have caught it.
      </p>
      <ol>
        <li>
          <strong>The mismatch:</strong> what users asked for, what was specified, what was built, what they actually needed.
        </li>
        <li>
          <strong>The timeline:</strong> who was involved at each of the nine stages, and where it went wrong.
        </li>
        <li>
          <strong>Perspectives, written privately first,</strong> then revealed all at once, so neither side writes a rebuttal.
        </li>
        <li>
          <strong>Contributing factors</strong> and the <strong>cheaper alternative in hindsight</strong>.
        </li>
        <li>
          <strong>The respect snapshot and action items.</strong> When the team’s pulse shows a respect deficit, process fixes are flagged
          as likely theater and at least one respect action is required.
        </li>
      </ol>
      <p>
        {canOpen ? 'Open one from a feature in the ' : 'A facilitator opens one from a feature in the '}
        <Link to={featuresHref}>feature log</Link>, usually one marked “This isn’t what we asked for”.
      </p>
    </div>
  )
}
