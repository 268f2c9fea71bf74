import { Form, Link } from '@remix-run/react'
import { ActionStatusForm } from '~/components/actions/status-form'
import { Field, FormError, SelectField } from '~/components/field'
import { formatDay } from '~/domain/format'
import { RadioGroup } from '~/components/features/choice'
import { ACTION_STATUS_LABELS, isOverdue } from '~/domain/autopsy-lifecycle'
import type { ActionItemRow } from '~/domain/autopsy-view'
import { DISCIPLINE_LABELS, type Discipline } from '~/domain/disciplines'
import { DIMENSIONS } from '~/domain/instrument'
import { ACTION_KIND_HINTS, ACTION_KIND_LABELS } from '~/domain/respect-gate'
import type { FieldErrors } from '~/utils/forms'

export function ActionItemCard({
  item,
  today,
  processFlag,
  canSetStatus,
  canRemove,
  teamBase,
}: {
  item: ActionItemRow
  today: string
  processFlag: string | null
  canSetStatus: boolean
  canRemove: boolean
  teamBase?: string
}) {
  const flagged = item.kind === 'process' && processFlag !== null
  const overdue = isOverdue(item.dueOn, item.status, today)
  return (
    <li className={flagged ? 'action-item flagged' : 'action-item'}>
      <div className="title">
        <span className={`tag kind-${item.kind}`}>{ACTION_KIND_LABELS[item.kind]}</span> {item.title}
      </div>
      {flagged ? (
        <p className="flag" role="note">
          ⚠ {processFlag}
        </p>
      ) : null}
      <div className="meta">
        <span>Owner: {item.ownerName ?? 'nobody (left the workspace)'}</span>
        <span>
          Due {formatDay(item.dueOn)} {overdue ? <span className="tag overdue">Overdue</span> : null}
        </span>
        <span>Status: {ACTION_STATUS_LABELS[item.status]}</span>
        {item.targetDimension ? <span>Aims at: {DIMENSIONS.find((d) => d.key === item.targetDimension)?.label}</span> : null}
        {item.featureName && item.autopsyId && teamBase ? (
          <span>
            from <Link to={`${teamBase}/autopsies/${item.autopsyId}`}>{item.featureName}</Link>
          </span>
        ) : item.planId && teamBase ? (
          <span>
            from <Link to={`${teamBase}/plans/${item.planId}#action-${item.id}`}>a respect plan</Link>
          </span>
        ) : null}
      </div>
      {canSetStatus || canRemove ? (
        <div className="controls">
          {canSetStatus ? <ActionStatusForm action={item} intent="action-status" /> : null}
          {canRemove ? (
            <Form method="post">
              <input type="hidden" name="actionId" value={item.id} />
              <button type="submit" name="intent" value="remove-action" className="link-button">
                Remove
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </li>
  )
}

export function AddActionForm({
  members,
  values,
  errors,
  formError,
}: {
  members: readonly { userId: string; name: string; discipline: Discipline }[]
  values: Record<string, string>
  errors: FieldErrors
  formError?: string | null
}) {
  return (
    <Form method="post" className="stack card" id="add-action" aria-labelledby="add-action-h">
      <h3 id="add-action-h" style={{ margin: 0 }}>
        Add an action item
      </h3>
      <FormError message={formError} />
      <RadioGroup
        legend="Kind"
        name="kind"
        value={values.kind}
        errors={errors.kind}
        vertical
        options={(['respect', 'process'] as const).map((k) => ({
          value: k,
          label: (
            <>
              <strong>{ACTION_KIND_LABELS[k]}</strong> <span className="muted small">{ACTION_KIND_HINTS[k]}</span>
            </>
          ),
        }))}
      />
      <Field type="text" label="What will happen" name="title" defaultValue={values.title ?? ''} errors={errors.title} maxLength={200} />
      <SelectField
        label="Target dimension"
        name="targetDimension"
        defaultValue={values.targetDimension ?? ''}
        errors={errors.targetDimension}
        hint="(its effect is read there at the next rounds)"
        options={[{ value: '', label: 'None: the Respect Index as a whole' }, ...DIMENSIONS.map((d) => ({ value: d.key, label: d.label }))]}
      />
      <div className="row top">
        <SelectField
          label="Owner"
          name="ownerId"
          defaultValue={values.ownerId ?? ''}
          errors={errors.ownerId}
          options={[
            { value: '', label: 'Choose someone on the team…' },
            ...members.map((m) => ({ value: m.userId, label: `${m.name} (${DISCIPLINE_LABELS[m.discipline]})` })),
          ]}
        />
        <Field label="Due" type="date" name="dueOn" defaultValue={values.dueOn ?? ''} errors={errors.dueOn} />
      </div>
      <div>
        <button type="submit" name="intent" value="add-action">
          Add action item
        </button>
      </div>
    </Form>
  )
}
