// One published autopsy, with what the lifecycle leaves behind: the nine
// stages, perspectives revealed together, factors, action items, the edit
// history, and the respect gate judged by the app's own rules from the
// team's latest round closed by the day it was published.
import { randomUUID } from 'node:crypto'
import { FACTORS, CUSTOM_FACTOR } from '~/domain/factors'
import { evaluateGate, RESPECT_SUGGESTIONS, type ActionKind } from '~/domain/respect-gate'
import { ANY_RESPONDENT, computeRound, type RoundItemRow } from '~/domain/round-results'
import type { DeficitThresholds } from '~/domain/scoring'
import { compareStages, STAGE_KEYS, type StageKey } from '~/domain/stages'
import type { Rng } from '../random'
import { json, row } from './bulk'
import { dayMs, isoDay, stageDates } from './features'
import type { ClosedRound, Member } from './pulse'
import type { Tables } from './tables'
import { CUSTOM_FACTORS, HINDSIGHT, MISMATCH, OVERRIDES, PERSPECTIVES, PROCESS_ACTIONS, STAGE_NOTES } from './texts'

const DAY = 86_400_000
const HOUR = 3_600_000

export type AutopsyContext = {
  workspaceId: string
  items: readonly RoundItemRow[]
  settings: { k: number; commentK: number }
  thresholds: DeficitThresholds
  /** the team's closed rounds, oldest first */
  closed: readonly ClosedRound[]
  /** nothing may happen at or after this instant */
  endMs: number
}

type FeatureRef = {
  id: string
  ask: string
  engineeringJoinedStage: StageKey
  handoff: boolean
  startedOn: string
  shippedOn: string
  actualDays: number
}

/** The gate's snapshot as the app judges it: the latest round closed by `at`, as any member who answered would see it. */
function gateSnapshot(ctx: AutopsyContext, at: number) {
  let latest: ClosedRound | undefined
  for (const round of ctx.closed) {
    if (round.closedAt.getTime() > at) break
    latest = round
  }
  if (!latest) return { status: 'unknown' as const, reasons: [], hasRound: false }
  const computation = computeRound({
    roundId: 'gate',
    items: ctx.items,
    responses: latest.responses,
    settings: ctx.settings,
    thresholds: ctx.thresholds,
    ownDiscipline: latest.answeredBy.size > 0 ? ANY_RESPONDENT : null,
  })
  return { status: computation.status.status, reasons: computation.status.reasons, hasRound: true }
}

