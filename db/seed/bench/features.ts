// A team's feature log: about two shipped features a month, classified by the
// app's own rule, and about one in six followed by a published autopsy.
import { randomUUID } from 'node:crypto'
import { classify, estimatePages, type Question } from '~/domain/classification'
import type { Discipline } from '~/domain/disciplines'
import { STAGE_KEYS, type StageKey } from '~/domain/stages'
import type { Rng } from '../random'
import { generateAutopsy, type AutopsyContext } from './autopsies'
import { row } from './bulk'
import type { Member } from './pulse'
import type { Tables } from './tables'
import { CHANGE_WHAT, CHANGE_WHY, FEATURE_IDEAS } from './texts'

const DAY = 86_400_000

export const isoDay = (t: number | Date) => new Date(t).toISOString().slice(0, 10)
export const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`)

function poisson(r: Rng, mean: number) {
  const limit = Math.exp(-mean)
  let k = 0
  let p = r.next()
  while (p > limit) {
    k++
    p *= r.next()
  }
  return k
}

/** Where engineering first joined: early on collaborative teams, after the spec on handoff teams. */
function joinedStage(r: Rng, collaborative: boolean): StageKey {
  const early: StageKey[] = ['discovery', 'discovery', 'framing', 'framing', 'ideation', 'spec']
  const late: StageKey[] = ['handoff', 'handoff', 'handoff', 'build', 'build', 'review']
  return r.pick(collaborative ? early : late)
}

export type LogCounts = { features: number; autopsies: number }

export function generateFeatures(
  ctx: AutopsyContext,
  team: { id: string; members: readonly Member[]; facilitator: Member; collaboration: number; start: string; end: string },
  r: Rng,
  out: Tables,
): LogCounts {
  const { workspaceId } = ctx
  const counts: LogCounts = { features: 0, autopsies: 0 }
  const disciplines = [...new Set(team.members.map((m) => m.discipline))]
  const startMs = dayMs(team.start)
  const endMs = dayMs(team.end)
  for (
    let month = new Date(startMs);
    month.getTime() < endMs;
    month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))
  ) {
    const first = Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), 1)
    const days = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0)).getUTCDate()
    const n = poisson(r, 2)
    for (let f = 0; f < n; f++) {
      const shippedMs = first + Math.floor(r.next() * days) * DAY
      if (shippedMs < startMs || shippedMs >= endMs) continue
      const idea = r.pick(FEATURE_IDEAS)
      const collaborative = r.next() < team.collaboration
      const engineeringJoinedStage = joinedStage(r, collaborative)
      const question: Question = r.next() < (collaborative ? 0.75 : 0.25) ? 'what_could' : 'how_fast'
      const { classification, engineeringBeforeSpec } = classify({ engineeringJoinedStage, question })
      const handoff = classification === 'handoff'
      const specWords = r.next() < 0.1 ? 0 : Math.round(handoff ? 1500 + r.next() * 5500 : 200 + r.next() * 1300)
      const plannedDays = Math.max(1, Math.round((2 + r.next() * 38) * 2) / 2)
      const actualDays = Math.round(plannedDays * (0.8 + r.next() * (handoff ? 0.9 : 0.5)) * 2) / 2
      const startedOn = isoDay(shippedMs - Math.round(actualDays * 1.4 + 3) * DAY)
      const shippedOn = isoDay(shippedMs)
      const differently = r.next() < 0.25
      const upset: Discipline[] =
        differently && r.next() < 0.4 ? r.shuffle(disciplines).slice(0, 1 + Math.floor(r.next() * Math.min(2, disciplines.length))) : []
      const missed = r.next() < (handoff ? 0.35 : 0.1)
      const createdAt = new Date(Math.min(shippedMs + (1 + Math.floor(r.next() * 5)) * DAY + 10 * 3_600_000, endMs - 3_600_000))
      const id = randomUUID()
      out.features.push(
        row([
          id,
          workspaceId,
          team.id,
          idea.name,
          idea.problem,
          idea.ask,
          null,
          specWords,
          estimatePages(specWords),
          engineeringJoinedStage,
          question,
          plannedDays,
          actualDays,
          startedOn,
          shippedOn,
          differently ? 'differently' : 'as_planned',
          differently ? r.pick(CHANGE_WHAT) : null,
          differently ? r.pick(CHANGE_WHY) : null,
          upset,
          missed ? 'not_what_we_asked' : 'fine',
          classification,
          engineeringBeforeSpec,
          team.facilitator.id,
          createdAt,
          createdAt,
        ]),
      )
      counts.features++
      if (missed && r.next() < 0.75) {
        const made = generateAutopsy(
          ctx,
          { ...team, hasDesign: disciplines.includes('design') },
          { id, ask: idea.ask, engineeringJoinedStage, handoff, startedOn, shippedOn, actualDays },
          r,
          out,
        )
        if (made) counts.autopsies++
      }
    }
  }
  return counts
}

/** Nine stages split the time from three weeks before work began to two weeks after shipping. */
export function stageDates(startedOn: string, shippedOn: string): { startedOn: string; endedOn: string }[] {
  const from = dayMs(startedOn) - 21 * DAY
  const to = dayMs(shippedOn) + 14 * DAY
  const weights = [2, 1, 1, 2, 1, 6, 2, 1, 2]
  const total = weights.reduce((a, b) => a + b, 0)
  const spanDays = Math.max(STAGE_KEYS.length, Math.round((to - from) / DAY))
  let at = 0
  return weights.map((w) => {
    const length = Math.max(1, Math.round((w / total) * spanDays))
    const range = { startedOn: isoDay(from + at * DAY), endedOn: isoDay(from + (at + length - 1) * DAY) }
    at += length
    return range
  })
}
