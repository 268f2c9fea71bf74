import { Form } from '@remix-run/react'
import { ACTION_STATUSES, ACTION_STATUS_LABELS, type ActionStatus } from '~/domain/autopsy-lifecycle'

/** The status picker of one action, for autopsy action items and plan actions alike; `intent` names the route's handler. */
export function ActionStatusForm({ action, intent }: { action: { id: string; title: string; status: ActionStatus }; intent: string }) {
  const id = `status-${action.id}`
  return (
    <Form method="post" className="controls">
      <input type="hidden" name="actionId" value={action.id} />
      <label htmlFor={id} className="sr-only">
        Status of “{action.title}”
      </label>
      <select id={id} name="status" defaultValue={action.status}>
        {ACTION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {ACTION_STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <button type="submit" name="intent" value={intent} className="secondary">
        Save status
      </button>
    </Form>
  )
}
