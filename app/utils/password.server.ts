import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

// scrypt with a per-user salt; parameters are stored with the hash so they can rise later.
const N = 16384
const r = 8
const p = 1
const KEYLEN = 64

function derive(password: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEYLEN, { N: n, r: rr, p: pp, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    )
  })
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, N, r, p)
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(rr), Number(pp))
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

// Compared against when the email is unknown, so timing does not reveal which emails exist.
let dummy: Promise<string> | undefined
export function dummyHash() {
  dummy ??= hashPassword('not-a-real-password')
  return dummy
}
