import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { getEnv } from './env.server'

/**
 * The server secret: SESSION_SECRET when set; otherwise (embedded default) one
 * generated on first start and kept in the data dir, so restarts keep people
 * signed in. It is never stored in the database, so a copy of the database
 * alone cannot sign cookies or derive invitation and password reset links.
 */
export function sessionSecret(): string {
  const env = getEnv()
  if (env.SESSION_SECRET) return env.SESSION_SECRET
  const file = path.join(path.resolve(env.DATA_DIR), 'session-secret')
  try {
    const existing = readFileSync(file, 'utf8').trim()
    if (existing.length >= 32) return existing
  } catch {
    // first start: fall through and create it
  }
  mkdirSync(path.dirname(file), { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'w' })
  return secret
}