export function generateAutopsy(
  ctx: AutopsyContext,
  team: { id: string; members: readonly Member[]; facilitator: Member; hasDesign: boolean },
  feature: FeatureRef,
  r: Rng,
  out: Tables,
): boolean {
  const { workspaceId } = ctx
  const opened = dayMs(feature.shippedOn) + (3 + Math.floor(r.next() * 12)) * DAY + 10 * HOUR
  const collecting = opened + DAY
  const revealed = collecting + 7 * DAY
  const published = revealed + (2 + Math.floor(r.next() * 5)) * DAY
  // Only autopsies that were published by the end of the history.
  if (published >= ctx.endMs) return false
  const id = randomUUID()
  const actor = team.facilitator.id
  const events: { action: string; before: unknown; after: unknown; at: number }[] = []
  events.push({ action: 'opened', before: null, after: { stage: 'draft', featureId: feature.id }, at: opened })
  events.push({ action: 'collecting_started', before: { stage: 'draft' }, after: { stage: 'collecting' }, at: collecting })

  const origin: StageKey = r.pick(
    feature.handoff ? ['discovery', 'framing', 'framing', 'spec', 'spec'] : ['framing', 'ideation', 'build', 'review'],
  )
  const dates = stageDates(feature.startedOn, feature.shippedOn)
  STAGE_KEYS.forEach((stage, i) => {
    const notes = STAGE_NOTES[stage]
    const note = notes && (stage === origin || r.next() < 0.3) ? r.pick(notes) : ''
    const design = team.hasDesign && ['ideation', 'spec', 'build', 'review'].includes(stage) && r.next() < 0.6
    out.autopsy_stages.push(
      row([
        workspaceId,
        id,
        stage,
        true,
        compareStages(stage, feature.engineeringJoinedStage) >= 0,
        design,
        dates[i].startedOn,
        dates[i].endedOn,
        note,
      ]),
    )
  })

  // Two to four perspectives, product and engineering first when the team has both.
  const byDiscipline = (d: string) => r.shuffle(team.members.filter((m) => m.discipline === d))
  const ordered = [
    ...new Set([...byDiscipline('product').slice(0, 1), ...byDiscipline('engineering').slice(0, 1), ...r.shuffle(team.members)]),
  ]
  const authors = ordered.slice(0, Math.min(ordered.length, 2 + Math.floor(r.next() * 3)))
  for (const author of authors) {
    const at = new Date(collecting + (1 + Math.floor(r.next() * 5)) * DAY)
    const originStage = r.next() < 0.1 ? null : r.next() < 0.6 ? origin : r.pick(STAGE_KEYS)
    out.autopsy_perspectives.push(
      row([randomUUID(), workspaceId, id, author.id, author.discipline, r.pick(PERSPECTIVES[author.discipline]), originStage, at, at]),
    )
  }
  events.push({
    action: 'revealed',
    before: { stage: 'collecting' },
    after: { stage: 'reviewing', perspectives: authors.length },
    at: revealed,
  })

  const edited = new Date(revealed + DAY)
  const factorKeys = r.shuffle(FACTORS.map((f) => f.key)).slice(0, 2 + Math.floor(r.next() * 3))
  for (const factor of factorKeys) out.autopsy_factors.push(row([randomUUID(), workspaceId, team.id, id, factor, '', edited]))
  if (r.next() < 0.15)
    out.autopsy_factors.push(row([randomUUID(), workspaceId, team.id, id, CUSTOM_FACTOR, r.pick(CUSTOM_FACTORS), edited]))

  const actions: { kind: ActionKind }[] = []
  const actionCount = 1 + Math.floor(r.next() * 3)
  let touched = published
  for (let a = 0; a < actionCount; a++) {
    const kind: ActionKind = (a === 0 ? r.next() < 0.65 : r.next() < 0.5) ? 'respect' : 'process'
    actions.push({ kind })
    const title = r.pick(kind === 'respect' ? RESPECT_SUGGESTIONS : PROCESS_ACTIONS)
    const owner = r.pick(team.members)
    const dueMs = published + (14 + Math.floor(r.next() * 29)) * DAY
    const p = r.next()
    const status =
      dueMs < ctx.endMs ? (p < 0.6 ? 'done' : p < 0.7 ? 'dropped' : p < 0.85 ? 'in_progress' : 'open') : p < 0.6 ? 'open' : 'in_progress'
    const actionId = randomUUID()
    const changedAt = status === 'open' ? edited.getTime() : Math.min(dueMs - DAY, ctx.endMs - HOUR)
    out.actions.push(
      row([actionId, workspaceId, team.id, id, kind, title, owner.id, isoDay(dueMs), status, edited, new Date(changedAt), edited]),
    )
    if (status !== 'open') {
      events.push({
        action: 'action_status',
        before: { actionId, title, status: 'open' },
        after: { actionId, title, status },
        at: changedAt,
      })
      touched = Math.max(touched, changedAt)
    }
  }

  // The respect gate at publishing: a deficit without a respect action needs a written override.
  const snapshot = gateSnapshot(ctx, published)
  let gate = evaluateGate({ snapshot, actions, override: null })
  let override: { reason: string; at: Date } | null = null
  if (!gate.satisfied) {
    override = { reason: r.pick(OVERRIDES), at: new Date(published) }
    gate = evaluateGate({ snapshot, actions, override: { reason: override.reason } })
    events.push({ action: 'gate_overridden', before: { overrideReason: null }, after: { overrideReason: override.reason }, at: published })
  }
  events.push({
    action: 'published',
    before: { stage: 'reviewing' },
    after: { stage: 'published', gateState: gate.state, gateSatisfiedBy: gate.satisfiedBy, overrideReason: override?.reason ?? null },
    at: published,
  })

  const hindsightDays = Math.max(0.5, Math.round(feature.actualDays * (0.05 + r.next() * 0.3) * 2) / 2)
  out.autopsies.push(
    row([
      id,
      workspaceId,
      team.id,
      feature.id,
      'published',
      feature.ask,
      r.pick(MISMATCH.specified),
      r.pick(MISMATCH.built),
      r.pick(MISMATCH.needed),
      origin,
      r.pick(HINDSIGHT),
      hindsightDays,
      r.next() < 0.2,
      new Date(revealed),
      gate.state,
      override?.reason ?? null,
      override ? actor : null,
      override?.at ?? null,
      new Date(published),
      actor,
      new Date(opened),
      new Date(touched),
    ]),
  )
  for (const e of events)
    out.autopsy_events.push(
      row([randomUUID(), workspaceId, id, actor, e.action, e.before === null ? null : json(e.before), json(e.after), new Date(e.at)]),
    )
  return true
}
