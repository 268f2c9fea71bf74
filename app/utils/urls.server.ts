import { getEnv } from './env.server'

/** Absolute links for mail, which has no request to take an origin from. */
export function appUrl(path: string) {
  const env = getEnv()
  const base = env.APP_URL ?? `http://localhost:${env.PORT}`
  return new URL(path, base).toString()
}
