import { describe, expect, it } from 'vitest'
import { parseEnv } from '~/utils/env.server'

describe('server settings in the environment', () => {
  it('defaults: all interfaces, no proxy trusted, no metrics', () => {
    const result = parseEnv({})
    expect(result.ok && result.env).toMatchObject({ PORT: 3000, TRUST_PROXY: 'false' })
    expect(result.ok && result.env.HOST).toBeUndefined()
    expect(result.ok && result.env.METRICS_TOKEN).toBeUndefined()
    expect(result.ok && result.env.METRICS_PORT).toBeUndefined()
  })

  it.each([
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN must be at least 16 characters'],
    [{ METRICS_PORT: '70000' }, 'METRICS_PORT'],
    [{ HOST: '', PORT: '0' }, 'PORT'],
    [{ WEB_CONCURRENCY: '2' }, 'WEB_CONCURRENCY above 1 needs DATABASE_URL'],
    [{ WEB_CONCURRENCY: '0', DATABASE_URL: 'postgres://db/tandem' }, 'WEB_CONCURRENCY'],
  ])('%o is refused with a message naming the variable', (env, message) => {
    const result = parseEnv(env)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.message).toContain(message)
  })

  it('accepts a bind address, a trusted proxy and both ways of serving metrics', () => {
    const result = parseEnv({ HOST: '127.0.0.1', TRUST_PROXY: 'true', METRICS_TOKEN: 'a'.repeat(32), METRICS_PORT: '9464' })
    expect(result.ok && result.env).toMatchObject({ HOST: '127.0.0.1', TRUST_PROXY: 'true', METRICS_PORT: 9464 })
  })

  it('runs one server process unless told otherwise, and several only on PostgreSQL', () => {
    const one = parseEnv({})
    expect(one.ok && one.env.WEB_CONCURRENCY).toBe(1)
    const two = parseEnv({ WEB_CONCURRENCY: '2', DATABASE_URL: 'postgres://db/tandem' })
    expect(two.ok && two.env.WEB_CONCURRENCY).toBe(2)
  })
})
