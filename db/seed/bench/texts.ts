// Words the generator draws from: names, asks, comments and autopsy prose.
// Plain enough to read like a real company's log, varied enough that pages
// and searches do not see one string repeated a thousand times.
import type { Discipline } from '~/domain/disciplines'
import type { StageKey } from '~/domain/stages'

export const FIRST = [
  'Sam',
  'Noor',
  'Jonas',
  'Mei',
  'Tomás',
  'Ada',
  'Ravi',
  'Lea',
  'Kofi',
  'Ines',
  'Marta',
  'Yuki',
  'Omar',
  'Sofia',
  'Ben',
  'Hana',
  'Luca',
  'Zara',
  'Ivan',
  'Chloe',
  'Arjun',
  'Maya',
  'Felix',
  'Aiko',
  'Diego',
  'Elif',
  'Nils',
  'Rosa',
  'Theo',
  'Wen',
  'Priya',
  'Malik',
  'Greta',
  'Kenji',
  'Amara',
  'Pablo',
  'Lina',
  'Oskar',
  'Nadia',
  'Tariq',
]
export const LAST = [
  'Meyer',
  'Khan',
  'Silva',
  'Novak',
  'Chen',
  'Dubois',
  'Haddad',
  'Kowalski',
  'Larsen',
  'Mensah',
  'Moreau',
  'Nakamura',
  'Okoro',
  'Petrov',
  'Rossi',
  'Sato',
  'Schmidt',
  'Tanaka',
  'Varga',
  'Weber',
  'Andersen',
  'Bianchi',
  'Costa',
  'Eriksson',
  'Fischer',
  'Garcia',
  'Ivanova',
  'Jensen',
  'Lopez',
  'Nguyen',
]

/** Product areas; a team is named after one, with a number when the area repeats. */
export const AREAS = [
  'Checkout',
  'Search',
  'Onboarding',
  'Billing',
  'Payments',
  'Insights',
  'Growth',
  'Platform',
  'Mobile',
  'Identity',
  'Notifications',
  'Catalogue',
  'Pricing',
  'Reporting',
  'Integrations',
  'Messaging',
  'Scheduling',
  'Inventory',
  'Logistics',
  'Support Tools',
  'Data Platform',
  'Accounts',
  'Marketplace',
  'Trust & Safety',
  'Developer Experience',
]

export type FeatureIdea = { name: string; problem: string; ask: string }

export const FEATURE_IDEAS: readonly FeatureIdea[] = [
  { name: 'Usage dashboard', problem: 'Account owners cannot tell whether their teams use the product.', ask: 'Better analytics' },
  { name: 'CSV export', problem: 'Finance rebuilds monthly numbers by hand from screenshots.', ask: 'Let us export everything' },
  { name: 'Saved searches', problem: 'Buyers repeat the same five searches every morning.', ask: 'Make search faster' },
  { name: 'Bulk edit', problem: 'Admins change prices one item at a time before every sale.', ask: 'We need bulk actions' },
  { name: 'Two-factor sign-in', problem: 'Enterprise prospects fail our security questionnaire.', ask: 'Add 2FA like our competitors' },
  { name: 'Weekly summary email', problem: 'Managers forget to check the app and miss overdue work.', ask: 'Send people reminders' },
  { name: 'Custom roles', problem: 'Large customers cannot stop contractors seeing salaries.', ask: 'Fine-grained permissions' },
  { name: 'Offline mode', problem: 'Field staff lose their work when the signal drops.', ask: 'Make the app work offline' },
  { name: 'Invoice reminders', problem: 'Small businesses chase late payments by phone.', ask: 'Automate dunning' },
  { name: 'Calendar sync', problem: 'Double bookings when staff keep two calendars.', ask: 'Integrate with every calendar' },
  { name: 'Onboarding checklist', problem: 'Half of new accounts never invite a second person.', ask: 'Improve activation' },
  { name: 'Slack alerts', problem: 'On-call engineers miss incidents raised in the app.', ask: 'Push alerts to Slack' },
  { name: 'Dark mode', problem: 'Night-shift operators complain of eye strain.', ask: 'Dark mode please' },
  { name: 'Audit log', problem: 'Admins cannot answer who changed a setting and when.', ask: 'Compliance wants logs' },
  { name: 'Smart recommendations', problem: 'Shoppers leave when the first page has nothing relevant.', ask: 'Use AI for recommendations' },
  { name: 'Returns portal', problem: 'Support spends a third of its time on return labels.', ask: 'Self-service returns' },
  { name: 'Team templates', problem: 'Every new project starts from a blank page and takes a week to set up.', ask: 'Give us templates' },
  { name: 'Price alerts', problem: 'Repeat buyers wait for discounts and buy elsewhere.', ask: 'Notify on price drops' },
  { name: 'API rate limit headers', problem: 'Integrators get blocked without knowing why.', ask: 'Better API docs' },
  {
    name: 'Multi-currency checkout',
    problem: 'Foreign customers abandon carts at the currency conversion.',
    ask: 'Support more currencies',
  },
  { name: 'Report builder', problem: 'Regional managers cannot see their own region.', ask: 'Custom reports' },
  { name: 'Mobile scanner', problem: 'Warehouse staff type serial numbers by hand.', ask: 'Barcode scanning' },
  { name: 'Status page', problem: 'Customers flood support during every outage.', ask: 'A public status page' },
  { name: 'Referral programme', problem: 'Acquisition cost doubled this year.', ask: 'Viral growth loop' },
]

