import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useRef } from 'react'
import { z } from 'zod'
import autopsyStyles from '~/components/autopsy/autopsy.css'
import { NOT_FOUND_HANDLERS } from '~/components/autopsy/not-found'
import {
  FactorsSection,
  HindsightSection,
  MismatchSection,
  NOTE_LIMIT,
  REMOVE_PREFIX,
  TEXT_LIMIT,
  TimelineSection,
  timelineValues,
} from '~/components/autopsy/section-forms'
import { useLeaveWarning } from '~/components/autopsy/use-leave-warning'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormError } from '~/components/field'
import { numberField } from '~/components/features/schema'
import { AUTOPSY_NOT_FOUND, READ_ONLY_MESSAGE } from '~/domain/autopsy-lifecycle'
import type { TimelineStage } from '~/domain/autopsy-view'
import { EFFORT_UNITS, MAX_EFFORT_DAYS, toDays } from '~/domain/classification'
import { FACTOR_KEYS } from '~/domain/factors'
import { isUuid } from '~/domain/ids'
import { STAGES, STAGE_KEYS } from '~/domain/stages'
import { getAutopsy, getTimeline, listFactors } from '~/models/autopsies/reads.server'
import { saveAllSections } from '~/models/autopsies/sections.server'
import { FACILITATOR } from '~/utils/auth.server'
import { isCalendarDay, parseForm, readFormData } from '~/utils/forms'
import { requireAutopsyScope } from '~/utils/guards/autopsy.server'
import { formInvalid, invariantResponse, refusalResponse } from '~/utils/refusals.server'
import { redirectWithFlash } from '~/utils/session.server'
import { useFormResult } from '~/utils/use-form-result'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: autopsyStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, scope } = await requireAutopsyScope(request, params, FACILITATOR)
  const found = await getAutopsy({ ...scope, viewer })
  invariantResponse(found, AUTOPSY_NOT_FOUND)
  const [timeline, factors] = await Promise.all([getTimeline(scope), listFactors(scope)])
  const { autopsy, feature } = found
  return json({
    back: `/teams/${scope.teamId}/autopsies/${autopsy.id}`,
    name: feature.name,
    readOnly: autopsy.stage === 'published',
    actualDays: feature.actualDays,
    custom: factors.filter((f) => f.custom).map((f) => ({ id: f.id, text: f.text })),
    // Every field of the one form, as the form would send it.
    values: {
      askedFor: autopsy.askedFor,
      specified: autopsy.specified,
      built: autopsy.built,
      needed: autopsy.needed,
      ...timelineValues(timeline, autopsy.failureOriginStage),
      ...Object.fromEntries(factors.filter((f) => !f.custom).map((f) => [`factor_${f.factor}`, 'on'])),
      solution: autopsy.hindsightSolution,
      effort: autopsy.hindsightDays === null ? '' : String(autopsy.hindsightDays),
      effortUnit: 'days',
    } satisfies Record<string, string>,
  })
}

const longText = (label: string) => z.string().trim().max(TEXT_LIMIT, `${label} must be at most ${TEXT_LIMIT} characters`).default('')

