// API tokens without I/O: the scopes, what a token looks like, and whether a
// stored token still works. The model and the bearer guard apply these.

/** Each scope a token may hold, with what it lets the token do. Kept small on purpose. */
export const SCOPES = {
  'teams:read': 'List the teams the token can see',
  'features:read': 'Read the feature log of those teams',
  'features:write': 'Log and edit features, as the feature form does',
  'dashboard:read': 'Read the leader dashboard’s aggregates, with the same anonymity thresholds',
} as const

export type Scope = keyof typeof SCOPES
export const SCOPE_KEYS = Object.keys(SCOPES) as [Scope, ...Scope[]]

export function isScope(value: string): value is Scope {
  return Object.hasOwn(SCOPES, value)
}

export type TokenKind = 'personal' | 'workspace'

/** Every token starts with this, so a leaked one is easy to recognise (and to search for in a repository). */
export const TOKEN_PREFIX = 'tdm_'
/** Characters of the secret part kept for display: 8 base64url characters, 48 of its 256 bits. */
export const DISPLAY_CHARS = 8

/** The non-secret start of a token that lists show, e.g. `tdm_Ab3dE9xZ`. */
export function displayPrefix(token: string) {
  return token.slice(0, TOKEN_PREFIX.length + DISPLAY_CHARS)
}

/** A token as a client sends it: the prefix and 43 base64url characters (32 random bytes). */
export function looksLikeToken(value: string) {
  return /^tdm_[A-Za-z0-9_-]{43}$/.test(value)
}

/**
 * The token in an Authorization header, or null. Only `Bearer <token>` is
 * read; the scheme is case-insensitive, as HTTP says.
 */
export function bearerToken(header: string | null): string | null {
  if (!header) return null
  const match = /^Bearer +(\S+) *$/i.exec(header)
  return match ? match[1] : null
}

export const EXPIRY_CHOICES = { '30': 30, '90': 90, '365': 365, never: null } as const
export type ExpiryChoice = keyof typeof EXPIRY_CHOICES

export function expiryDate(choice: ExpiryChoice, now: Date): Date | null {
  const days = EXPIRY_CHOICES[choice]
  return days === null ? null : new Date(now.getTime() + days * 86_400_000)
}

export type TokenState = 'active' | 'expired' | 'revoked' | 'stopped'

/**
 * Whether a stored token works. `ownerActive`: for a personal token, its
 * owner is not deactivated; for a workspace token, its creator is still an
 * active admin. A workspace integration must not outlive the admin who saw its value.
 */
export function tokenState(token: { revokedAt: Date | null; expiresAt: Date | null }, ownerActive: boolean, now: Date): TokenState {
  if (token.revokedAt) return 'revoked'
  if (token.expiresAt && token.expiresAt <= now) return 'expired'
  if (!ownerActive) return 'stopped'
  return 'active'
}

/** At most this many live tokens per person (personal) or per workspace (workspace tokens). */
export const MAX_LIVE_TOKENS = 50

/** last_used_at is written at most this often per token, so reads do not each cost a write. */
export const LAST_USED_GRANULARITY_MS = 60_000

/** A token as the model lists it for its page (never its hash). */
export type TokenListItem = {
  id: string
  name: string
  prefix: string
  scopes: string[]
  createdAt: string
  lastUsedAt: string | null
  expiresAt: string | null
  state: TokenState
  createdByName: string
}

/** A token as its page shows it: dates formatted for the reader. */
export type TokenRow = Omit<TokenListItem, 'createdAt' | 'lastUsedAt' | 'expiresAt'> & {
  created: string
  lastUsed: string | null
  expires: string | null
}

export function tokenRows(tokens: TokenListItem[], format: (iso: string) => string): TokenRow[] {
  return tokens.map(({ createdAt, lastUsedAt, expiresAt, ...t }) => ({
    ...t,
    created: format(createdAt),
    lastUsed: lastUsedAt ? format(lastUsedAt) : null,
    expires: expiresAt ? format(expiresAt) : null,
  }))
}
