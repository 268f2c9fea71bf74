import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { AnswerForm } from '~/components/pulse/answer-form'
import { checkComment } from '~/domain/comment'
import { DISCIPLINE_LABELS } from '~/domain/disciplines'
import { isUuid } from '~/domain/ids'
import { formatDate, formatDateTime } from '~/domain/format'
import { getPulseForAnswer, NOT_YOUR_PULSE, submitResponse } from '~/models/pulse/answering.server'
import { requireUser } from '~/utils/auth.server'
import { readForm } from '~/utils/forms'
import { formInvalid, invariantResponse, throwRefusal } from '~/utils/refusals.server'
import { useFormResult } from '~/utils/use-form-result'

// The answer page needs no JavaScript at all, so it ships none.
export const handle = { scripts: false }

async function requirePulse(request: Request, roundId: string | undefined) {
  const user = await requireUser(request)
  // Unknown, malformed, foreign, or not your team: all the same 404.
  const pulse = isUuid(roundId) ? await getPulseForAnswer(user, roundId) : null
  invariantResponse(pulse, NOT_YOUR_PULSE)
  return { user, pulse }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { pulse } = await requirePulse(request, params.roundId)
  const { round } = pulse
  const state =
    new URL(request.url).searchParams.get('done') === '1' && pulse.answered
      ? 'thanks'
      : pulse.answered
        ? 'answered'
        : round.status === 'open' && round.closesAt > new Date()
          ? 'open'
          : round.status === 'scheduled'
            ? 'not-open'
            : 'closed'
  return json({
    state,
    teamId: pulse.teamId,
    teamName: pulse.teamName,
    discipline: DISCIPLINE_LABELS[pulse.discipline],
    k: pulse.k,
    commentK: pulse.commentK,
    recentChanges: pulse.recentChanges,
    closes: formatDateTime(round.closesAt, pulse.timeZone),
    opens: formatDateTime(round.opensAt, pulse.timeZone),
    closedOn: formatDate(round.closesAt, pulse.timeZone),
    items: state === 'open' ? pulse.items.map((i) => ({ id: i.id, wording: i.wording })) : [],
  })
}

function answerSchema(itemIds: string[]) {
  const scale = z
    .string({ error: 'Choose an answer' })
    .regex(/^[1-7]$/, 'Choose one of the seven answers')
    .transform(Number)
  const shape = Object.fromEntries(itemIds.map((id) => [`item-${id}`, scale]))
  return z.strictObject(
    {
      ...shape,
      comment: z
        .string()
        .max(20_000, 'The comment is far too long')
        .optional()
        .transform((raw, ctx) => {
          const checked = checkComment(raw ?? '')
          if (!checked.ok) {
            ctx.addIssue({ code: 'custom', message: checked.message })
            return z.NEVER
          }
          return checked.value
        }),
    },
    { error: 'The form contained a question that is not part of this pulse. Reload the page and try again.' },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, pulse } = await requirePulse(request, params.roundId)
  const roundId = pulse.round.id
  const itemIds = pulse.items.map((i) => i.id)
  const form = await readForm(request, answerSchema(itemIds))
  if (!form.ok) return formInvalid(form)
  const { comment } = form.data
  const fields: Record<string, unknown> = form.data
  const answers = Object.fromEntries(itemIds.map((id) => [id, Number(fields[`item-${id}`])]))
  // A closed or foreign pulse is not a form to correct: the page explains it.
  const result = await submitResponse(user, roundId, { comment, answers }).catch(throwRefusal)
  // Either way the browser lands on a page, not a POST result, so a refresh
  // cannot submit again; a second submission (double click, back button) is
  // told plainly that only the first answer counts.
  return redirect(result === 'recorded' ? `/pulse/${roundId}?done=1` : `/pulse/${roundId}`, 303)
}

export default function AnswerPulse() {
  const data = useLoaderData<typeof loader>()
  const result = useFormResult()
  return (
    <section className="narrow" style={{ maxWidth: 720 }}>
      <h1>{data.teamName} pulse</h1>
      {data.state === 'thanks' ? (
        <div className="card" role="status">
          <h2>Thank you, your answers are recorded.</h2>
          <p>
            They are stored without your name. Results appear after the pulse closes on {data.closedOn}, for groups large enough to stay
            anonymous.
          </p>
          <p>
            <Link to="/">Back to home</Link> · <Link to="/anonymity">How anonymity works</Link>
          </p>
        </div>
      ) : data.state === 'answered' ? (
        <div className="card" role="status">
          <h2>You have already answered this pulse.</h2>
          <p>Only your first answer counts. Results appear after it closes on {data.closedOn}.</p>
          <Link to="/">Back to home</Link>
        </div>
      ) : data.state === 'closed' ? (
        <div className="card" role="status">
          <h2>This pulse is closed.</h2>
          <p>It closed on {data.closedOn}. You will be told when the next one opens.</p>
          <Link to="/">Back to home</Link>
        </div>
      ) : data.state === 'not-open' ? (
        <div className="card" role="status">
          <h2>This pulse has not opened yet.</h2>
          <p>It opens {data.opens}.</p>
        </div>
      ) : (
        <>
          <p className="muted">
            {data.items.length} short statements, about a minute. Open until {data.closes}.
          </p>
          <AnswerPromise {...data} />
          <AnswerForm items={data.items} errors={result.errors} values={result.values} formError={result.formError ?? undefined} />
        </>
      )}
    </section>
  )
}

/** What this answer counts under and the thresholds it is protected by, stated before anyone answers. */
function AnswerPromise({
  discipline,
  teamName,
  teamId,
  k,
  commentK,
  recentChanges,
}: {
  discipline: string
  teamName: string
  teamId: string
  k: number
  commentK: number
  recentChanges: number
}) {
  return (
    <div className="card small" aria-labelledby="promise-h">
      <h2 id="promise-h" className="sr-only">
        How this answer is counted
      </h2>
      <p style={{ marginTop: 0 }}>
        Your answer counts under <strong>{discipline}</strong>, your discipline on {teamName} when this pulse opened.
      </p>
      <p>
        Results of this pulse are shown only for groups of at least <strong>{k} people other than you</strong>; comments and exact counts
        per statement need <strong>{commentK}</strong>. These numbers were fixed when the pulse opened and can only be made stricter.
      </p>
      <p style={{ marginBottom: 0 }}>
        {recentChanges === 0
          ? 'Nobody joined, left or changed role or discipline on this team in the 60 days before this pulse opened.'
          : `${recentChanges} ${recentChanges === 1 ? 'change' : 'changes'} to who is on this team in the 60 days before this pulse opened.`}{' '}
        <Link to={`/teams/${teamId}#changes`}>See who changed and when</Link>
      </p>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Answer the pulse · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
