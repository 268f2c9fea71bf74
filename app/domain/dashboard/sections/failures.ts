// 3. Where features fail: published autopsies by failure-origin stage, the
// stages by quarter, and the contributing factors.
import { factorLabel } from '~/domain/factors'
import { periodKey, periodsBetween, STAGE_BAR_SERIES, type StageBar } from '~/domain/indicators'
import { numberedStageLabel, STAGES } from '~/domain/stages'
import type { Failures } from '../types'

/** Published-autopsy counts of a month, added up across the teams in view. */
export type AutopsyMonthTotal = { month: string; kind: 'stage' | 'factor'; key: string; count: number }

const stageIndex = new Map<string, number>(STAGES.map((s, i) => [s.key, i]))

function emptyStageBar(period: string): StageBar {
  return { period, stage1: 0, stage2: 0, stage3: 0, stage4: 0, stage5: 0, stage6: 0, stage7: 0, stage8: 0, stage9: 0 }
}

/** `fromMonth` is the first day of the range's first month; quarters run from it to `to`. */
export function whereFeaturesFail(months: readonly AutopsyMonthTotal[], fromMonth: string, to: string): Failures {
  const stageCounts = STAGES.map(() => 0)
  const quarters = new Map(periodsBetween(fromMonth, to, 'quarter').map((q) => [q, emptyStageBar(q)]))
  const factorCounts = new Map<string, number>()
  for (const row of months) {
    if (row.kind === 'stage') {
      const index = stageIndex.get(row.key)
      // A stage no longer known counts nowhere rather than in the wrong place.
      if (index === undefined) continue
      stageCounts[index] += row.count
      const bar = quarters.get(periodKey(row.month, 'quarter'))
      if (bar) bar[STAGE_BAR_SERIES[index].dataKey] += row.count
    } else {
      factorCounts.set(row.key, (factorCounts.get(row.key) ?? 0) + row.count)
    }
  }
  return {
    autopsies: stageCounts.reduce((s, n) => s + n, 0),
    stages: STAGES.map((s, i) => ({ key: s.key, label: numberedStageLabel(s.key), count: stageCounts[i] })),
    byQuarter: [...quarters.values()],
    factors: [...factorCounts]
      .map(([key, count]) => ({
        key,
        count,
        label: key.startsWith('custom:') ? key.slice('custom:'.length) : factorLabel(key),
      }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
  }
}
