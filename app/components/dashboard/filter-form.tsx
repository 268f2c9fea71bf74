import { Form, Link } from '@remix-run/react'
import type { FormEvent } from 'react'
import { Field, SelectField } from '~/components/field'
import { DISCIPLINES, DISCIPLINE_LABELS } from '~/domain/disciplines'
import { DEFAULT_PERIOD } from '~/domain/dashboard/filter-links'
import type { FilterErrors, FilterValues } from '~/domain/dashboard/filters'
import type { DashboardTeam } from '~/domain/dashboard/types'

const DISCIPLINE_OPTIONS = [{ value: '', label: 'All disciplines' }, ...DISCIPLINES.map((d) => ({ value: d, label: DISCIPLINE_LABELS[d] }))]
const PERIOD_OPTIONS = [
  { value: 'month', label: 'Month' },
  { value: 'quarter', label: 'Quarter' },
]

// With every team ticked the view is "all my teams", which the URL says by
// leaving the teams out: the link stays short with hundreds of teams and
// means the same to whoever opens it. Without JavaScript the ids are sent,
// which reads the same.
function leaveOutAllTeams(event: FormEvent<HTMLFormElement>) {
  const boxes = [...event.currentTarget.querySelectorAll<HTMLInputElement>('input[name="team"]')]
  if (!boxes.length || boxes.some((b) => !b.checked)) return
  for (const box of boxes) box.disabled = true
  // The form data is read as this event finishes; the boxes come back right after.
  setTimeout(() => boxes.forEach((b) => (b.disabled = false)))
}

/** A GET form: every view has its own URL, to bookmark or share. */
export function FilterForm({ teams, values, errors = {} }: { teams: DashboardTeam[]; values: FilterValues; errors?: FilterErrors }) {
  const ticked = new Set(values.team)
  const all = ticked.size === 0 || ticked.size === teams.length
  // Each input is keyed by the value the URL gives it, so it follows back and
  // forward navigation, while a field changed since (and not yet shown) keeps
  // what the person picked even if an earlier view finishes loading meanwhile.
  return (
    <Form method="get" action="/dashboard" className="dash-filters" aria-label="Dashboard filters" onSubmit={leaveOutAllTeams}>
      <div className="dash-filter-row">
        <Field key={`from-${values.from}`} label="From" name="from" type="date" defaultValue={values.from} errors={errors.from} required />
        <Field key={`to-${values.to}`} label="To" name="to" type="date" defaultValue={values.to} errors={errors.to} required />
        <SelectField
          key={`discipline-${values.discipline}`}
          label="Discipline"
          name="discipline"
          defaultValue={values.discipline}
          options={DISCIPLINE_OPTIONS}
          errors={errors.discipline}
        />
        <SelectField
          key={`period-${values.period}`}
          label="Per"
          name="period"
          defaultValue={values.period || DEFAULT_PERIOD}
          options={PERIOD_OPTIONS}
          errors={errors.period}
        />
      </div>
      <fieldset className="choices dash-teams" aria-invalid={errors.team?.length ? true : undefined} aria-describedby="teams-hint">
        <legend>Teams</legend>
        <p id="teams-hint" className="small muted">
          {all ? `All ${teams.length} of your teams.` : `${ticked.size} of your ${teams.length} teams.`} Untick a team to leave it out; with
          none ticked, all are shown.
        </p>
        {errors.team?.length ? (
          <p className="field-error" role="alert">
            {errors.team[0]}
          </p>
        ) : null}
        <div className="choice-list dash-team-list">
          {teams.map((t) => (
            <label key={`${t.id}-${all || ticked.has(t.id)}`}>
              <input type="checkbox" name="team" value={t.id} defaultChecked={all || ticked.has(t.id)} />
              {t.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="buttons">
        <button type="submit">Show</button>
        <Link to="/dashboard">Reset to the last 12 months</Link>
      </div>
    </Form>
  )
}
