// A team's weekly rounds as the app leaves them: the round with the thresholds
// it opened under, its frozen items and roster, and responses that carry no
// person. Responses, answers and participations of each round are written in
// independent random orders, as the scramble at close leaves them.
import { randomUUID } from 'node:crypto'
import { DISCIPLINES, RESPONSE_GROUPS, type Discipline, type ResponseGroup } from '~/domain/disciplines'
import { chooseComparison, storedGroups } from '~/domain/perception-split'
import { DIMENSION_KEYS, type DimensionKey } from '~/domain/instrument'
import type { RoundItemRow } from '~/domain/round-results'
import { formatDate } from '~/domain/format'
import { reminderAt, type Window } from '~/domain/cadence'
import type { Rng } from '../random'
import { row } from './bulk'
import type { Tables } from './tables'
import { COMMENTS_BAD, COMMENTS_GOOD } from './texts'
import type { Person } from './teams'

export type Member = Person & { id: string }

export type PulseContext = {
  workspaceId: string
  templateId: string
  timeZone: string
  items: readonly RoundItemRow[]
  /** the program's past windows, all closed */
  windows: readonly Window[]
  /** a round opened by hand and still open, when the team has intake members */
  open: Window | null
  k: number
  commentK: number
}

/** What the feature log needs later: each closed round's answers, to judge the respect gate as of a day. */
export type ClosedRound = {
  closedAt: Date
  answeredBy: ReadonlySet<string>
  responses: { discipline: ResponseGroup; comment: string | null; answers: { itemId: string; value: number }[] }[]
}

export type TeamMood = { base: Record<DimensionKey, number>; lean: { product: number; engineering: number } }

export function teamMood(r: Rng): TeamMood {
  const shared = r.normal() * 0.5
  const base = Object.fromEntries(DIMENSION_KEYS.map((d) => [d, clamp(4.7 + shared + r.normal() * 0.55, 2.3, 6.4)])) as Record<
    DimensionKey,
    number
  >
  return { base, lean: { product: Math.abs(0.5 + r.normal() * 0.4), engineering: Math.abs(0.5 + r.normal() * 0.4) } }
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v))

/** How a discipline's view of a dimension leans: each side rates its own direction higher. */
function leanOf(mood: TeamMood, dimension: string, discipline: Discipline) {
  if (dimension === 'product_values_technical')
    return discipline === 'product' ? mood.lean.product : discipline === 'engineering' ? -mood.lean.product / 2 : 0
  if (dimension === 'engineering_engages_product')
    return discipline === 'engineering' ? mood.lean.engineering : discipline === 'product' ? -mood.lean.engineering / 2 : 0
  return 0
}

export type PulseCounts = { rounds: number; responses: number; answers: number }

