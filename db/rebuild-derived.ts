// `npm run db:rebuild-derived`: recomputes everything the app derives when it
// writes, from the raw rows, team by team in batches. For use after a restore,
// an import, or a fix to a rule: the rollups that trend views and the digest
// read, and the columns the feature log derives on every write.
//
// Each statement is the set-based form of the app's own per-item SQL in
// app/models/rollups.server.ts (refreshRoundRollup, refreshFeatureMonth,
// refreshAutopsyMonth): the same joins, filters and aggregates over many
// rounds or months at once. tests/integration/rebuild-derived.test.ts proves
// the rows equal what the app writes incrementally.
import { sql, type SQL } from 'drizzle-orm'
import { closeConnection, getConnection, type Database, type Tx } from './client.server'
import { duration, progressBar } from './seed/bench/progress'
import { classify, countWords, estimatePages, QUESTIONS } from '~/domain/classification'
import { STAGE_KEYS } from '~/domain/stages'

export type TeamSet = { workspaceId: string; teamIds: readonly string[] }
type Conn = Database | Tx

const list = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )

function inScope(alias: string, scope: TeamSet): SQL {
  return sql`${sql.raw(alias)}.workspace_id = ${scope.workspaceId}::uuid and ${sql.raw(alias)}.team_id in (${list(scope.teamIds)})`
}

/** Classification and "engineering before spec", by the one rule in ~/domain/classification, for every stage × question. */
async function rebuildClassification(db: Conn, scope: TeamSet) {
  const rules = STAGE_KEYS.flatMap((stage) =>
    QUESTIONS.map((question) => {
      const c = classify({ engineeringJoinedStage: stage, question })
      return sql`(${stage}::text, ${question}::text, ${c.classification}::text, ${c.engineeringBeforeSpec}::boolean)`
    }),
  )
  await db.execute(sql`
    update features f set classification = v.classification, engineering_before_spec = v.before_spec
    from (values ${sql.join(rules, sql`, `)}) as v(stage, question, classification, before_spec)
    where ${inScope('f', scope)} and f.engineering_joined_stage = v.stage and f.question = v.question
      and (f.classification <> v.classification or f.engineering_before_spec <> v.before_spec)
  `)
  // A pasted spec's word and page counts come from its text.
  const pasted = await db.execute(
    sql`select id, spec_text, spec_words, spec_pages from features f where ${inScope('f', scope)} and spec_text is not null`,
  )
  for (const f of rowsOf<{ id: string; spec_text: string; spec_words: number; spec_pages: string | number }>(pasted)) {
    const words = countWords(f.spec_text)
    const pages = estimatePages(words)
    if (words !== f.spec_words || pages !== Number(f.spec_pages)) {
      await db.execute(sql`update features set spec_words = ${words}, spec_pages = ${pages} where id = ${f.id}`)
    }
  }
}

/**
 * pulse_rollups for every closed round of the teams: refreshRoundRollup's
 * query over many rounds. The score sum adds the means from the smallest up,
 * so the same answers give the same bits whatever the plan, the batch size or
 * the random ids.
 */
async function rebuildPulse(db: Conn, scope: TeamSet) {
  await db.execute(sql`delete from pulse_rollups pr where ${inScope('pr', scope)}`)
  const closed = sql`${inScope('rr', scope)} and rr.status = 'closed'`
  await db.execute(sql`
    insert into pulse_rollups (workspace_id, team_id, round_id, closed_at, discipline, dimension, responses, score_sum, scored, anonymity_k)
    select r.workspace_id, r.team_id, r.id, coalesce(r.closed_at, r.closes_at), per.discipline, per.dimension, cells.responses, sum(per.m order by per.m), count(*), r.anonymity_k
    from rounds r
    join (
      select resp.round_id, resp.id, resp.discipline, si.dimension,
             avg(case when si.reverse_scored then 8 - a.value else a.value end)::float8 as m
      from rounds rr
      join responses resp on resp.workspace_id = rr.workspace_id and resp.round_id = rr.id
      -- Each response's answers through the primary key (offset 0 keeps this a per-response lookup),
      -- rather than a scan of every answer ever given for each batch of teams.
      cross join lateral (select a.item_id, a.value from answers a where a.response_id = resp.id offset 0) a
      join survey_items si on si.id = a.item_id
      where ${closed}
      group by resp.round_id, resp.id, resp.discipline, si.dimension
    ) per on per.round_id = r.id
    join (
      select resp.round_id, resp.discipline, count(*)::int as responses
      from rounds rr
      join responses resp on resp.workspace_id = rr.workspace_id and resp.round_id = rr.id
      where ${closed}
      group by resp.round_id, resp.discipline
    ) cells on cells.round_id = r.id and cells.discipline = per.discipline
    where r.status = 'closed'
    group by r.workspace_id, r.team_id, r.id, r.closed_at, r.closes_at, per.discipline, per.dimension, cells.responses, r.anonymity_k
  `)
}

const monthOf = (column: string) => sql.raw(`date_trunc('month', ${column}::timestamp)::date`)

