// Every loader and action, as seven kinds of visitor, against one workspace
// fixture and a second workspace: the status each gets, and that no response
// carries data outside the visitor's reach. Route modules are read from
// app/routes; one without an entry below fails this file by name.
import { beforeAll, describe, expect, it } from 'vitest'
import { buildFixture, MALFORMED_IDS, type Fixture } from './fixture'
import { buildRequest, invoke, listRouteIds, loadRoutes, type Route } from './routes'
import { clearThrottle, cookieOf } from './signed-in'

const ACTORS = ['anonymous', 'other workspace', 'other team', 'member', 'facilitator', 'leader of another team', 'admin'] as const
type Actor = (typeof ACTORS)[number]

/**
 * Seven statuses, one per actor in ACTORS order. `login` is a 302 to the
 * sign-in page; a bare 302 or 303 is a redirect anywhere else.
 */
type Row = string
type Handlers = { loader?: Row; action?: Row }
type Variant = 'own' | 'foreign' | 'cross' | 'malformed'
/**
 * The API routes, as each actor sending their own personal token (every
 * scope) instead of a cookie; the anonymous visitor sends none.
 */
type BearerRows = Handlers & {
  /** the method the action takes, when not POST */
  method?: string
  /** the JSON body each actor sends to the action */
  body?: (f: Fixture, variant: Variant) => unknown
  foreign?: Handlers
  malformed?: Handlers
}
type Expectation = Handlers & {
  /** query string for every request (a required filter) */
  query?: string | ((f: Fixture) => string)
  /** API routes: the statuses with a bearer token */
  bearer?: BearerRows
  /** the form each actor posts: chosen to be valid where that is harmless, so a refusal is the guard's */
  probe?: (f: Fixture, variant: Variant) => Record<string, string>
  /** params that differ from the shared fixture ids for this route */
  own?: (f: Fixture) => Record<string, string>
  /** every id param swapped for the other workspace's record */
  foreign?: Handlers
  /** the viewer's own team with the other workspace's record inside it */
  cross?: Handlers
  /** the last param replaced by each of MALFORMED_IDS */
  malformed?: Handlers
  /** data a bearer token legitimately shows to whoever holds it */
  reveals?: (f: Fixture, variant: Variant) => string[]
}

const ANY_MEMBER = 'login 404 403 200 200 403 200'
const FOREIGN_MEMBER_ONLY = 'login 200 404 404 404 404 404'
const ALL_404 = 'login 404 404 404 404 404 404'
const NOT_IN_TEAM = 'login 404 403 404 404 403 404'
const ADMIN_ONLY = 'login 403 403 403 403 403 200'
const ADMIN_404 = 'login 403 403 403 403 403 404'
const SIGNED_IN = 'login 200 200 200 200 200 200'
const EVERYONE = '200 200 200 200 200 200 200'
const ALL_LOGIN = 'login login login login login login login'
// The API reads a bearer token only: a session cookie is no credential there.
const NO_COOKIES = '401 401 401 401 401 401 401'
const ALL_405 = '405 405 405 405 405 405 405'
const TEAM_A_API = '401 404 404 200 200 404 200'
const FOREIGN_API = '401 200 404 404 404 404 404'
const API_404 = '401 404 404 404 404 404 404'