export function generatePulse(
  ctx: PulseContext,
  team: { id: string; name: string; programId: string; members: readonly Member[]; mood: TeamMood },
  r: Rng,
  out: Tables,
): { counts: PulseCounts; closed: ClosedRound[] } {
  const { workspaceId, items } = ctx
  const counts: PulseCounts = { rounds: 0, responses: 0, answers: 0 }
  const closed: ClosedRound[] = []
  // Latent levels drift slowly around the team's base, and some teams go through a turn for the better or worse.
  const level = { ...team.mood.base }
  const turnAt = r.next() < 0.2 ? Math.floor(r.next() * ctx.windows.length) : -1
  const turn = r.normal() * 1.2
  const all = [...ctx.windows.map((w) => ({ ...w, open: false })), ...(ctx.open ? [{ ...ctx.open, open: true }] : [])]
  // As opening a round does: the comparison comes from the roster (fixed for the team here).
  const comparison = chooseComparison(countBy(team.members.map((m) => m.discipline)), { k: ctx.k })
  for (let w = 0; w < all.length; w++) {
    const window = all[w]
    for (const d of DIMENSION_KEYS) {
      const target = team.mood.base[d] + (turnAt >= 0 && w >= turnAt ? turn * Math.min(1, (w - turnAt) / 8) : 0)
      level[d] = clamp(level[d] + (target - level[d]) * 0.08 + r.normal() * 0.06, 1.5, 6.7)
    }
    const roundId = randomUUID()
    const roster = team.members
    out.rounds.push(
      row([
        roundId,
        workspaceId,
        team.id,
        window.open ? null : team.programId,
        ctx.templateId,
        window.open ? 'open' : 'closed',
        window.opensAt,
        window.closesAt,
        window.opensAt,
        window.open ? null : window.closesAt,
        window.open ? null : reminderAt(window),
        roster.length,
        ctx.k,
        ctx.commentK,
        comparison,
        new Date(window.opensAt.getTime() - 4 * 86_400_000),
      ]),
    )
    for (const item of items) out.round_items.push(row([workspaceId, roundId, item.id, item.position]))
    for (const m of roster) out.round_roster.push(row([workspaceId, roundId, m.id, m.discipline]))
    counts.rounds++

    // In the open round some have answered already, never the intake members: they are the ones left to answer.
    const answering = roster.filter((m) => (window.open ? !m.intake && r.next() < m.propensity * 0.5 : r.next() < m.propensity))
    const responses: (ClosedRound['responses'][number] & { id: string })[] = []
    for (const m of answering) {
      const id = randomUUID()
      const answers: { itemId: string; value: number }[] = []
      let mood = 0
      for (const item of items) {
        const view = level[item.dimension as DimensionKey] + leanOf(team.mood, item.dimension, m.discipline) + m.offset
        mood += view
        const agreed = clamp(Math.round(view + r.normal() * 0.75), 1, 7)
        // Reverse-scored statements are agreed with when things are bad.
        const value = item.reverseScored ? 8 - agreed : agreed
        answers.push({ itemId: item.id, value })
      }
      const comment = r.next() < 0.12 ? r.pick(mood / items.length >= 4.5 ? COMMENTS_GOOD : COMMENTS_BAD) : null
      responses.push({ id, discipline: m.discipline, comment, answers })
    }
    // As closing a round does: each response keeps only the group it can ever be shown in, and a
    // round below its threshold keeps no response (participation still counts who answered).
    if (!window.open) {
      const groups = storedGroups(countGroups(responses.map((x) => x.discipline)), comparison, { k: ctx.k })
      if (groups === 'discard') responses.length = 0
      else for (const x of responses) x.discipline = groups[x.discipline]
    }
    const responseRows = responses.map((x) => row([x.id, workspaceId, roundId, team.id, x.discipline, x.comment]))
    const answerRows = responses.flatMap((x) => x.answers.map((a) => row([workspaceId, x.id, a.itemId, a.value])))
    out.responses.push(...r.shuffle(responseRows))
    out.answers.push(...r.shuffle(answerRows))
    out.participations.push(...r.shuffle(answering.map((m) => row([workspaceId, roundId, m.id]))))
    counts.responses += responseRows.length
    counts.answers += answerRows.length
    if (!window.open) writeRollup(ctx, team.id, roundId, window.closesAt, responses, out)
    if (window.open) {
      // As openRound tells everyone on the roster.
      const message = `A respect pulse is open for ${team.name}. It takes under a minute; answer by ${formatDate(window.closesAt, ctx.timeZone)}.`
      for (const m of roster) out.notifications.push(row([randomUUID(), workspaceId, m.id, message, `/pulse/${roundId}`, window.opensAt]))
    } else {
      closed.push({ closedAt: window.closesAt, answeredBy: new Set(answering.map((m) => m.id)), responses })
    }
  }
  return { counts, closed }
}

/**
 * The round's pulse_rollups rows, as refreshRoundRollup computes them in SQL:
 * per response and dimension the mean item score (reverse items flipped back),
 * summed per discipline from the smallest up, which is the order the rebuild
 * adds them in. For the built-in items (two or three to a dimension) a mean
 * computed here is the same double as PostgreSQL's avg()::float8, so the rows
 * are bit for bit what db:rebuild-derived writes; a test holds them to that.
 */
function writeRollup(ctx: PulseContext, teamId: string, roundId: string, closedAt: Date, responses: ClosedRound['responses'], out: Tables) {
  const byItem = new Map(ctx.items.map((item) => [item.id, item]))
  const cells = new Map<string, { discipline: ResponseGroup; dimension: string; means: number[] }>()
  const perDiscipline = new Map<ResponseGroup, number>()
  for (const response of responses) {
    perDiscipline.set(response.discipline, (perDiscipline.get(response.discipline) ?? 0) + 1)
    const sums = new Map<string, { sum: number; n: number }>()
    for (const a of response.answers) {
      const item = byItem.get(a.itemId)
      if (!item) continue
      const slot = sums.get(item.dimension) ?? { sum: 0, n: 0 }
      slot.sum += item.reverseScored ? 8 - a.value : a.value
      slot.n++
      sums.set(item.dimension, slot)
    }
    for (const [dimension, { sum, n }] of sums) {
      const key = `${response.discipline}|${dimension}`
      const cell = cells.get(key) ?? { discipline: response.discipline, dimension, means: [] as number[] }
      cell.means.push(sum / n)
      cells.set(key, cell)
    }
  }
  for (const cell of cells.values()) {
    const scoreSum = cell.means.sort((a, b) => a - b).reduce((total, m) => total + m, 0)
    out.pulse_rollups.push(
      row([
        ctx.workspaceId,
        teamId,
        roundId,
        closedAt,
        cell.discipline,
        cell.dimension,
        perDiscipline.get(cell.discipline) ?? 0,
        scoreSum,
        cell.means.length,
        ctx.k,
      ]),
    )
  }
}

function countBy(disciplines: readonly Discipline[]): Record<Discipline, number> {
  const counts = Object.fromEntries(DISCIPLINES.map((d) => [d, 0])) as Record<Discipline, number>
  for (const d of disciplines) counts[d]++
  return counts
}

function countGroups(groups: readonly ResponseGroup[]): Record<ResponseGroup, number> {
  const counts = Object.fromEntries(RESPONSE_GROUPS.map((g) => [g, 0])) as Record<ResponseGroup, number>
  for (const g of groups) counts[g]++
  return counts
}
