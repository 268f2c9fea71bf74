// The generator's command line, checked with zod so a bad value stops the run
// with a message that names the flag.
import { parseArgs } from 'node:util'
import { z } from 'zod'

export const BENCH_PASSWORD = 'tandem-bench-2026'
export const BENCH_DOMAIN = 'tandem.bench'
export const BENCH_ADMIN = `bench-admin@${BENCH_DOMAIN}`
/** Leaders of every team, of the first 100 and of the first 10 (fewer when there are fewer teams). */
export const BENCH_LEADERS = [
  { email: `bench-leader-all@${BENCH_DOMAIN}`, name: 'Bench Leader (all teams)', teams: Infinity },
  { email: `bench-leader-100@${BENCH_DOMAIN}`, name: 'Bench Leader (100 teams)', teams: 100 },
  { email: `bench-leader-10@${BENCH_DOMAIN}`, name: 'Bench Leader (10 teams)', teams: 10 },
] as const
export const benchMemberEmail = (n: number) => `bench-member-${n}@${BENCH_DOMAIN}`

const today = () => new Date().toISOString().slice(0, 10)

const schema = z.object({
  teams: z.coerce.number('a number').int('a whole number').min(1, 'at least 1').max(5000, 'at most 5000'),
  years: z.coerce.number('a number').gt(0, 'more than 0').max(10, 'at most 10'),
  seed: z.coerce
    .number('a number')
    .int('a whole number')
    .min(0, '0 or more')
    .max(2 ** 32 - 1, 'below 2^32'),
  intake: z.coerce.number('a number').int('a whole number').min(0, '0 or more'),
  until: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD')
    .refine((s) => new Date(Date.parse(`${s}T00:00:00Z`) || 0).toISOString().startsWith(s), 'a real date'),
  batch: z.coerce.number('a number').int('a whole number').min(1, 'at least 1').max(500, 'at most 500'),
})

export type BenchOptions = z.infer<typeof schema>

const USAGE = `Usage: npm run bench:seed -- [--teams 500] [--years 3] [--seed 1] [--intake 0] [--until YYYY-MM-DD] [--batch 25]

Fills an empty, migrated database (DATABASE_URL, or PGlite under DATA_DIR) with a
company of --teams teams and --years years of weekly pulse rounds, features and
autopsies, ending the day before --until (default: today, UTC). The same
arguments give the same rows apart from random ids. --intake N adds N members
(bench-member-1@${BENCH_DOMAIN} …) who each have one open round to answer.`

function readArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      teams: { type: 'string', default: '500' },
      years: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      intake: { type: 'string', default: '0' },
      until: { type: 'string', default: today() },
      batch: { type: 'string', default: '25' },
    },
    strict: true,
  }).values
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  let values: ReturnType<typeof readArgs>
  try {
    values = readArgs(argv)
  } catch (error) {
    // An unknown flag or a flag without its value.
    throw new Error(`${error instanceof Error ? error.message : error}\n\n${USAGE}`)
  }
  const parsed = schema.safeParse(values)
  if (!parsed.success)
    throw new Error(`${parsed.error.issues.map((i) => `--${i.path.join('.')} must be ${i.message}.`).join('\n')}\n\n${USAGE}`)
  return parsed.data
}