export const CHANGE_WHAT = [
  'Shipped a smaller first version and left the rest behind a flag.',
  'Replaced the planned screen with an email.',
  'Dropped two of the four integrations after a spike.',
  'Used an existing component instead of a new editor.',
  'Moved the feature into the settings page instead of a new section.',
]
export const CHANGE_WHY = [
  'Engineering found the data we needed was not kept.',
  'Two user calls showed nobody needed the advanced options.',
  'The deadline did not move and scope had to.',
  'The vendor API could not do what the spec assumed.',
  'A cheaper option covered the real problem.',
]

export const COMMENTS_GOOD = [
  'Good sprint. We cut scope together when the plan changed.',
  'Engineers were on the customer calls this week, it showed.',
  'Kickoff started with the problem, not the solution. More of that.',
  'I felt heard in planning.',
  'Nothing to add, things are working.',
  'We disagreed about the approach and landed somewhere better.',
  'Nice to see the spec written together for once.',
  'Design, product and engineering were all in the room this time.',
]
export const COMMENTS_BAD = [
  'We get specs, not problems.',
  'The date was promised before anyone asked engineering.',
  'I raised the risk twice and nothing changed.',
  'Feels like engineering is a delivery function here.',
  'Another roadmap that arrived finished.',
  'Nobody told us why we are building this.',
  'Product stuff is not our job, apparently.',
  'Tickets are thrown over the wall again.',
]

export const MISMATCH = {
  specified: [
    'A full-featured screen with filters, saved views and export, specified over nine pages.',
    'An integration with every provider the ask mentioned, each with its own settings.',
    'A configurable rules engine so any customer could set it up their way.',
    'The competitor’s version, feature for feature.',
  ],
  built: [
    'Exactly what the spec said, two weeks late.',
    'The specified version, minus the parts cut to hit the date.',
    'Most of the spec; the hardest third was stubbed.',
    'What was specified, on time, to little use.',
  ],
  needed: [
    'Two numbers, delivered reliably, without logging in.',
    'One default that works for most customers, and a way to ask for more.',
    'A faster version of what they already did by hand.',
    'An answer to one question they ask every Monday.',
  ],
}

export const PERSPECTIVES: Readonly<Record<Discipline, readonly string[]>> = {
  product: [
    'I wrote the spec from the sales notes and tried to cover every case so engineering would have no gaps. I never asked a user what they would do with it.',
    'The roadmap named the solution before discovery started; discovery was about details, never about whether.',
    'We committed to a date with the customer before we understood the problem. Scope was cut to fit the date, not the need.',
    'I assumed engineering would tell us if the approach was wrong. They assumed we had checked with users.',
  ],
  engineering: [
    'We got a long spec and a date. I asked who would use this and was told that was decided.',
    'Half of the build went into parts nobody opened. One user call would have shown that.',
    'I raised the data problem in estimation. The plan stayed the same.',
    'The spec was the first time I heard of the feature. It was clear, so we built it.',
  ],
  design: [
    'Design was asked for screens after the scope was fixed, so we polished the wrong flow.',
    'The prototype test showed confusion, but the results came after the build started.',
  ],
  other: [
    'From support: customers had told us what they needed months earlier, in tickets nobody read.',
    'The data we needed was not collected, and nobody asked until the build.',
  ],
}

export const STAGE_NOTES: Partial<Record<StageKey, readonly string[]>> = {
  discovery: ['Sales notes only; nobody from the team was on the calls.', 'Two user calls, product only.'],
  framing: ['The ask was taken as the solution.', 'The problem was never written down in one sentence.'],
  spec: ['Written alone, long, and final before engineering saw it.', 'Detailed, but silent on why.'],
  handoff: ['Engineering first saw the work here, with a date.', 'Handed over in one meeting.'],
  build: ['Data we needed turned out not to exist.', 'Scope was cut to hit the date.'],
  feedback: ['Usage flat after the second week.', 'Customers asked for the old way back.'],
}

export const CUSTOM_FACTORS = [
  'Vendor contract signed before discovery',
  'Sales promised the feature in a renewal',
  'Key engineer on leave during framing',
  'Legal review came after the build',
]

export const PROCESS_ACTIONS = [
  'Spec template gains a “what users said, in their words” section',
  'Add an early prototype check to every feature over two weeks',
  'Agree a measure of success before kickoff',
  'Review the feature with two users before launch',
  'Estimate only after the problem statement is agreed',
]

export const HINDSIGHT = [
  'A one-page summary emailed weekly would have covered it.',
  'A CSV of the two numbers, attached to an email we already send.',
  'A setting on the existing page instead of a new section.',
  'Fixing the slow query behind the existing screen.',
  'A manual process for the three customers who asked, then a decision.',
]

export const OVERRIDES = [
  'The team agreed to publish now and run the respect actions from the next autopsy, which is already open.',
  'Publishing so the process fix is visible; a respect conversation is booked for the next retro.',
]
