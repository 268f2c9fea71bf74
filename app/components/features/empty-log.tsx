import { Link } from '@remix-run/react'

/** The first visit: what the log is for, told through the story that started Tandem. */
export function EmptyFeatureLog({ newHref, canWrite }: { newHref: string; canWrite: boolean }) {
  return (
    <div className="empty">
      <h3 style={{ marginTop: 0 }}>Start the feature log</h3>
      <p>
        Users once asked a team for “better analytics”. A PM was about to spec a dashboard: two months of work. An engineer who had sat in
        on the user calls had heard something narrower: users wanted three specific numbers, delivered reliably. An automated email with
        those three numbers took two days.
      </p>
      <p>
        The log is how a team learns which of its features went like the dashboard and which like the email. Each record takes about two
        minutes: the user problem, the ask as it arrived, how long the spec was, <strong>when engineering was first involved</strong> and
        what it was asked, planned and actual effort, and whether users said “This isn’t what we asked for”.
      </p>
      <p>From those answers each feature is classified as Collaboration or Handoff, and misses can be opened as autopsies.</p>
      {canWrite ? (
        <p>
          <Link className="button" to={newHref}>
            Log your most recent feature
          </Link>
        </p>
      ) : (
        <p className="muted">Members and facilitators of this team add features to the log.</p>
      )}
    </div>
  )
}
