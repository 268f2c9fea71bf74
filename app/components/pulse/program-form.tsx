import { Form } from '@remix-run/react'
import { Field, SelectField } from '~/components/field'
import { CADENCE_LABELS, CADENCES, OPEN_HOUR } from '~/domain/cadence'
import { describeReminders, MAX_REMINDERS } from '~/domain/nudges'
import type { FieldErrors } from '~/utils/forms'

type Program = { cadence: string; windowDays: number; startDate: string; active: boolean; reminderDays: number[] | null } | null

export function ProgramForm({
  program,
  errors,
  values,
  timeZone,
}: {
  program: Program
  errors: FieldErrors
  values: Record<string, string>
  timeZone: string
}) {
  const today = new Date().toISOString().slice(0, 10)
  const active = values.intent === 'program' ? values.active === 'on' : (program?.active ?? true)
  return (
    <Form method="post" className="card stack" noValidate aria-labelledby="program-h">
      <h2 id="program-h" style={{ margin: 0 }}>
        Pulse schedule
      </h2>
      <p className="muted small" style={{ margin: 0 }}>
        Rounds open at {String(OPEN_HOUR).padStart(2, '0')}:00 ({timeZone}) on the start date and then on each cadence step. Members get one
        notification when a round opens and, only if they have not answered, {describeReminders(program?.reminderDays)}.
      </p>
      <input type="hidden" name="intent" value="program" />
      <div className="row">
        <SelectField
          label="Cadence"
          name="cadence"
          defaultValue={values.cadence ?? program?.cadence ?? 'biweekly'}
          errors={errors.cadence}
          options={CADENCES.map((c) => ({ value: c, label: CADENCE_LABELS[c] }))}
        />
        <Field
          label="Answer window (days)"
          name="windowDays"
          type="number"
          min={1}
          max={14}
          defaultValue={values.windowDays ?? program?.windowDays ?? 3}
          errors={errors.windowDays}
        />
        <Field
          label="Start date"
          name="startDate"
          type="date"
          defaultValue={values.startDate ?? program?.startDate ?? today}
          errors={errors.startDate}
        />
      </div>
      <Field
        label="Reminders (days after a round opens)"
        name="reminders"
        type="text"
        inputMode="numeric"
        hint={`(up to ${MAX_REMINDERS}, such as 1, 2; empty: one halfway through)`}
        defaultValue={values.reminders ?? program?.reminderDays?.join(', ') ?? ''}
        errors={errors.reminders}
      />
      <label style={{ fontWeight: 400, display: 'flex', gap: '0.5rem', alignItems: 'center' }}>
        <input type="checkbox" name="active" value="on" defaultChecked={active} /> Run on schedule
      </label>
      <div>
        <button type="submit">{program ? 'Save schedule' : 'Start pulse schedule'}</button>
      </div>
    </Form>
  )
}
