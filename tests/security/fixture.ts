// One workspace with a record behind every route parameter, plus a second
// workspace holding the same kinds of record: the ground for the
// authorization matrix and the hostile-input tests. Every name and email is a
// distinctive word, so a response body can be searched for data its viewer
// must not see.
import { openPlan } from '~/models/plans/plans.server'
import { saveSsoSettings } from '~/models/sso.server'
import { createEndpoint } from '~/models/webhooks/endpoints.server'
import { eq, sql } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { surveyItems } from '../../db/schema'
import { SCOPE_KEYS } from '~/domain/api-tokens'
import type { Discipline } from '~/domain/disciplines'
import { createApiToken } from '~/models/api-tokens.server'
import { startCollecting } from '~/models/autopsies/lifecycle.server'
import { unsubscribeToken } from '~/models/digest-unsubscribe.server'
import { createInvite } from '~/models/invite.server'
import { notify } from '~/models/nudges/notify.server'
import { requestPasswordReset } from '~/models/password-reset.server'
import { openRoundNow } from '~/models/pulse/rounds.server'
import { ensureBuiltInTemplate } from '~/models/pulse/template.server'
import type { TeamRole } from '~/models/user.server'
import { secretToken } from '~/utils/tokens.server'
import { createAutopsy, createFeatureRow, reviewedAutopsy } from '../autopsy-factories'
import { addMember, createTeam, createUser, createWorkspace, query, signIn } from '../factories'
import { createRound } from '../pulse-factories'

type Person = { id: string; name: string; email: string; isAdmin: boolean }
type TeamRef = { id: string; workspaceId: string; name: string }

async function person(ws: { id: string; name: string }, name: string, isAdmin = false): Promise<Person> {
  const email = `${name.toLowerCase().replace(/ /g, '.')}@${ws.name.toLowerCase()}.test`
  const user = await createUser(ws.id, { name, email, isAdmin })
  return { id: user.id, name, email, isAdmin }
}

async function join(team: TeamRef, who: Person, role: TeamRole, discipline: Discipline) {
  await addMember(team, who, role, discipline)
  return who
}

async function itemsOf(workspaceId: string) {
  const db = await getDb()
  const templateId = await ensureBuiltInTemplate(workspaceId)
  const items = await db.select().from(surveyItems).where(eq(surveyItems.templateId, templateId))
  return { template: { id: templateId }, items: items.sort((a, b) => a.position - b.position) }
}

async function inviteFor(workspaceId: string, admin: Person, teamId: string, email: string) {
  const { invite, link } = await createInvite(
    workspaceId,
    admin,
    { email, teamId, discipline: 'engineering', role: 'member', makeAdmin: false },
    'http://localhost',
  )
  const [mail] = await query<{ id: string }>(sql`select id from outbox where workspace_id = ${workspaceId} and to_address = ${email}`)
  return { inviteId: invite.id, token: link.slice(link.lastIndexOf('/') + 1), mailId: mail.id, email }
}

/** An open password reset link for this person, made as the forgot-password page makes it. */
async function resetTokenFor(who: Person) {
  await requestPasswordReset(who.email)
  const [reset] = await query<{ id: string }>(
    sql`select id from password_resets where user_id = ${who.id} order by created_at desc limit 1`,
  )
  return secretToken('password-reset', reset.id)
}

export const FIXTURE_SSO = {
  enabled: true,
  label: 'Acme SSO',
  issuer: 'http://127.0.0.1:9',
  clientId: 'tandem',
  clientSecret: 'fixture-client-secret',
  allowedDomains: ['acmeworks.test'],
  passwordSignIn: 'everyone' as const,
}

