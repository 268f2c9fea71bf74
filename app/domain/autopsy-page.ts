// The autopsy page as data: what its loader sends and its components render.
// Dates become text in the workspace's zone here, so the page shows the same
// day whatever the reader's browser thinks.
import type { AutopsyAccess, AutopsyStage, AutopsyViewer } from './autopsy-lifecycle'
import type { ActionItemRow, PerspectivesView, RespectSnapshot, TimelineStage } from './autopsy-view'
import { addDays } from './calendar'
import type { Classification, Outcome } from './classification'
import type { Discipline } from './disciplines'
import { formatDateTime } from './format'
import { RESPECT_SUGGESTIONS, type GateResult, type GateState } from './respect-gate'
import type { StageKey } from './stages'

export type AutopsyPageData = {
  teamBase: string
  viewer: { id: string; access: AutopsyAccess; canWrite: boolean }
  k: number
  today: string
  autopsy: {
    id: string
    stage: AutopsyStage
    askedFor: string
    specified: string
    built: string
    needed: string
    failureOriginStage: StageKey | null
    hindsightSolution: string
    hindsightDays: number | null
    overrideReason: string | null
    overrideByName: string | null
    overrideAt: string | null
    revealedAt: string | null
    publishedAt: string | null
    publishedGateState: GateResult['state'] | null
  }
  feature: { id: string; name: string; classification: Classification; outcome: Outcome; startedOn: string; actualDays: number }
  timeline: TimelineStage[]
  factors: { id: string; text: string; custom: boolean }[]
  actions: ActionItemRow[]
  earlierActions: (ActionItemRow & { featureName: string | null; autopsyId: string | null; planId: string | null })[]
  perspectives: PerspectivesView
  snapshots: { before: RespectSnapshot | null; latest: RespectSnapshot | null }
  gate: GateResult
  blockers: string[]
  members: { userId: string; name: string; discipline: Discipline }[]
  addDefaults: Record<string, string>
}

/** What the autopsy page is built from: the model's detail for this viewer. */
export type AutopsyPageSource = {
  autopsy: Omit<AutopsyPageData['autopsy'], 'overrideByName' | 'overrideAt' | 'revealedAt' | 'publishedAt' | 'publishedGateState'> & {
    overrideAt: Date | null
    revealedAt: Date | null
    publishedAt: Date | null
  }
  feature: AutopsyPageData['feature']
  timeline: readonly TimelineStage[]
  factors: AutopsyPageData['factors']
  actions: ActionItemRow[]
  earlierActions: AutopsyPageData['earlierActions']
  perspectives: PerspectivesView
  snapshots: AutopsyPageData['snapshots']
  gate: GateResult
  blockers: string[]
  publishedGateState: GateState | null
  overrideByName: string | null
  today: string
  settings: { timeZone: string; anonymity: { k: number } }
}

/** `?suggest=N` on the page prefills the add form with that respect suggestion: a plain link, so it works without JavaScript. */
export function respectSuggestion(param: string | null): string | undefined {
  return param !== null && /^\d+$/.test(param) ? RESPECT_SUGGESTIONS[Number(param)] : undefined
}

export function autopsyPageView(
  detail: AutopsyPageSource,
  {
    teamBase,
    viewer,
    members,
    suggestion,
  }: { teamBase: string; viewer: AutopsyViewer; members: AutopsyPageData['members']; suggestion: string | undefined },
): AutopsyPageData {
  const { autopsy, feature, settings } = detail
  const when = (d: Date | null) => (d ? formatDateTime(d, settings.timeZone) : null)
  return {
    teamBase,
    viewer: { id: viewer.id, access: viewer.access, canWrite: viewer.discipline !== null && viewer.access !== 'read_published' },
    k: settings.anonymity.k,
    today: detail.today,
    autopsy: {
      id: autopsy.id,
      stage: autopsy.stage,
      askedFor: autopsy.askedFor,
      specified: autopsy.specified,
      built: autopsy.built,
      needed: autopsy.needed,
      failureOriginStage: autopsy.failureOriginStage,
      hindsightSolution: autopsy.hindsightSolution,
      hindsightDays: autopsy.hindsightDays,
      overrideReason: autopsy.overrideReason,
      overrideByName: detail.overrideByName,
      overrideAt: when(autopsy.overrideAt),
      revealedAt: when(autopsy.revealedAt),
      publishedAt: when(autopsy.publishedAt),
      publishedGateState: detail.publishedGateState,
    },
    feature: {
      id: feature.id,
      name: feature.name,
      classification: feature.classification,
      outcome: feature.outcome,
      startedOn: feature.startedOn,
      actualDays: feature.actualDays,
    },
    timeline: detail.timeline.map((s) => ({
      stage: s.stage,
      product: s.product,
      engineering: s.engineering,
      design: s.design,
      startedOn: s.startedOn,
      endedOn: s.endedOn,
      note: s.note,
    })),
    factors: detail.factors,
    actions: detail.actions,
    earlierActions: detail.earlierActions,
    perspectives: detail.perspectives,
    snapshots: detail.snapshots,
    gate: detail.gate,
    blockers: detail.blockers,
    members: members.map((m) => ({ userId: m.userId, name: m.name, discipline: m.discipline })),
    addDefaults: { kind: suggestion ? 'respect' : '', title: suggestion ?? '', dueOn: addDays(detail.today, 14) },
  }
}
