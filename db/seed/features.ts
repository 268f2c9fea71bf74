// The demo's feature log and autopsies: about forty features across the year
// and ten autopsies, written through the models so that classification, the
// month rollups and the respect gate hold exactly as they would in use.
// Times are fractions of the seeded year (t = 0 a year ago, t = 1 now).
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Database } from '../client.server'
import { notifications, rounds } from '../schema'
import type { ActionStatus } from '~/domain/autopsy-lifecycle'
import type { Discipline } from '~/domain/disciplines'
import type { FactorKey } from '~/domain/factors'
import type { ActionKind, GateState } from '~/domain/respect-gate'
import type { StageKey } from '~/domain/stages'
import { ANY_RESPONDENT } from '~/domain/round-results'
import { openAutopsy, publishAutopsy, revealPerspectives, startCollecting } from '~/models/autopsies/lifecycle.server'
import { addPerspective, setShowNames } from '~/models/autopsies/perspectives.server'
import { getTimeline } from '~/models/autopsies/reads.server'
import {
  addActionItem,
  addCustomFactor,
  saveHindsight,
  saveTimeline,
  setActionStatus,
  setFactors,
  updateMismatch,
} from '~/models/autopsies/sections.server'
import { getRespectSnapshots } from '~/models/autopsies/snapshots.server'
import { createFeature, type FeatureInput } from '~/models/features.server'
import type { Rng } from './random'

export type SeedMember = { userId: string; discipline: Discipline; role: 'member' | 'facilitator'; demo?: boolean }
export type SeedTeam = { id: string; name: string; members: SeedMember[] }

/** A person on the team: the i-th member of a discipline, in the order seed-demo created them (the demo logins come first). */
type Ref = { d: Discipline; i: number }

type AutopsySeed = {
  /** when it was published (or, if it is still collecting, opened) */
  at: number
  stage: 'published' | 'collecting'
  /** publish on a day when the team's latest pulse showed a respect deficit */
  inDeficit?: boolean
  mismatch: { askedFor: string; specified: string; built: string; needed: string }
  origin?: StageKey
  notes?: Partial<Record<StageKey, string>>
  design?: StageKey[]
  perspectives: { by: Ref; origin: StageKey | null; body: string }[]
  factors?: FactorKey[]
  custom?: string[]
  hindsight?: { solution: string; days: number }
  actions?: { kind: ActionKind; title: string; owner: Ref; due: number; status?: ActionStatus; statusAt?: number }[]
  override?: string
  showNames?: boolean
}

type FeatureSeed = Omit<FeatureInput, 'startedOn' | 'shippedOn' | 'spec'> & {
  from: number
  to: number
  /** calendar days from start to ship, when `to` is too coarse (the two-day email) */
  span?: number
  spec: FeatureInput['spec'] | number
  autopsy?: AutopsySeed
}

const EMAIL_SPEC = `Monday metrics email: one page

The user problem (Y): account owners cannot tell on a Monday morning whether their teams used the product last week. On six user calls they named the same three numbers: active seats, reports opened, and alerts resolved. They check them every week and forward them to their managers. Today they rebuild them by hand from the usage page, which is slow and sometimes wrong.

What we will build: an automated email every Monday at 08:00 in the owner's time zone, with the three numbers for last week and the change from the week before. Plain text and simple HTML, no charts. One link to the usage page for anyone who wants more.

Reliability first: the numbers come from the nightly rollup that already feeds the usage page. If the rollup has not finished, the email waits an hour and tries again, and says so rather than sending a wrong number. We alert ourselves when a send fails.

Out of scope: a dashboard, custom metrics, filters, exports. We revisit after four weeks if owners ask for more.

How we will know it worked: by week four, at least half of account owners open it, and support tickets asking where to find usage numbers drop.

Open questions: which time zone for owners whose teams span regions (proposal: the owner's own); one-click unsubscribe per person.

Written together by product and the two engineers who were on the calls.`

