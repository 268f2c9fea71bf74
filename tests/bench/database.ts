// The bench's PostgreSQL databases. The generated company is cached as a
// template database named from the generator's arguments and a hash of the
// migrations, so a rerun only copies it (CREATE DATABASE … TEMPLATE); each run
// works on its own copy and drops it. Nothing here imports the app: the bench
// talks to the app over HTTP and reads only the public schema.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import postgres from 'postgres'

export const root = path.resolve(import.meta.dirname, '../..')

export type Company = { teams: number; years: number; intake: number; until: string }

export function databaseUrl(adminUrl: string, name: string) {
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** Changes whenever a migration is added or edited, so a template never outlives its schema. */
export function migrationsHash() {
  const dir = path.join(root, 'db/migrations')
  const hash = createHash('sha256')
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(file).update(readFileSync(path.join(dir, file)))
  }
  return hash.digest('hex').slice(0, 8)
}

function templateStem(prefix: string, c: Company) {
  return `${prefix}tpl_t${c.teams}_y${String(c.years).replace('.', 'p')}_i${c.intake}_s1_`
}

/** Runs a repository script with DATABASE_URL set; its progress goes to our stderr. */
function runScript(script: string, args: string[], url: string) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} ${args.join(' ')} exited with ${code}`))))
  })
}

export function adminClient(adminUrl: string) {
  return postgres(adminUrl, { max: 1, onnotice: () => {} })
}

/**
 * The template for `company`, made if missing: an empty database, migrated,
 * filled by `npm run bench:seed`, then renamed and marked as a template that
 * accepts no connections. Older templates of the same shape are dropped.
 */
export async function ensureTemplate(adminUrl: string, prefix: string, company: Company, log: (line: string) => void) {
  const admin = adminClient(adminUrl)
  try {
    const stem = templateStem(prefix, company)
    const name = `${stem}${company.until.replaceAll('-', '')}_${migrationsHash()}`
    const existing = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${prefix}%`}`
    if (existing.some((d) => d.datname === name)) {
      log(`Template ${name} exists: copying it.`)
      return { name, seededSeconds: 0 }
    }
    // A build that was killed, or a template of the same shape from another day or schema.
    for (const { datname } of existing) {
      if (datname.startsWith(`${prefix}build_`) || datname.startsWith(stem)) await dropDatabase(admin, datname)
    }
    const building = `${prefix}build_${process.pid}`
    await admin.unsafe(`create database ${building}`)
    const started = performance.now()
    try {
      const url = databaseUrl(adminUrl, building)
      log(`Making template ${name}: migrating and generating ${company.teams} teams × ${company.years} years…`)
      await runScript('db/migrate.ts', [], url)
      await runScript(
        'db/bench-seed.ts',
        [
          ...['--teams', String(company.teams), '--years', String(company.years), '--seed', '1'],
          ...['--intake', String(company.intake), '--until', company.until],
        ],
        url,
      )
      await admin.unsafe(`alter database ${building} rename to ${name}`)
      await admin.unsafe(`alter database ${name} is_template true allow_connections false`)
    } catch (error) {
      await dropDatabase(admin, building)
      throw error
    }
    return { name, seededSeconds: (performance.now() - started) / 1000 }
  } finally {
    await admin.end()
  }
}

async function dropDatabase(admin: postgres.Sql, name: string) {
  await admin.unsafe(`alter database ${name} is_template false allow_connections true`).catch(() => {})
  await admin.unsafe(`drop database if exists ${name} with (force)`)
}

/** A working copy of the template, dropped by `drop()`. */
export async function copyTemplate(adminUrl: string, prefix: string, template: string) {
  const admin = adminClient(adminUrl)
  const name = `${prefix}run_${process.pid}_${Date.now().toString(36)}`
  const started = performance.now()
  await admin.unsafe(`create database ${name} template ${template}`)
  const seconds = (performance.now() - started) / 1000
  return {
    name,
    url: databaseUrl(adminUrl, name),
    seconds,
    async drop() {
      await dropDatabase(admin, name)
      await admin.end()
    },
  }
}

export type Intake = { email: string; userId: string; roundId: string; teamId: string; workspaceId: string; discipline: string }

/** What the bench needs to know about the copy, read from the public schema. */
export async function readFixture(db: postgres.Sql) {
  const intake = await db<Intake[]>`
    select u.email, u.id as "userId", r.id as "roundId", r.team_id as "teamId", r.workspace_id as "workspaceId", rr.discipline
    from users u
    join round_roster rr on rr.user_id = u.id
    join rounds r on r.id = rr.round_id and r.status = 'open'
    where u.email like 'bench-member-%'
      and not exists (select 1 from participations p where p.round_id = r.id and p.user_id = u.id)
    order by substring(u.email from 'bench-member-([0-9]+)@')::int`
  const items = await db<{ roundId: string; itemId: string }[]>`
    select round_id as "roundId", item_id as "itemId" from round_items
    where round_id in (select id from rounds where status = 'open') order by round_id, position`
  const itemsByRound = new Map<string, string[]>()
  for (const i of items) itemsByRound.set(i.roundId, [...(itemsByRound.get(i.roundId) ?? []), i.itemId])
  // A team the 10-team leader leads that has a published autopsy: its pulse page and the autopsy.
  const [page] = await db<{ teamId: string; autopsyId: string }[]>`
    select a.team_id as "teamId", a.id as "autopsyId" from autopsies a
    join memberships m on m.team_id = a.team_id and m.role = 'leader'
    join users u on u.id = m.user_id and u.email = 'bench-leader-10@tandem.bench'
    where a.stage = 'published' order by a.id limit 1`
  return { intake, itemsByRound, page }
}

/** Stored participations among `pairs`, and the answer rows of their rounds. */
export async function storedFor(db: postgres.Sql, pairs: Intake[]) {
  const rounds = [...new Set(pairs.map((p) => p.roundId))]
  const stored = await db<{ userId: string; roundId: string; n: number }[]>`
    select user_id as "userId", round_id as "roundId", count(*)::int as n from participations
    where (round_id, user_id) in (select * from unnest(${pairs.map((p) => p.roundId)}::uuid[], ${pairs.map((p) => p.userId)}::uuid[]))
    group by 1, 2`
  const [counts] = await db<{ participations: number; responses: number; answers: number }[]>`
    select
      (select count(*)::int from participations where round_id = any(${rounds}::uuid[])) as participations,
      (select count(*)::int from responses where round_id = any(${rounds}::uuid[])) as responses,
      (select count(*)::int from answers a join responses r on r.id = a.response_id where r.round_id = any(${rounds}::uuid[])) as answers`
  return { pairs: new Set(stored.map((s) => `${s.userId}:${s.roundId}`)), duplicates: stored.filter((s) => s.n > 1).length, ...counts }
}

/** The floor under the intake: the same rows the app writes for one answer, in one transaction. */
export async function rawAnswer(db: postgres.Sql, member: Intake, items: string[], n: number) {
  await db.begin(async (tx) => {
    await tx`insert into participations (workspace_id, round_id, user_id) values (${member.workspaceId}, ${member.roundId}, ${member.userId})`
    const [response] = await tx<{ id: string }[]>`
      insert into responses (workspace_id, round_id, team_id, discipline, comment)
      values (${member.workspaceId}, ${member.roundId}, ${member.teamId}, ${member.discipline}, ${n % 3 === 0 ? 'We agreed on the problem before anyone wrote a spec.' : null})
      returning id`
    const rows = items.map((itemId, i) => ({
      workspace_id: member.workspaceId,
      response_id: response.id,
      item_id: itemId,
      value: ((i + n) % 7) + 1,
    }))
    await tx`insert into answers ${tx(rows)}`
  })
}
