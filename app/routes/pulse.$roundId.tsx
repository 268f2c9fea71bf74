import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { AnswerForm } from '~/components/pulse/answer-form'
import { answeredLocation, answerSchema } from '~/domain/answer-form'
import { DISCIPLINE_LABELS } from '~/domain/disciplines'
import { isUuid } from '~/domain/ids'
import { formatDate, formatDateTime } from '~/domain/format'
import { getPulseForAnswer } from '~/models/pulse/answering.server'
import { NOT_YOUR_PULSE, submitAnswer } from '~/models/pulse/intake.server'
import { requireUser } from '~/utils/auth.server'
import { answerQuickly } from '~/utils/guards/answer.server'
import { getSessionTokenHash } from '~/utils/session.server'
import { parseForm, readFormData } from '~/utils/forms'
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

// Items are frozen when a round opens, so an open or closed round's schema never changes.
const schemas = new Map<string, ReturnType<typeof answerSchema>>()
function schemaFor(roundId: string, itemIds: string[]) {
  let schema = schemas.get(roundId)
  if (!schema) {
    if (schemas.size >= 1_000) schemas.clear()
    schema = answerSchema(itemIds)
    schemas.set(roundId, schema)
  }
  return schema
}

export async function action({ request, params }: ActionFunctionArgs) {
  const tokenHash = await getSessionTokenHash(request)
  const roundId = params.roundId
  // Signed out or a malformed address: the careful way says which, before reading the form.
  if (!tokenHash || !isUuid(roundId)) return answerCarefully(request, roundId, null)
  const formData = await readFormData(request)
  const outcome = await answerQuickly(tokenHash, roundId, formData).catch(throwRefusal)
  if (outcome) return answered(roundId, outcome)
  return answerCarefully(request, roundId, formData)
}

/**
 * The answer checked step by step: who is asking (a sign-in page if nobody),
 * whether the round is theirs (404), then the form against the round's own
 * items (422 with a message per question), and only then the write.
 */
async function answerCarefully(request: Request, roundId: string | undefined, formData: FormData | null) {
  const { user, pulse } = await requirePulse(request, roundId)
  const itemIds = pulse.items.map((i) => i.id)
  const schema = pulse.round.status === 'scheduled' ? answerSchema(itemIds) : schemaFor(pulse.round.id, itemIds)
  const form = parseForm(formData ?? (await readFormData(request)), schema)
  if (!form.ok) return formInvalid(form)
  const outcome = await submitAnswer(user, pulse.round.id, form.data).catch(throwRefusal)
  if (outcome === 'recorded' || outcome === 'already-answered') return answered(pulse.round.id, outcome)
  // The form matched the round's items a moment ago, and the person is signed in.
  throw new Response(NOT_YOUR_PULSE, { status: 404 })
}

function answered(roundId: string, outcome: 'recorded' | 'already-answered') {
  return redirect(answeredLocation(roundId, outcome), 303)
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
