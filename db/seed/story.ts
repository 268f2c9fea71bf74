import type { DimensionKey } from '~/domain/instrument'
import type { Discipline } from '~/domain/disciplines'

// Each demo team's year, as latent 1–7 levels per dimension over t ∈ [0, 1]
// (start to now), plus how much each discipline's view leans for the two
// directional dimensions (a positive lean = that side rates it higher).
export type Curve = [t: number, level: number][]
export type TeamStory = {
  name: string
  blurb: string
  members: { discipline: Discipline; count: number }[]
  participation: number
  levels: Record<DimensionKey, Curve>
  lean: Partial<Record<DimensionKey, Partial<Record<Discipline, Curve>>>>
  comments: { until: number; lines: string[] }[]
}

export function at(curve: Curve, t: number): number {
  if (t <= curve[0][0]) return curve[0][1]
  for (let i = 1; i < curve.length; i++) {
    const [t1, v1] = curve[i]
    const [t0, v0] = curve[i - 1]
    if (t <= t1) return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0)
  }
  return curve[curve.length - 1][1]
}

const flat = (v: number): Curve => [
  [0, v],
  [1, v],
]

export const STORIES: TeamStory[] = [
  {
    name: 'Insights',
    blurb:
      'The founding story. Users asked for "better analytics"; a two-month dashboard was about to be specified. Engineers started joining user calls in spring, heard that users wanted three numbers delivered reliably, and shipped an automated email in two days. Respect for technical input climbs from there.',
    members: [
      { discipline: 'product', count: 6 },
      { discipline: 'engineering', count: 7 },
    ],
    participation: 0.9,
    levels: {
      product_values_technical: [
        [0, 3.0],
        [0.35, 3.2],
        [0.5, 4.3],
        [1, 5.7],
      ],
      engineering_engages_product: [
        [0, 4.1],
        [0.4, 4.3],
        [1, 5.6],
      ],
      early_involvement: [
        [0, 2.7],
        [0.38, 3.0],
        [0.55, 4.6],
        [1, 5.6],
      ],
      psychological_safety: [
        [0, 4.0],
        [0.4, 4.2],
        [1, 5.7],
      ],
      shared_outcomes: [
        [0, 3.5],
        [0.4, 3.8],
        [1, 5.6],
      ],
    },
    lean: {
      product_values_technical: {
        product: [
          [0, 1.4],
          [0.5, 0.8],
          [1, 0.2],
        ],
        engineering: [
          [0, -0.6],
          [1, -0.1],
        ],
      },
      engineering_engages_product: {
        engineering: [
          [0, 0.5],
          [1, 0.1],
        ],
        product: [
          [0, -0.3],
          [1, 0],
        ],
      },
    },
    comments: [
      {
        until: 0.38,
        lines: [
          'We get specs, not problems. By the time we see the work the solution is already decided.',
          'I asked why we are building the dashboard and was told the roadmap is locked.',
          'Feels like engineering is a delivery function here.',
          'Specs are long and still miss what users actually do.',
          'I would love to hear a user call before we estimate anything.',
        ],
      },
      {
        until: 1,
        lines: [
          'Joining the user calls changed how I estimate. Half of what we were going to build was not needed.',
          'The three-number email was the best thing we shipped this year, and it took two days.',
          'Kickoffs now start with the problem. Big difference.',
          'Still some old habits when deadlines get tight, but we talk about it openly.',
          'Specs are a page now. We fill in the rest together.',
          'Good to disagree with the PM and have it land.',
        ],
      },
    ],
  },
  {
    name: 'Checkout',
    blurb: 'A steady, healthy team. Its discipline split stays hidden: one designer would be identifiable from the remainder.',
    members: [
      { discipline: 'product', count: 2 },
      { discipline: 'engineering', count: 6 },
      { discipline: 'design', count: 1 },
    ],
    participation: 0.88,
    levels: {
      product_values_technical: flat(5.8),
      engineering_engages_product: flat(5.6),
      early_involvement: flat(5.5),
      psychological_safety: flat(6.0),
      shared_outcomes: flat(5.9),
    },
    lean: {},
    comments: [
      {
        until: 1,
        lines: [
          'Good sprint. We cut scope together when the payment provider changed their API.',
          'Design, product and eng were all on the customer calls this time.',
          'Nothing to add, things are working.',
        ],
      },
    ],
  },
  {
    name: 'Platform',
    blurb:
      'Engineering-heavy. Product values technical input, but engineers treat product thinking as "not my job": engineers rate their own engagement far above how product sees it.',
    members: [
      { discipline: 'product', count: 6 },
      { discipline: 'engineering', count: 8 },
    ],
    participation: 0.88,
    levels: {
      product_values_technical: flat(5.3),
      engineering_engages_product: [
        [0, 3.0],
        [1, 3.3],
      ],
      early_involvement: flat(4.6),
      psychological_safety: flat(5.0),
      shared_outcomes: [
        [0, 3.8],
        [1, 4.0],
      ],
    },
    lean: {
      engineering_engages_product: { engineering: flat(1.4), product: flat(-0.5) },
    },
    comments: [
      {
        until: 1,
        lines: [
          'Product stuff is the PM’s job, I want to focus on the migration.',
          'We build what is asked; if it is the wrong thing that is on product.',
          'Would be nice if engineers came to even one discovery session.',
          'Tickets are clear enough, I do not need the user context.',
        ],
      },
    ],
  },
  {
    name: 'Growth',
    blurb: 'Healthy until a reorganisation in early summer brought a top-down roadmap; respect erodes and the team slides into deficit.',
    members: [
      { discipline: 'product', count: 6 },
      { discipline: 'engineering', count: 6 },
    ],
    participation: 0.87,
    levels: {
      product_values_technical: [
        [0, 5.6],
        [0.55, 5.5],
        [0.72, 4.3],
        [1, 3.6],
      ],
      engineering_engages_product: [
        [0, 5.4],
        [0.55, 5.3],
        [1, 4.3],
      ],
      early_involvement: [
        [0, 5.3],
        [0.55, 5.1],
        [0.72, 4.0],
        [1, 3.2],
      ],
      psychological_safety: [
        [0, 5.6],
        [0.6, 5.4],
        [1, 4.2],
      ],
      shared_outcomes: [
        [0, 5.5],
        [0.55, 5.4],
        [1, 4.0],
      ],
    },
    lean: {
      product_values_technical: {
        product: [
          [0, 0.25],
          [0.55, 0.25],
          [1, 0.8],
        ],
        engineering: [
          [0, -0.15],
          [0.55, -0.15],
          [1, -0.5],
        ],
      },
    },
    comments: [
      {
        until: 0.55,
        lines: ['Experiments are designed together and it shows.', 'Great quarter, the team owns the numbers.', 'Happy with how we plan.'],
      },
      {
        until: 1,
        lines: [
          'Since the reorg the roadmap arrives finished. We are asked how fast, not what for.',
          'Nobody asked engineering before committing to the launch date.',
          'I stopped raising concerns; they do not change anything.',
          'We used to run experiments together. Now we get tickets.',
        ],
      },
    ],
  },
  {
    name: 'Mobile',
    blurb: 'A four-person team: too small for any result to be shown without breaking anonymity, so every round says so.',
    members: [
      { discipline: 'product', count: 1 },
      { discipline: 'engineering', count: 3 },
    ],
    participation: 0.9,
    levels: {
      product_values_technical: flat(5.0),
      engineering_engages_product: flat(5.0),
      early_involvement: flat(4.8),
      psychological_safety: flat(5.2),
      shared_outcomes: flat(5.0),
    },
    lean: {},
    comments: [{ until: 1, lines: ['Small team, we talk every day.'] }],
  },
]
