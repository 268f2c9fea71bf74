import { Link } from '@remix-run/react'
import { EffectSummary } from '~/components/plan/effect'
import type { ActionEffect } from '~/domain/action-effect'
import { ACTION_STATUS_LABELS, type ActionStatus } from '~/domain/autopsy-lifecycle'
import { formatDay } from '~/domain/format'
import { ACTION_KIND_LABELS, type ActionKind } from '~/domain/respect-gate'

type ReviewItem = {
  id: string
  source: 'autopsy' | 'plan'
  kind: ActionKind
  title: string
  ownerName: string | null
  dueOn: string
  status: ActionStatus
  overdue: boolean
  planId: string | null
  autopsyId: string | null
  featureName: string | null
  effect: ActionEffect
}

/** The team's open actions that were under way when this round closed, with what the pulse says about each. */
export function ActionReview({ items, teamBase }: { items: readonly ReviewItem[]; teamBase: string }) {
  return (
    <section className="card" aria-labelledby="review-h">
      <h2 id="review-h">How did it go?</h2>
      {items.length === 0 ? (
        <p className="empty">No open action was under way when this round closed.</p>
      ) : (
        <>
          <p className="small muted">
            Open actions from respect plans and autopsies that had started before this round closed. Mark them done or dropped where they
            came from.
          </p>
          <ul className="review-list">
            {items.map((a) => (
              <li key={a.id}>
                <p className="title">
                  <span className={`tag kind-${a.kind}`}>{ACTION_KIND_LABELS[a.kind]}</span> {a.title}
                </p>
                <p className="small">
                  {a.ownerName ?? 'No owner'} · due {formatDay(a.dueOn)} {a.overdue ? <span className="tag overdue">Overdue</span> : null} ·{' '}
                  {ACTION_STATUS_LABELS[a.status]} · from{' '}
                  {a.planId ? (
                    <Link to={`${teamBase}/plans/${a.planId}#action-${a.id}`}>a respect plan</Link>
                  ) : (
                    <Link to={`${teamBase}/autopsies/${a.autopsyId}#actions`}>the autopsy of {a.featureName}</Link>
                  )}
                </p>
                <EffectSummary effect={a.effect} id={`review-${a.id}`} title={a.title} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
