// Whose dashboard it is: the teams the viewer may read (the teams they lead;
// every team for an admin) and the workspace's settings.
import { localDay } from '~/domain/calendar'
import type { DashboardTeam } from '~/domain/dashboard/types'
import { getResultSettings, type ResultSettings } from '../anonymity-settings.server'
import { listLedTeams } from '../team.server'

export type DashboardViewer = { id: string; workspaceId: string; isAdmin: boolean }

/** What the guard and the filter defaults need: the teams the viewer may read, and the workspace's settings. */
export type DashboardScope = { viewerId: string; teams: DashboardTeam[]; settings: ResultSettings; today: string }

export async function getDashboardScope(viewer: DashboardViewer): Promise<DashboardScope> {
  const [teams, settings] = await Promise.all([listLedTeams(viewer), getResultSettings(viewer.workspaceId)])
  return { viewerId: viewer.id, teams, settings, today: localDay(new Date(), settings.timeZone) }
}
