import { Form, useNavigation } from '@remix-run/react'

/** Subscribe or unsubscribe the signed-in leader; a plain POST, so it works without JavaScript. */
export function SubscriptionForm({ subscribed }: { subscribed: boolean }) {
  const busy = useNavigation().state === 'submitting'
  return (
    <Form method="post" className="inline">
      {subscribed ? (
        <button type="submit" name="intent" value="unsubscribe" className="secondary" disabled={busy}>
          Unsubscribe
        </button>
      ) : (
        <button type="submit" name="intent" value="subscribe" disabled={busy}>
          Subscribe again
        </button>
      )}
    </Form>
  )
}