// The whole page is one form: every section arrives together and is saved in
// one transaction, so saving never drops what was typed in another section.
// The nine stages' checkboxes, dates and notes arrive as prefixed fields
// ("build_startedOn"), as do the factors ("factor_spec_as_handoff").
const EditSchema = z
  .object({
    askedFor: longText('What users asked for'),
    specified: longText('What was specified'),
    built: longText('What was built'),
    needed: longText('What users needed'),
    failureOriginStage: z.union([z.enum(STAGE_KEYS), z.literal('')], { error: 'Choose a stage' }).default(''),
    customFactor: z.string().trim().default(''),
    solution: longText('The solution'),
    effort: numberField('the effort', { max: MAX_EFFORT_DAYS }).default(null),
    effortUnit: z.enum(EFFORT_UNITS, { error: 'Choose days or weeks' }).default('days'),
  })
  .catchall(z.string())
  .transform((v, ctx) => {
    const field = (key: string) => {
      const raw = v[key]
      return typeof raw === 'string' ? raw : ''
    }
    const day = (key: string) => {
      const raw = field(key).trim()
      if (!raw) return null
      // A pattern and Date.parse both pass 2026-02-30 and year 0, which PostgreSQL refuses.
      if (!isCalendarDay(raw)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'Enter a valid date' })
        return null
      }
      return raw
    }
    const stages: TimelineStage[] = STAGES.map(({ key }) => {
      const startedOn = day(`${key}_startedOn`)
      const endedOn = day(`${key}_endedOn`)
      if (startedOn && endedOn && endedOn < startedOn)
        ctx.addIssue({ code: 'custom', path: [`${key}_endedOn`], message: 'Ends before it starts' })
      const note = field(`${key}_note`).trim()
      if (note.length > NOTE_LIMIT) ctx.addIssue({ code: 'custom', path: [`${key}_note`], message: `At most ${NOTE_LIMIT} characters` })
      const on = (lane: string) => field(`${key}_${lane}`) === 'on'
      return { stage: key, product: on('product'), engineering: on('engineering'), design: on('design'), startedOn, endedOn, note }
    })
    // Checked here rather than on the field, so its error shows along with the timeline's.
    const custom = v.customFactor
    if (custom && (custom.length < 3 || custom.length > 80))
      ctx.addIssue({ code: 'custom', path: ['customFactor'], message: 'A custom factor takes 3 to 80 characters' })
    return {
      mismatch: { askedFor: v.askedFor, specified: v.specified, built: v.built, needed: v.needed },
      timeline: { failureOriginStage: v.failureOriginStage || null, stages },
      factors: FACTOR_KEYS.filter((key) => field(`factor_${key}`) === 'on'),
      removeCustom: Object.keys(v)
        .filter((key) => key.startsWith(REMOVE_PREFIX) && field(key) === 'on')
        .map((key) => key.slice(REMOVE_PREFIX.length))
        .filter(isUuid),
      addCustom: v.customFactor || null,
      hindsight: { solution: v.solution, effort: v.effort, effortUnit: v.effortUnit },
    }
  })

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireAutopsyScope(request, params, FACILITATOR)
  const formData = await readFormData(request)
  const form = parseForm(formData, EditSchema)
  if (!form.ok) return formInvalid(form)
  const { hindsight, ...sections } = form.data
  try {
    const days = hindsight.effort === null ? null : toDays(hindsight.effort, hindsight.effortUnit)
    await saveAllSections(scope, { ...sections, hindsight: { solution: hindsight.solution, days } })
    return redirectWithFlash(request, `/teams/${scope.teamId}/autopsies/${scope.autopsyId}`, 'All sections are saved.')
  } catch (error) {
    const values: Record<string, string> = {}
    for (const [key, value] of formData.entries()) if (typeof value === 'string') values[key] = value
    return refusalResponse(error, values)
  }
}

export default function EditAutopsy() {
  const data = useLoaderData<typeof loader>()
  const result = useFormResult()
  const values = result.failed ? result.values : data.values
  const form = useRef<HTMLFormElement>(null)
  useLeaveWarning(form)
  return (
    <section className="autopsy stack" aria-labelledby="edit-h">
      <p className="small" style={{ margin: 0 }}>
        <Link to={data.back}>← Back to the autopsy</Link>
      </p>
      <h2 id="edit-h" style={{ margin: 0 }}>
        Edit: {data.name}
      </h2>
      {data.readOnly ? (
        <p className="alert" role="note">
          {READ_ONLY_MESSAGE} <Link to={data.back}>Go to the autopsy</Link>
        </p>
      ) : (
        <Form method="post" className="stack" ref={form} aria-labelledby="edit-h">
          <p className="muted" style={{ margin: 0 }}>
            One save stores every section below together. Perspectives are written by each person on their own page, and action items are
            added on the autopsy page.
          </p>
          <FormError message={result.formError ?? (result.failed ? 'Nothing was saved. Correct the fields marked below.' : null)} />
          <MismatchSection values={values} errors={result.errors} />
          <TimelineSection values={values} errors={result.errors} />
          <FactorsSection values={values} errors={result.errors} custom={data.custom} />
          <HindsightSection values={values} errors={result.errors} actualDays={data.actualDays} />
          <div className="save-bar">
            <button type="submit">Save all sections</button>
          </div>
        </Form>
      )}
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Edit autopsy · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={NOT_FOUND_HANDLERS} />
}
