import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormError } from '~/components/field'
import { Pager, readPage } from '~/components/pager'
import { BulkInviteForm, CreatedInvites } from '~/components/people/bulk-invite-form'
import { CreatedInvite, InviteForm } from '~/components/people/invite-form'
import { TEAM_ROLES } from '~/components/people/options'
import { PendingInvites } from '~/components/people/pending-invites'
import { PersonCard, type RowFailure } from '~/components/people/person-card'
import { DISCIPLINES } from '~/domain/disciplines'
import { MAX_BULK_INVITES, parseEmailList } from '~/domain/email-list'
import { isUuid } from '~/domain/ids'
import { formatDateTime } from '~/domain/format'
import { deactivateUser, reactivateUser } from '~/models/account.server'
import {
  bulkProblemsOf,
  createInvite,
  createInvites,
  INVITE_DAYS,
  inviteConflictOf,
  listPendingInvites,
  resendInvite,
  revokeInvite,
} from '~/models/invite.server'
import { refuse } from '~/domain/refusal'
import { formInvalid, refusalResponse } from '~/utils/refusals.server'
import { addMembership, listPeople, listWorkspaceTeams, removeMembership, setAdmin, updateMembership } from '~/models/team.server'
import { getUserById } from '~/models/user.server'
import { getWorkspaceById } from '~/models/workspace.server'
import { requireAdmin } from '~/utils/auth.server'
import { emailField, readForm } from '~/utils/forms'
import { redirectWithFlash } from '~/utils/session.server'
import { linkBase } from '~/utils/tokens.server'

const PAGE_SIZE = 20

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request)
  const page = readPage(request)
  const q = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 100)
  const [{ total, people }, teams, invites, workspace] = await Promise.all([
    listPeople(admin.workspaceId, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, query: q }),
    listWorkspaceTeams(admin.workspaceId),
    listPendingInvites(admin.workspaceId),
    getWorkspaceById(admin.workspaceId),
  ])
  const timeZone = workspace?.timeZone ?? 'UTC'
  return json({
    q,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    people,
    teams,
    selfId: admin.id,
    inviteDays: INVITE_DAYS,
    maxBulk: MAX_BULK_INVITES,
    invites: invites.map(({ expiresAt, createdAt: _created, ...i }) => ({ ...i, expires: formatDateTime(expiresAt, timeZone) })),
  })
}

const role = z.enum(TEAM_ROLES, { error: 'Choose a role' })
const discipline = z.enum(DISCIPLINES, { error: 'Choose a discipline' })
// Ids are checked with isUuid in the action, so a malformed one is a 404 like a foreign one.
const id = z.string()

const PeopleSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('invite'),
    email: emailField,
    teamId: z.string({ error: 'Choose a team' }).refine(isUuid, 'Choose a team'),
    discipline,
    role,
    makeAdmin: z
      .literal('true')
      .optional()
      .transform((v) => v === 'true'),
  }),
  z.object({ intent: z.literal('update-membership'), membershipId: id, teamId: id, discipline, role }),
  z.object({ intent: z.literal('remove-membership'), membershipId: id }),
  z.object({ intent: z.literal('add-membership'), userId: id, teamId: id, discipline, role }),
  z.object({ intent: z.literal('set-admin'), userId: id, isAdmin: z.enum(['true', 'false']).transform((v) => v === 'true') }),
  z.object({ intent: z.literal('revoke-invite'), inviteId: id }),
  z.object({ intent: z.literal('resend-invite'), inviteId: id }),
  z.object({
    intent: z.literal('bulk-invite'),
    emails: z.string({ error: 'Paste at least one email' }).max(100_000, 'That list is too long'),
    teamId: z.string({ error: 'Choose a team' }).refine(isUuid, 'Choose a team'),
    discipline,
    role,
  }),
  z.object({ intent: z.literal('deactivate'), userId: id }),
  z.object({ intent: z.literal('reactivate'), userId: id }),
])

