// The digest's unsubscribe link. It must work from the mail without signing
// in, and must not let anyone unsubscribe someone else: it is the user id
// signed with the app secret.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { getDb } from '../../db/client.server'
import { users } from '../../db/schema'
import { isUuid } from '~/domain/ids'
import { sessionSecret } from '~/utils/session.server'

const TOKEN_PURPOSE = 'digest-unsubscribe'

function signature(userId: string): string {
  return createHmac('sha256', sessionSecret()).update(`${TOKEN_PURPOSE}:${userId}`).digest('base64url')
}

export function unsubscribeToken(userId: string): string {
  return `${userId}.${signature(userId)}`
}

/** The user id a token was made for, or null for anything forged, truncated or malformed. */
function verifyUnsubscribeToken(token: string): string | null {
  const dot = token.indexOf('.')
  if (dot < 0) return null
  const userId = token.slice(0, dot)
  if (!isUuid(userId)) return null
  const given = Buffer.from(token.slice(dot + 1))
  const expected = Buffer.from(signature(userId))
  if (given.length !== expected.length) return null
  return timingSafeEqual(given, expected) ? userId : null
}

/** The person an unsubscribe link belongs to, or null when the link is not valid. */
export async function getUnsubscribeTarget(token: string) {
  const userId = verifyUnsubscribeToken(token)
  if (!userId) return null
  const db = await getDb()
  const [row] = await db
    .select({ id: users.id, workspaceId: users.workspaceId, name: users.name, digestOptOut: users.digestOptOut })
    .from(users)
    .where(eq(users.id, userId))
  return row ?? null
}

/** Opts the link's owner out. Returns null when the link is not valid. */
export async function unsubscribeWithToken(token: string) {
  const target = await getUnsubscribeTarget(token)
  if (!target) return null
  const db = await getDb()
  await db
    .update(users)
    .set({ digestOptOut: true })
    .where(and(eq(users.workspaceId, target.workspaceId), eq(users.id, target.id)))
  return { ...target, digestOptOut: true }
}
