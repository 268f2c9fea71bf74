// /teams/:teamId/pulse.csv?section=…&round=…: the tables of a team's pulse
// page as CSV. Same guard and same reads as the page (public results and the
// rollup trend, with the viewer's own answers held out), so a value hidden on
// the page is an empty cell here.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { isUuid } from '~/domain/ids'
import { PULSE_CSV_SECTIONS, isPulseCsvSection, pulseCsvTable } from '~/domain/trends/pulse-csv'
import { getResultSettings } from '~/models/anonymity-settings.server'
import { audienceOf } from '~/domain/team-first'
import { getRoundResults, getTeamTrend } from '~/models/pulse/results.server'
import { ANY_ROLE, requireTeamRole } from '~/utils/auth.server'
import { toCsv } from '~/utils/csv'
import { invariantResponse } from '~/utils/refusals.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, team, role } = await requireTeamRole(request, params.teamId, ANY_ROLE)
  const search = new URL(request.url).searchParams
  const section = search.get('section')
  invariantResponse(isPulseCsvSection(section), `Unknown section. Use one of: ${PULSE_CSV_SECTIONS.join(', ')}.`, { status: 400 })
  const raw = search.get('round')
  const roundId = raw ? raw : undefined
  invariantResponse(roundId === undefined || isUuid(roundId), 'Round not found.')

  const settings = await getResultSettings(user.workspaceId)
  // Team first holds for the download as for the page: a leader reads a round only once it has passed.
  const audience = audienceOf(role)
  const scope = { workspaceId: user.workspaceId, teamId: team.id, settings, viewerId: user.id, audience }
  const [results, trend] = await Promise.all([
    getRoundResults({ ...scope, roundId }),
    getTeamTrend(user.workspaceId, team.id, { settings, viewerId: user.id, audience }),
  ])
  invariantResponse(!(roundId && !results), 'Round not found.')

  const { columns, rows } = pulseCsvTable({ results, trend }, section)
  const day = results?.round.closedOn ?? 'none'
  return new Response(toCsv(columns, rows, { bom: true }), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="tandem-pulse-${section}-${day}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