const EXPECTATIONS: Record<string, Expectation> = {
  _index: { loader: SIGNED_IN },
  account: {
    loader: SIGNED_IN,
    // Signing out a session of someone else's: nobody may, admins included.
    action: 'login 404 404 404 404 404 404',
    probe: (f) => ({ intent: 'revoke-session', sessionId: f.ids.spareSessionId }),
  },
  // Revoking a token of someone else's: nobody may, admins included.
  'account_.tokens': {
    loader: SIGNED_IN,
    action: 'login 404 404 404 404 404 404',
    probe: (f) => ({ intent: 'revoke', tokenId: f.ids.spareApiTokenId }),
  },
  // A token without a scope: refused by the form, for admins only.
  'admin.api-tokens': {
    loader: ADMIN_ONLY,
    action: 'login 403 403 403 403 403 422',
    probe: () => ({ intent: 'create', name: 'Nightly export', expiresIn: '90' }),
  },
  'admin.outbox': { loader: ADMIN_ONLY },
  'admin.outbox.$mailId': { loader: ADMIN_ONLY, foreign: { loader: ADMIN_404 }, malformed: { loader: ADMIN_404 } },
  'admin.outbox.$mailId[.]html': { loader: ADMIN_ONLY, foreign: { loader: ADMIN_404 }, malformed: { loader: ADMIN_404 } },
  'admin.people': {
    loader: ADMIN_ONLY,
    action: 'login 403 403 403 403 403 302',
    probe: (f) => ({
      intent: 'update-membership',
      membershipId: f.ids.membershipId,
      teamId: f.teamB.id,
      discipline: 'design',
      role: 'member',
    }),
  },
  'admin.integrations': {
    loader: ADMIN_ONLY,
    // Disconnecting what is not connected changes nothing: a redirect, for admins only.
    action: 'login 403 403 403 403 403 302',
    probe: () => ({ intent: 'disconnect', provider: 'teams' }),
  },
  'admin.settings': { loader: ADMIN_ONLY, action: 'login 403 403 403 403 403 422' },
  'admin.template': { loader: ADMIN_ONLY, action: 'login 403 403 403 403 403 422' },
  anonymity: { loader: EVERYONE },
  // Each token sees the teams its owner sees; another workspace's token sees its own.
  'api.v1.teams': { loader: NO_COOKIES, action: ALL_405, bearer: { loader: '401 200 200 200 200 200 200', action: ALL_405 } },
  'api.v1.dashboard': { loader: NO_COOKIES, action: ALL_405, bearer: { loader: '401 403 403 403 403 200 200', action: ALL_405 } },
  // Team A's log: its members read it and write to it (a team they are not on is not there for them).
  'api.v1.features': {
    query: (f) => `?teamId=${f.teamA.id}`,
    loader: NO_COOKIES,
    action: NO_COOKIES,
    bearer: {
      loader: TEAM_A_API,
      action: '401 404 404 201 201 404 201',
      body: (f) => ({ teamId: f.teamA.id, ...FEATURE_FORM, name: 'Quartz ledger' }),
    },
  },
  'api.v1.features.$featureId': {
    loader: NO_COOKIES,
    // It takes PATCH: a POST is the wrong method whoever sends it.
    action: ALL_405,
    foreign: { loader: NO_COOKIES, action: ALL_405 },
    malformed: { loader: NO_COOKIES, action: ALL_405 },
    bearer: {
      method: 'PATCH',
      // The record's own name, saved again.
      body: (_, v) => ({ name: v === 'foreign' ? 'Obsidian harvest' : 'Quartz ledger' }),
      loader: TEAM_A_API,
      action: TEAM_A_API,
      foreign: { loader: FOREIGN_API, action: FOREIGN_API },
      malformed: { loader: API_404, action: API_404 },
    },
  },
  dashboard: { loader: 'login 403 403 403 403 200 200' },
  'dashboard[.]csv': { loader: 'login 403 403 403 403 200 200', query: '?section=respect-index' },
  digest: { loader: SIGNED_IN, action: 'login 403 403 403 403 302 403', probe: () => ({ intent: 'subscribe' }) },
  'digest_.unsubscribe.$token': {
    loader: EVERYONE,
    action: '303 303 303 303 303 303 303',
    // The signed token is the credential, whoever holds it and wherever they work.
    foreign: { loader: EVERYONE, action: '303 303 303 303 303 303 303' },
    malformed: { loader: '404 404 404 404 404 404 404', action: '404 404 404 404 404 404 404' },
    reveals: (f, v) => [v === 'foreign' ? f.foreign.people.member.name : f.people.member.name],
  },
  // Asking for a reset link needs no sign-in, and the answer is the same whoever asks for whichever email.
  'forgot-password': {
    loader: '200 302 302 302 302 302 302',
    action: EVERYONE,
    probe: (f) => ({ email: f.people.resetter.email }),
    reveals: (f) => [f.people.resetter.email],
  },
  healthz: { loader: EVERYONE },
  'join.$token': {
    loader: EVERYONE,
    action: '422 422 422 422 422 422 422',
    foreign: { loader: EVERYONE, action: '422 422 422 422 422 422 422' },
    // A link that matches nothing is refused before the form is read (or any password hashed).
    malformed: { loader: '404 404 404 404 404 404 404', action: '404 404 404 404 404 404 404' },
    reveals: (f, v) => {
      const side =
        v === 'foreign'
          ? { ws: f.foreign.ws, team: f.foreign.team, invite: f.foreign.invite }
          : { ws: f.ws, team: f.teamA, invite: f.invite }
      return [side.ws.name, side.team.name, side.invite.email]
    },
  },
  'admin.sso': {
    loader: ADMIN_ONLY,
    // The settings as they are (the secret left empty keeps it): saved, for admins only.
    action: 'login 403 403 403 403 403 302',
    probe: () => ({ enabled: 'on', label: 'Acme SSO', issuer: 'http://127.0.0.1:9', clientId: 'tandem', passwordSignIn: 'everyone' }),
  },
  // Starting a sign-in is for anyone signed out or in; the fixture's provider is unreachable, so it ends on the sign-in page.
  'admin.webhooks': {
    loader: ADMIN_ONLY,
    // Adding an endpoint answers with its secret (shown once) rather than a redirect.
    action: 'login 403 403 403 403 403 200',
    probe: () => ({ intent: 'create', url: 'https://127.0.0.1:9/matrix-hooks', events: 'round.closed' }),
  },
  'admin.webhooks_.$endpointId': {
    loader: ADMIN_ONLY,
    // A test event is queued (the scheduler is not running here, so nothing is sent).
    action: 'login 403 403 403 403 403 302',
    probe: () => ({ intent: 'test' }),
    foreign: { loader: ADMIN_404, action: ADMIN_404 },
    malformed: { loader: ADMIN_404, action: ADMIN_404 },
  },
  'auth.sso.start': { loader: ALL_LOGIN, action: ALL_LOGIN, probe: (f) => ({ workspaceId: f.ws.id }) },
  // A callback without a state this browser started is refused, for everyone alike.
  'auth.sso.callback': { loader: '400 400 400 400 400 400 400' },
  // Without a verified identity waiting in its cookie, the welcome page sends everyone to sign in.
  'auth.sso.welcome': { loader: ALL_LOGIN, action: ALL_LOGIN, probe: () => ({ name: 'Nora Newcomer', discipline: 'product' }) },
  login: { loader: '200 302 302 302 302 302 302', action: '422 422 422 422 422 422 422' },
  logout: { loader: '302 302 302 302 302 302 302', action: 'login login login login login login login' },
  notifications: { loader: SIGNED_IN, action: 'login 302 302 302 302 302 302' },
  onboarding: { loader: 'login login login login login login login', action: '422 422 422 422 422 422 422' },
  'pulse.$roundId': {
    loader: 'login 404 404 200 200 404 404',
    action: 'login 404 404 422 422 404 404',
    foreign: { loader: FOREIGN_MEMBER_ONLY, action: 'login 422 404 404 404 404 404' },
    malformed: { loader: ALL_404, action: ALL_404 },
  },
  'reset-password.$token': {
    loader: EVERYONE,
    // A valid link with passwords that differ: refused before the link is spent. A link that
    // matches nothing is refused before the form is read (or any password hashed).
    action: '422 422 422 422 422 422 422',
    probe: (_, v) => ({
      password: 'a long enough password',
      passwordAgain: v === 'malformed' ? 'a long enough password' : 'a different password',
    }),
    // The link is the credential, whoever holds it and wherever they work.
    foreign: { loader: EVERYONE, action: '422 422 422 422 422 422 422' },
    malformed: { loader: '404 404 404 404 404 404 404', action: '404 404 404 404 404 404 404' },
    reveals: (f, v) => [v === 'foreign' ? f.foreign.people.admin.email : f.people.resetter.email],
  },
  'teams._index': { loader: SIGNED_IN, action: 'login 403 403 403 403 403 422' },
  'teams.$teamId': { loader: ANY_MEMBER, foreign: { loader: FOREIGN_MEMBER_ONLY }, malformed: { loader: ALL_404 } },
  'teams.$teamId._index': { loader: ANY_MEMBER, foreign: { loader: FOREIGN_MEMBER_ONLY }, malformed: { loader: ALL_404 } },
  'teams.$teamId.pulse': { loader: ANY_MEMBER, foreign: { loader: FOREIGN_MEMBER_ONLY }, malformed: { loader: ALL_404 } },
  'teams.$teamId.pulse[.]csv': {
    loader: ANY_MEMBER,
    query: '?section=trend',
    foreign: { loader: FOREIGN_MEMBER_ONLY },
    malformed: { loader: ALL_404 },
  },
  'teams.$teamId.plans._index': {
    loader: ANY_MEMBER,
    // Opening a plan for a round that already has one leads facilitators to it, and changes nothing.
    action: 'login 404 403 403 302 403 302',
    probe: (f) => ({ intent: 'open', roundId: f.ids.closedRoundId }),
    foreign: { loader: FOREIGN_MEMBER_ONLY, action: 'login 403 404 404 404 404 404' },
    malformed: { loader: ALL_404, action: ALL_404 },
  },
  'teams.$teamId.plans.$planId': {
    loader: ANY_MEMBER,
    // Changing the status of an action that is not in the plan: not found for anyone on the team.
    action: 'login 404 403 404 404 403 404',
    probe: (f) => ({ intent: 'status', actionId: f.foreign.ids.planId, status: 'done' }),
    foreign: { loader: FOREIGN_MEMBER_ONLY, action: 'login 404 404 404 404 404 404' },
    cross: { loader: NOT_IN_TEAM, action: NOT_IN_TEAM },
    malformed: { loader: NOT_IN_TEAM, action: NOT_IN_TEAM },
  },
  'teams.$teamId.rounds': {
    loader: ANY_MEMBER,
    // Closing a closed round: a conflict for those who may manage rounds, so nothing changes.
    action: 'login 404 403 403 409 403 409',
    probe: (f) => ({ intent: 'close', roundId: f.ids.closedRoundId }),
    foreign: { loader: FOREIGN_MEMBER_ONLY, action: 'login 403 404 404 404 404 404' },
    malformed: { loader: ALL_404, action: ALL_404 },
  },
  'teams.$teamId.channel': {
    loader: 'login 404 403 403 200 403 200',
    // Slack is not connected in the fixture: the facilitator's valid form is a 422 that says so.
    action: 'login 404 403 403 422 403 422',
    probe: () => ({ intent: 'save', channelId: 'C0123ABCD' }),
    foreign: { loader: 'login 403 404 404 404 404 404', action: 'login 403 404 404 404 404 404' },
    malformed: { loader: ALL_404, action: ALL_404 },
  },
  'teams.$teamId.features._index': { loader: ANY_MEMBER, foreign: { loader: FOREIGN_MEMBER_ONLY }, malformed: { loader: ALL_404 } },
  'teams.$teamId.features.new': {
    loader: ANY_MEMBER,
    action: 'login 404 403 422 422 403 422',
    foreign: { loader: FOREIGN_MEMBER_ONLY, action: 'login 422 404 404 404 404 404' },
    malformed: { loader: ALL_404, action: ALL_404 },
  },
  // Importing writes many features at once: facilitators (and admins) only. An empty form is a 422 for them.
  'teams.$teamId.features.import': {
    loader: 'login 404 403 403 200 403 200',
    action: 'login 404 403 403 422 403 422',
    foreign: { loader: 'login 403 404 404 404 404 404', action: 'login 403 404 404 404 404 404' },
    malformed: { loader: ALL_404, action: ALL_404 },
  },
  'teams.$teamId.features.import-github': {
    loader: 'login 404 403 403 200 403 200',
    action: 'login 404 403 403 422 403 422',
    foreign: { loader: 'login 403 404 404 404 404 404', action: 'login 403 404 404 404 404 404' },
    malformed: { loader: ALL_404, action: ALL_404 },
  },
  'teams.$teamId.features.$featureId': {
    loader: ANY_MEMBER,
    // The feature already has its autopsy: a conflict for facilitators, so nothing changes.
    action: 'login 404 403 403 409 403 409',
    probe: () => ({ intent: 'open-autopsy' }),
    foreign: { loader: FOREIGN_MEMBER_ONLY, action: 'login 403 404 404 404 404 404' },
    cross: { loader: NOT_IN_TEAM, action: 'login 404 403 403 404 403 404' },
    malformed: { loader: NOT_IN_TEAM, action: 'login 404 403 403 404 403 404' },
  },
  'teams.$teamId.features.$featureId_.edit': {
    loader: ANY_MEMBER,
    action: 'login 404 403 302 302 403 302',
    // The record as it stands, saved again: each side keeps its own name.
    probe: (_, v) => ({ ...FEATURE_FORM, name: v === 'own' ? 'Quartz ledger' : 'Obsidian harvest' }),
    foreign: { loader: FOREIGN_MEMBER_ONLY, action: 'login 302 404 404 404 404 404' },
    cross: { loader: NOT_IN_TEAM, action: NOT_IN_TEAM },
    malformed: { loader: NOT_IN_TEAM, action: NOT_IN_TEAM },
  },
  'teams.$teamId.autopsies._index': { loader: ANY_MEMBER, foreign: { loader: FOREIGN_MEMBER_ONLY }, malformed: { loader: ALL_404 } },
  'teams.$teamId.autopsies.$autopsyId': {
    loader: ANY_MEMBER,
    action: 'login 404 403 403 302 403 302',
    probe: () => ({ intent: 'show-names', show: 'no' }),
    foreign: { loader: FOREIGN_MEMBER_ONLY, action: 'login 403 404 404 404 404 404' },
    cross: { loader: NOT_IN_TEAM, action: 'login 404 403 403 404 403 404' },
    malformed: { loader: NOT_IN_TEAM, action: NOT_IN_TEAM },
  },
  'teams.$teamId.autopsies.$autopsyId_.edit': {
    loader: 'login 404 403 403 200 403 200',
    action: 'login 404 403 403 302 403 302',
    probe: () => ({
      intent: 'mismatch',
      askedFor: 'Better analytics',
      specified: 'A dashboard',
      built: 'A dashboard',
      needed: 'A Monday email',
    }),
    foreign: { loader: 'login 403 404 404 404 404 404', action: 'login 403 404 404 404 404 404' },
    cross: { loader: 'login 404 403 403 404 403 404', action: 'login 404 403 403 404 403 404' },
    malformed: { loader: 'login 404 403 403 404 403 404', action: 'login 404 403 403 404 403 404' },
  },
  'teams.$teamId.autopsies.$autopsyId_.history': {
    loader: ANY_MEMBER,
    foreign: { loader: FOREIGN_MEMBER_ONLY },
    cross: { loader: NOT_IN_TEAM },
    malformed: { loader: NOT_IN_TEAM },
  },
  'teams.$teamId.autopsies.$autopsyId_.perspective': {
    own: (f) => ({ autopsyId: f.ids.collectingAutopsyId }),
    loader: ANY_MEMBER,
    // An admin who is not on the team reads it but has no perspective to write.
    action: 'login 404 403 302 302 403 403',
    probe: () => ({ body: 'We built what was written down, not what the account owners needed.', originStage: 'framing' }),
    // The other workspace's autopsy is still a draft: its member may not write yet.
    foreign: { loader: FOREIGN_MEMBER_ONLY, action: 'login 409 404 404 404 404 404' },
    cross: { loader: NOT_IN_TEAM, action: 'login 404 403 404 404 403 403' },
    malformed: { loader: NOT_IN_TEAM, action: NOT_IN_TEAM },
  },
}

