import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { getEnv } from './env.server'
import { sessionSecret } from './secret.server'

// Secrets Tandem must keep in the database (a single sign-on client secret)
// are sealed with AES-256-GCM under a key that lives only in the environment:
// SECRETS_KEY, or else one derived from the session secret, which is never in
// the database either. A copy of the database alone cannot open them.

const VERSION = 'v1'

function key(): Buffer {
  const material = getEnv().SECRETS_KEY ?? sessionSecret()
  return Buffer.from(hkdfSync('sha256', material, 'tandem', 'sealed secrets v1', 32))
}

export function seal(plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key(), iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
}

/** The sealed text, or null when it was sealed under another key (or tampered with). */
export function unseal(sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split('.')
  if (version !== VERSION || !iv || !tag || body === undefined) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}
