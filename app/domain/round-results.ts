// One round's results as a viewer may see them. Pure: the same rows, the
// round's own thresholds and the same viewer always give the same output,
// which is what lets every read path agree. Every number leaves through
// ./anonymity; the viewer's own response (if they answered) never counts
// toward a threshold they see.
import {
  hidden,
  normalizeSettings,
  reveal,
  revealComments,
  revealDistribution,
  type AnonymitySettings,
  type RevealedDistribution,
  type Suppressible,
} from './anonymity'
import { RESPONSE_GROUPS, type Discipline, type ResponseGroup } from './disciplines'
import { generativeScore, type GenerativeScore } from './generative-culture'
import { DIMENSIONS, SCALE_BANDS, isDimensionKey, isDirection, type DimensionKey, type Direction } from './instrument'
import { ownGroup, perceptionView, type GroupSums, type PerceptionView, type RoundComparison } from './perception-split'
import {
  dimensionScores,
  directionalViews,
  distribution,
  itemScore,
  respectIndex,
  respectStatus,
  type DeficitThresholds,
  type RespectStatus,
  type ResponseForScoring,
  type ScoredItem,
} from './scoring'

export type RoundStatus = 'scheduled' | 'open' | 'closed'

export type RoundItemRow = {
  id: string
  itemKey: string
  version: number
  dimension: string
  direction: string | null
  wording: string
  reverseScored: boolean
  position: number
}

export type ResponseRow = ResponseForScoring & { comment: string | null }

export type RoundRow = {
  id: string
  status: RoundStatus
  opensAt: Date
  closesAt: Date
  closedAt: Date | null
  eligibleCount: number
  responded: number
  /** the thresholds the round opened with */
  anonymityK: number
  commentK: number
  /** how product and engineering can be compared, chosen from the roster at open */
  comparison: RoundComparison
}

/** The thresholds a round opened with, never below the floor. */
export function roundSettings(round: Pick<RoundRow, 'anonymityK' | 'commentK'>): AnonymitySettings {
  return normalizeSettings({ k: round.anonymityK, commentK: round.commentK })
}

/** What a read needs besides the round: deficit thresholds, the zone for dates, and who is looking. */
export type ReadContext = {
  thresholds: DeficitThresholds
  timeZone: string
  /**
   * The discipline the viewer's own response counts under, when they answered
   * this round; ANY_RESPONDENT to judge the round as any member who answered
   * would see it (the respect gate, whose verdict every member reads).
   */
  ownDiscipline: Discipline | typeof ANY_RESPONDENT | null
}

/** Stands for "whichever respondent reads this": one own response in every group. */
export const ANY_RESPONDENT = 'any-respondent'

type ScoreValue = { score: number; mean: number }

export type RoundComputation = {
  n: number
  total: Suppressible<number>
  dimensions: { key: DimensionKey; result: Suppressible<ScoreValue> }[]
  respectIndex: Suppressible<number>
  directional: { direction: Direction; dimension: DimensionKey; overall: Suppressible<number>; perception: PerceptionView }[]
  items: { item: RoundItemRow; distribution: Suppressible<RevealedDistribution> }[]
  comments: Suppressible<string[]>
  status: { status: RespectStatus; reasons: string[] }
  /** the optional generative-culture module's score: hidden when the round did not ask it */
  generative: Suppressible<GenerativeScore>
}

function scoredItems(items: readonly RoundItemRow[]): ScoredItem[] {
  // Items of a dimension this version of Tandem does not know are left out of
  // the Respect Index rather than guessed at.
  return items.flatMap((item) =>
    isDimensionKey(item.dimension)
      ? [
          {
            id: item.id,
            dimension: item.dimension,
            direction: isDirection(item.direction) ? item.direction : null,
            reverseScored: item.reverseScored,
          },
        ]
      : [],
  )
}

