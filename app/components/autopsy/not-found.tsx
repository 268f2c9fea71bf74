import type { ErrorResponse } from '@remix-run/react'
import type { ReactNode } from 'react'
import { AUTOPSY_NOT_FOUND } from '~/domain/autopsy-lifecycle'
import { FEATURE_NOT_FOUND } from '~/domain/feature-record'

type Params = Record<string, string | undefined>

// Keyed by the refusal's message, so each page names the record that is
// missing by the id that was asked for. The team guard answers 'Team not found.'.
const NAMED: Record<string, (params: Params) => ReactNode> = {
  [AUTOPSY_NOT_FOUND]: (p) => <>No autopsy with the id “{p.autopsyId}” on this team.</>,
  [FEATURE_NOT_FOUND]: (p) => <>No feature with the id “{p.featureId}” in this team’s log.</>,
  'Team not found.': (p) => <>No team with the id “{p.teamId}” in your workspace.</>,
}

/**
 * The 404 of the autopsy and feature-log pages: the autopsy, feature or team
 * by its id; anything else (an action item, a factor) by the refusal's own words.
 */
function notFound({ error, params }: { error: ErrorResponse; params: Params }) {
  const message = typeof error.data === 'string' ? error.data : null
  const named = message ? NAMED[message] : undefined
  return <p>{named ? named(params) : (message ?? 'This page is not here.')}</p>
}

export const NOT_FOUND_HANDLERS = { 404: notFound }
