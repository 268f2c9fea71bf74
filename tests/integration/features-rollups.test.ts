// The feature-log rollup moves with every feature write, in the same
// transaction, so leadership views never disagree with the log.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { featureRollups } from '../../db/schema'
import { updateFeature } from '~/models/features.server'
import { createTeam, createWorkspace } from '../factories'
import { autopsyTeam, createFeatureRow, featureInput, reviewedAutopsy } from '../autopsy-factories'

async function rollups(teamId: string) {
  const db = await getDb()
  return { features: await db.select().from(featureRollups).where(eq(featureRollups.teamId, teamId)) }
}

describe('feature-log rollups', () => {
  it('follows creates and edits that move the ship month', async () => {
    const ws = await createWorkspace()
    const team = await createTeam(ws.id)
    const { facilitator, engineer } = await autopsyTeam(team)
    await createFeatureRow(team, { shippedOn: '2026-05-01', spec: { words: 6200, pages: 14 } })
    await createFeatureRow(team, {
      name: 'Email',
      shippedOn: '2026-05-20',
      engineeringJoinedStage: 'discovery',
      outcome: 'fine',
      spec: { words: 300, pages: 1 },
    })
    let r = await rollups(team.id)
    expect(r.features).toHaveLength(1)
    expect(r.features[0]).toMatchObject({
      month: '2026-05-01',
      features: 2,
      missed: 1,
      handoff: 1,
      collaboration: 1,
      engineeringBeforeSpec: 1,
      specWords: [300, 6200],
    })

    const { feature } = await reviewedAutopsy(team, facilitator.id, [{ id: engineer.id, discipline: 'engineering' }], {
      name: 'Missed',
      shippedOn: '2026-06-10',
    })
    r = await rollups(team.id)
    expect(r.features.map((f) => [f.month, f.features]).sort()).toEqual([
      ['2026-05-01', 2],
      ['2026-06-01', 1],
    ])

    // Moving the ship date moves the feature to the new month, and empties the old one.
    await updateFeature(
      { workspaceId: ws.id, teamId: team.id, featureId: feature.id },
      featureInput({ name: 'Missed', shippedOn: '2026-07-02' }),
    )
    r = await rollups(team.id)
    expect(r.features.map((f) => [f.month, f.features]).sort()).toEqual([
      ['2026-05-01', 2],
      ['2026-07-01', 1],
    ])
  })
})
