// The practice library: concrete respect practices, written for Tandem. Each
// one changes who is in the room, who is asked or whose judgement counts, and
// names the one dimension of the pulse it should move, so that adopting it
// sets the dimension its measured effect is read against.
import type { DimensionKey, Direction } from './instrument'

export type Practice = {
  key: string
  title: string
  /** what doing it looks like, in one or two sentences */
  how: string
  dimension: DimensionKey
  /** the direction of respect it works on, when the dimension has one */
  direction: Direction | null
  /** a sensible time to give it, in days, for the due date the adopt form suggests */
  days: number
}

export const PRACTICES: readonly Practice[] = [
  {
    key: 'engineer-user-calls',
    title: 'An engineer joins the next three user calls',
    how: 'Product invites an engineer to listen in on the next three user calls and to ask their own questions at the end.',
    dimension: 'product_values_technical',
    direction: 'product_to_engineering',
    days: 30,
  },
  {
    key: 'problem-statements-first',
    title: 'Product shares problem statements before solutions for a month',
    how: 'For a month, every new piece of work reaches engineering as a user problem and the evidence for it, with no solution attached.',
    dimension: 'early_involvement',
    direction: null,
    days: 30,
  },
  {
    key: 'joint-build-session',
    title: 'A joint “what could we build to solve Y?” session before the next spec',
    how: 'Before anyone writes the next spec, product and engineering spend an hour listing ways to solve the problem, cheapest first.',
    dimension: 'early_involvement',
    direction: null,
    days: 21,
  },
  {
    key: 'concerns-change-log',
    title: 'Product writes down what changed because of an engineering concern',
    how: 'For the next four decisions, product notes in the ticket which engineering concern changed the decision, or why it did not.',
    dimension: 'product_values_technical',
    direction: 'product_to_engineering',
    days: 30,
  },
  {
    key: 'constraints-at-planning',
    title: 'Product presents engineering’s constraints at the next planning',
    how: 'At the next planning meeting a product person explains the main technical constraints in their own words, and engineering corrects them.',
    dimension: 'product_values_technical',
    direction: 'product_to_engineering',
    days: 14,
  },
  {
    key: 'engineer-discovery-day',
    title: 'Each engineer spends a day on discovery this month',
    how: 'Each engineer spends one day with usage data, support tickets or a prototype test, and shares one thing they learned.',
    dimension: 'engineering_engages_product',
    direction: 'engineering_to_product',
    days: 30,
  },
  {
    key: 'two-cheaper-options',
    title: 'Engineering offers two cheaper options before estimating a request',
    how: 'For the next three requests, engineering proposes two cheaper ways to solve the same problem before estimating the one asked for.',
    dimension: 'engineering_engages_product',
    direction: 'engineering_to_product',
    days: 30,
  },
  {
    key: 'engineer-writes-problem',
    title: 'An engineer restates the user problem at every kickoff',
    how: 'At each kickoff this month an engineer says, in their own words, whose problem this is and how we will know it is solved.',
    dimension: 'engineering_engages_product',
    direction: 'engineering_to_product',
    days: 30,
  },
  {
    key: 'disagree-first',
    title: 'Each meeting starts with “what do we disagree about?”',
    how: 'For a month, the person running each product–engineering meeting asks for disagreements first and thanks whoever raises one.',
    dimension: 'psychological_safety',
    direction: null,
    days: 30,
  },
  {
    key: 'leader-names-own-mistake',
    title: 'The team’s leads each share a recent mistake of their own',
    how: 'At the next retrospective, the product lead and the engineering lead each describe a recent mistake and what they changed.',
    dimension: 'psychological_safety',
    direction: null,
    days: 14,
  },
  {
    key: 'shared-success-measure',
    title: 'Product and engineering agree one success measure before the next build',
    how: 'Before the next feature starts, both sides write down together the one number or observation that says it worked.',
    dimension: 'shared_outcomes',
    direction: null,
    days: 21,
  },
  {
    key: 'blameless-review',
    title: 'The next miss is reviewed as “what did we learn?”, not “whose fault?”',
    how: 'The next time something ships wrong, the review is run jointly and asks only what the team learned and will try next.',
    dimension: 'shared_outcomes',
    direction: null,
    days: 45,
  },
]

export function getPractice(key: string): Practice | undefined {
  return PRACTICES.find((p) => p.key === key)
}

/** The library, with the practices for `first` dimensions (weakest first) ahead of the rest, in library order within each. */
export function practicesInOrder(first: readonly DimensionKey[]): Practice[] {
  const rank = (p: Practice) => {
    const i = first.indexOf(p.dimension)
    return i === -1 ? first.length : i
  }
  return PRACTICES.map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map(({ p }) => p)
}