const INSIGHTS: FeatureSeed[] = [
  {
    name: 'Scheduled PDF reports',
    problem: 'Account owners forward usage numbers to their managers every month and rebuild them by hand.',
    ask: 'Send us reports',
    spec: 4200,
    engineeringJoinedStage: 'handoff',
    question: 'how_fast',
    plannedDays: 15,
    actualDays: 22,
    from: 0.02,
    to: 0.12,
    shippedAs: 'as_planned',
    outcome: 'not_what_we_asked',
    autopsy: {
      at: 0.2,
      stage: 'published',
      inDeficit: true,
      mismatch: {
        askedFor: 'Send us reports',
        specified:
          'Monthly PDF reports with fourteen charts, configurable by the account owner, emailed on the first of the month (8 pages).',
        built: 'Exactly that: a report scheduler and a fourteen-chart PDF renderer.',
        needed: 'The two numbers owners forward to their managers each month, in a form they can paste into their own update.',
      },
      origin: 'spec',
      notes: {
        discovery: 'Sales notes from three renewals; nobody from the team was on the calls.',
        spec: 'Eight pages, written alone, modelled on a competitor’s PDF.',
        handoff: 'Engineering first saw the work here, with a date.',
        feedback: 'Nobody opened the PDFs after the second month.',
      },
      perspectives: [
        {
          by: { d: 'product', i: 1 },
          origin: 'framing',
          body: 'Sales told us three big accounts wanted “reports”. I wrote the spec from the sales notes and a competitor’s PDF, and tried to cover every chart anyone might want so we would not have to come back to it. Engineering estimated it and built it well. Nobody opened the PDFs after the second month.',
        },
        {
          by: { d: 'engineering', i: 2 },
          origin: 'spec',
          body: 'We got an eight-page spec and a date. I asked who reads these PDFs and was told that was decided. The renderer took most of the time, and half the charts needed data we did not keep. If I had heard one customer say what they do with the report, I would have suggested a CSV with the two numbers.',
        },
        {
          by: { d: 'engineering', i: 0 },
          origin: 'spec',
          body: 'The spec was the first time I heard of the feature. It was clear and detailed, so we built it. Nothing in it said what problem the report solved, and I did not think it was my place to ask.',
        },
      ],
      factors: ['spec_as_handoff', 'second_hand_needs', 'spec_over_documented', 'how_fast_framing'],
      hindsight: {
        solution:
          'A monthly CSV with the two numbers owners forward, attached to the usage email we already send: 3 days vs 22 days spent.',
        days: 3,
      },
      actions: [
        {
          kind: 'respect',
          title: 'PM shares the user problem (Y) with engineering before writing any spec',
          owner: { d: 'product', i: 0 },
          due: 0.26,
          status: 'done',
          statusAt: 0.3,
        },
        {
          kind: 'process',
          title: 'Spec template gains a “what users said, in their words” section',
          owner: { d: 'product', i: 1 },
          due: 0.24,
          status: 'done',
          statusAt: 0.23,
        },
      ],
    },
  },
  {
    name: 'Report builder: custom filters',
    problem: 'Regional managers cannot see their own region in reports.',
    ask: 'Let us filter reports by region',
    spec: 3100,
    engineeringJoinedStage: 'build',
    question: 'how_fast',
    plannedDays: 8,
    actualDays: 11,
    from: 0.06,
    to: 0.14,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'Account analytics dashboard',
    problem: 'Account owners cannot tell each Monday whether their teams are actually using the product.',
    ask: 'Better analytics',
    spec: 5800,
    engineeringJoinedStage: 'handoff',
    question: 'how_fast',
    plannedDays: 30,
    actualDays: 40,
    from: 0.12,
    to: 0.3,
    shippedAs: 'as_planned',
    outcome: 'not_what_we_asked',
    autopsy: {
      at: 0.36,
      stage: 'published',
      inDeficit: true,
      mismatch: {
        askedFor: 'Better analytics',
        specified:
          'A reporting dashboard: eleven charts, date-range and segment filters, drill-down by team, saved views and export (12 pages, 5,800 words).',
        built: 'The dashboard as specified, in 40 days instead of the 30 planned.',
        needed: 'Three numbers every Monday (active seats, reports opened, alerts resolved), delivered reliably, without having to log in.',
      },
      origin: 'framing',
      notes: {
        discovery: 'Renewal calls, product only. “Better analytics” came up on every one.',
        framing: 'The ask was taken as the solution: a dashboard, because competitors sell one.',
        spec: 'Twelve pages, written alone so engineering “would have no gaps”.',
        handoff: 'Engineering asked “how fast can you build this?” on the day of the handoff.',
        feedback: 'An owner on a call opened the dashboard, read three numbers off it and closed it.',
      },
      perspectives: [
        {
          by: { d: 'product', i: 0 },
          origin: 'framing',
          body: '“Better analytics” came up on every renewal call. I took it as a request for a dashboard because that is what our competitors sell, and I wrote the most complete spec I could so that engineering would have no gaps. Looking back, I never asked an owner what they would do with the numbers. I did not invite engineering to the calls either; it felt like a waste of their time.',
        },
        {
          by: { d: 'product', i: 2 },
          origin: 'framing',
          body: 'The roadmap said “analytics dashboard” before discovery started. Discovery was about which charts, never about whether charts.',
        },
        {
          by: { d: 'engineering', i: 0 },
          origin: 'framing',
          body: 'I read the spec on the day of the handoff and was asked how fast we could build it. I asked to listen to a recording of a user call and was told the spec already covered it. When I finally joined a call after launch, the owner opened our dashboard, read three numbers off it and closed it. Those three numbers were the whole feature they needed.',
        },
        {
          by: { d: 'engineering', i: 3 },
          origin: 'handoff',
          body: 'Two of the eleven charts needed a new event pipeline, which is where the extra ten days went. Nobody asked whether those two charts were worth a pipeline, and we did not offer an opinion.',
        },
      ],
      factors: [
        'solution_in_the_ask',
        'eng_absent_user_calls',
        'how_fast_framing',
        'spec_as_handoff',
        'spec_over_documented',
        'cheaper_solution_late',
      ],
      hindsight: { solution: 'An automated email with the three numbers users check: 2 days vs 40 days spent.', days: 2 },
      actions: [
        {
          kind: 'respect',
          title: 'Engineers join the next three user calls',
          owner: { d: 'engineering', i: 0 },
          due: 0.42,
          status: 'done',
          statusAt: 0.4,
        },
        {
          kind: 'respect',
          title: 'PM asks “what could we build to solve Y?” in the kickoff, before any solution is named',
          owner: { d: 'product', i: 0 },
          due: 0.45,
          status: 'done',
          statusAt: 0.44,
        },
        {
          kind: 'process',
          title: 'Specs start at one page; detail is added together after the kickoff',
          owner: { d: 'product', i: 2 },
          due: 0.5,
          status: 'done',
          statusAt: 0.55,
        },
        {
          kind: 'process',
          title: 'Each quarter, five owners tell us which numbers they still use',
          owner: { d: 'product', i: 1 },
          due: 1.06,
          status: 'open',
        },
      ],
    },
  },
  {
    name: 'Cohort retention chart',
    problem: 'Customer success cannot see which signup months churn first.',
    ask: 'Show retention by cohort',
    spec: 4600,
    engineeringJoinedStage: 'handoff',
    question: 'how_fast',
    plannedDays: 12,
    actualDays: 18,
    from: 0.22,
    to: 0.32,
    shippedAs: 'differently',
    changeWhat: 'Weekly cohorts were cut; monthly only.',
    changeWhy: 'The weekly query was too slow on the existing tables.',
    upsetDisciplines: ['product'],
    outcome: 'not_what_we_asked',
  },
  {
    name: 'Data freshness banner',
    problem: 'Owners see yesterday’s numbers and think they are wrong.',
    ask: 'Numbers look wrong sometimes',
    spec: 3000,
    engineeringJoinedStage: 'review',
    question: 'how_fast',
    plannedDays: 4,
    actualDays: 6,
    from: 0.31,
    to: 0.36,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    // The turning point: the same ask, and this time the engineers had been on the calls.
    name: 'Monday metrics email',
    problem:
      'Account owners cannot tell on a Monday morning whether their teams used the product last week; they want three numbers they can trust.',
    ask: 'Better analytics: a reporting dashboard',
    spec: { text: EMAIL_SPEC },
    engineeringJoinedStage: 'discovery',
    question: 'what_could',
    plannedDays: 40,
    actualDays: 2,
    from: 0.405,
    to: 0.405,
    span: 2,
    shippedAs: 'differently',
    changeWhat:
      'An automated Monday email with three numbers (active seats, reports opened, alerts resolved) instead of the reporting dashboard the PM had started to spec.',
    changeWhy:
      'The engineers who sat in on the user calls heard that owners check three specific numbers every week and want them delivered reliably, not a dashboard to explore.',
    upsetDisciplines: [],
    outcome: 'fine',
  },
  {
    name: 'Metric drop alerts',
    problem: 'Owners find out a team stopped using the product weeks too late.',
    ask: 'Tell us when something breaks',
    spec: 420,
    engineeringJoinedStage: 'framing',
    question: 'what_could',
    plannedDays: 5,
    actualDays: 4,
    from: 0.48,
    to: 0.52,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'Per-team numbers in the Monday email',
    problem: 'Owners of large accounts need to see which team a drop comes from.',
    ask: 'Can we see it per team?',
    spec: 300,
    engineeringJoinedStage: 'discovery',
    question: 'what_could',
    plannedDays: 3,
    actualDays: 3,
    from: 0.56,
    to: 0.59,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'Usage export for BI tools',
    problem: 'Analysts at large accounts combine our usage data with their own in a BI tool.',
    ask: 'Give us an API for everything',
    spec: 650,
    engineeringJoinedStage: 'ideation',
    question: 'what_could',
    plannedDays: 10,
    actualDays: 7,
    from: 0.62,
    to: 0.7,
    shippedAs: 'differently',
    changeWhat: 'A nightly CSV drop to the customer’s bucket instead of a full query API.',
    changeWhy: 'Four of the five analysts we spoke to load files nightly anyway.',
    upsetDisciplines: [],
    outcome: 'fine',
  },
  {
    name: 'Saved views',
    problem: 'Owners set the same filters on the usage page every time.',
    ask: 'Remember my filters',
    spec: 380,
    engineeringJoinedStage: 'spec',
    question: 'what_could',
    plannedDays: 4,
    actualDays: 5,
    from: 0.74,
    to: 0.78,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'Board-pack export',
    problem: 'A customer’s finance team prepares quarterly board slides from our usage data.',
    ask: 'Quarterly board slides from the data',
    spec: 3200,
    engineeringJoinedStage: 'handoff',
    question: 'how_fast',
    plannedDays: 8,
    actualDays: 12,
    from: 0.84,
    to: 0.9,
    shippedAs: 'as_planned',
    outcome: 'not_what_we_asked',
    // Left collecting for the demo facilitator (pm@) to continue: the demo logins have not written theirs.
    autopsy: {
      at: 0.94,
      stage: 'collecting',
      mismatch: {
        askedFor: 'Quarterly board slides from the data',
        specified: 'A slide export with our standard nine charts and the customer’s logo.',
        built: 'As specified, on time for the customer’s board meeting.',
        needed: '',
      },
      perspectives: [
        {
          by: { d: 'product', i: 3 },
          origin: 'framing',
          body: 'The CFO of our largest customer asked for it on a Friday, two weeks before their board meeting. We skipped the user call and wrote the spec from his email. It was the right call for the deadline; maybe not for the feature.',
        },
        {
          by: { d: 'engineering', i: 1 },
          origin: 'spec',
          body: 'This one felt like last year: a long spec, a date, “how fast?”. We built it on time. Then the customer said the board wants their own metrics on the slides, not our nine charts.',
        },
        {
          by: { d: 'engineering', i: 4 },
          origin: null,
          body: 'I thought we had agreed to talk to the user first even when it is urgent. I did not raise it, because it seemed settled by the time I saw it.',
        },
      ],
    },
  },
]