export async function buildFixture() {
  // ---------------------------------------------------------------- the workspace under test
  const ws = await createWorkspace({ name: 'Acmeworks' })
  const admin = await person(ws, 'Ada Adminton', true)
  const teamA = { ...(await createTeam(ws.id, 'Quokka squad')) }
  const teamB = { ...(await createTeam(ws.id, 'Heron squad')) }
  const member = await join(teamA, await person(ws, 'Mira Memberly'), 'member', 'engineering')
  const facilitator = await join(teamA, await person(ws, 'Fay Facilitaro'), 'facilitator', 'product')
  const outsider = await join(teamB, await person(ws, 'Olly Outsiderson'), 'member', 'engineering')
  const otherLeader = await join(teamB, await person(ws, 'Leo Leaderbrook'), 'leader', 'product')
  // Someone the People page may change without touching the actors above.
  const spare = await join(teamB, await person(ws, 'Sam Sparewood'), 'member', 'design')
  // Someone with an open password reset link, and someone the People page may deactivate.
  const resetter = await join(teamB, await person(ws, 'Rita Resetwell'), 'member', 'product')
  const leaver = await join(teamB, await person(ws, 'Dora Departly'), 'member', 'engineering')

  const tmpl = await itemsOf(ws.id)
  const openRound = await openRoundNow(ws.id, teamA.id, 5)
  const closedRound = await createRound(teamA, tmpl.template, tmpl.items, { status: 'closed' })
  const plan = await openPlan({ workspaceId: ws.id, teamId: teamA.id, roundId: closedRound.id, userId: facilitator.id })
  const reviewed = await reviewedAutopsy(
    teamA,
    facilitator.id,
    [
      { id: member.id, discipline: 'engineering' },
      { id: facilitator.id, discipline: 'product' },
    ],
    { name: 'Quartz ledger' },
  )
  const collecting = await createAutopsy(teamA, facilitator.id, { name: 'Kestrel importer' })
  await startCollecting({ ...collecting.scope, actorId: facilitator.id })
  const draft = await createAutopsy(teamA, facilitator.id, { name: 'Lynx exporter' })
  const plainFeature = await createFeatureRow(teamA, { name: 'Marmot search' }, member.id)
  const invite = await inviteFor(ws.id, admin, teamA.id, 'ivy.inviteworth@acmeworks.test')
  const spareInvite = await inviteFor(ws.id, admin, teamB.id, 'rex.revokable@acmeworks.test')
  const resendableInvite = await inviteFor(ws.id, admin, teamB.id, 'tess.twiceasked@acmeworks.test')
  const resetToken = await resetTokenFor(resetter)
  // Single sign-on is on, with a provider that cannot be reached: starting a
  // sign-in goes back to the sign-in page, and nothing waits on a network.
  await saveSsoSettings(ws.id, admin.id, { ...FIXTURE_SSO, breakGlassUserId: null })
  // A second browser of the spare person's: a session the account page may sign out.
  const spareSession = await signIn(spare.id, { device: 'Safari on iPhone' })
  // A webhook endpoint on a loopback port nothing listens on: nothing leaves the machine.
  const endpoint = await createEndpoint(ws.id, admin.id, {
    url: 'https://127.0.0.1:9/quokka-hooks',
    events: ['round.closed'],
    enabled: true,
  })
  await notify({
    workspaceId: ws.id,
    userIds: [member.id],
    kind: 'results_ready',
    message: 'Welcome to Quokka squad',
    href: `/teams/${teamA.id}`,
  })
  // A personal API token of the spare person's: one the token pages must not let anyone else revoke.
  const spareToken = await createApiToken({
    workspaceId: ws.id,
    userId: spare.id,
    createdBy: spare.id,
    name: 'Sam’s export',
    scopes: [...SCOPE_KEYS],
    expiresAt: null,
  })
  const [membership] = await query<{ id: string }>(sql`select id from memberships where user_id = ${spare.id}`)
  const items = await query<{ item_id: string }>(sql`select item_id from round_items where round_id = ${openRound.id} order by position`)

  // ---------------------------------------------------------------- a second workspace
  const wsF = await createWorkspace({ name: 'Zephyrcorp' })
  const foreignAdmin = await person(wsF, 'Zed Zephyradmin', true)
  const teamF = { ...(await createTeam(wsF.id, 'Narwhal squad')) }
  const foreign = await join(teamF, await person(wsF, 'Fern Foreignley'), 'member', 'engineering')
  const foreignFacilitator = await join(teamF, await person(wsF, 'Finn Foreignfax'), 'facilitator', 'product')
  const tmplF = await itemsOf(wsF.id)
  const openRoundF = await openRoundNow(wsF.id, teamF.id, 5)
  const closedRoundF = await createRound(teamF, tmplF.template, tmplF.items, { status: 'closed' })
  const planF = await openPlan({ workspaceId: wsF.id, teamId: teamF.id, roundId: closedRoundF.id, userId: foreignFacilitator.id })
  const autopsyF = await createAutopsy(teamF, foreignFacilitator.id, { name: 'Obsidian harvest' })
  const inviteF = await inviteFor(wsF.id, foreignAdmin, teamF.id, 'una.unwanted@zephyrcorp.test')
  const [membershipF] = await query<{ id: string }>(sql`select id from memberships where user_id = ${foreign.id}`)
  const resetTokenF = await resetTokenFor(foreignAdmin)
  const endpointF = await createEndpoint(wsF.id, foreignAdmin.id, {
    url: 'https://127.0.0.1:9/narwhal-hooks',
    events: ['round.closed'],
    enabled: true,
  })

  // ---------------------------------------------------------------- API tokens
  // Each signed-in actor's own personal token with every scope, for the API
  // routes, which read a bearer token and never a cookie.
  const apiTokens: Record<string, string> = {}
  for (const who of [admin, member, facilitator, outsider, otherLeader, foreign]) {
    const workspaceId = who === foreign ? wsF.id : ws.id
    const minted = await createApiToken({
      workspaceId,
      userId: who.id,
      createdBy: who.id,
      name: 'Matrix',
      scopes: [...SCOPE_KEYS],
      expiresAt: null,
    })
    apiTokens[who.id] = minted.token
  }

  return {
    ws,
    teamA,
    teamB,
    people: { admin, member, facilitator, outsider, otherLeader, spare, resetter, leaver },
    ids: {
      teamId: teamA.id,
      autopsyId: reviewed.autopsy.id,
      collectingAutopsyId: collecting.autopsy.id,
      draftAutopsyId: draft.autopsy.id,
      featureId: reviewed.feature.id,
      plainFeatureId: plainFeature.id,
      roundId: openRound.id,
      closedRoundId: closedRound.id,
      planId: plan.id,
      mailId: invite.mailId,
      inviteToken: invite.token,
      unsubscribeToken: unsubscribeToken(member.id),
      resetToken,
      membershipId: membership.id,
      spareInviteId: spareInvite.inviteId,
      resendInviteId: resendableInvite.inviteId,
      spareSessionId: spareSession.sessionId,
      spareApiTokenId: spareToken.id,
      templateItemId: tmpl.items[0].id,
      endpointId: endpoint.id,
    },
    itemIds: items.map((r) => r.item_id),
    /** each actor's personal API token (every scope), by user id */
    apiTokens,
    invite,
    /** every pending invitation's email in the workspace under test */
    inviteEmails: [invite.email, spareInvite.email, resendableInvite.email],
    foreign: {
      ws: wsF,
      team: teamF,
      people: { admin: foreignAdmin, member: foreign, facilitator: foreignFacilitator },
      ids: {
        teamId: teamF.id,
        autopsyId: autopsyF.autopsy.id,
        featureId: autopsyF.feature.id,
        roundId: openRoundF.id,
        planId: planF.id,
        mailId: inviteF.mailId,
        inviteToken: inviteF.token,
        unsubscribeToken: unsubscribeToken(foreign.id),
        resetToken: resetTokenF,
        membershipId: membershipF.id,
        inviteId: inviteF.inviteId,
        userId: foreign.id,
        templateItemId: tmplF.items[0].id,
        endpointId: endpointF.id,
      },
      invite: inviteF,
    },
  }
}

export type Fixture = Awaited<ReturnType<typeof buildFixture>>

/** Route parameters that look like ids but are not: each must be a 404, never a 500. */
export const MALFORMED_IDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-00000000000g',
  "1' or '1'='1",
  '../../etc/passwd',
  '%00',
  '\u0000',
  '😀',
  '',
] as const
