// What an autopsy shows, as plain data: the view types the pages render and
// the pure steps that shape them from rows. The models read the rows, with
// the viewer in every where clause; these steps only arrange what came back,
// so they can never show more than the query let through.
import { publishBlockers, type ActionStatus, type AutopsyStage } from './autopsy-lifecycle'
import type { Discipline } from './disciplines'
import type { DimensionKey } from './instrument'
import { CUSTOM_FACTOR, factorLabel } from './factors'
import { evaluateGate, type ActionKind, type GateResult, type GateState } from './respect-gate'
import type { PublicRoundResults } from './public-results'
import type { StageKey } from './stages'

/** One stage of an autopsy's timeline, as saved and as drawn. */
export type TimelineStage = {
  stage: StageKey
  product: boolean
  engineering: boolean
  design: boolean
  startedOn: string | null
  endedOn: string | null
  note: string
}

export type ActionItemRow = {
  id: string
  kind: ActionKind
  title: string
  /** the pulse dimension it should move; null: the Respect Index as a whole */
  targetDimension?: DimensionKey | null
  ownerId: string | null
  ownerName: string | null
  dueOn: string
  status: ActionStatus
  featureName?: string | null
  autopsyId?: string | null
  /** set for an action from a respect plan, reviewed alongside the autopsies' own */
  planId?: string | null
}

export type PerspectiveItem = {
  id: string
  discipline: Discipline
  body: string
  originStage: StageKey | null
  /** null unless the facilitator chose to show names */
  authorName: string | null
  mine: boolean
}

export type PerspectivesView =
  | {
      revealed: false
      /** how many have been written, without names */
      count: number
      mine: { body: string; originStage: StageKey | null; updatedAt: string } | null
      /** who has written one, for the facilitator only; never what they wrote */
      submitters: { name: string; discipline: Discipline }[] | null
    }
  | { revealed: true; showNames: boolean; items: PerspectiveItem[] }

/** A perspective as the query returns it: another person's row only after the reveal. */
export type PerspectiveRow = {
  id: string
  authorId: string
  discipline: Discipline
  body: string
  originStage: StageKey | null
  updatedAt: Date
  authorName: string | null
}

/** After the reveal: every account, with names only when the facilitator chose to show them (the query blanks them otherwise). */
export function revealedPerspectives(rows: readonly PerspectiveRow[], viewerId: string, showNames: boolean): PerspectivesView {
  return {
    revealed: true,
    showNames,
    items: rows.map((r) => ({
      id: r.id,
      discipline: r.discipline,
      body: r.body,
      originStage: r.originStage,
      authorName: r.authorName,
      mine: r.authorId === viewerId,
    })),
  }
}

/** Before the reveal: how many were written, the viewer's own text, and for the facilitator who wrote one. */
export function sealedPerspectives(
  rows: readonly PerspectiveRow[],
  viewerId: string,
  count: number,
  submitters: { name: string; discipline: Discipline }[] | null,
): PerspectivesView {
  const own = rows.find((r) => r.authorId === viewerId)
  return {
    revealed: false,
    count,
    mine: own ? { body: own.body, originStage: own.originStage, updatedAt: own.updatedAt.toISOString() } : null,
    submitters,
  }
}

/** A factor row with its wording: a taxonomy label, or the custom text. */
export function describeFactor<R extends { factor: string; label: string | null }>(row: R) {
  return { ...row, custom: row.factor === CUSTOM_FACTOR, text: factorLabel(row.factor, row.label) }
}

export type RespectSnapshot = {
  roundId: string
  closedOn: string
  visible: boolean
  /** why scores are hidden, when they are */
  message: string | null
  n: number | null
  participation: PublicRoundResults['participation']
  respectIndex: number | null
  dimensions: { key: string; label: string; score: number | null }[]
  status: PublicRoundResults['status']
}

/** A round's results cut down to what the autopsy shows; they have already passed the anonymity rules. */
export function toRespectSnapshot(results: PublicRoundResults): RespectSnapshot {
  return {
    roundId: results.round.id,
    closedOn: results.round.closedOn,
    visible: results.visible,
    message: results.message,
    n: results.n,
    participation: results.participation,
    respectIndex: results.respectIndex,
    dimensions: results.dimensions.map((d) => ({ key: d.key, label: d.label, score: d.score })),
    status: results.status,
  }
}

/** The respect-first gate for an autopsy, judged on the latest snapshot (null when no round has closed). */
export function gateFor(
  latest: RespectSnapshot | null,
  actions: readonly { kind: ActionKind }[],
  autopsy: { overrideReason: string | null },
): GateResult {
  return evaluateGate({
    snapshot: latest
      ? { status: latest.status.status, reasons: latest.status.reasons, hasRound: true }
      : { status: 'unknown', reasons: [], hasRound: false },
    actions,
    override: autopsy.overrideReason ? { reason: autopsy.overrideReason } : null,
  })
}

/**
 * Whether a reader may be told the verdict frozen at publishing. It is about
 * the round the publisher saw; a reader to whom that round is hidden (she
 * answered it, in a group of k) gets no verdict about it.
 */
export function publishedVerdictVisible(readerLatest: RespectSnapshot | null): boolean {
  return Boolean(readerLatest?.visible)
}

/**
 * The gate and what still blocks publishing. `gateSnapshot` is the round as
 * any member who answered it sees it, so every reader gets the same verdict;
 * `readerLatest` is this reader's own view of it, which decides whether the
 * frozen verdict of a published autopsy is repeated to them.
 */
export function gateView(
  autopsy: { stage: AutopsyStage; failureOriginStage: StageKey | null; overrideReason: string | null; gateState: GateState | null },
  gateSnapshot: RespectSnapshot | null,
  readerLatest: RespectSnapshot | null,
  actions: readonly { kind: ActionKind }[],
) {
  const gate = gateFor(gateSnapshot, actions, autopsy)
  const blockers = autopsy.stage === 'reviewing' ? publishBlockers({ failureOriginSet: autopsy.failureOriginStage !== null, gate }) : []
  return { gate, blockers, publishedGateState: publishedVerdictVisible(readerLatest) ? autopsy.gateState : null }
}