const CHECKOUT: FeatureSeed[] = [
  {
    name: 'Apple Pay',
    problem: 'Mobile buyers abandon the basket at card entry.',
    ask: 'Add Apple Pay',
    spec: 700,
    engineeringJoinedStage: 'framing',
    question: 'what_could',
    plannedDays: 10,
    actualDays: 12,
    from: 0.04,
    to: 0.12,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'Guest checkout',
    problem: 'First-time buyers leave when asked to create an account.',
    ask: 'Let people buy without an account',
    spec: 900,
    engineeringJoinedStage: 'discovery',
    question: 'what_could',
    plannedDays: 12,
    actualDays: 11,
    from: 0.1,
    to: 0.2,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'Address autocomplete',
    problem: 'Buyers cannot complete the shipping form.',
    ask: 'Fix addresses: support keeps getting complaints',
    spec: 1100,
    engineeringJoinedStage: 'spec',
    question: 'what_could',
    plannedDays: 6,
    actualDays: 8,
    from: 0.22,
    to: 0.3,
    shippedAs: 'as_planned',
    outcome: 'not_what_we_asked',
    autopsy: {
      at: 0.36,
      stage: 'published',
      showNames: true,
      mismatch: {
        askedFor: 'Fix addresses: support keeps getting complaints',
        specified: 'Postcode lookup and street autocomplete on the shipping form.',
        built: 'As specified, tested with UK and US addresses.',
        needed: 'International buyers needed free-form address lines: the complaints came from buyers whose addresses the form rejected.',
      },
      origin: 'discovery',
      design: ['discovery', 'framing', 'ideation', 'spec', 'review'],
      notes: {
        discovery: 'A weekly support summary (“address complaints up 30%”), not the tickets themselves.',
        review: 'Tested with colleagues, all with UK or US addresses.',
      },
      perspectives: [
        {
          by: { d: 'product', i: 0 },
          origin: 'discovery',
          body: 'We heard about it through the weekly support summary: “address complaints up 30%”. We designed the fix together, all three disciplines, but for the problem we imagined rather than the one in the tickets.',
        },
        {
          by: { d: 'engineering', i: 0 },
          origin: 'discovery',
          body: 'We were in the room from the start and still missed it. None of us read the actual tickets; most of them were from Norway and Japan, where our validation rejected perfectly good addresses.',
        },
        {
          by: { d: 'engineering', i: 2 },
          origin: 'review',
          body: 'Our test addresses were our own. One international address in the review would have shown it.',
        },
      ],
      factors: ['second_hand_needs', 'no_early_check', 'unclear_user_problem'],
      hindsight: { solution: 'Read twenty tickets together, then relax the validation for addresses outside the UK and US.', days: 2 },
      actions: [
        {
          kind: 'process',
          title: 'Show a clickable prototype to five real buyers, two of them abroad, before build',
          owner: { d: 'product', i: 1 },
          due: 0.45,
          status: 'done',
          statusAt: 0.42,
        },
        {
          kind: 'process',
          title: 'Support shares ten raw tickets with the squad each fortnight, not a summary',
          owner: { d: 'product', i: 0 },
          due: 0.5,
          status: 'done',
          statusAt: 0.47,
        },
      ],
    },
  },
  {
    name: 'Payment provider API migration',
    problem: 'The payment provider retires its v1 API; payments would stop.',
    ask: 'Move to the provider’s v2 API before the cut-off',
    spec: 1500,
    engineeringJoinedStage: 'framing',
    question: 'what_could',
    plannedDays: 15,
    actualDays: 18,
    from: 0.33,
    to: 0.45,
    shippedAs: 'differently',
    changeWhat: 'Stored-card migration moved to a second release.',
    changeWhy: 'The provider changed their API mid-way; product and engineering cut scope together.',
    upsetDisciplines: [],
    outcome: 'fine',
  },
  {
    name: 'Saved cards',
    problem: 'Returning buyers type their card details every time.',
    ask: 'Remember my card',
    spec: 800,
    engineeringJoinedStage: 'ideation',
    question: 'what_could',
    plannedDays: 8,
    actualDays: 9,
    from: 0.48,
    to: 0.56,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'Order confirmation redesign',
    problem: 'Buyers email support to ask whether their order went through.',
    ask: 'Make the confirmation clearer',
    spec: 500,
    engineeringJoinedStage: 'discovery',
    question: 'what_could',
    plannedDays: 5,
    actualDays: 5,
    from: 0.58,
    to: 0.64,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'Buy now, pay later',
    problem: 'Larger baskets are abandoned at the payment step.',
    ask: 'Add instalments like our competitors',
    spec: 1200,
    engineeringJoinedStage: 'framing',
    question: 'how_fast',
    plannedDays: 10,
    actualDays: 14,
    from: 0.68,
    to: 0.78,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'One-page checkout',
    problem: 'Each extra step loses buyers on mobile.',
    ask: 'Fewer steps',
    spec: 900,
    engineeringJoinedStage: 'discovery',
    question: 'what_could',
    plannedDays: 12,
    actualDays: 10,
    from: 0.82,
    to: 0.92,
    shippedAs: 'differently',
    changeWhat: 'Two steps instead of one: tax needs the address first.',
    changeWhy: 'Found together in the first prototype test.',
    upsetDisciplines: [],
    outcome: 'fine',
  },
]

