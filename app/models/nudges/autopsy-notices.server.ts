// What an autopsy tells people: perspectives requested, revealed, the autopsy
// published, and action items given to someone. Each notice names the
// feature and never a perspective's author or its words.
import { and, eq, inArray, ne } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server'
import { features, autopsies, memberships } from '../../../db/schema'
import type { NoticeKind } from '~/domain/nudges'
import { noticeMail, notify } from './notify.server'

type AutopsyRef = { workspaceId: string; teamId: string; autopsyId: string }

/** A notice about an autopsy to the given people, once each per autopsy and kind. */
export async function tellAutopsyPeople(
  tx: Tx,
  input: {
    workspaceId: string
    userIds: readonly string[]
    kind: NoticeKind
    autopsyId: string
    message: string
    href: string
    linkLabel: string
  },
) {
  return notify(
    {
      workspaceId: input.workspaceId,
      userIds: input.userIds,
      kind: input.kind,
      message: input.message,
      href: input.href,
      subjectId: input.autopsyId,
      dedupeKey: `${input.kind}:${input.autopsyId}`,
      mail: noticeMail({ subject: input.message, message: input.message, href: input.href, linkLabel: input.linkLabel }),
    },
    tx,
  )
}

async function featureName(tx: Tx, autopsyId: string) {
  const [row] = await tx
    .select({ name: features.name })
    .from(autopsies)
    .innerJoin(features, eq(features.id, autopsies.featureId))
    .where(eq(autopsies.id, autopsyId))
  return row?.name ?? 'a feature'
}

/**
 * The reveal to the team's members and facilitators; the publication to them
 * and the team's leaders, who may read published autopsies. Not to whoever
 * made the move.
 */
export async function tellAutopsyMove(
  tx: Tx,
  input: AutopsyRef & { actorId: string; kind: 'perspectives_revealed' | 'autopsy_published' },
) {
  const roles = input.kind === 'autopsy_published' ? (['member', 'facilitator', 'leader'] as const) : (['member', 'facilitator'] as const)
  const people = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.workspaceId, input.workspaceId),
        eq(memberships.teamId, input.teamId),
        inArray(memberships.role, [...roles]),
        ne(memberships.userId, input.actorId),
      ),
    )
  const name = await featureName(tx, input.autopsyId)
  const revealed = input.kind === 'perspectives_revealed'
  await tellAutopsyPeople(tx, {
    workspaceId: input.workspaceId,
    userIds: people.map((p) => p.userId),
    kind: input.kind,
    autopsyId: input.autopsyId,
    message: revealed ? `The perspectives on “${name}” were revealed.` : `The autopsy of “${name}” was published.`,
    href: `/teams/${input.teamId}/autopsies/${input.autopsyId}`,
    linkLabel: revealed ? 'Read the perspectives' : 'Read the autopsy',
  })
}

/**
 * Tells the owner of an action item that it is theirs, unless they gave it to
 * themselves. For any action model: autopsies' action items, and plans'.
 */
export async function tellActionAssigned(
  tx: Tx,
  input: {
    workspaceId: string
    actionId: string
    ownerId: string | null
    actorId: string | null
    title: string
    dueOn: string
    href: string
  },
) {
  if (!input.ownerId || input.ownerId === input.actorId) return []
  const message = `An action is yours: “${input.title}”, due ${input.dueOn}.`
  return notify(
    {
      workspaceId: input.workspaceId,
      userIds: [input.ownerId],
      kind: 'action_assigned',
      message,
      href: input.href,
      subjectId: input.actionId,
      dedupeKey: `action_assigned:${input.actionId}:${input.ownerId}`,
      mail: noticeMail({ subject: `An action is yours: ${input.title}`, message, href: input.href, linkLabel: 'See the action' }),
    },
    tx,
  )
}
