import { z } from 'zod'

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    // Seals secrets kept in the database (the single sign-on client secret).
    // Unset: derived from the session secret.
    SECRETS_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    SESSION_COOKIE_SECURE: z.enum(['true', 'false']).optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Tandem <tandem@localhost>'),
    APP_URL: z.url('must be a URL such as https://tandem.example.com').optional(),
    // The Slack Web API; tests and air-gapped installs point it at their own server.
    SLACK_API_URL: z.url('must be a URL such as https://slack.com/api').default('https://slack.com/api'),
    SCHEDULER: z.enum(['on', 'off']).default('on'),
    SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    TRUST_PROXY: z.enum(['true', 'false']).default('false'),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    // The GitHub REST API that feature imports call (GitHub Enterprise: https://host/api/v3).
    GITHUB_API_URL: z.url('must be a URL such as https://api.github.com').default('https://api.github.com'),
    // Server processes sharing the port (node:cluster), one per core is the usual choice. PostgreSQL only.
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  })
  .superRefine((env, ctx) => {
    if (env.WEB_CONCURRENCY > 1 && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEB_CONCURRENCY'],
        message: 'above 1 needs DATABASE_URL: the embedded database belongs to one process',
      })
    }
    // The embedded default generates and keeps a secret in the data dir; a shared
    // PostgreSQL deployment runs several instances that must agree on one.
    if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'is required in production when DATABASE_URL is set',
      })
    }
  })

export type Env = z.infer<typeof EnvSchema>

/** Parses an environment; returns one line naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined>): { ok: true; env: Env } | { ok: false; message: string } {
  // Empty strings mean "unset" (a common shell habit: FOO= npm start).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''))
  const result = EnvSchema.safeParse(cleaned)
  if (result.success) return { ok: true, env: result.data }
  const issue = result.error.issues[0]
  const name = String(issue.path[0] ?? 'environment')
  return { ok: false, message: `Invalid environment: ${name} ${issue.message}` }
}

let cached: Env | undefined

/** Validated env; a bad variable stops the process with one line naming it. */
export function getEnv(): Env {
  if (cached) return cached
  const result = parseEnv(process.env)
  if (!result.ok) {
    if (process.env.VITEST) throw new Error(result.message)
    // Before anything else runs, so one plain line on stderr rather than a log record.
    console.error(result.message)
    process.exit(1)
  }
  cached = result.env
  return cached
}