const PLATFORM: FeatureSeed[] = [
  {
    name: 'SSO with Okta',
    problem: 'Enterprise IT teams will not roll us out without single sign-on.',
    ask: 'Enterprise customers need SSO',
    spec: 2400,
    engineeringJoinedStage: 'handoff',
    question: 'how_fast',
    plannedDays: 15,
    actualDays: 16,
    from: 0.03,
    to: 0.13,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'Audit log',
    problem: 'Admins at regulated customers must show auditors who changed permissions, and when.',
    ask: 'We need an audit log for compliance',
    spec: 2800,
    engineeringJoinedStage: 'spec',
    question: 'what_could',
    plannedDays: 20,
    actualDays: 26,
    from: 0.15,
    to: 0.3,
    shippedAs: 'as_planned',
    outcome: 'not_what_we_asked',
    autopsy: {
      at: 0.38,
      stage: 'published',
      inDeficit: true,
      mismatch: {
        askedFor: 'We need an audit log for compliance',
        specified: 'Record every change to permissions and settings, with who and when, searchable by admins.',
        built: 'An append-only log of every API call (about 40 million rows a month), readable through an internal endpoint.',
        needed: 'A readable history of permission changes in the admin screen that an auditor can export for a date range.',
      },
      origin: 'framing',
      notes: {
        discovery: 'Two engineers invited to the sessions with compliance leads; neither came.',
        spec: 'Engineering joined here and built exactly the ticket.',
        review: 'Nobody walked through it as an auditor would.',
      },
      perspectives: [
        {
          by: { d: 'product', i: 0 },
          origin: 'framing',
          body: 'I invited two engineers to the discovery sessions with the compliance leads; neither came, they were on the migration. The ticket said “who changed what, when”. What came back logs every API call and has no screen.',
        },
        {
          by: { d: 'engineering', i: 0 },
          origin: 'spec',
          body: 'The ticket said log every change. Logging every API call was the robust way to guarantee that. How auditors would read it was a product question; I assumed a screen would be a separate ticket.',
        },
        {
          by: { d: 'engineering', i: 1 },
          origin: 'framing',
          body: 'Honestly, I do not go to discovery sessions. I think my time is better spent on the build. This time that cost us three weeks.',
        },
      ],
      factors: ['eng_absent_user_calls', 'no_success_measure', 'no_early_check'],
      custom: ['Engineers treat user context as product’s job'],
      hindsight: { solution: 'A permission-change history table and one admin screen with a CSV export.', days: 6 },
      override:
        'The compliance customer renews next month and needs the fix from this autopsy now. The respect gap here is on the engineering side and the Platform lead is taking it to the engineering offsite, rather than as an action item from one autopsy.',
      actions: [
        {
          kind: 'process',
          title: 'Acceptance criteria quote the user’s own words',
          owner: { d: 'product', i: 1 },
          due: 0.45,
          status: 'open',
        },
        {
          kind: 'process',
          title: 'Add an auditor walkthrough to the review stage',
          owner: { d: 'engineering', i: 2 },
          due: 0.5,
          status: 'done',
          statusAt: 0.52,
        },
      ],
    },
  },
  {
    name: 'Background job retries',
    problem: 'Failed exports disappear silently.',
    ask: 'Retry failed jobs',
    spec: 1800,
    engineeringJoinedStage: 'build',
    question: 'how_fast',
    plannedDays: 6,
    actualDays: 7,
    from: 0.25,
    to: 0.32,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'Public API rate limits',
    problem: 'One customer’s script slows the API for everyone.',
    ask: 'Rate-limit the API',
    spec: 2200,
    engineeringJoinedStage: 'handoff',
    question: 'how_fast',
    plannedDays: 10,
    actualDays: 12,
    from: 0.36,
    to: 0.45,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'Webhooks v2',
    problem: 'Customers integrating payments miss order events and reconcile by hand.',
    ask: 'Webhooks for every event',
    spec: 3500,
    engineeringJoinedStage: 'handoff',
    question: 'how_fast',
    plannedDays: 18,
    actualDays: 25,
    from: 0.45,
    to: 0.6,
    shippedAs: 'as_planned',
    outcome: 'not_what_we_asked',
    autopsy: {
      at: 0.68,
      stage: 'published',
      inDeficit: true,
      mismatch: {
        askedFor: 'Webhooks for every event',
        specified: 'Webhook subscriptions for all 64 event types, with a settings page.',
        built: 'All 64 event types, delivered at most once, with no retries.',
        needed: 'Three events (order paid, refunded, cancelled) delivered reliably, with retries and a replay button.',
      },
      origin: 'handoff',
      notes: {
        handoff: 'Engineering first saw the ticket here; no questions about which events mattered.',
        launch: 'The first provider outage lost a day of events for two customers.',
      },
      perspectives: [
        {
          by: { d: 'engineering', i: 2 },
          origin: 'handoff',
          body: 'The ticket listed 64 events, so we built 64. Nobody said which ones customers depend on, and I did not ask.',
        },
        {
          by: { d: 'product', i: 1 },
          origin: 'handoff',
          body: 'I listed every event because customers asked for “everything”. I expected engineering to push back on the scope and say what matters; that is what happens on other teams.',
        },
        {
          by: { d: 'engineering', i: 3 },
          origin: 'spec',
          body: 'Delivery guarantees were out of scope in the ticket. Looking back, anyone integrating payments needs them; I knew that and kept it to myself.',
        },
      ],
      factors: ['solution_in_the_ask', 'respect_deficit', 'eng_absent_user_calls'],
      hindsight: { solution: 'Reliable delivery with retries and replay for the three payment events.', days: 8 },
      actions: [
        {
          kind: 'respect',
          title: 'One engineer joins every discovery session this quarter, on a rota',
          owner: { d: 'engineering', i: 0 },
          due: 0.8,
          status: 'done',
          statusAt: 0.82,
        },
        {
          kind: 'respect',
          title: 'Engineering shares two cheaper options for every request before estimating the one asked for',
          owner: { d: 'engineering', i: 1 },
          due: 0.9,
          status: 'in_progress',
          statusAt: 0.75,
        },
        {
          kind: 'process',
          title: 'Ticket template links to the discovery notes',
          owner: { d: 'product', i: 0 },
          due: 0.75,
          status: 'done',
          statusAt: 0.74,
        },
      ],
    },
  },
  {
    name: 'Database upgrade',
    problem: 'The database version leaves support next spring.',
    ask: 'Upgrade PostgreSQL',
    spec: 900,
    engineeringJoinedStage: 'framing',
    question: 'what_could',
    plannedDays: 10,
    actualDays: 12,
    from: 0.55,
    to: 0.65,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'Sandbox environments',
    problem: 'Customers are afraid to test integrations against live data.',
    ask: 'Let customers test integrations safely',
    spec: 2600,
    engineeringJoinedStage: 'handoff',
    question: 'how_fast',
    plannedDays: 15,
    actualDays: 20,
    from: 0.66,
    to: 0.8,
    shippedAs: 'as_planned',
    outcome: 'not_what_we_asked',
  },
  {
    name: 'API keys per environment',
    problem: 'Developers use production keys in their test scripts.',
    ask: 'Test keys',
    spec: 600,
    engineeringJoinedStage: 'framing',
    question: 'what_could',
    plannedDays: 5,
    actualDays: 4,
    from: 0.84,
    to: 0.92,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
]

const GROWTH: FeatureSeed[] = [
  {
    name: 'Onboarding email sequence',
    problem: 'Trial users forget us after day two.',
    ask: 'Nurture trials',
    spec: 600,
    engineeringJoinedStage: 'discovery',
    question: 'what_could',
    plannedDays: 6,
    actualDays: 6,
    from: 0.03,
    to: 0.1,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'Referral programme',
    problem: 'Happy customers have no easy way to bring a colleague.',
    ask: 'Referrals',
    spec: 800,
    engineeringJoinedStage: 'framing',
    question: 'what_could',
    plannedDays: 10,
    actualDays: 11,
    from: 0.12,
    to: 0.22,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'Pricing page test',
    problem: 'Visitors cannot tell which plan fits them.',
    ask: 'Test a simpler pricing page',
    spec: 500,
    engineeringJoinedStage: 'discovery',
    question: 'what_could',
    plannedDays: 4,
    actualDays: 3,
    from: 0.25,
    to: 0.3,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'Trial extension experiment',
    problem: 'Teams evaluating us need more time to involve their IT department.',
    ask: 'Longer trials',
    spec: 450,
    engineeringJoinedStage: 'ideation',
    question: 'what_could',
    plannedDays: 3,
    actualDays: 4,
    from: 0.35,
    to: 0.42,
    shippedAs: 'differently',
    changeWhat: 'Extension on request from the trial banner, not for everyone.',
    changeWhy: 'Engineering suggested it in ideation; the experiment showed the same lift at a tenth of the cost.',
    upsetDisciplines: [],
    outcome: 'fine',
  },
  {
    name: 'In-app upgrade prompts',
    problem: 'Users hit plan limits without knowing an upgrade exists.',
    ask: 'Prompt upgrades at the limit',
    spec: 900,
    engineeringJoinedStage: 'spec',
    question: 'what_could',
    plannedDays: 6,
    actualDays: 7,
    from: 0.46,
    to: 0.54,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  // The reorganisation: from here the roadmap arrives finished.
  {
    name: 'Onboarding checklist redesign',
    problem: 'Too few trial users reach their first report.',
    ask: 'A new onboarding checklist by the end of the quarter',
    spec: 4200,
    engineeringJoinedStage: 'handoff',
    question: 'how_fast',
    plannedDays: 15,
    actualDays: 24,
    from: 0.58,
    to: 0.72,
    shippedAs: 'as_planned',
    outcome: 'not_what_we_asked',
    autopsy: {
      at: 0.8,
      stage: 'published',
      inDeficit: true,
      mismatch: {
        askedFor: 'A new onboarding checklist by the end of the quarter (from the leadership roadmap)',
        specified: 'A twelve-step checklist with a progress bar, badges and email nudges (8 pages).',
        built: 'As specified, three weeks late after scope was added twice during the build.',
        needed: 'New trial users needed to connect their first data source; the checklist buried that step at number seven.',
      },
      origin: 'framing',
      notes: {
        framing: 'The solution and the date arrived together in the new roadmap.',
        handoff: 'Engineering raised that step seven mattered most; the design was already signed off.',
        build: 'Scope grew twice from leadership review.',
      },
      perspectives: [
        {
          by: { d: 'engineering', i: 1 },
          origin: 'framing',
          body: 'We used to run these as experiments with product. This one arrived as a finished spec with a date already promised upstairs. When I said step seven was the one that matters, I was told the design was signed off.',
        },
        {
          by: { d: 'product', i: 0 },
          origin: 'framing',
          body: 'After the reorg the checklist came down as a roadmap commitment. I wrote the spec to match the slide I was given. I knew engineering had concerns, and I did not have the room to act on them.',
        },
        {
          by: { d: 'engineering', i: 2 },
          origin: 'handoff',
          body: 'Scope grew twice during the build, both times from a leadership review. Nobody asked us what the added steps would cost.',
        },
      ],
      factors: ['date_before_problem', 'concerns_not_heard', 'respect_deficit', 'how_fast_framing'],
      custom: ['Roadmap set above the team after the reorg'],
      hindsight: { solution: 'Move “connect a data source” to step one and send one nudge email.', days: 3 },
      override:
        'Our launch dates are set by the new roadmap and the team cannot change who is in planning from here. Publishing so the findings are on record; the facilitator is raising the respect gap with the VP directly.',
      actions: [
        {
          kind: 'process',
          title: 'Add a launch-readiness review before every release',
          owner: { d: 'product', i: 0 },
          due: 0.86,
          status: 'open',
        },
        {
          kind: 'process',
          title: 'One-page experiment brief template for every roadmap item',
          owner: { d: 'product', i: 2 },
          due: 0.9,
          status: 'in_progress',
          statusAt: 0.84,
        },
      ],
    },
  },
  {
    name: 'Annual plan discount banner',
    problem: 'Monthly customers churn at renewal time.',
    ask: 'Push annual plans',
    spec: 3600,
    engineeringJoinedStage: 'build',
    question: 'how_fast',
    plannedDays: 6,
    actualDays: 9,
    from: 0.7,
    to: 0.78,
    shippedAs: 'as_planned',
    outcome: 'not_what_we_asked',
    autopsy: {
      at: 0.86,
      stage: 'published',
      mismatch: {
        askedFor: 'Push annual plans',
        specified: 'A site-wide banner with a 20% annual discount and a countdown.',
        built: 'As specified.',
        needed: 'Monthly customers wanted to know they could switch to annual without losing their data; the banner did not answer that.',
      },
      origin: 'handoff',
      notes: { build: 'Engineering got the ticket at sprint planning.' },
      perspectives: [
        {
          by: { d: 'product', i: 3 },
          origin: 'framing',
          body: 'The target was “annual mix up 10 points”. The banner was the fastest thing that could ship before the quarter closed.',
        },
        {
          by: { d: 'engineering', i: 4 },
          origin: 'handoff',
          body: 'We saw it at sprint planning with the copy already written. Support could have told us in five minutes what customers were actually worried about.',
        },
      ],
      factors: ['solution_in_the_ask', 'no_success_measure', 'how_fast_framing'],
      hindsight: { solution: 'One line on the billing page: “Switch to annual any time; your data stays.”', days: 1 },
      actions: [
        {
          kind: 'respect',
          title: 'Engineering joins roadmap planning for Growth',
          owner: { d: 'engineering', i: 2 },
          due: 0.92,
          status: 'dropped',
          statusAt: 0.93,
        },
        {
          kind: 'process',
          title: 'Launch checklist for banners and promotions',
          owner: { d: 'product', i: 3 },
          due: 0.9,
          status: 'done',
          statusAt: 0.89,
        },
      ],
    },
  },
  {
    name: 'Usage-based pricing page',
    problem: 'Prospects cannot tell what they would pay under the new pricing.',
    ask: 'Launch usage-based pricing on the website',
    spec: 5000,
    engineeringJoinedStage: 'handoff',
    question: 'how_fast',
    plannedDays: 20,
    actualDays: 28,
    from: 0.78,
    to: 0.9,
    shippedAs: 'differently',
    changeWhat: 'The FAQ was cut to make the launch date.',
    changeWhy: 'The calculator took longer than estimated.',
    upsetDisciplines: ['product'],
    outcome: 'not_what_we_asked',
    autopsy: {
      at: 0.96,
      stage: 'published',
      inDeficit: true,
      mismatch: {
        askedFor: 'Launch usage-based pricing on the website',
        specified: 'A pricing page with an interactive usage calculator, a comparison table and an FAQ (10 pages).',
        built: 'The calculator and the table; the FAQ was cut to make the date.',
        needed: 'Prospects needed to see what they would pay at their current usage; the calculator asked for numbers they did not know.',
      },
      origin: 'spec',
      notes: {
        spec: 'Written in a week to meet the launch date.',
        handoff: 'Estimate asked for in the same meeting as the first read.',
      },
      perspectives: [
        {
          by: { d: 'product', i: 1 },
          origin: 'spec',
          body: 'The spec was written in a week to hit the launch. Engineering saw it at the kickoff and was asked for an estimate in the same meeting.',
        },
        {
          by: { d: 'engineering', i: 1 },
          origin: 'spec',
          body: 'We suggested pre-filling the calculator from the prospect’s trial usage. It was marked “phase two”, and phase two was never planned.',
        },
        {
          by: { d: 'engineering', i: 3 },
          origin: 'handoff',
          body: 'We shipped it differently (we cut the FAQ) and product was upset with us, though the date was not ours to set.',
        },
      ],
      factors: ['spec_as_handoff', 'how_fast_framing', 'date_before_problem', 'concerns_not_heard', 'cheaper_solution_late'],
      hindsight: {
        solution: 'Pre-fill the calculator from the prospect’s trial usage and show one number: your likely monthly bill.',
        days: 5,
      },
      actions: [
        {
          kind: 'respect',
          title: 'Engineers join the next three customer interviews',
          owner: { d: 'engineering', i: 1 },
          due: 1.04,
          status: 'open',
        },
        { kind: 'process', title: 'Add a sign-off step for pricing changes', owner: { d: 'product', i: 0 }, due: 0.98, status: 'open' },
        {
          kind: 'process',
          title: 'Weekly launch status report to leadership',
          owner: { d: 'product', i: 2 },
          due: 1.02,
          status: 'in_progress',
          statusAt: 0.98,
        },
      ],
    },
  },
]

const MOBILE: FeatureSeed[] = [
  {
    name: 'Notification preferences',
    problem: 'Users turn off all notifications because they cannot pick which.',
    ask: 'Fewer notifications',
    spec: 500,
    engineeringJoinedStage: 'discovery',
    question: 'what_could',
    plannedDays: 5,
    actualDays: 5,
    from: 0.05,
    to: 0.12,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'Dark mode',
    problem: 'Night-shift users find the app too bright.',
    ask: 'Dark mode',
    spec: 300,
    engineeringJoinedStage: 'ideation',
    question: 'what_could',
    plannedDays: 4,
    actualDays: 6,
    from: 0.18,
    to: 0.26,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'Offline mode',
    problem: 'Commuters cannot use the app on the train.',
    ask: 'The app is useless on the train',
    spec: 1400,
    engineeringJoinedStage: 'spec',
    question: 'how_fast',
    plannedDays: 20,
    actualDays: 30,
    from: 0.3,
    to: 0.46,
    shippedAs: 'differently',
    changeWhat: 'Offline reading for every screen; queued edits were cut.',
    changeWhy: 'Syncing edits on every screen would have taken months.',
    upsetDisciplines: ['product'],
    outcome: 'not_what_we_asked',
    autopsy: {
      at: 0.52,
      stage: 'published',
      mismatch: {
        askedFor: 'The app is useless on the train',
        specified: 'Full offline mode: every screen cached, every edit queued and synced.',
        built: 'Offline reading for every screen; queued edits were cut.',
        needed: 'Commuters needed today’s list and the ability to tick items off offline; syncing everything was never needed.',
      },
      origin: 'spec',
      notes: { spec: '“Full offline” taken from app-store reviews.', build: 'Edits cut to fit the estimate.' },
      perspectives: [
        {
          by: { d: 'product', i: 0 },
          origin: 'spec',
          body: 'I wrote “full offline” because that is what the app-store reviews said. I never asked a commuter what they do on the train.',
        },
        {
          by: { d: 'engineering', i: 0 },
          origin: 'spec',
          body: 'We said syncing every screen was months of work, and agreed to cut edits: the one thing commuters actually do.',
        },
      ],
      factors: ['unclear_user_problem', 'no_early_check', 'solution_in_the_ask'],
      hindsight: { solution: 'Cache today’s list and queue check-offs.', days: 6 },
      actions: [
        {
          kind: 'respect',
          title: 'Engineers join two commuter interviews before the next planning',
          owner: { d: 'engineering', i: 1 },
          due: 0.58,
          status: 'done',
          statusAt: 0.57,
        },
        {
          kind: 'process',
          title: 'Beta build to ten commuters before launch',
          owner: { d: 'product', i: 0 },
          due: 0.62,
          status: 'done',
          statusAt: 0.64,
        },
      ],
    },
  },
  {
    name: 'Biometric login',
    problem: 'Field staff share passwords because typing them is slow.',
    ask: 'Face ID',
    spec: 400,
    engineeringJoinedStage: 'framing',
    question: 'what_could',
    plannedDays: 6,
    actualDays: 5,
    from: 0.55,
    to: 0.62,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
  {
    name: 'Tablet layout',
    problem: 'Warehouse staff use tablets and the phone layout wastes the screen.',
    ask: 'Support iPad',
    spec: 700,
    engineeringJoinedStage: 'discovery',
    question: 'what_could',
    plannedDays: 10,
    actualDays: 12,
    from: 0.75,
    to: 0.86,
    shippedAs: 'as_planned',
    outcome: 'fine',
  },
]

const BY_TEAM: Record<string, { features: FeatureSeed[]; story: string }> = {
  Insights: { features: INSIGHTS, story: 'handoffs and misses until spring; the three-number email is the turning point.' },
  Checkout: { features: CHECKOUT, story: 'collaboration throughout; its one miss is published with process actions, unflagged.' },
  Platform: { features: PLATFORM, story: 'engineers built exactly the ticket; one autopsy published on an override.' },
  Growth: { features: GROWTH, story: 'collaborative until the reorg, then handoffs, misses and open process actions in deficit.' },
  Mobile: { features: MOBILE, story: 'small and steady; its autopsy publishes with the gate unable to tell.' },
}

const DAY_MS = 86_400_000

/**
 * Writes the feature log and autopsies for the demo teams. `db` is used only
 * for reads and to date the notifications an autopsy sends; every other write
 * goes through the models, which open their own transactions.
 */
export async function seedFeatures(
  db: Database,
  input: { workspaceId: string; adminId: string; teams: SeedTeam[]; now: Date; random: Rng },
) {
  const { workspaceId, now, random } = input
  const start = now.getTime() - 364 * DAY_MS
  const latest = now.getTime() - 60 * 60 * 1000
  /** A moment of the seeded year, on a working-hours time of that day. */
  const time = (t: number) => {
    const d = new Date(start + t * 364 * DAY_MS)
    d.setUTCHours(9 + Math.floor(random.next() * 8), Math.floor(random.next() * 60), 0, 0)
    return new Date(Math.min(d.getTime(), latest))
  }
  const dayOf = (date: Date) => date.toISOString().slice(0, 10)
  const day = (t: number) => dayOf(new Date(Math.min(start + t * 364 * DAY_MS, latest)))
  // Due dates may lie ahead: t > 1 is after today.
  const dueDay = (t: number) => dayOf(new Date(start + t * 364 * DAY_MS))

  const summary: string[] = []
  let featureCount = 0
  let autopsyCount = 0
  for (const team of input.teams) {
    const plan = BY_TEAM[team.name]
    if (!plan) continue
    const scope = { workspaceId, teamId: team.id }
    const person = (ref: Ref) => {
      const found = team.members.filter((m) => m.discipline === ref.d)[ref.i]
      if (!found) throw new Error(`seed: ${team.name} has no ${ref.d} member #${ref.i}`)
      return found
    }
    const facilitatorId = team.members.find((m) => m.role === 'facilitator')?.userId ?? input.adminId
    const made = { features: 0, handoffs: 0, missed: 0, published: 0, open: 0, overridden: 0 }
    for (const seed of plan.features) {
      const { from, to, span, autopsy, spec, ...rest } = seed
      const startedOn = day(from)
      const shippedOn = span === undefined ? day(to) : dayOf(new Date(start + from * 364 * DAY_MS + span * DAY_MS))
      const feature = await createFeature(
        { ...scope, userId: facilitatorId },
        {
          ...rest,
          spec: typeof spec === 'number' ? { words: spec, pages: Math.max(0.5, Math.round(spec / 250) / 2) } : spec,
          startedOn,
          shippedOn,
        },
      )
      made.features++
      if (feature.classification === 'handoff') made.handoffs++
      if (feature.outcome === 'not_what_we_asked') made.missed++
      if (!autopsy) continue

      const shippedAt = new Date(`${shippedOn}T12:00:00Z`).getTime()
      const earliestPublish = shippedAt + 12 * DAY_MS
      let publishAt = time(autopsy.at)
      if (autopsy.stage === 'published' && autopsy.inDeficit) {
        publishAt = (await deficitMoment(db, { ...scope, target: publishAt.getTime(), earliest: earliestPublish, latest })) ?? publishAt
      }
      const openedAt = new Date(Math.max(shippedAt + DAY_MS, publishAt.getTime() - 12 * DAY_MS))
      const collectingAt = new Date(openedAt.getTime() + DAY_MS)
      const revealedAt = new Date(Math.max(collectingAt.getTime() + DAY_MS, publishAt.getTime() - 3 * DAY_MS))

      const opened = await openAutopsy({ ...scope, featureId: feature.id, actorId: facilitatorId, at: openedAt })
      const here = { ...scope, autopsyId: opened.id }
      const actor = { ...here, actorId: facilitatorId }
      await updateMismatch(here, autopsy.mismatch)
      const href = `/teams/${team.id}/autopsies/${opened.id}/perspective`
      await startCollecting({ ...actor, at: collectingAt, href })
      const authors: string[] = []
      for (const p of autopsy.perspectives) {
        const author = person(p.by)
        await addPerspective(
          { ...here, author: { id: author.userId, discipline: author.discipline } },
          { body: p.body, originStage: p.origin },
        )
        authors.push(author.userId)
      }
      // The "write your perspective" notices belong to the day collecting began;
      // those who wrote (everyone, once revealed) have read theirs.
      await db
        .update(notifications)
        .set({ createdAt: collectingAt })
        .where(and(eq(notifications.workspaceId, workspaceId), eq(notifications.href, href)))
      const readBy = autopsy.stage === 'published' ? team.members.map((m) => m.userId) : authors
      if (readBy.length) {
        await db
          .update(notifications)
          .set({ readAt: autopsy.stage === 'published' ? revealedAt : collectingAt })
          .where(and(eq(notifications.workspaceId, workspaceId), eq(notifications.href, href), inArray(notifications.userId, readBy)))
      }
      if (autopsy.stage === 'collecting') {
        made.open++
        autopsyCount++
        continue
      }

      await revealPerspectives({ ...actor, at: revealedAt, confirmedWritten: new Set(authors).size })
      if (autopsy.showNames) await setShowNames(actor, true)
      const stages = await getTimeline(here)
      await saveTimeline(here, {
        failureOriginStage: autopsy.origin ?? null,
        stages: stages.map((s) => ({
          stage: s.stage,
          product: s.product,
          engineering: s.engineering,
          design: autopsy.design?.includes(s.stage) ?? false,
          startedOn: s.stage === 'build' ? startedOn : s.stage === 'launch' ? shippedOn : null,
          endedOn: s.stage === 'build' || s.stage === 'launch' ? shippedOn : null,
          note: autopsy.notes?.[s.stage] ?? '',
        })),
      })
      if (autopsy.factors) await setFactors(here, autopsy.factors)
      for (const label of autopsy.custom ?? []) await addCustomFactor(here, label)
      if (autopsy.hindsight) await saveHindsight(here, autopsy.hindsight)
      const items: { id: string; status?: ActionStatus; statusAt?: number }[] = []
      for (const a of autopsy.actions ?? []) {
        const row = await addActionItem(here, { kind: a.kind, title: a.title, ownerId: person(a.owner).userId, dueOn: dueDay(a.due) })
        items.push({ id: row.id, status: a.status, statusAt: a.statusAt })
      }
      const published = await publishAutopsy({ ...actor, at: publishAt }, { overrideReason: autopsy.override ?? null })
      made.published++
      autopsyCount++
      if (published.overrideReason) made.overridden++
      for (const item of items) {
        if (!item.status || item.status === 'open') continue
        const at = new Date(Math.max(publishAt.getTime() + 60_000, time(item.statusAt ?? autopsy.at).getTime()))
        await setActionStatus(
          { ...scope, actionId: item.id, actor: { id: facilitatorId, access: 'facilitate' }, at: new Date(Math.min(at.getTime(), latest)) },
          item.status,
        )
      }
    }
    featureCount += made.features
    summary.push(
      `  ${team.name.padEnd(9)} ${made.features} features (${made.handoffs} handoffs, ${made.missed} missed), ${made.published + made.open} ${made.published + made.open === 1 ? 'autopsy' : 'autopsies'} (${made.published} published${made.overridden ? `, ${made.overridden} on an override` : ''}${made.open ? `, ${made.open} collecting` : ''}): ${plan.story}`,
    )
  }
  return { features: featureCount, autopsies: autopsyCount, summary }
}

/**
 * A moment shortly after one of the team's rounds closed in respect deficit,
 * as near `target` as possible and inside [earliest, latest]; null when the
 * pulse never showed a deficit there. The seed's pulse history is generated,
 * so the day is looked up rather than assumed.
 */
async function deficitMoment(
  db: Database,
  scope: { workspaceId: string; teamId: string; target: number; earliest: number; latest: number },
) {
  const closed = await db
    .select({ closesAt: rounds.closesAt })
    .from(rounds)
    .where(and(eq(rounds.workspaceId, scope.workspaceId), eq(rounds.teamId, scope.teamId), eq(rounds.status, 'closed')))
    .orderBy(asc(rounds.closesAt))
  // A day after the round closed, well before the next one (rounds are a fortnight apart).
  const candidates = closed
    .map((r) => r.closesAt.getTime() + DAY_MS)
    .filter((t) => t >= scope.earliest && t <= scope.latest)
    .sort((a, b) => Math.abs(a - scope.target) - Math.abs(b - scope.target))
  for (const candidate of candidates) {
    const at = new Date(candidate)
    const { latest } = await getRespectSnapshots({ ...scope, startedOn: null, at, viewerId: ANY_RESPONDENT, audience: 'team' })
    const state: GateState = latest?.status.status ?? 'unknown'
    if (state === 'deficit') return at
  }
  return null
}