const FEATURE_FORM: Record<string, string> = {
  problem: 'Account owners cannot tell each Monday whether their team is using the product.',
  ask: 'Better analytics',
  specMode: 'count',
  specWords: '6200',
  specPages: '14',
  engineeringJoinedStage: 'handoff',
  question: 'how_fast',
  planned: '40',
  plannedUnit: 'days',
  actual: '45',
  actualUnit: 'days',
  startedOn: '2026-03-02',
  shippedOn: '2026-05-01',
  shippedAs: 'as_planned',
  outcome: 'not_what_we_asked',
}

let f: Fixture
let routes: Route[]

beforeAll(async () => {
  f = await buildFixture()
  routes = await loadRoutes()
})

function actorUser(actor: Actor) {
  const p = f.people
  const users: Record<Actor, { id: string } | null> = {
    anonymous: null,
    'other workspace': f.foreign.people.member,
    'other team': p.outsider,
    member: p.member,
    facilitator: p.facilitator,
    'leader of another team': p.otherLeader,
    admin: p.admin,
  }
  return users[actor]
}

/** Ids for each param name, by variant. */
function paramsFor(route: Route, exp: Expectation, variant: Variant, malformed = ''): Record<string, string> {
  const token = route.id.startsWith('join') ? 'inviteToken' : route.id.startsWith('reset-password') ? 'resetToken' : 'unsubscribeToken'
  const own: Record<string, string> = { ...f.ids, token: f.ids[token], ...exp.own?.(f) }
  const foreign: Record<string, string> = { ...f.foreign.ids, token: f.foreign.ids[token] }
  const out: Record<string, string> = {}
  route.params.forEach((name, i) => {
    const last = i === route.params.length - 1
    if (variant === 'own') out[name] = own[name]
    else if (variant === 'foreign') out[name] = foreign[name]
    else if (variant === 'cross') out[name] = i === 0 ? own[name] : foreign[name]
    else out[name] = last ? malformed : own[name]
  })
  return out
}

