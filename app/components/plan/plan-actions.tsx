import { Form } from '@remix-run/react'
import { ActionStatusForm } from '~/components/actions/status-form'
import type { ActionEffect } from '~/domain/action-effect'
import { ACTION_STATUS_LABELS, type ActionStatus } from '~/domain/autopsy-lifecycle'
import { formatDay } from '~/domain/format'
import { getDimension, type DimensionKey } from '~/domain/instrument'
import { ACTION_KIND_LABELS, type ActionKind } from '~/domain/respect-gate'
import { EffectSummary } from './effect'

export type PlanActionView = {
  id: string
  kind: ActionKind
  title: string
  targetDimension: DimensionKey | null
  ownerId: string | null
  ownerName: string | null
  dueOn: string
  status: ActionStatus
  overdue: boolean
  flag: string | null
  effect: ActionEffect
}

export function PlanActions({
  items,
  viewerId,
  facilitates,
}: {
  items: readonly PlanActionView[]
  viewerId: string
  facilitates: boolean
}) {
  return (
    <section className="card" aria-labelledby="actions-h" id="actions">
      <h2 id="actions-h">Actions in this plan: {items.length}</h2>
      {items.length === 0 ? (
        <p className="empty">
          No actions yet. {facilitates ? 'Adopt a practice from the library below, or write your own.' : 'A facilitator adds them.'}
        </p>
      ) : (
        <ul className="plan-actions">
          {items.map((a) => (
            <li key={a.id} id={`action-${a.id}`} className={a.flag ? 'plan-action flagged' : 'plan-action'}>
              <p className="title">
                <span className={`tag kind-${a.kind}`}>{ACTION_KIND_LABELS[a.kind]}</span> {a.title}
              </p>
              {a.flag ? (
                <p className="flag" role="note">
                  ⚠ {a.flag}
                </p>
              ) : null}
              <p className="meta small">
                <span>Target: {a.targetDimension ? getDimension(a.targetDimension).label : 'none (read against the Respect Index)'}</span>
                <span>Owner: {a.ownerName ?? 'nobody (left the workspace)'}</span>
                <span>
                  Due {formatDay(a.dueOn)} {a.overdue ? <span className="tag overdue">Overdue</span> : null}
                </span>
                <span>Status: {ACTION_STATUS_LABELS[a.status]}</span>
              </p>
              <EffectSummary effect={a.effect} id={`effect-${a.id}`} title={a.title} />
              {facilitates || a.ownerId === viewerId ? (
                <div className="controls no-print">
                  <ActionStatusForm action={a} intent="status" />
                  {facilitates ? (
                    <Form method="post">
                      <input type="hidden" name="actionId" value={a.id} />
                      <button type="submit" name="intent" value="remove" className="link-button" aria-label={`Remove “${a.title}”`}>
                        Remove
                      </button>
                    </Form>
                  ) : null}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
