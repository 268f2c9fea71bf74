import { Form, Link } from '@remix-run/react'

/** Where a respect plan starts: from a closed round, in deficit or not. */
export function PlanEntry({
  teamBase,
  roundId,
  planId,
  canOpen,
  deficit,
}: {
  teamBase: string
  roundId: string
  planId: string | null
  canOpen: boolean
  deficit: boolean
}) {
  if (planId) {
    return (
      <p className="plan-entry">
        <Link to={`${teamBase}/plans/${planId}`} className="button">
          Open this round’s respect plan
        </Link>
      </p>
    )
  }
  if (!canOpen) return null
  return (
    <Form method="post" action={`${teamBase}/plans?index`} className="plan-entry">
      <input type="hidden" name="roundId" value={roundId} />
      <button type="submit" name="intent" value="open" className={deficit ? undefined : 'secondary'}>
        Start a respect plan
      </button>
      <span className="small">Conversation prompts from these results, practices to adopt, and their measured effect.</span>
    </Form>
  )
}
