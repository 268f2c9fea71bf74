import { isRouteErrorResponse, Link, useParams, useRouteError, type ErrorResponse } from '@remix-run/react'
import type { ReactNode } from 'react'

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

type StatusHandler = (info: { error: ErrorResponse; params: Record<string, string | undefined> }) => ReactNode

function ErrorPage({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      {children}
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </section>
  )
}

function defaultStatus({ error }: { error: ErrorResponse }) {
  const detail = typeof error.data === 'string' && error.data.length < 300 ? error.data : null
  return (
    <ErrorPage title={TITLES[error.status] ?? `Error ${error.status}`}>
      {detail ? <p>{detail}</p> : null}
      <p className="muted">Status {error.status}</p>
    </ErrorPage>
  )
}

/**
 * The one error boundary. Known statuses get a plain message (the refusal's own
 * text when it has one); a route may name the missing thing for a status with
 * `statusHandlers`, as in `{ 404: ({ params }) => <p>No autopsy {params.autopsyId}</p> }`.
 */
export function GeneralErrorBoundary({ statusHandlers = {} }: { statusHandlers?: Partial<Record<number, StatusHandler>> } = {}) {
  const error = useRouteError()
  const params = useParams()
  if (isRouteErrorResponse(error)) {
    const handler = statusHandlers[error.status]
    if (handler) return <ErrorPage title={TITLES[error.status] ?? `Error ${error.status}`}>{handler({ error, params })}</ErrorPage>
    return defaultStatus({ error })
  }
  return (
    <ErrorPage title="Something went wrong">
      <p>We could not show this page. Try again in a moment.</p>
    </ErrorPage>
  )
}