/** Per stored group: responses, the viewer's own, and the sum of person means on one direction's items. */
function directionSums(
  people: readonly ResponseRow[],
  items: readonly ScoredItem[],
  direction: Direction,
  own: ResponseGroup | typeof ANY_RESPONDENT | null,
): GroupSums {
  const byId = new Map(items.filter((i) => i.direction === direction).map((i) => [i.id, i]))
  const present = new Set(people.map((p) => p.discipline))
  const ownIn = (g: ResponseGroup) => (own === ANY_RESPONDENT ? present.has(g) : g === own)
  const sums = Object.fromEntries(RESPONSE_GROUPS.map((g) => [g, { responses: 0, own: ownIn(g) ? 1 : 0, sum: 0, scored: 0 }])) as GroupSums
  for (const person of people) {
    const slot = sums[person.discipline]
    slot.responses++
    const values = person.answers.flatMap((a) => {
      const item = byId.get(a.itemId)
      return item ? [itemScore(a.value, item.reverseScored)] : []
    })
    if (values.length) {
      slot.sum += values.reduce((s, v) => s + v, 0) / values.length
      slot.scored++
    }
  }
  return sums
}

export function computeRound(input: {
  roundId: string
  items: readonly RoundItemRow[]
  responses: readonly ResponseRow[]
  settings: AnonymitySettings
  thresholds: DeficitThresholds
  ownDiscipline: Discipline | typeof ANY_RESPONDENT | null
  /** the round's comparison, chosen at open; only explains why none is shown */
  comparison?: RoundComparison | null
}): RoundComputation {
  const { roundId, items, settings, ownDiscipline } = input
  const people = input.responses
  const own = ownDiscipline ? 1 : 0
  const mine = ownDiscipline === ANY_RESPONDENT ? ANY_RESPONDENT : ownGroup(ownDiscipline, new Set(people.map((p) => p.discipline)))
  const n = people.length
  const total = reveal(n, n, settings, own)
  const scored = scoredItems(items)
  const counted = total.visible ? people : []

  const dims = dimensionScores(counted, scored)
  const dimensions = DIMENSIONS.map(({ key }) => {
    const d = dims[key]
    const result: Suppressible<ScoreValue> =
      total.visible && d.score !== null && d.mean !== null ? reveal({ score: d.score, mean: d.mean }, d.n, settings, own) : hidden()
    return { key, result }
  })
  // Only dimensions that are themselves visible feed the index, so a hidden
  // dimension cannot be recovered from it.
  const ri = respectIndex(dimensions.map((d) => ({ score: d.result.visible ? d.result.value.score : null })))
  const riResult: Suppressible<number> = total.visible && ri !== null ? reveal(ri, n, settings, own) : hidden()

  const views = directionalViews(counted, scored)
  const directional = views.map((view) => ({
    direction: view.direction,
    dimension: view.dimension,
    overall: view.overall !== null ? reveal(view.overall, view.n, settings, own) : hidden<number>(),
    perception: perceptionView(
      view.direction,
      directionSums(counted, scored, view.direction, total.visible ? mine : null),
      settings,
      input.comparison ?? null,
    ),
  }))

  const itemResults = [...items]
    .sort((a, b) => a.position - b.position)
    .map((item) => ({
      item,
      distribution: total.visible
        ? revealDistribution(distribution(people, item.id), SCALE_BANDS, settings, own)
        : hidden<RevealedDistribution>(),
    }))

  const comments = revealComments(
    people.map((p) => p.comment ?? ''),
    n,
    settings,
    roundId,
    own,
  )

  const status = respectStatus(
    {
      enough: total.visible,
      respectIndex: riResult.visible ? riResult.value : null,
      // After suppression: a reason must never quote a hidden number.
      directional: directional.map((d) => ({
        direction: d.direction,
        overall: d.overall.visible ? d.overall.value : null,
        gap: d.perception.visible ? d.perception.gap : null,
        sides:
          d.perception.visible && d.perception.comparison === 'versus-rest'
            ? { self: d.perception.self.label, other: d.perception.other.label }
            : undefined,
      })),
    },
    input.thresholds,
  )

  const generative = generativeScore(items, people, settings, { roundVisible: total.visible, own })

  return { n, total, dimensions, respectIndex: riResult, directional, items: itemResults, comments, status, generative }
}
