// One period of "Respect over time", kept between requests. A period's points
// are a function of the teams (ids and names), each team's latest round in the
// period (its id, local close day, eligible count, and what its cells were read
// from: threshold, the viewer's own discipline, the packed rollups), the
// discipline filter and the settings; all of it goes into the key's hash, so a
// kept period is exactly what computing it again would give. When a round
// closes, only the period it closed in has a new key: every earlier period of
// a 500-team dashboard is taken from here instead of scored again across all
// teams (docs/decisions/024).
import { createHash } from 'node:crypto'
import { lruMap } from '~/utils/lru'
import { respectInPeriod, type PeriodRespect, type RespectInPeriod } from '~/domain/dashboard/sections/respect-over-time'

/** A period of 500 teams is about 100 KB of points: a few dashboards' worth of three years of months. */
const KEPT = 400
const kept = lruMap<PeriodRespect>(KEPT)

export const keptRespectInPeriod: RespectInPeriod = (teams, key, picked, discipline, settings) => {
  // A round that does not say what it was read from cannot be told apart from a changed one.
  if (picked.some((round) => round !== null && round.source === undefined)) return respectInPeriod(teams, key, picked, discipline, settings)
  const hash = createHash('sha256').update(JSON.stringify([key, discipline, settings]))
  teams.forEach((team, i) => {
    const round = picked[i]
    hash.update(JSON.stringify([team.id, team.name, round?.roundId, round?.closedOn, round?.eligible, round?.source]))
  })
  const id = hash.digest('base64')
  const found = kept.get(id)
  if (found) return found
  const computed = respectInPeriod(teams, key, picked, discipline, settings)
  kept.set(id, computed)
  return computed
}
