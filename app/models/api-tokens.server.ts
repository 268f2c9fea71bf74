// API tokens: minted here (the value is returned once and never stored),
// listed for their pages, revoked, and looked up by the bearer guard. See ADR 020.
import { randomBytes } from 'node:crypto'
import { and, count, desc, eq, isNull, lt, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { getDb } from '../../db/client.server'
import { apiTokens, users } from '../../db/schema'
import {
  displayPrefix,
  LAST_USED_GRANULARITY_MS,
  MAX_LIVE_TOKENS,
  TOKEN_PREFIX,
  tokenState,
  type Scope,
  type TokenKind,
  type TokenListItem,
  type TokenState,
} from '~/domain/api-tokens'
import { refuse } from '~/domain/refusal'
import { hashToken } from '~/utils/tokens.server'

export type NewToken = {
  workspaceId: string
  /** the owner of a personal token; null for a workspace token */
  userId: string | null
  createdBy: string
  name: string
  scopes: Scope[]
  expiresAt: Date | null
}

/** Which tokens a list or a revocation is about: one person's personal tokens, or the workspace's. */
type Owner = { workspaceId: string; userId: string | null }

function ownerWhere({ workspaceId, userId }: Owner) {
  return and(eq(apiTokens.workspaceId, workspaceId), userId ? eq(apiTokens.userId, userId) : isNull(apiTokens.userId))
}

/** Mints a token. The returned `token` is the only time its value exists outside the client. */
export async function createApiToken(input: NewToken) {
  const db = await getDb()
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url')
  return db.transaction(async (tx) => {
    // Counted under a lock on the owner's row, so two requests cannot both take the last place.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, input.createdBy)).for('update')
    const [{ live }] = await tx
      .select({ live: count() })
      .from(apiTokens)
      .where(and(ownerWhere(input), isNull(apiTokens.revokedAt)))
    if (live >= MAX_LIVE_TOKENS) {
      refuse(409, `There are already ${MAX_LIVE_TOKENS} tokens here. Revoke one you no longer use first.`, { field: 'name' })
    }
    const [row] = await tx
      .insert(apiTokens)
      .values({ ...input, tokenHash: hashToken(token), prefix: displayPrefix(token) })
      .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix })
    return { ...row, token }
  })
}

const creators = alias(users, 'creators')

/** Tokens not revoked (working, expired or stopped), newest first. At most MAX_LIVE_TOKENS, so one page. */
export async function listApiTokens(owner: Owner, kind: TokenKind, now = new Date()): Promise<TokenListItem[]> {
  const db = await getDb()
  const rows = await db
    .select({
      token: apiTokens,
      createdByName: creators.name,
      creatorActive: sql<boolean>`${creators.deactivatedAt} is null`,
      creatorAdmin: creators.isAdmin,
    })
    .from(apiTokens)
    .innerJoin(creators, eq(creators.id, apiTokens.createdBy))
    .where(and(ownerWhere(kind === 'workspace' ? { ...owner, userId: null } : owner), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt))
    .limit(MAX_LIVE_TOKENS)
  return rows.map(({ token, createdByName, creatorActive, creatorAdmin }) => ({
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    scopes: token.scopes,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    state: tokenState(token, kind === 'workspace' ? creatorActive && creatorAdmin : creatorActive, now),
    createdByName,
  }))
}

/** Revokes at once: the next request with it is a 401. A token that is not the owner's is a 404. */
export async function revokeApiToken(owner: Owner, tokenId: string) {
  const db = await getDb()
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(ownerWhere(owner), eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
    .returning({ name: apiTokens.name })
  if (!row) refuse(404, 'That token is not here, or it was already revoked.')
  return row
}

/** Who a working token acts as: the rights of `id` in `workspaceId`, narrowed to `scopes`. */
export type TokenActor = {
  tokenId: string
  kind: TokenKind
  scopes: string[]
  /** the owner (personal) or the admin who created it (workspace; their own answers stay out of what they read) */
  id: string
  workspaceId: string
  isAdmin: boolean
}

/**
 * The token behind a bearer value and whether it works. Marks it used at
 * most once a minute. Null when no token has this hash.
 */
export async function findApiToken(tokenHash: string, now = new Date()): Promise<{ state: TokenState; actor: TokenActor } | null> {
  const db = await getDb()
  const [row] = await db
    .select({ token: apiTokens, creator: creators })
    .from(apiTokens)
    .innerJoin(creators, eq(creators.id, apiTokens.createdBy))
    .where(eq(apiTokens.tokenHash, tokenHash))
  if (!row) return null
  const { token, creator } = row
  // A personal token's creator is its owner; a workspace token needs its creator to still be an admin.
  const kind: TokenKind = token.userId ? 'personal' : 'workspace'
  const active = creator.deactivatedAt === null && (kind === 'personal' || creator.isAdmin)
  const state = tokenState(token, active, now)
  if (state === 'active') {
    const before = new Date(now.getTime() - LAST_USED_GRANULARITY_MS)
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.id, token.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, before))))
  }
  return {
    state,
    actor: {
      tokenId: token.id,
      kind,
      scopes: token.scopes,
      id: creator.id,
      workspaceId: token.workspaceId,
      isAdmin: kind === 'workspace' ? true : creator.isAdmin,
    },
  }
}