/** feature_rollups for every team-month with features: refreshFeatureMonth's query, grouped by month. */
async function rebuildFeatureMonths(db: Conn, scope: TeamSet) {
  await db.execute(sql`delete from feature_rollups fr where ${inScope('fr', scope)}`)
  await db.execute(sql`
    insert into feature_rollups (workspace_id, team_id, month, features, missed, different_without_upset, engineering_before_spec, handoff, collaboration, spec_words)
    select f.workspace_id, f.team_id, ${monthOf('f.shipped_on')}, count(*)::int,
      count(*) filter (where outcome = 'not_what_we_asked')::int,
      count(*) filter (where shipped_as = 'differently' and cardinality(upset_disciplines) = 0)::int,
      count(*) filter (where engineering_before_spec)::int,
      count(*) filter (where classification = 'handoff')::int,
      count(*) filter (where classification = 'collaboration')::int,
      coalesce(array_agg(spec_words order by spec_words) filter (where spec_words > 0), '{}')
    from features f
    where ${inScope('f', scope)}
    group by f.workspace_id, f.team_id, 3
  `)
}

/** autopsy_rollups for every team-month with published autopsies (by the feature's ship month): refreshAutopsyMonth's query, grouped by month. */
async function rebuildAutopsyMonths(db: Conn, scope: TeamSet) {
  await db.execute(sql`delete from autopsy_rollups ar where ${inScope('ar', scope)}`)
  const published = sql`${inScope('a', scope)} and a.stage = 'published'`
  await db.execute(sql`
    insert into autopsy_rollups (workspace_id, team_id, month, kind, key, count)
    select a.workspace_id, a.team_id, ${monthOf('f.shipped_on')}, 'stage', a.failure_origin_stage, count(*)::int
    from autopsies a join features f on f.id = a.feature_id
    where ${published} and a.failure_origin_stage is not null
    group by a.workspace_id, a.team_id, 3, a.failure_origin_stage
    union all
    select a.workspace_id, a.team_id, ${monthOf('f.shipped_on')}, 'factor',
      case when af.factor = 'custom' then 'custom:' || af.label else af.factor end, count(*)::int
    from autopsies a join features f on f.id = a.feature_id join autopsy_factors af on af.autopsy_id = a.id
    where ${published}
    group by a.workspace_id, a.team_id, 3, 5
  `)
}

/** The feature log's month rollups for a set of teams, in the caller's transaction. */
export async function rebuildLogRollups(db: Conn, scope: TeamSet) {
  await rebuildFeatureMonths(db, scope)
  await rebuildAutopsyMonths(db, scope)
}

/**
 * Everything derived for a set of teams of one workspace, in the caller's
 * transaction. The rollup tables are locked first, so an app instance that
 * closes a round or logs a feature meanwhile waits and then writes on top of
 * the rebuilt rows instead of racing them.
 */
export async function rebuildTeams(db: Conn, scope: TeamSet) {
  if (!scope.teamIds.length) return
  await db.execute(sql`lock table pulse_rollups, feature_rollups, autopsy_rollups in share row exclusive mode`)
  // Room to group a batch's answers in memory instead of spilling to disk.
  await db.execute(sql`set local work_mem = '64MB'`)
  await rebuildClassification(db, scope)
  await rebuildPulse(db, scope)
  await rebuildLogRollups(db, scope)
}

/** Rows of db.execute on either driver (postgres.js returns an array, PGlite an object with rows). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result
  if (result && typeof result === 'object' && 'rows' in result && Array.isArray(result.rows)) return result.rows
  return []
}

export type RebuildSummary = {
  teams: number
  rounds: number
  pulseRollups: number
  featureRollups: number
  autopsyRollups: number
  seconds: number
}

/** Every team of every workspace, `batch` teams to a transaction. */
export async function rebuildDerived(db: Database, { batch = 25, progress = true } = {}): Promise<RebuildSummary> {
  const started = performance.now()
  const teams = rowsOf<{ workspace_id: string; id: string }>(
    await db.execute(sql`select workspace_id, id from teams order by workspace_id, created_at, id`),
  )
  const bar = progress ? progressBar('Rebuilding derived rows', teams.length) : null
  let done = 0
  for (let i = 0; i < teams.length;) {
    const workspaceId = teams[i].workspace_id
    const ids: string[] = []
    while (i < teams.length && teams[i].workspace_id === workspaceId && ids.length < batch) ids.push(teams[i++].id)
    await db.transaction((tx) => rebuildTeams(tx, { workspaceId, teamIds: ids }))
    done += ids.length
    bar?.update(done, 'teams')
  }
  await db.execute(sql`analyze pulse_rollups, feature_rollups, autopsy_rollups`)
  const count = async (table: string) =>
    Number(rowsOf<{ n: number | string }>(await db.execute(sql.raw(`select count(*) as n from ${table}`)))[0]?.n ?? 0)
  const seconds = (performance.now() - started) / 1000
  bar?.finish(`teams in ${duration(seconds)}`)
  return {
    teams: teams.length,
    rounds: Number(
      rowsOf<{ n: number | string }>(await db.execute(sql`select count(*) as n from rounds where status = 'closed'`))[0]?.n ?? 0,
    ),
    pulseRollups: await count('pulse_rollups'),
    featureRollups: await count('feature_rollups'),
    autopsyRollups: await count('autopsy_rollups'),
    seconds: Math.round(seconds * 10) / 10,
  }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')
if (isMain) {
  try {
    const { db } = await getConnection()
    console.log(JSON.stringify(await rebuildDerived(db)))
  } catch (error) {
    process.stderr.write('\n')
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  } finally {
    await closeConnection()
  }
}