function notFound(what: string) {
  return new Response(`${what} not found.`, { status: 404 })
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const form = await readForm(request, PeopleSchema)
  if (!form.ok) return formInvalid(form)
  const input = form.data
  const url = new URL(request.url)
  const back = url.pathname + url.search
  const ws = admin.workspaceId

  switch (input.intent) {
    case 'invite': {
      const { intent, ...invite } = input
      const values = {
        intent,
        email: invite.email,
        teamId: invite.teamId,
        discipline: invite.discipline,
        role: invite.role,
        makeAdmin: invite.makeAdmin ? 'true' : '',
      }
      try {
        const { link } = await createInvite(ws, admin, invite, linkBase(request))
        // Not a redirect: the link is shown in this response; it is never stored in clear.
        return json({ ok: true as const, created: { link, email: invite.email, resent: false } })
      } catch (error) {
        const timeZone = (await getWorkspaceById(ws))?.timeZone ?? 'UTC'
        // The form offers the way out: resend the open invitation, or tell them to sign in.
        return refusalResponse(error, values, (refusal) => {
          const conflict = inviteConflictOf(refusal.detail)
          const pending = conflict?.reason === 'pending' && conflict.pending
          return {
            pending: pending ? { id: pending.id, email: pending.email, expires: formatDateTime(pending.expiresAt, timeZone) } : null,
            account: conflict?.reason === 'account' ? { email: invite.email } : null,
          }
        })
      }
    }
    case 'bulk-invite': {
      const { intent, emails, ...common } = input
      const values = { intent, emails, ...common }
      const entries = parseEmailList(emails)
      const tooMany = entries.length > MAX_BULK_INVITES ? `At most ${MAX_BULK_INVITES} at a time; this list has ${entries.length}.` : null
      const empty = entries.length === 0 ? 'Paste at least one email.' : null
      try {
        if (tooMany || empty) refuse(422, tooMany ?? empty ?? '', { field: 'emails' })
        const created = await createInvites(ws, admin, entries, { ...common, makeAdmin: false }, linkBase(request))
        return json({ ok: true as const, bulkCreated: created })
      } catch (error) {
        return refusalResponse(error, values, (refusal) => {
          const problems = bulkProblemsOf(refusal.detail)
          return problems ? { problems } : {}
        })
      }
    }
    case 'resend-invite': {
      const sent = isUuid(input.inviteId) ? await resendInvite(ws, input.inviteId, admin, linkBase(request)) : null
      if (!sent) throw notFound('Invitation')
      return json({ ok: true as const, created: { link: sent.link, email: sent.invite.email, resent: true } })
    }
    case 'deactivate':
    case 'reactivate': {
      if (!isUuid(input.userId)) throw notFound('Person')
      try {
        const user =
          input.intent === 'deactivate' ? await deactivateUser(ws, admin.id, input.userId) : await reactivateUser(ws, input.userId)
        if (!user) throw notFound('Person')
        const message =
          input.intent === 'deactivate'
            ? `${user.name} was deactivated: signed out everywhere, removed from every team, and unable to sign in.`
            : `${user.name} can sign in again. Add them to teams as needed.`
        return redirectWithFlash(request, back, message)
      } catch (error) {
        return refusalResponse(error, { intent: input.intent, userId: input.userId })
      }
    }
    case 'update-membership':
    case 'add-membership': {
      const key = input.intent === 'add-membership' ? input.userId : input.membershipId
      if (!isUuid(key) || !isUuid(input.teamId)) throw notFound('Team or membership')
      const values = { intent: input.intent, [input.intent === 'add-membership' ? 'userId' : 'membershipId']: key }
      try {
        if (input.intent === 'add-membership' && (await getUserById(key))?.deactivatedAt)
          refuse(409, 'This person is deactivated. Reactivate them first.')
        const row =
          input.intent === 'add-membership'
            ? await addMembership(
                ws,
                { userId: input.userId, teamId: input.teamId, role: input.role, discipline: input.discipline },
                admin.id,
              )
            : await updateMembership(
                ws,
                input.membershipId,
                { teamId: input.teamId, role: input.role, discipline: input.discipline },
                admin.id,
              )
        if (!row) throw notFound('Team or membership')
      } catch (error) {
        return refusalResponse(error, values)
      }
      return redirectWithFlash(request, back, input.intent === 'add-membership' ? 'Added to the team.' : 'Membership saved.')
    }
    case 'remove-membership': {
      if (!isUuid(input.membershipId) || !(await removeMembership(ws, input.membershipId, { actorId: admin.id })))
        throw notFound('Membership')
      return redirectWithFlash(request, back, 'Removed from the team.')
    }
    case 'set-admin': {
      if (!isUuid(input.userId)) throw notFound('Person')
      try {
        if (input.isAdmin && (await getUserById(input.userId))?.deactivatedAt)
          refuse(409, 'This person is deactivated. Reactivate them first.')
        const user = await setAdmin(ws, input.userId, input.isAdmin)
        if (!user) throw notFound('Person')
        // Someone who just gave up admin rights can no longer see this page.
        if (user.id === admin.id && !user.isAdmin) return redirectWithFlash(request, '/', 'You are no longer a workspace admin.')
        return redirectWithFlash(
          request,
          back,
          user.isAdmin ? `${user.name} is now a workspace admin.` : `${user.name} is no longer a workspace admin.`,
        )
      } catch (error) {
        return refusalResponse(error, { intent: input.intent, userId: input.userId })
      }
    }
    case 'revoke-invite': {
      const revoked = isUuid(input.inviteId) ? await revokeInvite(ws, input.inviteId) : null
      if (!revoked) throw notFound('Invitation')
      return redirectWithFlash(request, back, `The invitation for ${revoked.email} was revoked; its link no longer works.`)
    }
  }
}

