// The optional generative-culture module, after Ron Westrum's typology of
// organisational cultures as DORA's research uses it: six aspects of how a
// team handles information, each one statement in our own words on the same
// 1–7 agreement scale as the respect pulse. Its items carry their own
// dimension key, which is not a respect dimension, so they never feed the
// Respect Index, the dimensions, the directional views or any rollup score.
import { hidden, reveal, type AnonymitySettings, type Suppressible } from './anonymity'
import { SCALE_MAX, SCALE_MIN } from './instrument'
import { itemScore, toPercent, type ResponseForScoring } from './scoring'

/** The key of the module's template and the dimension its items are stored under. */
export const GENERATIVE_CULTURE = 'generative_culture'
export const GENERATIVE_CULTURE_NAME = 'Generative culture'
/** Module items are asked after the pulse's own: their positions start here. */
export const MODULE_POSITION_OFFSET = 1000

export type GenerativeItem = { key: string; aspect: string; wording: string }

// Written for Tandem. Each covers one of Westrum's six aspects; none
// reproduces the wording of DORA's survey.
export const GENERATIVE_ITEMS: readonly GenerativeItem[] = [
  {
    key: 'gen_information_reaches_us',
    aspect: 'Information flows',
    wording:
      'When someone on this team needs to know something to do their work, it reaches them in time without their having to dig for it.',
  },
  {
    key: 'gen_bad_news_thanked',
    aspect: 'Messengers are not punished',
    wording: 'People who raise a problem or bring bad news on this team are thanked for it, not made to pay for it.',
  },
  {
    key: 'gen_problems_taken_together',
    aspect: 'Responsibilities are shared',
    wording: 'On this team, we take on problems together instead of drawing lines around whose job something is.',
  },
  {
    key: 'gen_bridges_valued',
    aspect: 'Working across teams is encouraged',
    wording: 'Working with people in other teams and functions is something this team makes time for and values.',
  },
  {
    key: 'gen_failure_asks_how',
    aspect: 'Failure leads to inquiry',
    wording: 'When something goes wrong here, the first question is what in our way of working let it happen, not who is to blame.',
  },
  {
    key: 'gen_ideas_get_a_hearing',
    aspect: 'New ideas are welcomed',
    wording: 'A new idea raised on this team, whoever it comes from, gets a fair hearing and a real chance to be tried.',
  },
]

export function isGenerativeItem(item: { dimension: string }): boolean {
  return item.dimension === GENERATIVE_CULTURE
}

/** The aspect an item covers, by its key (a later version of an item keeps its key). */
export function generativeAspect(itemKey: string): string {
  return GENERATIVE_ITEMS.find((i) => i.key === itemKey)?.aspect ?? GENERATIVE_CULTURE_NAME
}

export type GenerativeScore = { mean: number; score: number }

/**
 * The module's score for one round: each person's mean over the module items
 * they answered (reverse-scored items flipped), then the mean over people, on
 * 1–7 and as 0–100. Shown only when the round itself is shown and at least k
 * people besides the viewer answered a module item.
 */
export function generativeScore(
  items: readonly { id: string; dimension: string; reverseScored: boolean }[],
  people: readonly ResponseForScoring[],
  settings: AnonymitySettings,
  { roundVisible, own }: { roundVisible: boolean; own: number },
): Suppressible<GenerativeScore> {
  const module = new Map(items.filter(isGenerativeItem).map((i) => [i.id, i]))
  if (!roundVisible || module.size === 0) return hidden()
  const means: number[] = []
  for (const person of people) {
    const values = new Map<string, number>()
    for (const a of person.answers) {
      const item = module.get(a.itemId)
      if (item) values.set(a.itemId, itemScore(a.value, item.reverseScored))
    }
    if (values.size) means.push([...values.values()].reduce((s, v) => s + v, 0) / values.size)
  }
  if (!means.length) return hidden()
  const mean = means.reduce((s, v) => s + v, 0) / means.length
  if (mean < SCALE_MIN || mean > SCALE_MAX) throw new RangeError(`Mean out of scale: ${mean}`)
  return reveal({ mean, score: toPercent(mean) }, means.length, settings, Math.min(own, means.length))
}
