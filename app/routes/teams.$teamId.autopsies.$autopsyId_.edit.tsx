import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import autopsyStyles from '~/components/autopsy/autopsy.css'
import { NOT_FOUND_HANDLERS } from '~/components/autopsy/not-found'
import {
  FactorsForm,
  HindsightForm,
  MismatchForm,
  NOTE_LIMIT,
  TEXT_LIMIT,
  TimelineForm,
  timelineValues,
} from '~/components/autopsy/section-forms'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { numberField } from '~/components/features/schema'
import { AUTOPSY_NOT_FOUND, READ_ONLY_MESSAGE } from '~/domain/autopsy-lifecycle'
import type { TimelineStage } from '~/domain/autopsy-view'
import { EFFORT_UNITS, MAX_EFFORT_DAYS, toDays } from '~/domain/classification'
import { FACTOR_KEYS } from '~/domain/factors'
import { isUuid } from '~/domain/ids'
import { STAGES, STAGE_KEYS } from '~/domain/stages'
import { getAutopsy, getTimeline, listFactors } from '~/models/autopsies/reads.server'
import { addCustomFactor, removeFactor, saveHindsight, saveTimeline, setFactors, updateMismatch } from '~/models/autopsies/sections.server'
import { FACILITATOR } from '~/utils/auth.server'
import { isCalendarDay, parseForm, readFormData, text } from '~/utils/forms'
import { requireAutopsyScope } from '~/utils/guards/autopsy.server'
import { formInvalid, invariantResponse, refusalResponse } from '~/utils/refusals.server'
import { redirectWithFlash } from '~/utils/session.server'

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
    mismatch: { askedFor: autopsy.askedFor, specified: autopsy.specified, built: autopsy.built, needed: autopsy.needed },
    timeline: timelineValues(timeline, autopsy.failureOriginStage),
    chosen: factors.filter((f) => !f.custom).map((f) => f.factor),
    custom: factors.filter((f) => f.custom).map((f) => ({ id: f.id, text: f.text })),
    hindsight: {
      solution: autopsy.hindsightSolution,
      effort: autopsy.hindsightDays === null ? '' : String(autopsy.hindsightDays),
      effortUnit: 'days',
    },
  })
}

const longText = (label: string) => z.string().trim().max(TEXT_LIMIT, `${label} must be at most ${TEXT_LIMIT} characters`).default('')

const SectionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('mismatch'),
    askedFor: longText('What users asked for'),
    specified: longText('What was specified'),
    built: longText('What was built'),
    needed: longText('What users needed'),
  }),
  z.object({ intent: z.literal('custom-factor'), label: text('The factor', { min: 3, max: 80 }) }),
  z.object({ intent: z.literal('remove-factor'), factorId: z.string().refine(isUuid, 'Unknown factor') }),
  z.object({
    intent: z.literal('hindsight'),
    solution: longText('The solution'),
    effort: numberField('the effort', { max: MAX_EFFORT_DAYS }),
    effortUnit: z.enum(EFFORT_UNITS, { error: 'Choose days or weeks' }),
  }),
])

// Nine stages of checkboxes, dates and notes arrive as prefixed fields
// ("build_startedOn"), so a failed form re-renders every one of them.
const TimelineSchema = z
  .object({ intent: z.literal('timeline'), failureOriginStage: z.union([z.enum(STAGE_KEYS), z.literal('')], { error: 'Choose a stage' }) })
  .catchall(z.string())
  .transform((v, ctx) => {
    const day = (key: string) => {
      const raw = (v[key] ?? '').trim()
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
      const note = (v[`${key}_note`] ?? '').trim()
      if (note.length > NOTE_LIMIT) ctx.addIssue({ code: 'custom', path: [`${key}_note`], message: `At most ${NOTE_LIMIT} characters` })
      const on = (lane: string) => v[`${key}_${lane}`] === 'on'
      return { stage: key, product: on('product'), engineering: on('engineering'), design: on('design'), startedOn, endedOn, note }
    })
    return { failureOriginStage: v.failureOriginStage || null, stages }
  })

const FactorsSchema = z
  .object({ intent: z.literal('factors') })
  .catchall(z.string())
  .transform((v) => FACTOR_KEYS.filter((key) => v[`factor_${key}`] === 'on'))

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireAutopsyScope(request, params, FACILITATOR)
  // The schema depends on the intent, so the checked form is read first and parsed per intent.
  const formData = await readFormData(request)
  const back = `/teams/${scope.teamId}/autopsies/${scope.autopsyId}`
  const here = `${back}/edit`
  const saved = (message: string, hash: string) => redirectWithFlash(request, `${back}${hash}`, message)
  const intent = formData.get('intent')
  try {
    if (intent === 'timeline') {
      const form = parseForm(formData, TimelineSchema)
      if (!form.ok) return formInvalid(form)
      await saveTimeline(scope, form.data)
      return saved('Timeline saved.', '#timeline')
    }
    if (intent === 'factors') {
      const form = parseForm(formData, FactorsSchema)
      if (!form.ok) return formInvalid(form)
      await setFactors(scope, form.data)
      return saved('Contributing factors saved.', '#factors')
    }
    const form = parseForm(formData, SectionSchema)
    if (!form.ok) return formInvalid(form)
    const data = form.data
    switch (data.intent) {
      case 'mismatch':
        await updateMismatch(scope, data)
        return saved('The mismatch is saved.', '#mismatch')
      case 'custom-factor':
        await addCustomFactor(scope, data.label)
        return redirectWithFlash(request, `${here}#edit-factors-h`, `Added “${data.label}”.`)
      case 'remove-factor':
        await removeFactor(scope, data.factorId)
        return redirectWithFlash(request, `${here}#edit-factors-h`, 'Factor removed.')
      case 'hindsight':
        await saveHindsight(scope, { solution: data.solution, days: data.effort === null ? null : toDays(data.effort, data.effortUnit) })
        return saved('Hindsight saved.', '#hindsight')
    }
  } catch (error) {
    const values: Record<string, string> = {}
    for (const [key, value] of formData.entries()) if (typeof value === 'string') values[key] = value
    return refusalResponse(error, values)
  }
}

export default function EditAutopsy() {
  const data = useLoaderData<typeof loader>()
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
        <>
          <p className="muted" style={{ margin: 0 }}>
            Each section saves on its own. Perspectives are written by each person on their own page, and action items are added on the
            autopsy page.
          </p>
          <MismatchForm values={data.mismatch} />
          <TimelineForm values={data.timeline} />
          <FactorsForm chosen={data.chosen} custom={data.custom} />
          <HindsightForm values={data.hindsight} actualDays={data.actualDays} />
        </>
      )}
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Edit autopsy · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={NOT_FOUND_HANDLERS} />
}