/** Names, places and emails this actor must never be shown, and the emails it may. */
function scopeOf(actor: Actor) {
  const p = f.people
  const fp = f.foreign.people
  const wsA = [
    f.ws.name,
    f.teamA.name,
    f.teamB.name,
    'Quartz ledger',
    'Kestrel importer',
    'Lynx exporter',
    'Marmot search',
    ...Object.values(p).map((x) => x.name),
  ]
  const wsB = [f.foreign.ws.name, f.foreign.team.name, 'Obsidian harvest', ...Object.values(fp).map((x) => x.name)]
  const teamAOnly = [f.teamA.name, 'Quartz ledger', 'Kestrel importer', 'Lynx exporter', 'Marmot search', p.member.name, p.facilitator.name]
  const teamBOnly = [f.teamB.name, p.outsider.name, p.otherLeader.name, p.spare.name, p.resetter.name, p.leaver.name]
  const emailsA = [...Object.values(p).map((x) => x.email), ...f.inviteEmails]
  const user = actorUser(actor)
  const own = user ? [[...Object.values(p), ...Object.values(fp)].find((x) => x.id === user.id)!.email] : []
  switch (actor) {
    case 'anonymous':
      return { forbidden: [...wsA, ...wsB], emails: own }
    case 'other workspace':
      return { forbidden: wsA, emails: own }
    case 'other team':
    case 'leader of another team':
      return { forbidden: [...wsB, ...teamAOnly], emails: own }
    case 'member':
    case 'facilitator':
      return { forbidden: [...wsB, ...teamBOnly], emails: own }
    case 'admin':
      return { forbidden: wsB, emails: emailsA }
  }
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g

/** What this response shows that its viewer must not see. */
async function leaks(res: Response, actor: Actor, revealed: string[]) {
  const text = `${res.headers.get('Location') ?? ''}\n${await res.clone().text()}`
  const { forbidden, emails } = scopeOf(actor)
  const found = forbidden.filter((marker) => !revealed.includes(marker) && text.includes(marker))
  for (const email of text.match(EMAIL) ?? []) if (!emails.includes(email) && !revealed.includes(email)) found.push(email)
  return found
}

function statusToken(res: Response) {
  const location = res.headers.get('Location') ?? ''
  if (res.status === 302 && location.startsWith('/login')) return 'login'
  return String(res.status)
}

type Credential = 'cookie' | 'bearer'

async function requestAs(
  actor: Actor,
  url: string,
  exp: Expectation,
  handler: 'loader' | 'action',
  variant: Variant,
  credential: Credential,
) {
  const user = actorUser(actor)
  if (credential === 'bearer') {
    const body = handler === 'action' ? exp.bearer?.body?.(f, variant) : undefined
    const request = buildRequest(url, {
      method: handler === 'action' ? (exp.bearer?.method ?? 'POST') : 'GET',
      body: body === undefined ? undefined : { kind: 'raw', body: JSON.stringify(body), contentType: 'application/json' },
    })
    if (user) request.headers.set('Authorization', `Bearer ${f.apiTokens[user.id]}`)
    return request
  }
  return buildRequest(url, {
    cookie: user ? await cookieOf(user.id) : null,
    method: handler === 'action' ? 'POST' : 'GET',
    body: handler === 'action' ? { kind: 'urlencoded', fields: Object.entries(exp.probe?.(f, variant) ?? {}) } : undefined,
  })
}

async function run(
  route: Route,
  exp: Expectation,
  handler: 'loader' | 'action',
  variant: Variant,
  row: Row,
  credential: Credential = 'cookie',
) {
  const expected = row.split(' ')
  expect(expected, `${route.id} ${handler} ${variant}: a row needs one status per actor`).toHaveLength(ACTORS.length)
  const values = variant === 'malformed' ? MALFORMED_IDS : ['']
  const failures: string[] = []
  for (const malformed of values) {
    const params = paramsFor(route, exp, variant, malformed)
    for (const [i, actor] of ACTORS.entries()) {
      const url = route.path(params) + (typeof exp.query === 'function' ? exp.query(f) : (exp.query ?? ''))
      await clearThrottle()
      const request = await requestAs(actor, url, exp, handler, variant, credential)
      const fn = route.module[handler]!
      const res = await invoke(fn, request, params)
      const label = `${handler} ${url} (${variant}${credential === 'bearer' ? ', bearer token' : ''})`
      if (res.status >= 500) failures.push(`${label} as ${actor}: ${res.status} ${await res.clone().text()}`)
      else if (statusToken(res) !== expected[i]) failures.push(`${label} as ${actor}: expected ${expected[i]}, got ${statusToken(res)}`)
      const shown = await leaks(res, actor, exp.reveals?.(f, variant) ?? [])
      if (shown.length) failures.push(`${label} shows ${actor} what they may not see: ${shown.join(', ')}`)
    }
  }
  expect(failures, failures.join('\n')).toEqual([])
}

describe('authorization matrix', () => {
  it('has an entry for every route module, and no entry for a route that is gone', () => {
    const problems: string[] = []
    const ids = new Set(routes.map((r) => r.id))
    for (const route of routes) {
      const exp = EXPECTATIONS[route.id]
      if (!exp) {
        problems.push(`${route.id}: no entry in EXPECTATIONS (add the status each actor should get)`)
        continue
      }
      for (const handler of ['loader', 'action'] as const) {
        if (route.module[handler] && !exp[handler]) problems.push(`${route.id}: exports a ${handler} with no expected statuses`)
        if (!route.module[handler] && exp[handler]) problems.push(`${route.id}: expects a ${handler} that the module does not export`)
        if (route.module[handler] && route.params.length && !exp.malformed?.[handler])
          problems.push(`${route.id}: ${handler} has params but no malformed-id row`)
        if (route.module[handler] && route.params.length && !exp.foreign?.[handler])
          problems.push(`${route.id}: ${handler} has params but no foreign-id row`)
        if (route.module[handler] && route.params.length > 1 && !exp.cross?.[handler])
          problems.push(`${route.id}: ${handler} has nested params but no cross-workspace row`)
        // An API route is judged with tokens, as its clients call it, not only with cookies.
        if (route.module[handler] && route.id.startsWith('api.') && !exp.bearer?.[handler])
          problems.push(`${route.id}: ${handler} is an API route with no bearer-token row`)
        if (route.module[handler] && route.id.startsWith('api.') && route.params.length && !exp.bearer?.malformed?.[handler])
          problems.push(`${route.id}: ${handler} has params but no bearer-token malformed-id row`)
      }
    }
    for (const id of Object.keys(EXPECTATIONS)) if (!ids.has(id)) problems.push(`${id}: has an entry but no route module`)
    expect(problems, problems.join('\n')).toEqual([])
  })

  // One test per route module and handler, named after the route, so a failure says where.
  it.each(listRouteIds())('%s', async (id) => {
    const route = routes.find((r) => r.id === id)
    const exp = EXPECTATIONS[id]
    expect(exp, `${id}: no entry in EXPECTATIONS (add the status each actor should get)`).toBeDefined()
    for (const handler of ['loader', 'action'] as const) {
      if (!route!.module[handler] || !exp[handler]) continue
      await run(route!, exp, handler, 'own', exp[handler]!)
      for (const variant of ['foreign', 'cross', 'malformed'] as const) {
        const row = exp[variant]?.[handler]
        if (row) await run(route!, exp, handler, variant, row)
      }
      const bearer = exp.bearer
      if (!bearer?.[handler]) continue
      await run(route!, exp, handler, 'own', bearer[handler]!, 'bearer')
      for (const variant of ['foreign', 'malformed'] as const) {
        const row = bearer[variant]?.[handler]
        if (row) await run(route!, exp, handler, variant, row, 'bearer')
      }
    }
  })
})
