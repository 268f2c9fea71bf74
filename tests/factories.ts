import { randomUUID } from 'node:crypto'
import type { SQL } from 'drizzle-orm'
import { getDb } from '../db/client.server'
import { memberships, settings, teams, users, workspaces } from '../db/schema'
import type { Discipline } from '~/domain/disciplines'
import type { TeamRole } from '~/models/user.server'
import { hashPassword } from '~/utils/password.server'
import { insertSession } from '~/models/auth-session.server'
import { sessionStorage } from '~/utils/session.server'
import { hashToken, randomToken } from '~/utils/tokens.server'

export const PASSWORD = 'correct horse battery'
let passwordHash: Promise<string> | undefined

export async function createWorkspace(overrides: Partial<typeof workspaces.$inferInsert> = {}) {
  const db = await getDb()
  await db.insert(settings).values({ key: 'onboarded', value: 'test' }).onConflictDoNothing()
  const [row] = await db
    .insert(workspaces)
    .values({ name: 'Acme', ...overrides })
    .returning()
  return row
}

export async function createUser(workspaceId: string, overrides: Partial<typeof users.$inferInsert> = {}) {
  const db = await getDb()
  passwordHash ??= hashPassword(PASSWORD)
  const [row] = await db
    .insert(users)
    .values({
      workspaceId,
      email: `user-${randomUUID().slice(0, 8)}@example.com`,
      name: 'Test Person',
      passwordHash: await passwordHash,
      ...overrides,
    })
    .returning()
  return row
}

export async function createTeam(workspaceId: string, name = `Team ${randomUUID().slice(0, 6)}`) {
  const db = await getDb()
  const [row] = await db.insert(teams).values({ workspaceId, name }).returning()
  return row
}

export async function addMember(
  team: { id: string; workspaceId: string },
  user: { id: string },
  role: TeamRole = 'member',
  discipline: Discipline = 'engineering',
) {
  const db = await getDb()
  const [row] = await db
    .insert(memberships)
    .values({ workspaceId: team.workspaceId, teamId: team.id, userId: user.id, role, discipline })
    .returning()
  return row
}

/** A user with a membership, ready to sign requests. */
export async function createMember(
  team: { id: string; workspaceId: string },
  role: TeamRole = 'member',
  discipline: Discipline = 'engineering',
) {
  const user = await createUser(team.workspaceId, { name: `${discipline} ${role} ${randomUUID().slice(0, 4)}` })
  await addMember(team, user, role, discipline)
  return user
}

/** A signed-in cookie backed by a real session row, as sign-in would make. */
export async function signIn(userId: string, { device = 'Firefox on Linux' } = {}) {
  const token = randomToken()
  const row = await insertSession({ userId, tokenHash: hashToken(token), device })
  const session = await sessionStorage().getSession()
  session.set('token', token)
  const setCookie = await sessionStorage().commitSession(session)
  return { cookie: setCookie.split(';')[0], sessionId: row.id }
}

export async function cookieFor(userId: string) {
  return (await signIn(userId)).cookie
}

/** The cookie a response sets, as a browser would send it back. */
export function cookieFrom(response: Response) {
  const header = response.headers.get('Set-Cookie')
  if (!header) throw new Error('The response set no cookie')
  return header.split(';')[0]
}

/** A real Request, optionally signed in and carrying a form body. */
export async function request(
  path: string,
  {
    user,
    cookie,
    form,
    method,
  }: { user?: { id: string }; cookie?: string; form?: Record<string, string | string[]>; method?: string } = {},
) {
  const headers = new Headers()
  if (cookie) headers.set('Cookie', cookie)
  else if (user) headers.set('Cookie', await cookieFor(user.id))
  let body: FormData | undefined
  if (form) {
    body = new FormData()
    for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item)
  }
  return new Request(`http://localhost${path}`, { method: method ?? (form ? 'POST' : 'GET'), headers, body })
}

/** Runs a loader/action and returns the Response, whether it was returned or thrown. */
export async function settle(fn: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await fn()
    if (result instanceof Response) return result
    throw new Error(`Expected a Response, got ${typeof result}`)
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
}

/** Raw SQL rows, the same on both drivers (PGlite returns { rows }, postgres.js an array). */
export async function query<T>(statement: SQL): Promise<T[]> {
  const db = await getDb()
  const result: unknown = await db.execute(statement)
  if (Array.isArray(result)) return result
  if (result && typeof result === 'object' && 'rows' in result && Array.isArray(result.rows)) return result.rows
  throw new Error('Unexpected result shape from db.execute')
}