export default function People() {
  const { q, page, pages, total, people, teams, selfId, invites, inviteDays, maxBulk } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = result && !result.ok ? result : undefined
  const created = result && result.ok && 'created' in result ? result.created : undefined
  const bulkCreated = result && result.ok && 'bulkCreated' in result ? result.bulkCreated : undefined
  const intent = failure?.values.intent
  const inviteFailure = intent === 'invite' ? failure : undefined
  const bulkFailure = intent === 'bulk-invite' ? failure : undefined
  const rowKey = failure?.values.membershipId ?? failure?.values.userId
  const rowFailure: RowFailure | undefined =
    failure && intent && intent !== 'invite' && intent !== 'bulk-invite' && rowKey
      ? { intent, key: rowKey, message: failure.formError ?? Object.values(failure.errors).flat()[0] ?? 'That did not work.' }
      : undefined
  return (
    <>
      <h1>People</h1>
      {failure && !inviteFailure && !bulkFailure && !rowFailure ? (
        <FormError message={failure.formError ?? 'That request was not valid.'} />
      ) : null}
      {created ? <CreatedInvite link={created.link} email={created.email} days={inviteDays} resent={created.resent} /> : null}
      {bulkCreated ? <CreatedInvites created={bulkCreated} days={inviteDays} /> : null}
      <InviteForm teams={teams} failure={inviteFailure} resetKey={created?.link} />
      <BulkInviteForm
        teams={teams}
        max={maxBulk}
        failure={bulkFailure}
        resetKey={bulkCreated ? String(bulkCreated.length) + bulkCreated[0]?.link : undefined}
      />
      <PendingInvites invites={invites} />

      <section aria-labelledby="people-h">
        <h2 id="people-h">Everyone in the workspace</h2>
        <Form method="get" className="row" role="search" style={{ marginBottom: '0.75rem' }}>
          <Field label="Search by name or email" name="q" type="search" defaultValue={q} maxLength={100} />
          <button type="submit" className="secondary">
            Search
          </button>
          {q ? (
            <Link to="/admin/people" style={{ padding: '0.5rem 0' }}>
              Clear
            </Link>
          ) : null}
        </Form>
        {people.length === 0 ? (
          <div className="empty">
            <p>{q ? `No one matches “${q}”.` : 'No people on this page.'}</p>
          </div>
        ) : (
          <>
            <p className="muted small">
              {total} {total === 1 ? 'person' : 'people'}
              {q ? ` matching “${q}”` : ''}
            </p>
            <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {people.map((p) => (
                <PersonCard
                  key={p.id}
                  person={p}
                  teams={teams}
                  isSelf={p.id === selfId}
                  failure={
                    rowFailure && (rowFailure.key === p.id || p.memberships.some((m) => m.membershipId === rowFailure.key))
                      ? rowFailure
                      : undefined
                  }
                />
              ))}
            </ul>
          </>
        )}
        <Pager page={page} pages={pages} />
      </section>
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'People · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
