// `npm run db:copy -- --to postgres://…`: moves an embedded PGlite install
// (DATA_DIR, default ./data) into an empty PostgreSQL database. The target is
// migrated first, then every table of db/schema.ts is copied in foreign-key
// order, in batches, in one transaction; row counts are compared per table
// before it commits. The PGlite data is only read.
import { readdirSync, readFileSync, readlinkSync, existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { connectPostgres } from './client.server'
import { ident, tablesInForeignKeyOrder } from './tables'

export class CopyError extends Error {}

export type CopyOptions = {
  /** the install's DATA_DIR (the database is its pglite/ folder) */
  dataDir: string
  /** postgres:// URL of an empty database */
  to: string
  batchSize?: number
  log?: (line: string) => void
}

export type TableCount = { table: string; source: number; target: number }

// ANONYMITY: who answered (participations) and what was answered (responses,
// answers) were written in the same transactions, so their physical order in
// the source lines up. They are read in a random order; and since every row
// arrives in the one target transaction, no transaction id links them either.
const SHUFFLED = new Set(['responses', 'answers', 'participations'])

/** Another branch of the app may take this lock while it runs on the data dir. */
const LOCK_FILE = 'pglite.lock'

export function migrationsFolder() {
  return path.resolve(process.env.MIGRATIONS_DIR ?? 'db/migrations')
}

/** Process ids (other than ours) holding files open under `dir`. Linux only; elsewhere nothing is found. */
export function processesHolding(dir: string): number[] {
  if (!existsSync('/proc')) return []
  const prefix = path.resolve(dir) + path.sep
  const holders: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
    let fds: string[]
    try {
      fds = readdirSync(`/proc/${entry}/fd`)
    } catch {
      continue
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`).startsWith(prefix)) {
          holders.push(Number(entry))
          break
        }
      } catch {
        // the fd closed while we looked
      }
    }
  }
  return holders
}

function checkSource(dataDir: string) {
  const pgliteDir = path.join(dataDir, 'pglite')
  if (!existsSync(path.join(pgliteDir, 'PG_VERSION'))) {
    throw new CopyError(`No embedded database in ${pgliteDir}. Set DATA_DIR (or --from) to the folder Tandem ran with.`)
  }
  if (existsSync(path.join(dataDir, LOCK_FILE))) {
    throw new CopyError(
      `Tandem is running on ${dataDir} (${path.join(dataDir, LOCK_FILE)} exists). Stop it first: the copy must see a database nobody is writing to. If Tandem is not running, the lock is left over from a crash: remove the file and run the copy again.`,
    )
  }
  const holders = processesHolding(pgliteDir)
  if (holders.length) {
    throw new CopyError(
      `The embedded database in ${pgliteDir} is open in process ${holders.join(', ')}. Stop Tandem (and anything else using that folder) first, then run the copy again.`,
    )
  }
  return pgliteDir
}

function lastMigration(): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[]
  }
  return Math.max(...journal.entries.map((e) => e.when))
}

function checkTarget(url: string) {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new CopyError(`--to must be a postgres:// URL, got "${url}".`)
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw new CopyError(`--to must be a postgres:// or postgresql:// URL, got "${parsed.protocol}//…".`)
  if (parsed.pathname.length <= 1) throw new CopyError('--to must name a database, e.g. postgres://user@host:5432/tandem.')
  return parsed
}

/** A URL fit to print: the password replaced. */
export function redact(url: string) {
  const u = new URL(url)
  if (u.password) u.password = '****'
  return u.toString()
}

type Sql = Pick<import('postgres').Sql, 'unsafe'>

async function tablesWithRows(sql: Sql, names: string[]) {
  const present = await sql.unsafe<{ name: string }[]>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relname = any($1::text[])`,
    [names],
  )
  const full: string[] = []
  for (const { name } of present) {
    const [row] = await sql.unsafe<{ any: boolean }[]>(`select exists (select 1 from ${ident(name)}) as any`)
    if (row.any) full.push(name)
  }
  return full
}

export async function copyToPostgres(options: CopyOptions): Promise<TableCount[]> {
  const log = options.log ?? (() => {})
  const batchSize = options.batchSize ?? 500
  checkTarget(options.to)
  const pgliteDir = checkSource(path.resolve(options.dataDir))
  const tables = tablesInForeignKeyOrder()
  const names = tables.map((t) => t.name)

  const { default: postgres } = await import('postgres')
  const target = postgres(options.to, { max: 1, onnotice: () => {} })
  const { PGlite } = await import('@electric-sql/pglite')
  let source: import('@electric-sql/pglite').PGlite | undefined
  try {
    try {
      await target`select 1`
    } catch (error) {
      throw new CopyError(`Cannot connect to ${redact(options.to)}: ${error instanceof Error ? error.message : String(error)}`)
    }
    const full = await tablesWithRows(target, names)
    if (full.length) {
      throw new CopyError(
        `The target database is not empty: ${full.join(', ')} already hold rows. Copy into a new, empty database (createdb tandem), so nothing is mixed or overwritten.`,
      )
    }

    try {
      source = new PGlite({ dataDir: pgliteDir })
      await source.waitReady
    } catch (error) {
      throw new CopyError(
        `PGlite could not open ${pgliteDir}: ${error instanceof Error ? error.message : String(error)}. Is Tandem still running on it?`,
      )
    }
    const migrated = await source
      .query<{ last: string | null }>('select max(created_at)::text as last from drizzle.__drizzle_migrations')
      .catch(() => ({ rows: [{ last: null }] }))
    const sourceLast = Number(migrated.rows[0]?.last ?? 0)
    if (sourceLast < lastMigration()) {
      throw new CopyError(
        'The embedded database is older than this version of Tandem. Start Tandem on it once (or run `npm run db:migrate` without DATABASE_URL) to migrate it, stop it, then copy.',
      )
    }
    if (sourceLast > lastMigration()) {
      throw new CopyError('The embedded database was migrated by a newer version of Tandem than this one. Run the copy from that version.')
    }

    log(`Migrating ${redact(options.to)} …`)
    const migrator = await connectPostgres(options.to, { migrate: true, max: 1 })
    await migrator.close()

    const src = source
    const counts: TableCount[] = []
    // One transaction on each side: the source is read as of one moment; the
    // target shows nothing (and keeps nothing) unless every table arrived whole.
    await src.transaction(async (read) => {
      await read.query('set transaction isolation level repeatable read')
      await target.begin(async (write) => {
        const late = await tablesWithRows(write, names)
        if (late.length) throw new CopyError(`The target database got rows while the copy started: ${late.join(', ')}.`)
        for (const t of tables) {
          const [{ n: expected }] = (await read.query<{ n: number }>(`select count(*)::int as n from ${ident(t.name)}`)).rows
          await read.query(
            `declare copy_rows no scroll cursor for select row_to_json(r)::text as j from ${ident(t.name)} r${SHUFFLED.has(t.name) ? ' order by random()' : ''}`,
          )
          for (;;) {
            const { rows } = await read.query<{ j: string }>(`fetch ${batchSize} from copy_rows`)
            if (!rows.length) break
            // json_populate_recordset turns each JSON object back into a row of the
            // table's own type, so every column keeps its type without naming it here.
            await write.unsafe(
              `insert into ${ident(t.name)} select * from json_populate_recordset(null::${ident(t.name)}, $1::text::json)`,
              [`[${rows.map((r) => r.j).join(',')}]`],
            )
          }
          await read.query('close copy_rows')
          const [{ n: copied }] = await write.unsafe<{ n: number }[]>(`select count(*)::int as n from ${ident(t.name)}`)
          counts.push({ table: t.name, source: expected, target: copied })
          log(
            `  ${t.name.padEnd(24)} ${String(expected).padStart(9)} → ${String(copied).padStart(9)}${SHUFFLED.has(t.name) ? '  (random order)' : ''}`,
          )
          if (copied !== expected)
            throw new CopyError(`${t.name}: ${expected} rows in the source but ${copied} in the target; nothing was committed.`)
        }
        // Serial columns (none today) continue after the copied values.
        const serials = await write.unsafe<{ table: string; column: string }[]>(
          `select table_name as table, column_name as column from information_schema.columns
           where table_schema = current_schema() and column_default like 'nextval(%' and table_name = any($1::text[])`,
          [names],
        )
        for (const s of serials) {
          await write.unsafe(
            `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${ident(s.column)}) from ${ident(s.table)}), 0) + 1, false)`,
            [ident(s.table), s.column],
          )
        }
      })
    })
    return counts
  } finally {
    await source?.close().catch(() => {})
    await target.end({ timeout: 5 })
  }
}

function usage() {
  return 'Usage: npm run db:copy -- --to postgres://user:pass@host:5432/tandem [--from ./data] [--batch-size 500]'
}

export function parseArgs(argv: string[]) {
  const args: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(to|from|batch-size)(?:=(.*))?$/.exec(argv[i])
    if (!m) throw new CopyError(`Unknown argument "${argv[i]}".\n${usage()}`)
    const value = m[2] ?? argv[++i]
    if (value === undefined || value === '') throw new CopyError(`--${m[1]} needs a value.\n${usage()}`)
    args[m[1]] = value
  }
  if (!args.to) throw new CopyError(`--to is required.\n${usage()}`)
  const batchSize = args['batch-size'] === undefined ? 500 : Number(args['batch-size'])
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
    throw new CopyError('--batch-size must be a whole number from 1 to 10000.')
  return { to: args.to, dataDir: path.resolve(args.from ?? process.env.DATA_DIR ?? './data'), batchSize }
}

async function main() {
  const { to, dataDir, batchSize } = parseArgs(process.argv.slice(2))
  console.log(`Copying ${path.join(dataDir, 'pglite')} into ${redact(to)}`)
  const counts = await copyToPostgres({ dataDir, to, batchSize, log: (line) => console.log(line) })
  const rows = counts.reduce((sum, c) => sum + c.target, 0)
  const secretFile = path.join(dataDir, 'session-secret')
  console.log(`\nCopied ${rows} rows in ${counts.length} tables, in one transaction. Row counts match on both sides.`)
  console.log('\nNext, start Tandem on PostgreSQL with:')
  console.log(`  DATABASE_URL='${redact(to)}'${new URL(to).password ? '   (with the real password)' : ''}`)
  if (existsSync(secretFile)) {
    console.log(`  SESSION_SECRET="$(cat ${secretFile})"`)
    console.log('The same session secret keeps everyone signed in and keeps emailed unsubscribe links working.')
  } else {
    console.log('  SESSION_SECRET: the value this install already uses, so sessions and emailed links keep working.')
  }
  console.log(`The embedded database in ${path.join(dataDir, 'pglite')} was only read: keep it until you have checked the new install.`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error instanceof CopyError ? error.message : error)
    process.exit(1)
  })
}
