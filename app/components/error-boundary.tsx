import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'

const TITLES: Record<number, string> = {
  400: 'That request was not valid',
  403: 'You do not have access to this',
  404: 'Not found',
  409: 'That change conflicts with the current state',
  413: 'That form is too large',
  415: 'That was not a form this page accepts',
  422: 'That could not be processed',
  429: 'Too many attempts',
  503: 'Temporarily unavailable',
}

/** The one error boundary: known statuses get a plain message, anything else a generic one. */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  if (isRouteErrorResponse(error)) {
    const title = TITLES[error.status] ?? `Error ${error.status}`
    const detail = typeof error.data === 'string' && error.data.length < 300 ? error.data : null
    return (
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{title}</h1>
        {detail ? <p>{detail}</p> : null}
        <p className="muted">Status {error.status}</p>
        <p>
          <Link to="/">Go to your home page</Link>
        </p>
      </section>
    )
  }
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">Something went wrong</h1>
      <p>We could not show this page. Try again in a moment.</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </section>
  )
}
